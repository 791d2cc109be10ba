/// What an ingestion run found: the detected format and encoding, the header →
/// question mapping, the date order used, and what happened to every data row.
/// Accepted + set aside + rejected always equals the data rows read, except in an
/// unusable file (`problems` not empty), where no row is classified at all.
public struct IngestionReport: Sendable {
    /// The file read, as the user named it.
    public var file: String
    /// The survey's id.
    public var survey: String
    /// The export format, detected or given.
    public var format: ExportFormat
    /// True when the format was detected from the headers, false when given.
    var formatDetected: Bool
    /// The text encoding the file was read in.
    public var encoding: String
    /// The field delimiter found (`,`, `;`, tab).
    package var delimiter: String
    /// How many header rows the format has.
    package var headerRows: Int
    /// The sheet or zip member read (`sheet "Form1" (its only sheet)`); `nil` for a CSV file.
    public var origin: String?
    /// Whether the export was a workbook's sheet (lines are then the sheet's rows).
    var isWorkbook = false
    /// The line (a workbook's row) of the first header row.
    var firstHeaderLine = 1
    /// The date cells a workbook held, by column (read from their number format).
    package var dateCells: [DateCells] = []
    /// What each column of the file was read as.
    public var columns: [ColumnPlan.Column]
    /// Nearest question for unmatched columns, by column index.
    var suggestions: [Int: String]
    /// Survey questions that no column supplies.
    public var missingQuestions: [String]
    /// The date order used and how it was chosen.
    package var dateOrder: DateOrderDecision
    /// Data rows read (accepted, set aside and rejected together).
    package var dataRows = 0
    /// Rows accepted as responses.
    public var accepted = 0
    /// Set-aside rows by reason code ("incomplete", "preview", "duplicate-in-file"...).
    public var setAside: [String: Int] = [:]
    /// Rows that could not be read as valid responses.
    public var rejected = 0
    /// Blank lines skipped (not data rows).
    package var blankLines = 0
    /// Accepted rows identical to an earlier row that nothing tells apart (no response
    /// id, no time of day): counted as respondents of their own (see ``ResponseIdentity/row(_:)``).
    var identicalRowsKept = 0
    /// The first rejected rows, for display; all of them go to the sink.
    package var sampleRejections: [RowOutcome] = []
    /// Things the reader should know (the date order chosen, headers read from memory...).
    public var notes: [String] = []
    /// Problems that make the file unusable; when not empty nothing was read as responses.
    public var problems: [String] = []

    /// Rows set aside, all reasons together.
    public var setAsideTotal: Int { setAside.values.reduce(0, +) }

    /// True when some responses can be imported.
    public var usable: Bool { problems.isEmpty && accepted > 0 }

    /// The accounting identity every run must satisfy: every data row is accepted, set
    /// aside or rejected; in an unusable file none is (the file is refused whole).
    package var balances: Bool {
        let classified = accepted + setAsideTotal + rejected
        return problems.isEmpty ? classified == dataRows : classified == 0
    }
}

/// An event streamed to the caller while a file is read.
package enum IngestionEvent: Sendable {
    case response(IngestedResponse)
    case outcome(RowOutcome)
}

/// A file that cannot be read at all.
public enum IngestionError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(file: String, reason: String)
    case empty(file: String)
    case notText(file: String, detail: String)
    case malformed(file: String, line: Int, message: String)
    case noSubmittedColumn(file: String)
    /// Reading failed part-way (a disk or network error).
    case cannotRead(file: String, reason: String)
    /// The file was written to, cut short or replaced while it was read: nothing of it is kept.
    case changedWhileReading(file: String)
    /// A zip download or workbook that cannot be read: `message` says why and what to do.
    case unreadable(file: String, message: String)

    /// The report as the CLI prints it.
    public var description: String {
        switch self {
        case .cannotOpen(let file, let reason):
            return "\(file): cannot open the file (\(reason)). Check the path and that you may read it."
        case .empty(let file):
            return "\(file): the file is empty (no header row). Export the responses again from the survey platform."
        case .notText(let file, let detail):
            return
                "\(file): this does not look like a CSV export (\(detail)). Export the responses as CSV (or Excel's \"CSV UTF-8\") and try again."
        case .malformed(let file, let line, let message):
            return "\(file) line \(line): \(message)"
        case .cannotRead(let file, let reason):
            return "\(file): reading the file failed part-way (\(reason)). Copy the file to a local disk and try again."
        case .changedWhileReading(let file):
            return
                "\(file): the file changed while engage was reading it (its size or modification time is not what it was when reading began), so nothing of it was imported. Wait until whatever is writing it (a download, a sync, Excel) has finished, then import it again."
        case .noSubmittedColumn(let file):
            return
                "\(file): no column gives the date each response was submitted. Add one, or name it in a mapping file: \"columns\": { \"Date of call\": \"@submitted\" }"
        case .unreadable(let file, let message):
            return "\(file): \(message)"
        }
    }
}
