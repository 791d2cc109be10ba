/// Why a CSV file, or one record of it, cannot be read. Every message names the file
/// and (where there is one) the line, and says what to do.
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened.
    case cannotOpen(file: String, reason: String)
    /// Reading failed part-way (a disk or network error).
    case cannotRead(file: String, reason: String)
    /// The bytes are not text at all (a workbook, a zip, binary data).
    case notText(file: String, detail: String)
    /// A quoted field opened on `line` never closes before the end of the file.
    case unterminatedQuote(file: String, line: Int)
    /// The record starting on `line` contains bytes that are not valid in the file's encoding.
    case invalidEncoding(file: String, line: Int, encoding: CSVEncoding)
    /// The file changed (its size, modification time or inode) while it was read.
    case changedWhileReading(file: String)
    /// One record grew past the reader's limit (almost always a quote that never closes).
    case recordTooLarge(file: String, line: Int, limit: Int)

    /// The line the problem starts on, when there is one.
    public var line: Int? {
        switch self {
        case .unterminatedQuote(_, let line), .invalidEncoding(_, let line, _), .recordTooLarge(_, let line, _):
            return line
        case .cannotOpen, .cannotRead, .notText, .changedWhileReading: return nil
        }
    }

    /// The message a user reads, with the file and line.
    public var description: String {
        switch self {
        case .cannotOpen(let file, let reason):
            return "\(file): cannot open the file (\(reason)). Check the path and that you may read it."
        case .cannotRead(let file, let reason):
            return "\(file): reading the file failed part-way (\(reason)). Copy the file to a local disk and try again."
        case .notText(let file, let detail):
            return "\(file): this does not look like a CSV export (\(detail))."
        case .unterminatedQuote(let file, let line):
            return
                "\(file) line \(line): a quoted field starting here never ends (unterminated quote). Check for a missing closing \" or a cut-off export."
        case .invalidEncoding(let file, let line, let encoding):
            return
                "\(file) line \(line): this row contains bytes that are not valid \(encoding.name) text; the file may mix encodings. Re-save the export as \"CSV UTF-8\"."
        case .changedWhileReading(let file):
            return IngestionError.changedWhileReading(file: file).description
        case .recordTooLarge(let file, let line, let limit):
            return
                "\(file) line \(line): one row runs on for more than \(limit / (1 << 20)) MiB, almost certainly because a quoted field starting on or after this line never closes. Check for a missing closing \" near this line."
        }
    }
}
