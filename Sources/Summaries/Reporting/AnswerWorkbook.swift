import ResponseIngestion
import ResponseStore
import SurveyDefinition

/// `engage export --format xlsx`: the stored answers in the same tidy long layout as the
/// CSV export, as an Excel workbook: one row per response and answer, ids and values as
/// numbers, submitted times and dates as date cells, text as text (a workbook's text
/// cells are never run as formulas, so nothing is prefixed), and provenance on an
/// "About" sheet. Written as a stream: memory holds the distinct texts, not the rows.
package struct AnswerWorkbook {
    private var book = WorkbookWriter()
    /// Answer rows written so far.
    package private(set) var rows = 0

    /// The answer sheet's column names.
    package static let header = [
        "survey", "response", "identity", "submitted", "submitted_date", "source", "question",
        "option_code", "option_label", "value", "text", "segments",
    ]

    /// An empty workbook.
    package init() {
        book.beginSheet("Answers", columnWidths: [18, 10, 18, 20, 12, 10, 18, 16, 26, 8, 40, 30], freezeHeader: true)
        book.addRow(Self.header.map { .header($0) })
    }

    /// Adds one exported answer.
    package mutating func add(_ row: ExportRow) {
        func text(_ value: String?) -> WorkbookWriter.Cell { value.map { .text($0) } ?? .empty }
        book.addRow([
            .text(row.survey), .integer(Int(row.responseID)), .text(row.identity),
            row.submitted.map(Self.dateTime) ?? .empty, row.submittedDate.map(Self.date) ?? .empty,
            text(row.source), .text(row.question), text(row.optionCode), text(row.optionLabel),
            row.value.map { .number($0) } ?? .empty, text(row.text),
            .text(row.segments.map { "\($0.question)=\($0.optionCode)" }.joined(separator: ";")),
        ])
        rows += 1
    }

    /// The workbook's bytes, with `provenance` (name, value) pairs on its "About" sheet.
    package mutating func finished(provenance: [(String, String)]) -> [UInt8] {
        book.beginSheet("About", columnWidths: [22, 100])
        for (name, value) in provenance + [("Rows", String(rows))] { book.addRow([.header(name), .text(value)]) }
        return book.finished()
    }

    /// `2021-07-02` as a date cell (text if it is not a date).
    static func date(_ text: String) -> WorkbookWriter.Cell {
        let p = text.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return .text(text) }
        return .date(day: CivilTime.dayNumber(year: p[0], month: p[1], day: p[2]))
    }

    /// `2021-07-02 11:00:22` (or with a `T`) as a date-and-time cell (text if it is not one).
    static func dateTime(_ text: String) -> WorkbookWriter.Cell {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2, case .date(let day) = date(String(parts[0])) else { return .text(text) }
        let clock = parts[1].prefix(8).split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2 else { return .text(text) }
        let seconds = clock[0] * 3600 + clock[1] * 60 + (clock.count > 2 ? clock[2] : 0)
        return .dateTime(seconds: Int64(day) * 86_400 + Int64(seconds))
    }
}
