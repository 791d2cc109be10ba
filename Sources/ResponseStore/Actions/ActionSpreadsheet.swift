import ResponseIngestion
import SurveyDefinition

/// A CSV file kept beside the action plan (the log itself, or its progress updates):
/// one header row whose cells are matched, ignoring case and spacing, against the
/// column names a reader knows. Every problem names the file, line and column.
struct ActionSpreadsheet {
    /// One data row: its line, and its cells by the reader's column key.
    struct Row {
        var line: Int
        var cells: [String: String]
        /// The trimmed cell, `nil` when empty or absent.
        func value(_ key: String) -> String? { cells[key] }
    }

    var name: String
    var rows: [Row] = []
    var problems: [String] = []
    /// The column keys the header gave.
    var keys: Set<String> = []

    /// Reads the file; `columns` maps a header (normalised, lower case) to its key;
    /// `known` lists the headers for messages; `hint` returns extra advice given the
    /// header's unknown cells (e.g. "this is a file of updates").
    init(
        path: String, displayName: String, columns: [String: String], known: String,
        hint: ([String]) -> String? = { _ in nil }
    ) throws {
        name = displayName
        var reader: CSVReader
        do { reader = try CSVReader(path: path, displayName: name) } catch let error as CSVError {
            throw IngestionError.cannotOpen(file: name, reason: error.description)
        }
        guard let header = try reader.next() else {
            throw ActionLogError(problems: [
                "\(name): the file is empty; the first row must name the columns (\(known))"
            ])
        }
        var index: [String: Int] = [:]
        var unknown: [String] = []
        for (i, cell) in header.fields.enumerated() {
            let key = AnswerText.normalise(cell).lowercased()
            if let known = columns[key] {
                if index[known] == nil { index[known] = i }
            } else if !key.isEmpty {
                unknown.append(cell)
                problems.append("\(name):\(header.line): column \"\(cell)\" is not one engage knows here; use \(known)")
            }
        }
        if !unknown.isEmpty, let advice = hint(unknown.map { AnswerText.normalise($0).lowercased() }) {
            problems.append("\(name):\(header.line): \(advice)")
        }
        keys = Set(index.keys)
        while let record = try reader.next() {
            if let problem = record.problem {
                problems.append(problem.description)
                continue
            }
            if record.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            var cells: [String: String] = [:]
            for (key, i) in index where i < record.count {
                let text = record.field(i).trimmingSpaces
                if !text.isEmpty { cells[key] = text }
            }
            rows.append(Row(line: record.line, cells: cells))
        }
    }

    /// Records a problem with one cell.
    mutating func fail(_ row: Row, _ column: String, _ message: String) {
        problems.append("\(name):\(row.line): column \(column): \(message)")
    }

    /// The cell as a `YYYY-MM-DD` date, or `nil` (with a problem recorded) when it is not one.
    mutating func date(_ row: Row, _ column: String) -> String? {
        guard let text = row.value(column) else { return nil }
        if let iso = ActionLogFile.isoDate(text) { return iso }
        fail(row, column, "\"\(text)\" is not a date; write YYYY-MM-DD or DD/MM/YYYY")
        return nil
    }

    /// The cell as a RAG status (any case), or `nil` (with a problem recorded).
    mutating func status(_ row: Row, _ column: String) -> ActionStatus? {
        guard let text = row.value(column) else { return nil }
        do { return try ActionStatus.parse(text) } catch {
            fail(row, column, error.description)
            return nil
        }
    }

    /// Throws every problem found; nothing is imported when there is one.
    func check() throws {
        if !problems.isEmpty { throw ActionLogError(problems: problems) }
    }
}
