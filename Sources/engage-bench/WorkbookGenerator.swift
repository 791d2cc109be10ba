import Foundation
import ResponseIngestion
import SurveyDefinition

/// Writes the same synthetic responses as ``ExportGenerator`` as a Microsoft Forms
/// "Open results in Excel" workbook: one sheet, `Id`, `Start time`, `Completion time`,
/// `Email`, `Name`, `Last modified time`, then one column per question (a Likert
/// question as one column per statement, headed by the statement), ids as numbers,
/// times as date cells, answers as shared strings.
struct WorkbookGenerator {
    var export: ExportGenerator

    static let header = [
        "Id", "Start time", "Completion time", "Email", "Name", "Last modified time", "Stage of the process",
        "I felt fully involved in the process", "Communication throughout the process was good",
        "The EHC plan accurately reflects my child’s needs", "The outcomes in the EHC plan are good",
        "The provision in the EHC plan will meet my child’s needs",
        "Is there anything else you would like to tell us about your experience?",
        "Are you happy for your comments to be quoted anonymously in our \"You said, we did\" updates?",
    ]

    /// Writes the workbook to `path`; returns the number of bytes written.
    func write(to path: String) throws -> Int {
        var book = WorkbookWriter()
        book.beginSheet("Form1")
        book.addRow(Self.header.map { .text($0) })
        let comments = ExportGenerator.comments.map { $0.replacingOccurrences(of: "\"\"", with: "\"") }
        var row: [WorkbookWriter.Cell] = []
        export.forEachResponse { r in
            let submitted = Int64(r.day) * 86_400 + Int64(r.second)
            // Two to thirty minutes to fill in, fixed by the response's number.
            let started = submitted - Int64(120 + (r.number * 7919) % 1680)
            row.removeAll(keepingCapacity: true)
            row.append(.integer(r.number))
            row.append(.dateTime(seconds: started))
            row.append(.dateTime(seconds: submitted))
            row.append(.text("anonymous"))
            row.append(.empty)
            row.append(.empty)
            row.append(.text(ExportGenerator.stages[r.stage]))
            for answer in r.answers {
                let label = ExportGenerator.answers[answer]
                row.append(label.isEmpty ? .empty : .text(label))
            }
            row.append(r.comment.map { .text(comments[$0]) } ?? .empty)
            row.append(r.comment == nil ? .empty : .text(r.consent ? "Yes" : "No"))
            book.addRow(row)
        }
        let bytes = book.finished()
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw GeneratorError(message: "\(path): cannot create the file")
        }
        return bytes.count
    }
}
