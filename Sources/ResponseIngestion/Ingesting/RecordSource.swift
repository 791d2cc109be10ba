/// Ingestion's view of an export file: the streaming ``CSVReader`` (never the whole
/// file in memory), with its errors turned into ``IngestionError``s that name the file.
struct RecordSource {
    private var reader: CSVReader
    let displayName: String

    init(path: String, displayName: String, chunkSize: Int? = nil, observer: (any ReadObserver)? = nil) throws {
        self.displayName = displayName
        do {
            var options = CSVReader.Options()
            options.observer = observer
            if let chunkSize { options.chunkSize = max(1, chunkSize) }
            reader = try CSVReader(path: path, displayName: displayName, options: options)
        } catch let error as CSVError {
            throw Self.ingestionError(error, displayName)
        }
    }

    var encodingName: String { reader.encoding.name }
    var delimiterName: String { reader.delimiter.name }
    var blankLines: Int { reader.blankLines }

    mutating func next() throws -> CSVRecord? {
        try naming { try $0.next() }
    }

    /// The next run of up to `maxRecords` records as text, with a parser for it.
    mutating func nextBlock(maxRecords: Int) throws -> (CSVReader.Block, CSVChunkParser)? {
        try naming { reader in try reader.nextBlock(maxRecords: maxRecords).map { ($0, reader.chunkParser(for: $0)) } }
    }

    /// Runs `body` on the reader, turning its errors into ones that name the file.
    private mutating func naming<T>(_ body: (inout CSVReader) throws -> T) throws -> T {
        do {
            return try body(&reader)
        } catch let error as CSVError {
            throw Self.ingestionError(error, displayName)
        }
    }

    static func ingestionError(_ error: CSVError, _ file: String) -> IngestionError {
        switch error {
        case .cannotOpen(_, let reason): return .cannotOpen(file: file, reason: reason)
        case .notText(_, let detail): return .notText(file: file, detail: detail)
        case .cannotRead(_, let reason): return .cannotRead(file: file, reason: reason)
        case .changedWhileReading: return .changedWhileReading(file: file)
        default: return .malformed(file: file, line: error.line ?? 0, message: error.description)
        }
    }
}
