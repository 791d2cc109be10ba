/// A small pull scanner for the XML that Office Open XML workbooks hold, working on
/// UTF-8 bytes in place.
///
/// engage reads workbooks with this instead of Foundation's `XMLParser`: on Linux that
/// is a separate library (FoundationXML, over libxml2) whose handling of document type
/// declarations engage could not control, and an event parser that makes a `String`
/// for every element name and attribute is several times slower than scanning bytes
/// for the handful of elements a sheet uses. What it reads: elements with attributes
/// (namespace prefixes ignored: `x:row` is `row`), text, CDATA, comments and processing
/// instructions (skipped), the five predefined entities and character references. What
/// it refuses: a document type declaration (`<!DOCTYPE`, which is where entities would
/// be declared) and any other named entity, so no entity is ever expanded.
///
/// Tokens are returned only when complete: at the end of the bytes seen so far the
/// scanner says `needMore`, and the caller (reading a stream) refills and starts again
/// from a point it chose (the start of a row, say).
struct XMLScanner {
    enum Token {
        /// `<name attributes>` or `<name attributes/>` (`empty`).
        case start(name: Range<Int>, attributes: Range<Int>, empty: Bool)
        case end(name: Range<Int>)
        /// Character data (entities not yet decoded).
        case text(Range<Int>)
        /// The contents of a CDATA section (taken literally).
        case cdata(Range<Int>)
    }

    enum Step {
        case token(Token)
        case needMore
        case endOfInput
    }

    let buffer: UnsafeBufferPointer<UInt8>
    var position: Int
    /// Whether `buffer` runs to the end of the part (so nothing more will come).
    let isFinal: Bool
    /// The part's name, for messages.
    let part: String

    init(_ buffer: UnsafeBufferPointer<UInt8>, from position: Int = 0, isFinal: Bool, part: String) {
        self.buffer = buffer
        self.position = position
        self.isFinal = isFinal
        self.part = part
    }

