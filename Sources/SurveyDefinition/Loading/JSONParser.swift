/// A strict JSON parser (RFC 8259) that records the line and column of every value
/// and reports syntax errors by position with a hint about what was expected.
///
/// Limits guard against absurd input: nesting deeper than `maximumDepth` is refused
/// rather than overflowing the stack.
package struct JSONParser {
    /// A syntax error at a position, with what was expected there.
    package struct SyntaxError: Error, Equatable, Sendable {
        /// Where the error is.
        package var position: SourcePosition
        /// What is wrong and what was expected.
        package var message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var depth = 0
    /// Nesting deeper than this is refused.
    var maximumDepth = 64

    /// A parser of the UTF-8 `bytes`.
    package init(bytes: [UInt8]) {
        // Skip a UTF-8 byte-order mark: editors on Windows write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            self.bytes = Array(bytes.dropFirst(3))
        } else {
            self.bytes = bytes
        }
    }

    /// The JSON document in `bytes` of a definition-like `file` (a survey definition,
    /// an import mapping); a syntax error is a ``DefinitionError`` naming the file, the
    /// line and the column.
    package static func definitionDocument(_ bytes: [UInt8], file: String) throws(DefinitionError) -> JSONValue {
        do {
            var parser = JSONParser(bytes: bytes)
            return try parser.parseDocument()
        } catch {
            throw DefinitionError(problems: [
                DefinitionProblem(file: file, position: error.position, message: "not valid JSON: \(error.message)")
            ])
        }
    }

    /// Parses `text` as one JSON document.
    package static func parse(_ text: String) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes: Array(text.utf8))
        return try parser.parseDocument()
    }

    /// Parses a copy of this parser's input, for one-shot use.
    func parsedDocument() throws(SyntaxError) -> JSONValue {
        var copy = self
        return try copy.parseDocument()
    }

    /// Parses the bytes as one JSON document, with nothing but whitespace after it.
    mutating func parseDocument() throws(SyntaxError) -> JSONValue {
        skipWhitespace()
        if index >= bytes.count { throw error("the file is empty; expected a JSON object starting with {") }
        let value = try parseValue()
        skipWhitespace()
        if index < bytes.count {
            throw error(
                "unexpected \(describeCurrent()) after the end of the JSON value; remove it or check for a missing [ or {"
            )
        }
        return value
    }

    /// The column of byte `counted.index` on the current line, so that a position is
    /// counted on from the last one instead of from the start of the line: a minified
    /// file is one long line, and counting from its start at every value made reading
    /// it grow with the square of its length (a 1.5 MB engage.json took minutes).
    private var counted = (index: 0, column: 1)

    /// Where the parser is, counting the column on from the last position asked for.
    private var position: SourcePosition {
        mutating get {
            // Columns count characters, not bytes: skip UTF-8 continuation bytes.
            var (i, column) = counted
            if i < lineStart || i > index { (i, column) = (lineStart, 1) }
            while i < index && i < bytes.count {
                if bytes[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            counted = (i, column)
            return SourcePosition(line: line, column: column)
        }
    }

    private func error(_ message: String) -> SyntaxError {
        var copy = self
        return SyntaxError(position: copy.position, message: message)
    }

    private func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let b = bytes[index]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09:
                index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            case 0x0D:
                index += 1
                if index < bytes.count && bytes[index] == 0x0A { index += 1 }
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private mutating func parseValue() throws(SyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error("the file ends where a value was expected; is it cut off?") }
        let start = position
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return JSONValue(.string(try parseString()), at: start)
        case UInt8(ascii: "t"):
            try expectWord("true")
            return JSONValue(.bool(true), at: start)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return JSONValue(.bool(false), at: start)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return JSONValue(.null, at: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONValue(.number(try parseNumber()), at: start)
        case UInt8(ascii: "'"):
            throw error("strings must use double quotes (\"), not single quotes")
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
            throw error(
                "unexpected \(describeCurrent()): a value was expected here; check for a trailing comma before it")
        default:
            throw error(
                "unexpected \(describeCurrent()): expected a value (a \"string\", number, true, false, null, [ or {)")
        }
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        if depth > maximumDepth {
            throw error("nesting deeper than \(maximumDepth) levels; a survey definition never needs this")
        }
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONValue {
        let start = position
        try enter()
        defer { depth -= 1 }
        index += 1
        var members: [(key: String, keyPosition: SourcePosition, value: JSONValue)] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return JSONValue(.object(members), at: start)
        }
        while true {
            skipWhitespace()
            guard index < bytes.count else {
                throw error("the file ends inside an object that opened at \(start); add the closing }")
            }
            guard bytes[index] == UInt8(ascii: "\"") else {
                if bytes[index] == UInt8(ascii: "}") {
                    throw error("a trailing comma before } is not allowed in JSON; remove the comma")
                }
                throw error("expected a member name in double quotes, found \(describeCurrent())")
            }
            let keyPosition = position
            let key = try parseString()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
                throw error("expected ':' after the member name \"\(key)\", found \(describeCurrent())")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue()
            members.append((key, keyPosition, value))
            skipWhitespace()
            guard index < bytes.count else {
                throw error("the file ends inside an object that opened at \(start); add the closing }")
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return JSONValue(.object(members), at: start)
            }
            throw error(
                "expected ',' or '}' after the value of \"\(key)\", found \(describeCurrent()); is a comma missing?")
        }
    }

    private mutating func parseArray() throws(SyntaxError) -> JSONValue {
        let start = position
        try enter()
        defer { depth -= 1 }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return JSONValue(.array(elements), at: start)
        }
        while true {
            skipWhitespace()
            if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                throw error("a trailing comma before ] is not allowed in JSON; remove the comma")
            }
            elements.append(try parseValue())
            skipWhitespace()
            guard index < bytes.count else {
                throw error("the file ends inside a list that opened at \(start); add the closing ]")
            }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return JSONValue(.array(elements), at: start)
            }
            throw error("expected ',' or ']' in the list, found \(describeCurrent()); is a comma missing?")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(SyntaxError) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for b in expected {
            guard index < bytes.count, bytes[index] == b else {
                throw error("unexpected \(describeCurrent()): did you mean \(word)? Text values need double quotes")
            }
            index += 1
        }
    }

    private mutating func parseNumber() throws(SyntaxError) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            var n = 0
            while p.index < p.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(p.bytes[p.index]) {
                p.index += 1
                n += 1
            }
            return n
        }
        if digits(&self) == 0 { throw error("a number needs digits after '-'") }
        if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
            index += 1
            if digits(&self) == 0 { throw error("a number needs digits after the decimal point") }
        }
        if index < bytes.count && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if index < bytes.count && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) {
                index += 1
            }
            if digits(&self) == 0 { throw error("a number needs digits in its exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw error("the number \(text) is out of range") }
        return value
    }

    private mutating func parseString() throws(SyntaxError) -> String {
        let startPosition = position
        index += 1
        var runStart = index
        var result = ""
        func flush(_ p: JSONParser, _ end: Int, into result: inout String) {
            if end > runStart { result += String(decoding: p.bytes[runStart..<end], as: UTF8.self) }
        }
        while true {
            guard index < bytes.count else {
                throw SyntaxError(
                    position: startPosition, message: "a string starting here never ends; add the closing \"")
            }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                flush(self, index, into: &result)
                index += 1
                return result
            }
            if b == 0x0A || b == 0x0D {
                throw SyntaxError(
                    position: startPosition,
                    message:
                        "a string starting here runs onto the next line; close it with \" or write a line break as \\n")
            }
            if b < 0x20 {
                throw error(
                    "control character 0x\(String(b, radix: 16)) inside a string; write it as an escape such as \\t")
            }
            if b == UInt8(ascii: "\\") {
                flush(self, index, into: &result)
                index += 1
                guard index < bytes.count else { throw error("the file ends inside a string escape") }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): result += "\""
                case UInt8(ascii: "\\"): result += "\\"
                case UInt8(ascii: "/"): result += "/"
                case UInt8(ascii: "b"): result += "\u{08}"
                case UInt8(ascii: "f"): result += "\u{0C}"
                case UInt8(ascii: "n"): result += "\n"
                case UInt8(ascii: "r"): result += "\r"
                case UInt8(ascii: "t"): result += "\t"
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"),
                            bytes[index + 1] == UInt8(ascii: "u")
                        else {
                            throw error("an unpaired surrogate \\u escape; write the character itself instead")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else {
                            throw error("an invalid surrogate pair in a \\u escape")
                        }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else {
                        throw error("\\u escape does not name a valid character")
                    }
                    result.unicodeScalars.append(scalar)
                default:
                    throw error(
                        "unknown escape \\\(Character(Unicode.Scalar(e))) in a string; use \\\\ for a backslash")
                }
                runStart = index
                continue
            }
            index += 1
        }
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw error("the file ends inside a \\u escape") }
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("\\u must be followed by four hex digits")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }
}
