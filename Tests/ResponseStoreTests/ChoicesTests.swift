import Foundation
import TestSupport
import Testing

@testable import ResponseStore

/// Schema 5 keeps a response's option answers in `responses.choices` (a JSON array by
/// position, `null` where the answer is a row of `answers`).
@Suite("Option answers kept with their response")
struct ChoicesTests {
    @Test("the array is written as JSON, read back the same, and what engage never writes is refused")
    func writesAndParses() throws {
        #expect(Choices.text([]) == "[]")
        #expect(Choices.text([12, 0, 7, 1_000_000_007]) == "[12,null,7,1000000007]")
        var random = SeededGenerator(seed: 5)
        for _ in 0..<500 {
            let options = (0..<Int.random(in: 0...12, using: &random)).map { _ in
                Bool.random(using: &random) ? 0 : Int64.random(in: 1...Int64(1) << 40, using: &random)
            }
            let text = Choices.text(options)
            #expect(Choices.parse(text) == options, "\(text)")
            // SQLite's reading of the same text: the same entries.
            let data = try #require(text.data(using: .utf8))
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [Any])
            #expect(json.map { ($0 as? NSNumber)?.int64Value ?? 0 } == options)
        }
        #expect(Choices.parse(" [ 3 , null ] ") == [3, 0])
        for bad in ["", "[", "]", "[1,]", "[,1]", "[0]", "[-1]", "[1.5]", "[\"1\"]", "[nul]", "[1] x", "{}", "[1 2]"] {
            #expect(Choices.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("each response's choices has an entry for every answer: options by id, a null for each row of answers")
    func storedShape() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        try store.land("a.csv", [Fixture.response("1", comment: "Fine", consent: "yes"), Fixture.response("2")])
        let rows = try store.db.prepare(
            """
            SELECT r.identity, r.choices, (SELECT group_concat(a.position || '=' || a.text) FROM answers a WHERE a.response_id = r.id)
            FROM responses r ORDER BY r.id
            """
        ).rows { [$0.string(0), $0.string(1), $0.optionalString(2) ?? "-"] }
        // Options by the ids the catalog gave them (stage, involved, communication, consent).
        let id = { (question: String, option: String) in
            try #require(
                try store.db.prepare(
                    """
                    SELECT o.id FROM options o JOIN questions q ON q.id = o.question_id WHERE q.code = ? AND o.code = ?
                    """
                ).firstRow([.text(question), .text(option)]) { $0.int64(0) })
        }
        let (stage, agree, disagree, yes) = (
            try id("stage", "new-plan"), try id("involved", "agree"),
            try id("communication", "disagree"), try id("consent", "yes")
        )
        #expect(
            rows == [
                ["generic:1", "[\(stage),\(agree),\(disagree),null,\(yes)]", "3=Fine"],
                ["generic:2", "[\(stage),\(agree),\(disagree)]", "-"],
            ])
        #expect(try store.answerCount() == 8)
        #expect(try store.db.prepare("SELECT count(*) FROM answer_rows").firstRow { $0.int(0) } == 8)
        #expect(try store.answerPlacementProblems().isEmpty)
    }

    @Test(
        "check names each way an answer can be misplaced, and reading whole responses stops with an error instead of guessing"
    )
    func misplacedAnswersAreFound() throws {
        let cases: [(sql: String, problem: String)] = [
            (
                "UPDATE responses SET choices = 'oops' WHERE identity = 'generic:1'",
                "response 1: choices is not a JSON array of option ids and nulls"
            ),
            (
                "UPDATE responses SET choices = NULL WHERE identity = 'generic:1'",
                "response 1: choices is not a JSON array of option ids and nulls"
            ),
            (
                "UPDATE responses SET choices = '[1.5, null, 2]' WHERE identity = 'generic:1'",
                "response 1: choices is not a JSON array of option ids and nulls"
            ),
            (
                "UPDATE responses SET choices = json_set(choices, '$[1]', 99999) WHERE identity = 'generic:1'",
                "response 1: answer 1: option 99999 is not in options"
            ),
            ("DELETE FROM answers WHERE response_id = 1", "response 1: answer 3 is not in answers"),
            (
                "UPDATE responses SET choices = json_set(choices, '$[3]', json_extract(choices, '$[0]')) WHERE identity = 'generic:1'",
                "response 1: answer 3 of answers is not a null entry of its choices"
            ),
        ]
        for (sql, problem) in cases {
            let dir = TemporaryDirectory()
            let store = try Store(path: dir.file("engage.sqlite"))
            try store.land(
                "a.csv", [Fixture.response("1", comment: "Fine"), Fixture.response("2", comment: "Also fine")])
            #expect(try store.answerPlacementProblems().isEmpty)
            try store.db.execute(sql)
            let found = try store.answerPlacementProblems()
            #expect(found.contains(problem), "\(sql): \(found)")
            #expect(!found.contains { $0.hasPrefix("response 2:") }, "\(sql): \(found)")
            #expect(throws: StoreError.self, "\(sql)") { try store.exportRows { _ in } }
        }
    }

    @Test(
        "the answers of some responses (undo, replacement, retention) are counted by key, not by a scan of every response and answer"
    )
    func someResponsesByKey() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        try store.land("a.csv", (1...50).map { Fixture.response("\($0)", comment: $0 % 2 == 0 ? "c" : nil) })
        for responses in [
            "SELECT response_id FROM replaced_responses WHERE replaced_by_import_id = ?1",
            "SELECT id FROM responses WHERE import_id = ?1", "?1",
        ] {
            for sql in AnswerTally.answerRows(of: responses) {
                let steps = try store.plan(sql.replacingOccurrences(of: "?1", with: "1"))
                // Every table found by key; only json_each (one response's array) is scanned.
                #expect(
                    !steps.contains { $0.hasPrefix("SCAN") && !$0.contains("VIRTUAL TABLE") },
                    "\(sql)\n\(steps.joined(separator: "\n"))")
            }
        }
        // And they count what answer_rows holds for those responses.
        var tally = AnswerTally()
        let counted = try tally.count(
            answersOf: "SELECT id FROM responses WHERE import_id = ?1", [.integer(1)], sign: 1, db: store.db)
        #expect(counted == 50 * 3 + 25)
        #expect(counted == (try store.db.prepare("SELECT count(*) FROM answer_rows").firstRow { $0.int(0) }))
        #expect(tally.changes.values.reduce(0, +) == counted)
    }

    @Test("a response's answers can be read while the responses are being read (each reading has its own statements)")
    func nestedReading() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        try store.land("a.csv", (1...5).map { Fixture.response("\($0)", comment: "c\($0)") })
        struct StartedAgain: Error {}
        var outer = 0
        var inner = 0
        try store.exportRows { _ in
            outer += 1
            if outer > 20 { throw StartedAgain() }
            if outer == 1 { try store.exportRows { _ in inner += 1 } }
            #expect(try store.answerPlacementProblems().isEmpty)
        }
        #expect(outer == 20 && inner == 20)
    }
}
