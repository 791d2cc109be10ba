/// Parses a record-aligned piece of decoded text on its own, so that blocks of a file
/// can be parsed on several cores (the performance issue).
///
/// The reader cuts the blocks: ``CSVReader/nextBlock(maxRecords:)`` finds where whole
/// records end (with ``CSVTokenizer/skipRecord(_:from:isFinal:delimiter:)``, the same
/// scan as ``CSVTokenizer/parseRecord(_:from:isFinal:delimiter:spans:scratch:)`` without
/// recording fields) and copies their text; ``CSVReader/chunkParser(for:)`` gives the parser for
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
    /// The line (a workbook's row number) of each record in turn, when the text was
    /// written out from a sheet rather than read from a file.
    var rowNumbers: [Int]? = nil

    /// Parses every record that starts inside `range` (which must start at a record),
    /// numbering lines from `firstLine`. A record that runs past the end of the text
    /// while `isFinal` is false is left unparsed.
    func parse(_ range: Range<Int>, firstLine: Int = 1, _ body: (CSVRecord) throws -> Void) rethrows {
        var spans: [Int] = []
        var scratch: [UInt8] = []
        var position = range.lowerBound
        var line = firstLine
        let separator = delimiter.byte
        let final = isFinal
        var recordIndex = 0
        while position < range.upperBound {
            spans.removeAll(keepingCapacity: true)
            scratch.removeAll(keepingCapacity: true)
            let start = position
            let step = text.bytes.withUnsafeBufferPointer {
                CSVTokenizer.parseRecord(
                    $0, from: start, isFinal: final, delimiter: separator, spans: &spans, scratch: &scratch)
            }
            switch step {
            case .needMore:
                return
            case .blankLine(let next):
                position = next
                line += 1
            case .record(let parsed):
                let recordLine = rowNumbers.map { recordIndex < $0.count ? $0[recordIndex] : line } ?? line
                recordIndex += 1
                let problem = CSVRecord.problem(
                    of: parsed, at: start, in: text, line: recordLine, encoding: encoding, file: fileName)
                try body(
                    CSVRecord(
                        text: text, spans: spans, scratch: scratch, rawStart: start, rawEnd: parsed.contentEnd,
                        line: recordLine, lineCount: parsed.innerLineBreaks + 1, problem: problem))
                line += parsed.innerLineBreaks + (parsed.terminated ? 1 : 0)
                position = parsed.next
            }
        }
    }
}
