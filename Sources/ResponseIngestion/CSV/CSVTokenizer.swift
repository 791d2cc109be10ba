/// The core of the CSV reader: a pure function from a byte buffer (UTF-8 text) to one
/// record's field boundaries. It keeps no state between calls, so a buffer can be cut
/// into record-aligned pieces and each piece parsed on its own core (see
/// ``CSVChunkParser``).
///
/// Field boundaries are written as pairs of offsets into `spans`. A field that needs
/// unescaping (doubled quotes, or text after a closing quote) is copied into
/// `scratch`, and its pair is stored as `-1 - offset` so it can be told apart; every
/// other field is a slice of the input, with no copy at all.
///
/// Rules (RFC 4180, lenient where real exports are):
/// - a field that starts with `"` is quoted: delimiters and line breaks inside it are
///   text, `""` is one `"`; text after the closing quote up to the next delimiter is
///   kept literally (`"a"b` reads `ab`, as Excel does);
/// - a `"` anywhere else is an ordinary character (Excel keeps `5" screen` literally);
/// - records end at CRLF, LF or a lone CR; an empty line is a blank line, not a record;
/// - a quoted field still open at the end of the input makes an *unterminated* record
///   holding everything up to the end.
enum CSVTokenizer {
    static let quote: UInt8 = 0x22
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D

    struct Parsed: Equatable {
        /// Offset where the next record starts (after the line break).
        var next: Int
        /// Offset just past the record's text (before its line break).
        var contentEnd: Int
        /// Line breaks inside quoted fields (not counting the record's own terminator).
        var innerLineBreaks: Int
        /// Whether the record ended with a line break (false at end of input).
        var terminated: Bool
        /// A quoted field was still open at the end of the input.
        var unterminatedQuote: Bool
    }

    enum Step: Equatable {
        /// The buffer ends before the record does and more input may follow.
        case needMore
        /// An empty line; the next record starts at `next`.
        case blankLine(next: Int)
        case record(Parsed)
    }

    /// Parses the record starting at `start` (which must be `< buf.count`), writing its
    /// field boundaries to `spans` and unescaped fields to `scratch`.
    /// - Parameter isFinal: whether the buffer holds the rest of the input. When false,
    ///   a record touching the end of the buffer gives `.needMore`.
    @inline(__always)
    static func parseRecord(
        _ buf: UnsafeBufferPointer<UInt8>, from start: Int, isFinal: Bool, delimiter: UInt8,
        spans: inout [Int], scratch: inout [UInt8]
    ) -> Step {
        var fields = FieldSpans()
        swap(&fields.spans, &spans)
        swap(&fields.scratch, &scratch)
        defer {
            swap(&fields.spans, &spans)
            swap(&fields.scratch, &scratch)
        }
        return scan(buf, from: start, isFinal: isFinal, delimiter: delimiter, into: &fields)
    }

    /// Finds where the record starting at `start` ends, exactly as ``parseRecord`` does
    /// (the same scan), without recording its fields. The reader uses it to cut blocks
    /// of whole records for the workers, which parse them in full.
    @inline(__always)
    static func skipRecord(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, isFinal: Bool, delimiter: UInt8) -> Step
    {
        var nothing = NoFields()
        return scan(buf, from: start, isFinal: isFinal, delimiter: delimiter, into: &nothing)
    }

