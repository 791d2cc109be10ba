/// Parses a record-aligned piece of decoded text on its own, so a large block can be
/// cut in two and each half parsed on its own core (the performance issue).
///
/// How to use it for parallel parsing:
/// 1. Decode a block of the file to UTF-8 (``CSVTextBuffer``), and do not change it
///    while parsing.
/// 2. ``splitPoints(in:range:parts:)`` proposes cut offsets just after a line break,
///    judged by counting quotes from the start of `range`. A stray quote inside an
///    unquoted field (which the tokenizer keeps literally) can fool that count, so
///    the cuts are only *candidates*.
/// 3. Parse each piece with ``parse(_:firstLine:_:)`` (concurrently; it only reads
///    the text). Number lines from 1 in every piece; the summary's `lineBreaks` lets
///    the caller shift piece *k*'s lines by the breaks of the pieces before it.
/// 4. Verify: piece *k*'s summary must say `endsAtCut` (its last record ended exactly
///    at the cut). If it does not, the cut fell inside a record: discard the following
///    pieces' results and parse again from piece *k*'s `end`. The tokenizer keeps no
///    state between records, so a verified cut gives exactly the sequential result.
struct CSVChunkParser: Sendable {
    /// Decoded UTF-8 text, not mutated while any parse runs.
    let text: CSVTextBuffer
    let delimiter: CSVDelimiter
    /// The file's encoding (decides whether records are checked for invalid UTF-8).
    let encoding: CSVEncoding
    let fileName: String
    /// Whether `text` runs to the end of the file (so a record touching its end is complete).
    let isFinal: Bool

    struct Summary: Equatable {
        /// Where parsing stopped: the start of the first record not parsed.
        var end: Int
        /// Whether the last record ended exactly at the end of the range.
        var endsAtCut: Bool
        /// Line breaks consumed (inside records, ending them, and blank lines).
        var lineBreaks: Int
        var records: Int
        var blankLines: Int
    }

    /// Parses every record that starts inside `range`. A record may run past
    /// `range.upperBound` (then `endsAtCut` is false); one that runs past the end of the
    /// text while `isFinal` is false is left unparsed (`end` is where it starts).
    func parse(_ range: Range<Int>, firstLine: Int = 1, _ body: (CSVRecord) throws -> Void) rethrows -> Summary {
        var summary = Summary(end: range.lowerBound, endsAtCut: false, lineBreaks: 0, records: 0, blankLines: 0)
        var spans: [Int] = []
        var scratch: [UInt8] = []
        var position = range.lowerBound
        let separator = delimiter.byte
        let final = isFinal
        while position < range.upperBound {
            spans.removeAll(keepingCapacity: true)
            scratch.removeAll(keepingCapacity: true)
            let start = position
            let step = text.bytes.withUnsafeBufferPointer {
                CSVTokenizer.parseRecord($0, from: start, isFinal: final, delimiter: separator, spans: &spans, scratch: &scratch)
            }
            switch step {
            case .needMore:
                summary.end = position
                return summary
            case .blankLine(let next):
                position = next
                summary.lineBreaks += 1
                summary.blankLines += 1
            case .record(let parsed):
                let line = firstLine + summary.lineBreaks
                var problem: CSVError?
                if parsed.unterminatedQuote {
                    problem = .unterminatedQuote(file: fileName, line: line)
                } else if encoding.needsValidation {
                    let valid = text.bytes.withUnsafeBufferPointer {
                        UTF8Validation.isValid($0.baseAddress! + start, count: parsed.contentEnd - start)
                    }
                    if !valid { problem = .invalidEncoding(file: fileName, line: line, encoding: encoding) }
                }
                try body(CSVRecord(text: text, spans: spans, scratch: scratch, rawStart: start, rawEnd: parsed.contentEnd,
                                   line: line, lineCount: parsed.innerLineBreaks + 1, problem: problem))
                summary.lineBreaks += parsed.innerLineBreaks + (parsed.terminated ? 1 : 0)
                summary.records += 1
                position = parsed.next
            }
        }
        summary.end = position
        summary.endsAtCut = position == range.upperBound
        return summary
    }

    /// Proposes up to `parts - 1` cut offsets inside `range`, each just after a line
    /// break that an even number of quotes precedes (counted from `range.lowerBound`,
    /// which must be a record start). Never cuts between CR and LF.
    static func splitPoints(in text: UnsafeBufferPointer<UInt8>, range: Range<Int>, parts: Int) -> [Int] {
        guard parts > 1, range.count > 1 else { return [] }
        var cuts: [Int] = []
        var i = range.lowerBound
        var inQuotes = false
        for k in 1..<parts {
            let target = range.lowerBound + range.count * k / parts
            // Count quotes up to the target.
            while i < target {
                if text[i] == CSVTokenizer.quote { inQuotes.toggle() }
                i += 1
            }
            // Then find the next line break outside quotes.
            while i < range.upperBound {
                let b = text[i]
                i += 1
                if b == CSVTokenizer.quote {
                    inQuotes.toggle()
                } else if !inQuotes && b == CSVTokenizer.lf {
                    break
                } else if !inQuotes && b == CSVTokenizer.cr {
                    if i < range.upperBound && text[i] == CSVTokenizer.lf { i += 1 }
                    if i < range.upperBound || i == text.count { break }
                    // A CR at the very end of the range: its LF may follow; do not cut here.
                }
            }
            guard i < range.upperBound else { break }
            if cuts.last != i { cuts.append(i) }
        }
        return cuts
    }
}
