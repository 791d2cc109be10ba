/// Parses a record-aligned piece of decoded text on its own, so that blocks of a file
/// can be parsed on several cores (the performance issue).
///
/// The reader cuts the blocks: ``CSVReader/nextBlock(maxRecords:)`` finds where whole
/// records end (with ``CSVTokenizer/skipRecord(_:from:isFinal:delimiter:)``, which ends
/// every record where ``CSVTokenizer/parseRecord(_:from:isFinal:delimiter:spans:scratch:)``
/// does) and copies their text; ``CSVReader/chunkParser(for:)`` gives the parser for
/// it. The tokenizer keeps no state between records, so a block parsed here gives
/// exactly the records the reader would, with the same lines and problems.
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
}