    /// The first index from `start` whose byte is `stop` or a control byte below 14 (tab,
    /// line feed, carriage return...), or `buf.count`: the bytes in between are plain
    /// text to every state of the scan. Eight bytes at a time: a word has such a byte
    /// when `(x - 0x01..01) & ~x & 0x80..80` is not zero for `x` the word xor `stop`
    /// (a zero byte) or, with `0x0E..0E` subtracted, for the word itself (a byte below
    /// 14); the lowest flag is exact, since a borrow only starts at a flagged byte.
    @inline(__always)
    static func skipPlain(_ buf: UnsafeBufferPointer<UInt8>, from start: Int, stop: UInt8) -> Int {
        let n = buf.count
        var i = start
        if let base = buf.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            let stops = ones &* UInt64(stop)
            let fourteens = ones &* 14
            while i + 8 <= n {
                let v = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let x = v ^ stops
                let flags = (((x &- ones) & ~x) | ((v &- fourteens) & ~v)) & highs
                if flags != 0 { return i + flags.trailingZeroBitCount >> 3 }
                i += 8
            }
        }
        while i < n {
            let b = buf[i]
            if b == stop || b < 14 { return i }
            i += 1
        }
        return n
    }

    /// The one scan behind ``parseRecord`` and ``skipRecord``: `fields` is told where
    /// each field is (a slice of `buf`, or pieces to copy and join).
    @inline(__always)
    private static func scan<Fields: FieldRecorder>(
        _ buf: UnsafeBufferPointer<UInt8>, from start: Int, isFinal: Bool, delimiter: UInt8, into fields: inout Fields
    ) -> Step {
        let n = buf.count
        var i = start
        let first = buf[i]
        if first == lf { return .blankLine(next: i + 1) }
        if first == cr {
            if i + 1 < n { return .blankLine(next: buf[i + 1] == lf ? i + 2 : i + 1) }
            return isFinal ? .blankLine(next: i + 1) : .needMore
        }
        var breaks = 0
        while true {
            if i >= n {
                // A delimiter was the last byte: one more, empty, field.
                if !isFinal { return .needMore }
                fields.slice(n, n)
                return .record(
                    Parsed(next: n, contentEnd: n, innerLineBreaks: breaks, terminated: false, unterminatedQuote: false)
                )
            }
            if buf[i] == quote {
                i += 1
                var segmentStart = i
                while true {
                    while i < n {
                        i = skipPlain(buf, from: i, stop: quote)
                        if i >= n { break }
                        let b = buf[i]
                        if b == quote { break }
                        // A control byte: a line break is counted.
                        if b == lf { breaks += 1 } else if b == cr && (i + 1 >= n || buf[i + 1] != lf) { breaks += 1 }
                        i += 1
                    }
                    if i >= n {
                        if !isFinal { return .needMore }
                        if fields.copying {
                            fields.copy(buf, segmentStart..<n)
                            fields.endCopy()
                        } else {
                            fields.slice(segmentStart, n)
                        }
                        return .record(
                            Parsed(
                                next: n, contentEnd: n, innerLineBreaks: breaks, terminated: false,
                                unterminatedQuote: true))
                    }
                    // buf[i] is a quote: doubled, or closing?
                    if i + 1 < n {
                        if buf[i + 1] == quote {
                            fields.copy(buf, segmentStart..<(i + 1))
                            i += 2
                            segmentStart = i
                            continue
                        }
                    } else if !isFinal {
                        return .needMore
                    }
                    let closing = i
                    i += 1
                    var t = i
                    while t < n {
                        let b = buf[t]
                        if b == delimiter || (b <= cr && (b == lf || b == cr)) { break }
                        t += 1
                    }
                    if t > i || fields.copying {
                        fields.copy(buf, segmentStart..<closing)
                        if t > i { fields.copy(buf, i..<t) }
                        fields.endCopy()
                    } else {
                        fields.slice(segmentStart, closing)
                    }
                    i = t
                    break
                }
            } else {
                let fieldStart = i
                while i < n {
                    i = skipPlain(buf, from: i, stop: delimiter)
                    if i >= n { break }
                    let b = buf[i]
                    if b == delimiter || b == lf || b == cr { break }
                    i += 1 // another control byte, part of the field
                }
                fields.slice(fieldStart, i)
            }
            if i >= n {
                if !isFinal { return .needMore }
                return .record(
                    Parsed(next: n, contentEnd: n, innerLineBreaks: breaks, terminated: false, unterminatedQuote: false)
                )
            }
            let b = buf[i]
            if b == delimiter {
                i += 1
                continue
            }
            let contentEnd = i
            if b == cr {
                if i + 1 < n {
                    i += buf[i + 1] == lf ? 2 : 1
                } else if isFinal {
                    i += 1
                } else {
                    return .needMore
                }
            } else {
                i += 1
            }
            return .record(
                Parsed(
                    next: i, contentEnd: contentEnd, innerLineBreaks: breaks, terminated: true, unterminatedQuote: false
                ))
        }
    }
}

/// What the tokenizer's scan tells about each field.
protocol FieldRecorder {
    /// Whether a field is being copied (it had a doubled quote).
    var copying: Bool { get }
    /// A field that is `buf[start..<end]` as it stands.
    mutating func slice(_ start: Int, _ end: Int)
    /// A piece of a field that must be copied and joined to the pieces before it.
    mutating func copy(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    /// The copied field is complete.
    mutating func endCopy()
}

/// Records field boundaries as ``CSVTokenizer`` documents: offset pairs, copied fields
/// as `-1 - offset` pairs into `scratch`.
struct FieldSpans: FieldRecorder {
    var spans: [Int] = []
    var scratch: [UInt8] = []
    private var copyStart = -1

    var copying: Bool { copyStart >= 0 }

    @inline(__always)
    mutating func slice(_ start: Int, _ end: Int) {
        spans.append(start)
        spans.append(end)
    }

    @inline(__always)
    mutating func copy(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        if copyStart < 0 { copyStart = scratch.count }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[range]))
    }

    @inline(__always)
    mutating func endCopy() {
        spans.append(-1 - copyStart)
        spans.append(-1 - scratch.count)
        copyStart = -1
    }
}

/// Records nothing: for finding where records end.
struct NoFields: FieldRecorder {
    var copying: Bool { false }
    @inline(__always) mutating func slice(_ start: Int, _ end: Int) {}
    @inline(__always) mutating func copy(_ buf: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {}
    @inline(__always) mutating func endCopy() {}
}
