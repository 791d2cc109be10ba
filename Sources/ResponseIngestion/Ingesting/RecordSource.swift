/// Ingestion's view of an export file: its records, read as a stream (never the whole
/// file in memory), whatever the file is: a CSV read by ``CSVReader``, a CSV inside a
/// zip download (inflated as it is read), or a workbook's sheet, whose rows
/// ``SheetReader`` writes out as CSV records numbered with the sheet's own rows.
/// Errors become ``IngestionError``s that name the file.
struct RecordSource {
    // One of the two is set. (Not an enum: taking a CSVReader out of an enum case to
    // advance it would copy its buffers on every record.)
    private var csv: CSVReader?
    private let sheet: SheetReader?
    let displayName: String
    /// The sheet or zip member read, for the report; `nil` for a plain CSV file.
    let origin: String?
    /// Whether the records are a workbook's rows.
    var isWorkbook: Bool { sheet != nil }

    /// - Parameter observer: sees the file's bytes in order (the import's digest): as the
    ///   CSV reader takes them, or, for a zip or workbook (read from its end, member by
    ///   member), in one pass over the whole file before its records are read.
    init(
        path: String, displayName: String, chunkSize: Int? = nil, selection: ExportSelection = ExportSelection(),
        observer: (any ReadObserver)? = nil
    ) throws {
        self.displayName = displayName
        var options = CSVReader.Options()
        if let chunkSize { options.chunkSize = max(1, chunkSize) }
        do {
            let file = try ExportFile.open(path: path, displayName: displayName, selection: selection)
            origin = file.origin
            if let observer, let bytes = file.bytes { try bytes.observeAll(observer, file: displayName) }
            switch file {
            case .csv:
                options.observer = observer
                csv = try CSVReader(path: path, displayName: displayName, options: options)
                sheet = nil
            case .zipMember(let archive, let entry):
                csv = try CSVReader(stream: try archive.open(entry), displayName: displayName, options: options)
                sheet = nil
            case .workbook(let workbook, let chosen, _, _):
                sheet = try workbook.open(chosen, chunk: options.chunkSize)
            }
        } catch {
            throw Self.ingestionError(error, displayName)
        }
    }

    var encodingName: String { csv?.encoding.name ?? "Excel workbook (.xlsx)" }

    var delimiterName: String { csv?.delimiter.name ?? "cells" }

    var blankLines: Int { csv?.blankLines ?? sheet?.blankRows ?? 0 }

    /// The date cells a workbook's sheet held so far, by column.
    var dateCells: [DateCells] {
        guard let sheet else { return [] }
        return sheet.dateCounts.indices.compactMap { column in
            sheet.dateCounts[column] > 0
                ? DateCells(column: column, count: sheet.dateCounts[column], firstRow: sheet.dateFirstRows[column])
                : nil
        }
    }

    mutating func next() throws -> CSVRecord? {
        try naming { source in
            if source.csv != nil { return try source.csv?.next() ?? nil }
            var text: [UInt8] = []
            guard let sheet = source.sheet, let row = try sheet.nextRow(into: &text) else { return nil }
            return Self.record(text, row: row, file: source.displayName)
        }
    }

    /// The next run of up to `maxRecords` records as text, with a parser for it.
    mutating func nextBlock(maxRecords: Int) throws -> (CSVReader.Block, CSVChunkParser)? {
        try naming { source in
            if source.csv != nil {
                guard let block = try source.csv?.nextBlock(maxRecords: maxRecords),
                    let parser = source.csv?.chunkParser(for: block)
                else { return nil }
                return (block, parser)
            }
            guard let sheet = source.sheet else { return nil }
            var text: [UInt8] = []
            var rows: [Int] = []
            while rows.count < maxRecords, let row = try sheet.nextRow(into: &text) { rows.append(row) }
            guard let first = rows.first else { return nil }
            var parser = CSVChunkParser(
                text: CSVTextBuffer(text), delimiter: .comma, encoding: .utf8, fileName: source.displayName,
                isFinal: true)
            parser.rowNumbers = rows
            return (CSVReader.Block(text: text, firstLine: first), parser)
        }
    }

    /// One row written out by a sheet reader, as a record numbered with the sheet's row.
    private static func record(_ text: [UInt8], row: Int, file: String) -> CSVRecord? {
        let buffer = CSVTextBuffer(text)
        var spans: [Int] = []
        var scratch: [UInt8] = []
        let step = text.withUnsafeBufferPointer {
            CSVTokenizer.parseRecord(
                $0, from: 0, isFinal: true, delimiter: CSVDelimiter.comma.byte, spans: &spans, scratch: &scratch)
        }
        guard case .record(let parsed) = step else { return nil }
        return CSVRecord(
            text: buffer, spans: spans, scratch: scratch, rawStart: 0, rawEnd: parsed.contentEnd, line: row,
            lineCount: 1,
            problem: CSVRecord.problem(of: parsed, at: 0, in: buffer, line: row, encoding: .utf8, file: file))
    }

    /// Runs `body` on the reader, turning its errors into ones that name the file.
    private mutating func naming<T>(_ body: (inout RecordSource) throws -> T) throws -> T {
        do {
            return try body(&self)
        } catch {
            throw Self.ingestionError(error, displayName)
        }
    }

    static func ingestionError(_ error: any Error, _ file: String) -> any Error {
        switch error {
        case let error as CSVError: return ingestionError(error, file)
        case let error as ZipError: return IngestionError.unreadable(file: file, message: error.description)
        case let error as WorkbookError: return IngestionError.unreadable(file: file, message: error.description)
        default: return error
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

/// Date cells a workbook's sheet held in one column: engage read them from their
/// number format, so they need no date order.
package struct DateCells: Sendable, Equatable {
    /// 0-based column.
    package var column: Int
    /// How many cells of the column are dates.
    package var count: Int
    /// The first row with a date cell in the column.
    package var firstRow: Int
}