    @inline(__always) private func find(_ byte: UInt8, from start: Int) -> Int? {
        var i = start
        let end = buffer.count
        while i < end {
            if buffer[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// Finds `pattern` (ASCII) at or after `start`.
    private func find(_ pattern: StaticString, from start: Int) -> Int? {
        let p = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        var i = start
        while let hit = find(p[0], from: i) {
            if hit + p.count > buffer.count { return nil }
            var k = 1
            while k < p.count && buffer[hit + k] == p[k] { k += 1 }
            if k == p.count { return hit }
            i = hit + 1
        }
        return nil
    }

    @inline(__always) private func startsWith(_ pattern: StaticString, at i: Int) -> Bool? {
        let n = pattern.utf8CodeUnitCount
        if i + n > buffer.count { return nil }
        let p = pattern.utf8Start
        for k in 0..<n where buffer[i + k] != p[k] { return false }
        return true
    }

    /// The next token.
    mutating func next() throws(WorkbookError) -> Step {
        let start = position
        guard start < buffer.count else { return isFinal ? .endOfInput : .needMore }
        if buffer[start] != UInt8(ascii: "<") {
            guard let lt = find(UInt8(ascii: "<"), from: start) else {
                if isFinal {
                    position = buffer.count
                    return .token(.text(start..<buffer.count))
                }
                return .needMore
            }
            position = lt
            return .token(.text(start..<lt))
        }
        guard start + 1 < buffer.count else { return try isFinal ? malformedEnd() : .needMore }
        switch buffer[start + 1] {
        case UInt8(ascii: "/"):
            guard let gt = find(UInt8(ascii: ">"), from: start + 2) else {
                return try isFinal ? malformedEnd() : .needMore
            }
            var nameEnd = start + 2
            while nameEnd < gt && !Self.isSpace(buffer[nameEnd]) { nameEnd += 1 }
            position = gt + 1
            return .token(.end(name: (start + 2)..<nameEnd))
        case UInt8(ascii: "?"):
            guard let close = find("?>", from: start + 2) else { return try isFinal ? malformedEnd() : .needMore }
            position = close + 2
            return try next()
        case UInt8(ascii: "!"):
            if let comment = startsWith("<!--", at: start), comment {
                guard let close = find("-->", from: start + 4) else { return try isFinal ? malformedEnd() : .needMore }
                position = close + 3
                return try next()
            }
            if let cdata = startsWith("<![CDATA[", at: start), cdata {
                guard let close = find("]]>", from: start + 9) else { return try isFinal ? malformedEnd() : .needMore }
                position = close + 3
                return .token(.cdata((start + 9)..<close))
            }
            if startsWith("<![CDATA[", at: start) == nil && !isFinal { return .needMore }
            // <!DOCTYPE, <!ENTITY, <!ELEMENT...: declarations Excel never writes.
            throw .declaration(part: part)
        default:
            // A start tag: find its '>' outside quoted attribute values.
            var i = start + 1
            var quote: UInt8 = 0
            let end = buffer.count
            while i < end {
                let b = buffer[i]
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == UInt8(ascii: ">") {
                    break
                } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                    quote = b
                }
                i += 1
            }
            guard i < end else { return try isFinal ? malformedEnd() : .needMore }
            var nameEnd = start + 1
            while nameEnd < i && !Self.isSpace(buffer[nameEnd]) && buffer[nameEnd] != UInt8(ascii: "/") { nameEnd += 1 }
            let empty = buffer[i - 1] == UInt8(ascii: "/") && i - 1 > start
            guard nameEnd > start + 1 else { throw .malformedXML(part: part, detail: "a '<' that starts no element") }
            position = i + 1
            return .token(.start(name: (start + 1)..<nameEnd, attributes: nameEnd..<(empty ? i - 1 : i), empty: empty))
        }
    }

    private func malformedEnd() throws(WorkbookError) -> Step {
        throw .malformedXML(part: part, detail: "it ends inside a tag")
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    /// The name without its namespace prefix.
    @inline(__always) func local(_ name: Range<Int>) -> Range<Int> {
        var i = name.upperBound - 1
        while i >= name.lowerBound {
            if buffer[i] == UInt8(ascii: ":") { return (i + 1)..<name.upperBound }
            i -= 1
        }
        return name
    }

    /// Whether the element name (prefix ignored) is `wanted`.
    @inline(__always) func named(_ name: Range<Int>, _ wanted: StaticString) -> Bool {
        let l = local(name)
        guard l.count == wanted.utf8CodeUnitCount else { return false }
        let p = wanted.utf8Start
        for k in 0..<l.count where buffer[l.lowerBound + k] != p[k] { return false }
        return true
    }

    /// Calls `body` with each attribute's name and (undecoded) value.
    func attributes(
        _ range: Range<Int>, _ body: (_ name: Range<Int>, _ value: Range<Int>) throws(WorkbookError) -> Void
    ) throws(WorkbookError) {
        var i = range.lowerBound
        let end = range.upperBound
        while true {
            while i < end && Self.isSpace(buffer[i]) { i += 1 }
            if i >= end { return }
            let nameStart = i
            while i < end && buffer[i] != UInt8(ascii: "=") && !Self.isSpace(buffer[i]) { i += 1 }
            let name = nameStart..<i
            while i < end && Self.isSpace(buffer[i]) { i += 1 }
            guard i < end, buffer[i] == UInt8(ascii: "=") else {
                throw .malformedXML(part: part, detail: "an attribute without a value")
            }
            i += 1
            while i < end && Self.isSpace(buffer[i]) { i += 1 }
            guard i < end, buffer[i] == UInt8(ascii: "\"") || buffer[i] == UInt8(ascii: "'") else {
                throw .malformedXML(part: part, detail: "an attribute value without quotes")
            }
            let quote = buffer[i]
            i += 1
            let valueStart = i
            while i < end && buffer[i] != quote { i += 1 }
            guard i < end else { throw .malformedXML(part: part, detail: "an attribute value that never ends") }
            try body(name, valueStart..<i)
            i += 1
        }
    }

    /// Whether the attribute name (prefix ignored) is `wanted`; `prefixed` demands a prefix (`r:id`).
    @inline(__always) func attribute(_ name: Range<Int>, is wanted: StaticString, prefixed: Bool = false) -> Bool {
        let l = local(name)
        if prefixed && l == name { return false }
        if !prefixed && l != name { return false }
        return named(name, wanted)
    }

    /// The decoded text of `range` as a `String`.
    func string(_ range: Range<Int>) throws(WorkbookError) -> String {
        var out: [UInt8] = []
        try XMLText.decode(UnsafeBufferPointer(rebasing: buffer[range]), into: &out, part: part)
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of `range` as a non-negative decimal integer, if it is one.
    func integer(_ range: Range<Int>) -> Int? {
        var value = 0
        var i = range.lowerBound
        var end = range.upperBound
        while i < end && Self.isSpace(buffer[i]) { i += 1 }
        while end > i && Self.isSpace(buffer[end - 1]) { end -= 1 }
        guard i < end, end - i <= 18 else { return nil }
        while i < end {
            let d = buffer[i] &- 0x30
            guard d <= 9 else { return nil }
            value = value * 10 + Int(d)
            i += 1
        }
        return value
    }

    /// Skips to the end of the element whose start tag was just read (`depth` 1), over
    /// nested elements. `false` when the bytes run out first.
    mutating func skipElement() throws(WorkbookError) -> Bool {
        var depth = 1
        while depth > 0 {
            switch try next() {
            case .needMore, .endOfInput: return false
            case .token(.start(_, _, let empty)): if !empty { depth += 1 }
            case .token(.end): depth -= 1
            case .token: break
            }
        }
        return true
    }
}

/// Decoding XML character data into UTF-8: the five predefined entities, character
/// references, and (for spreadsheet strings) Office's `_xHHHH_` escapes.
enum XMLText {
    /// Appends the decoded form of `text` to `out`.
    /// - Throws: ``WorkbookError/entity(part:name:)`` for any other named entity.
    static func decode(
        _ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], part: String,
        officeEscapes: Bool = false
    ) throws(WorkbookError) {
        var i = 0
        let n = text.count
        var plainStart = 0
        func flush(_ upTo: Int) {
            if upTo > plainStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: text[plainStart..<upTo])) }
        }
        while i < n {
            let b = text[i]
            if b == UInt8(ascii: "&") {
                flush(i)
                guard let semi = (i + 1..<min(n, i + 12)).first(where: { text[$0] == UInt8(ascii: ";") }) else {
                    throw .malformedXML(part: part, detail: "an '&' that starts no entity")
                }
                let name = UnsafeBufferPointer(rebasing: text[(i + 1)..<semi])
                if let byte = predefined(name) {
                    out.append(byte)
                } else if name.first == UInt8(ascii: "#") {
                    appendScalar(characterReference(UnsafeBufferPointer(rebasing: name.dropFirst())), to: &out)
                } else {
                    throw .entity(part: part, name: String(decoding: name, as: UTF8.self))
                }
                i = semi + 1
                plainStart = i
            } else if officeEscapes && b == UInt8(ascii: "_") && i + 6 < n && text[i + 1] == UInt8(ascii: "x")
                && text[i + 6] == UInt8(ascii: "_"),
                let value = hex(UnsafeBufferPointer(rebasing: text[(i + 2)..<(i + 6)]))
            {
                flush(i)
                appendScalar(value, to: &out)
                i += 7
                plainStart = i
            } else if b == 0x0D {
                // XML turns CR LF and lone CR into LF.
                flush(i)
                out.append(0x0A)
                i += (i + 1 < n && text[i + 1] == 0x0A) ? 2 : 1
                plainStart = i
            } else {
                i += 1
            }
        }
        flush(n)
    }

