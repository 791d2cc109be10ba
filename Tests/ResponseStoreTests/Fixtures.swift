import Foundation
import ResponseIngestion
import SurveyDefinition

@testable import ResponseStore

/// A temporary folder removed when the test is done with it.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "engage-store-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }
}

enum Fixture {
    static let survey = Survey(
        id: "ehcp-parent-carer", title: "EHC needs assessment: parent and carer feedback", version: "1.0",
        audience: .parentCarer,
        questions: [
            Question(
                id: "stage", text: "Stage of the process", type: .singleChoice,
                options: [
                    AnswerOption(code: "new-plan", label: "New EHC plan"),
                    AnswerOption(code: "annual-review", label: "Annual review"),
                ], role: .segment),
            Question(id: "involved", text: "I felt fully involved in the process", type: .scale, scale: "agreement-5"),
            Question(
                id: "communication", text: "Communication throughout the process was good", type: .scale,
                scale: "agreement-5"),
            Question(id: "comments", text: "Anything else?", type: .freeText),
            Question(id: "consent", text: "May we quote you?", type: .yesNo, role: .consentToQuote),
        ])

    /// 14:00 UTC on the given day.
    static func time(_ iso: String) -> Int64 {
        Int64(CivilTime.parseISODate(iso)!) * 86_400 + 14 * 3600
    }

    static func response(
        _ id: String, on date: String = "2021-07-14", involved: String = "agree",
        communication: String = "disagree", stage: String = "new-plan", comment: String? = nil,
        consent: String? = nil, line: Int = 2
    ) -> IngestedResponse {
        var answers = [
            Answer(question: "stage", option: stage, text: stage),
            Answer(question: "involved", option: involved, text: involved),
            Answer(question: "communication", option: communication, text: communication),
        ]
        if let comment { answers.append(Answer(question: "comments", text: comment)) }
        if let consent { answers.append(Answer(question: "consent", option: consent, text: consent)) }
        let hash = SHA256.hex(of: Array("\(stage)|\(involved)|\(communication)|\(comment ?? "")|\(consent ?? "")".utf8))
        return IngestedResponse(
            identity: .platform(id), submitted: time(date), line: line, answers: answers, contentHash: hash)
    }

    static func info(_ name: String, sha: String? = nil, source: String? = "portal") -> ImportFileInfo {
        info(name, digest: FileDigest(known: sha ?? SHA256.hex(of: Array(name.utf8))), source: source)
    }

    static func info(_ name: String, digest: FileDigest, source: String? = "portal") -> ImportFileInfo {
        ImportFileInfo(
            fileName: name, digest: digest, format: "generic", encoding: "utf-8", survey: survey, source: source)
    }
}

extension Store {
    /// Imports `responses` and `outcomes` as one file, expecting it to land.
    @discardableResult
    func land(
        _ name: String, _ responses: [IngestedResponse], outcomes: [RowOutcome] = [],
        replaceChanged: Bool = false
    ) throws -> ImportSummary {
        let result = try importFile(info: Fixture.info(name), replaceChanged: replaceChanged) { sink in
            for r in responses { try sink.accept(r) }
            for o in outcomes { try sink.record(o) }
        }
        guard case .imported(let summary) = result else { throw FixtureError.notImported(name) }
        return summary
    }

    /// The lines of SQLite's plan for `sql`.
    func plan(_ sql: String) throws -> [String] {
        try db.prepare("EXPLAIN QUERY PLAN " + sql).rows { $0.string(3) }
    }

    /// The columns of index `name`, in order, as SQLite reads them.
    func indexColumns(_ name: String) throws -> [String] {
        try db.prepare("SELECT name FROM pragma_index_info(?) ORDER BY seqno").rows([.text(name)]) { $0.string(0) }
    }

    /// A snapshot of everything an import can change, to compare before and after.
    func snapshot() throws -> [String] {
        var rows: [String] = []
        try exportRows { row in
            rows.append(
                "\(row.identity)|\(row.question)|\(row.optionCode ?? "")|\(row.text ?? "")|\(row.submitted ?? "")|\(row.source ?? "")"
            )
        }
        rows.append("responses=\(try responseCount()) answers=\(try answerCount()) imports=\(try listImports().count)")
        // The counts KPIs read: restored exactly by undo, and in agreement with the answers.
        rows += try db.prepare(
            """
            SELECT q.code, coalesce(c.day, -1), coalesce(o.code, '-'), c.answers FROM answer_counts c
            JOIN questions q ON q.id = c.question_id LEFT JOIN options o ON o.id = c.option_id ORDER BY 1, 2, 3
            """
        ).rows { s in "count \(s.string(0)) \(s.int(1)) \(s.string(2)) = \(s.int(3))" }
        rows += try answerCountMismatches().map { "MISMATCH \($0)" }
        // The view SQL users read, answer by answer.
        rows += try db.prepare(
            """
            SELECT identity, question, coalesce(option_code, '-'), coalesce(value, '-'), coalesce(text, '-') FROM answers_view
            ORDER BY response_id, question, option_code
            """
        ).rows { s in "view " + (0..<5).map { s.string(Int32($0)) }.joined(separator: "|") }
        return rows
    }
}

enum FixtureError: Error, Equatable {
    case notImported(String)
    case injected
}
