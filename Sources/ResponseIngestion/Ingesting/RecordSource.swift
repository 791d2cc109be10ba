/// One data record as ingestion sees it: the fields (decoded to UTF-8), the line it
/// starts on in the source file, and whether the reader flagged it as damaged. The raw
/// text is only built when a row is kept as rejected.
struct SourceRecord {
    let record: CSVRecord
    let fields: [String]

    init(_ record: CSVRecord) {
        self.record = record
        fields = record.fields
    }

    var line: Int { record.line }
    var invalidEncoding: Bool { record.hasInvalidEncoding }
    var unterminatedQuote: Bool { record.hasUnterminatedQuote }

    func raw() -> String { record.rawText() }
}

/// Ingestion's view of an export file: the streaming ``CSVReader`` (never the whole
/// file in memory), with its errors turned into ``IngestionError``s that name the file.
struct RecordSource {
    private var reader: CSVReader
    let displayName: String

    init(path: String, displayName: String) throws {
        self.displayName = displayName
        do {
            reader = try CSVReader(path: path, displayName: displayName)
        } catch let error as CSVError {
            throw Self.ingestionError(error, displayName)
        }
    }

    var encodingName: String { reader.encoding.name }
    var delimiterName: String { reader.delimiter.name }
    var blankLines: Int { reader.blankLines }

    mutating func next() throws -> SourceRecord? {
        do {
            return try reader.next().map(SourceRecord.init)
        } catch let error as CSVError {
            throw Self.ingestionError(error, displayName)
        }
    }

    static func ingestionError(_ error: CSVError, _ file: String) -> IngestionError {
        switch error {
        case .cannotOpen(_, let reason): return .cannotOpen(file: file, reason: reason)
        case .notText(_, let detail): return .notText(file: file, detail: detail)
        default: return .malformed(file: file, line: error.line ?? 0, message: error.description)
        }
    }
}
