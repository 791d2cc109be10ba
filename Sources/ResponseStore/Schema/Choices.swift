/// `responses.choices` (migration 5): a response's answers by position, as a JSON
/// array with the option id of each option answer and `null` where the answer is a
/// row of `answers` (a text, number or date), so `[12,17,null,23]` is four answers,
/// the third in `answers` at position 2. One text per response instead of a row per
/// option answer: an import writes a sixth of the rows it used to. The array has an
/// entry for every answer, so its length is the response's number of answers.
enum Choices {
    /// Appends the array for `options` (0: an answer kept in `answers`) to `bytes`.
    static func append(_ options: [Int64], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "["))
        for (i, option) in options.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            if option == 0 {
                bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
            } else {
                precondition(option > 0, "option ids are positive")
                var scale: Int64 = 1
                while scale <= option / 10 { scale *= 10 }
                while scale > 0 {
                    bytes.append(UInt8(ascii: "0") + UInt8(option / scale % 10))
                    scale /= 10
                }
            }
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// The text of the array for `options` (0: an answer kept in `answers`).
    static func text(_ options: [Int64]) -> String {
        var bytes: [UInt8] = []
        append(options, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The entries of an array as engage writes it: the option id at each position, 0
    /// for `null`. `nil` when the text is not such an array (written outside engage).
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> [Int64]? {
        var result: [Int64] = []
        var i = 0
        let n = text.count
        func skipSpace() { while i < n && (text[i] == 32 || text[i] == 9 || text[i] == 10 || text[i] == 13) { i += 1 } }
        skipSpace()
        guard i < n, text[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        skipSpace()
        if i < n && text[i] == UInt8(ascii: "]") {
            i += 1
            skipSpace()
            return i == n ? result : nil
        }
        while true {
            skipSpace()
            guard i < n else { return nil }
            if text[i] == UInt8(ascii: "n") {
                guard i + 4 <= n, text[i + 1] == UInt8(ascii: "u"), text[i + 2] == UInt8(ascii: "l"),
                    text[i + 3] == UInt8(ascii: "l")
                else { return nil }
                result.append(0)
                i += 4
            } else {
                var v: Int64 = 0
                var digits = 0
                while i < n, text[i] >= 48, text[i] <= 57, digits < 18 {
                    v = v * 10 + Int64(text[i] - 48)
                    i += 1
                    digits += 1
                }
                guard digits > 0, v > 0 else { return nil }
                result.append(v)
            }
            skipSpace()
            guard i < n else { return nil }
            if text[i] == UInt8(ascii: ",") {
                i += 1
            } else if text[i] == UInt8(ascii: "]") {
                i += 1
                skipSpace()
                return i == n ? result : nil
            } else {
                return nil
            }
        }
    }

    static func parse(_ text: String) -> [Int64]? {
        var text = text
        return text.withUTF8 { parse($0) }
    }
}