    /// Whether `text` needs decoding at all (an entity, an escape or a CR).
    @inline(__always)
    static func isPlain(_ text: UnsafeBufferPointer<UInt8>, officeEscapes: Bool) -> Bool {
        for b in text where b == UInt8(ascii: "&") || b == 0x0D || (officeEscapes && b == UInt8(ascii: "_")) {
            return false
        }
        return true
    }

    private static func predefined(_ name: UnsafeBufferPointer<UInt8>) -> UInt8? {
        func ascii(_ text: StaticString) -> Bool {
            text.utf8CodeUnitCount == name.count && (0..<name.count).allSatisfy { name[$0] == text.utf8Start[$0] }
        }
        if ascii("amp") { return UInt8(ascii: "&") }
        if ascii("lt") { return UInt8(ascii: "<") }
        if ascii("gt") { return UInt8(ascii: ">") }
        if ascii("quot") { return UInt8(ascii: "\"") }
        if ascii("apos") { return UInt8(ascii: "'") }
        return nil
    }

    private static func characterReference(_ body: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if let first = body.first, first | 0x20 == UInt8(ascii: "x") {
            return hex(UnsafeBufferPointer(rebasing: body.dropFirst())) ?? 0xFFFD
        }
        var value: UInt32 = 0
        guard !body.isEmpty, body.count <= 7 else { return 0xFFFD }
        for b in body {
            let d = b &- 0x30
            guard d <= 9 else { return 0xFFFD }
            value = value * 10 + UInt32(d)
        }
        return value
    }

    private static func hex(_ digits: UnsafeBufferPointer<UInt8>) -> UInt32? {
        guard !digits.isEmpty, digits.count <= 6 else { return nil }
        var value: UInt32 = 0
        for b in digits {
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x41...0x46: d = b - 0x41 + 10
            case 0x61...0x66: d = b - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(d)
        }
        return value
    }

    /// Appends a scalar as UTF-8; NUL, surrogates and values beyond Unicode become U+FFFD.
    static func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
        let scalar = (value == 0 ? nil : Unicode.Scalar(value)) ?? "\u{FFFD}"
        UTF8.encode(scalar) { out.append($0) }
    }
}
