import Foundation
import ResponseIngestion
import SurveyDefinition
import Testing

@testable import ResponseStore

/// Large imports load in bulk (the responses' indexes built once at the end, answers
/// inserted 64 to a statement); the store must end exactly as a row-by-row import
/// leaves it, and the KPI and comment queries must keep using their indexes.
@Suite("Bulk imports and query plans")
struct BulkImportTests {
    /// `count` responses with a varying mix of answers (3 to 5 each, so batches of 64
    /// answers end mid-response), over 30 days.
    static func responses(_ count: Int) -> [IngestedResponse] {
        let options = ["strongly-agree", "agree", "neither", "disagree", "strongly-disagree"]
        return (0..<count).map { i in
            let day = 1 + i % 28
            return Fixture.response(
                "r\(i)", on: String(format: "2021-07-%02d", day), involved: options[i % 5],
                communication: options[(i / 5) % 5], stage: i % 3 == 0 ? "annual-review" : "new-plan",
                comment: i % 4 == 0 ? "comment \(i)" : nil, consent: i % 8 == 0 ? "yes" : nil, line: i + 2)
        }
    }

    func importAll(
        _ store: Store, name: String, _ responses: [IngestedResponse], bytes: Int?,
        repeatsSetAside: Bool = false
    ) throws -> ImportSummary {
        var info = Fixture.info(name)
        info.byteCount = bytes
        info.repeatsSetAside = repeatsSetAside
        guard
            case .imported(let summary) = try store.importFile(
                info: info,
                body: { sink in
                    for r in responses { try sink.accept(r) }
                })
        else { throw FixtureError.notImported(name) }
        return summary
    }

    /// Everything stored about answers, in a fixed order.
    func answerRows(_ store: Store) throws -> [String] {
        try store.db.prepare(
            """
            SELECT r.identity, a.position, q.code, coalesce(o.code, ''), coalesce(a.text, ''), coalesce(a.day, -1)
            FROM answer_rows a JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id
            LEFT JOIN options o ON o.id = a.option_id ORDER BY r.identity, a.position
            """
        ).rows { s in (0..<6).map { s.string(Int32($0)) }.joined(separator: "|") }
    }

    @Test("a bulk import stores exactly what a row-by-row import stores, with the index rebuilt and the file sound")
    func bulkEqualsRowByRow() throws {
        let data = Self.responses(1_000)
        let small = TemporaryDirectory()
        let big = TemporaryDirectory()
        let rowByRow = try Store(path: small.file("engage.sqlite"))
        let bulk = try Store(path: big.file("engage.sqlite"))
        _ = try importAll(rowByRow, name: "a.csv", data, bytes: nil)
        let summary = try importAll(bulk, name: "a.csv", data, bytes: 100_000_000) // "a large file": bulk mode
        #expect(summary.accepted == 1_000)
        let expectedAnswers = data.map(\.answers.count).reduce(0, +)
        #expect(try bulk.answerCount() == expectedAnswers)
        #expect(expectedAnswers % 64 != 0)
        #expect(try answerRows(bulk) == answerRows(rowByRow))
        #expect(
            try bulk.answerCounts(survey: "ehcp-parent-carer", question: "involved")
                == rowByRow.answerCounts(survey: "ehcp-parent-carer", question: "involved"))
        #expect(try bulk.integrityCheck() == ["ok"])
        #expect(try bulk.db.prepare("PRAGMA foreign_key_check").rows { $0.string(0) }.isEmpty)
        #expect(try bulk.db.prepare("PRAGMA foreign_keys").firstRow { $0.int(0) } == 1)
        #expect(try bulk.missingIndexes().isEmpty)
        #expect(try bulk.answerCountMismatches().isEmpty && rowByRow.answerCountMismatches().isEmpty)
        #expect(try bulk.snapshot() == rowByRow.snapshot())
        // The rebuilt identity index refuses a repeat, as the original constraint did.
        #expect(throws: StoreError.self) {
            try bulk.db.execute(
                "INSERT INTO responses (survey_id, identity, import_id, line, content_hash) SELECT survey_id, identity, import_id, 1, 'x' FROM responses LIMIT 1"
            )
        }
    }

    @Test(
        "a bulk import into a store that has responses finds them without the identity index: present, changed, repeated"
    )
    func bulkFindsStoredResponses() throws {
        for replace in [false, true] {
            let small = TemporaryDirectory()
            let big = TemporaryDirectory()
            let rowByRow = try Store(path: small.file("engage.sqlite"))
            let bulk = try Store(path: big.file("engage.sqlite"))
            let first = Self.responses(300)
            // 200-299 again (250-259 changed), 300-899 new, and 400 given twice.
            var second = Self.responses(900).dropFirst(200).map { r in
                var r = r
                if case .platform(let id) = r.identity, let n = Int(id.dropFirst()), (250..<260).contains(n) {
                    r.contentHash = "changed-\(n)"
                    r.answers.removeLast()
                }
                return r
            }
            second.insert(second[200], at: 201)
            for store in [rowByRow, bulk] { _ = try importAll(store, name: "a.csv", first, bytes: nil) }
            var summaries: [ImportSummary] = []
            for (store, bytes) in [(rowByRow, nil), (bulk, 100_000_000)] as [(Store, Int?)] {
                var info = Fixture.info("b.csv")
                info.byteCount = bytes
                guard
                    case .imported(let summary) = try store.importFile(
                        info: info, replaceChanged: replace,
                        body: { sink in
                            for r in second { try sink.accept(r) }
                        })
                else { throw FixtureError.notImported("b.csv") }
                summaries.append(summary)
            }
            #expect(
                summaries[1].accepted == 600 && summaries[1].alreadyPresent == 90 && summaries[1].duplicatesInFile == 1)
            #expect((replace ? summaries[1].conflictsReplaced : summaries[1].conflictsKept).count == 10)
            #expect(summaries[0] == summaries[1])
            #expect(try answerRows(bulk) == answerRows(rowByRow))
            #expect(try bulk.snapshot() == rowByRow.snapshot())
            #expect(try bulk.answerCountMismatches().isEmpty)
            #expect(try bulk.missingIndexes().isEmpty && bulk.integrityCheck() == ["ok"])
        }
    }

    @Test("two identities with the same hash in the identity table are told apart by the stored identity")
    func identityTableCollisions() {
        var table = IdentityTable(expected: 4)
        table.insert(hash: 7, id: 1)
        table.insert(hash: 7, id: 2)
        table.insert(hash: 9, id: 3)
        var seen: [Int64] = []
        #expect(
            table.first(hash: 7) {
                seen.append($0)
                return $0 == 2
            })
        #expect(seen == [1, 2])
        #expect(!table.first(hash: 8) { _ in true })
        for i in 0..<5_000 { table.insert(hash: IdentityTable.hash("fp:\(i)"), id: Int64(i + 10)) }
        #expect(table.count == 5_003)
        #expect(table.first(hash: IdentityTable.hash("fp:4321")) { $0 == 4331 })
        #expect(IdentityTable.hash("fp:1") != IdentityTable.hash("fp:2"))
    }

    @Test("a bulk import that fails leaves the store as it was, index included")
    func bulkRollback() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        _ = try importAll(store, name: "first.csv", Self.responses(10), bytes: nil)
        var info = Fixture.info("second.csv")
        info.byteCount = 100_000_000
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try store.importFile(info: info) { sink in
                for r in Self.responses(500).dropFirst(10) { try sink.accept(r) }
                throw Boom()
            }
        }
        #expect(try store.responseCount() == 10)
        #expect(try store.missingIndexes().isEmpty)
        #expect(try store.answerCountMismatches().isEmpty)
        #expect(try store.db.prepare("PRAGMA foreign_keys").firstRow { $0.int(0) } == 1)
        #expect(try store.integrityCheck() == ["ok"])
    }

    /// SQLite's plan for `sql`, one line per step.
    @Test(
        "KPI counts and comments search their indexes, a breakdown reads the responses and the answer rows once each in key order, and a comment's consent is found among its response's choices"
    )
    func queryPlans() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        _ = try importAll(store, name: "a.csv", Self.responses(200), bytes: nil)
        // The statements the store prepared, captured after use.
        _ = try store.answerCounts(survey: "ehcp-parent-carer", question: "involved")
        _ = try store.answerCounts(
            survey: "ehcp-parent-carer", question: "involved", from: "2021-07-01", to: "2021-07-31")
        _ = try store.answerCounts(
            survey: "ehcp-parent-carer", questions: ["involved", "communication"], groupBy: .segment(question: "stage"))
        _ = try store.answerCounts(
            survey: "ehcp-parent-carer", question: "involved", from: "2021-07-01", groupBy: .source)
        _ = try store.comments(survey: "ehcp-parent-carer", question: "comments")
        let statements = store.db.preparedSQL.filter {
            ($0.contains("FROM answers") || $0.contains("answer_counts") || $0.contains("choices"))
                && $0.hasPrefix("SELECT")
        }
        #expect(statements.count >= 6)
        for sql in statements {
            let steps = try store.plan(sql.replacingOccurrences(of: "?", with: "1"))
            let shown = "\(sql)\n\(steps.joined(separator: "\n"))"
            if sql.contains("answer_counts") {
                #expect(steps.allSatisfy { !$0.hasPrefix("SCAN") }, "\(shown)")
                #expect(steps.contains { $0.contains("answer_counts_by_key (question_id=?") }, "\(shown)")
            } else if sql.contains("a.text IS NOT NULL") {
                // Comments: the text answers' index, already in day order; the consent
                // among the response's choices (a scan of one short array) for each of the consent question's options.
                #expect(
                    steps.contains { $0.hasPrefix("SEARCH a USING INDEX answers_with_text (question_id=?") }, "\(shown)"
                )
                #expect(steps.contains { $0.hasPrefix("SEARCH r USING INTEGER PRIMARY KEY") }, "\(shown)")
                #expect(steps.contains { $0.hasPrefix("SEARCH o USING") }, "\(shown)")
                #expect(
                    !steps.contains {
                        ($0.hasPrefix("SCAN") && !$0.contains("VIRTUAL TABLE")) || $0.contains("TEMP B-TREE")
                    }, "\(shown)")
            } else if sql.contains("FROM answers") {
                // A breakdown's answer rows: one pass in key order, no sorting.
                #expect(steps == ["SCAN answers"], "\(shown)")
            } else {
                // A breakdown's responses: one pass in id order, no sorting.
                #expect(steps == ["SCAN responses"], "\(shown)")
            }
        }
    }

    @Test("counts by segment and by source equal what an SQL join of each answer to its group gives")
    func groupedCountsMatchSQL() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        _ = try importAll(store, name: "a.csv", Self.responses(700), bytes: nil)
        var info = Fixture.info("b.csv", source: "telephone")
        info.byteCount = nil
        _ = try store.importFile(info: info) { sink in
            for r in Self.responses(900).dropFirst(700) { try sink.accept(r) }
        }
        func sorted(_ counts: [AnswerCount]) -> [String] {
            counts.map { "\($0.day ?? -1)|\($0.option ?? "-")|\($0.group ?? "-")|\($0.count)" }.sorted()
        }
        for question in ["involved", "communication", "comments"] {
            let qid = try #require(try store.questionRowID(survey: "ehcp-parent-carer", question: question))
            let segmentID = try #require(try store.questionRowID(survey: "ehcp-parent-carer", question: "stage"))
            let bySegmentSQL = try store.db.prepare(
                """
                SELECT a.day, o.code, so.code, count(*) FROM answer_rows a
                LEFT JOIN answer_rows s ON s.response_id = a.response_id AND s.question_id = ?
                LEFT JOIN options o ON o.id = a.option_id LEFT JOIN options so ON so.id = s.option_id
                WHERE a.question_id = ? GROUP BY 1, 2, 3
                """
            ).rows([.integer(segmentID), .integer(qid)]) { s in
                AnswerCount(
                    day: s.optionalInt(0), option: s.optionalString(1), group: s.optionalString(2), count: s.int(3))
            }
            let bySourceSQL = try store.db.prepare(
                """
                SELECT a.day, o.code, r.source, count(*) FROM answer_rows a JOIN responses r ON r.id = a.response_id
                LEFT JOIN options o ON o.id = a.option_id WHERE a.question_id = ? GROUP BY 1, 2, 3
                """
            ).rows([.integer(qid)]) { s in
                AnswerCount(
                    day: s.optionalInt(0), option: s.optionalString(1), group: s.optionalString(2), count: s.int(3))
            }
            let bySegment = try store.answerCounts(
                survey: "ehcp-parent-carer", question: question, groupBy: .segment(question: "stage"))
            let bySource = try store.answerCounts(survey: "ehcp-parent-carer", question: question, groupBy: .source)
            #expect(!bySegment.isEmpty && Set(bySource.compactMap(\.group)) == ["portal", "telephone"])
            #expect(sorted(bySegment) == sorted(bySegmentSQL))
            #expect(sorted(bySource) == sorted(bySourceSQL))
            let july = try store.answerCounts(
                survey: "ehcp-parent-carer", question: question, from: "2021-07-05", to: "2021-07-09",
                groupBy: .segment(question: "stage"))
            #expect(
                sorted(july)
                    == sorted(
                        bySegmentSQL.filter {
                            ($0.day ?? 0) >= CivilTime.parseISODate("2021-07-05")!
                                && ($0.day ?? 0) <= CivilTime.parseISODate("2021-07-09")!
                        }))
        }
    }

    @Test(
        "when the file's repeats were set aside before the store, it need not track them: the same result, row by row and in bulk; a repeat that got through fails the import and nothing lands"
    )
    func repeatsSetAsideBeforeTheStore() throws {
        for bytes in [nil, 100_000_000] {
            var stores: [Store] = []
            var summaries: [ImportSummary] = []
            let dirs = [TemporaryDirectory(), TemporaryDirectory()]
            for setAside in [false, true] {
                let store = try Store(path: dirs[setAside ? 1 : 0].file("engage.sqlite"))
                // A first load, then a second file: 250 already stored (10 of them changed), 100 new.
                _ = try importAll(store, name: "a.csv", Self.responses(300), bytes: bytes, repeatsSetAside: setAside)
                var second = Self.responses(400).dropFirst(50).map { $0 }
                for i in 0..<10 { second[i] = Fixture.response("r\(50 + i)", involved: "strongly-disagree") }
                summaries.append(try importAll(store, name: "b.csv", second, bytes: bytes, repeatsSetAside: setAside))
                stores.append(store)
            }
            #expect(
                summaries[0].accepted == 100 && summaries[0].alreadyPresent == 240
                    && summaries[0].conflictsKept.count == 10)
            #expect(summaries[1] == summaries[0])
            #expect(try stores[1].snapshot() == stores[0].snapshot())
            #expect(try answerRows(stores[1]) == answerRows(stores[0]))
            #expect(try stores[1].integrityCheck() == ["ok"] && stores[1].missingIndexes().isEmpty)
            // A caller that says so but repeats a response: the unique identity index
            // refuses it, the import fails, and the store is as it was.
            let before = try stores[1].snapshot()
            let repeated = [Fixture.response("x1"), Fixture.response("x2"), Fixture.response("x1", involved: "agree")]
            let refusal = #expect(throws: StoreError.self) {
                try importAll(stores[1], name: "c.csv", repeated, bytes: bytes, repeatsSetAside: true)
            }
            if case .sqlite(_, let code, let message, let sql) = refusal {
                #expect(code & 0xFF == 19 && message.contains("responses.identity"), "\(message)") // SQLITE_CONSTRAINT
                // The error names the code and carries the statement that failed.
                let text = refusal.map(String.init(describing:)) ?? ""
                #expect(
                    !sql.isEmpty && text.contains("SQLITE_CONSTRAINT_UNIQUE (2067)") && text.contains(sql.prefix(20)),
                    "\(text)")
            } else {
                Issue.record("not the unique index's refusal: \(String(describing: refusal))")
            }
            #expect(try stores[1].snapshot() == before)
            #expect(try stores[1].integrityCheck() == ["ok"] && stores[1].missingIndexes().isEmpty)
        }
    }

    @Test(
        "answers whose question or option the catalog lacks are added to it and stored, beside answers mapped before the writer, in bulk and row by row"
    )
    func questionsAndOptionsTheCatalogLacks() throws {
        var data = Self.responses(300)
        for i in stride(from: 0, to: 300, by: 7) {
            data[i].answers.append(Answer(question: "extra", text: "extra \(i)"))
        }
        for i in stride(from: 3, to: 300, by: 11) {
            data[i].answers[1] = Answer(question: "involved", option: "sometimes", text: "Sometimes")
        }
        let small = TemporaryDirectory()
        let big = TemporaryDirectory()
        let rowByRow = try Store(path: small.file("engage.sqlite"))
        let bulk = try Store(path: big.file("engage.sqlite"))
        _ = try importAll(rowByRow, name: "a.csv", data, bytes: nil, repeatsSetAside: true)
        _ = try importAll(bulk, name: "a.csv", data, bytes: 100_000_000, repeatsSetAside: true)
        for store in [rowByRow, bulk] {
            let rows = try answerRows(store)
            #expect(rows.count == data.map(\.answers.count).reduce(0, +))
            #expect(rows.filter { $0.contains("|extra|") }.count == 43)
            #expect(rows.filter { $0.contains("|involved|sometimes|") }.count == 27)
            #expect(rows.contains("generic:r7|3|extra||extra 7|\(CivilTime.parseISODate("2021-07-08")!)"))
            // A response the reading thread mapped whole, as given.
            let day = CivilTime.parseISODate("2021-07-02")!
            #expect(
                rows.filter { $0.hasPrefix("generic:r1|") } == [
                    "generic:r1|0|stage|new-plan||\(day)",
                    "generic:r1|1|involved|agree||\(day)",
                    "generic:r1|2|communication|strongly-agree||\(day)",
                ])
            #expect(
                try store.db.prepare("SELECT count(*) FROM questions WHERE code = 'extra'").firstRow { $0.int(0) } == 1)
            #expect(
                try store.db.prepare(
                    """
                    SELECT o.label FROM options o JOIN questions q ON q.id = o.question_id WHERE q.code = 'involved' AND o.code = 'sometimes'
                    """
                ).rows { $0.string(0) } == ["Sometimes"])
            #expect(try store.answerCountMismatches().isEmpty)
        }
        #expect(try answerRows(bulk) == answerRows(rowByRow))
        #expect(
            try bulk.answerCounts(survey: "ehcp-parent-carer", question: "involved")
                == rowByRow.answerCounts(survey: "ehcp-parent-carer", question: "involved"))
    }

    @Test("the schema's indexes are read from the migrations, and a missing one is reported")
    func missingIndexes() throws {
        #expect(Migrations.indexNames(upTo: 2).contains("answers_by_question"))
        let names = Migrations.indexNames(upTo: Migrations.latestVersion)
        #expect(!names.contains("answers_by_question")) // dropped by migration 3
        for name in [
            "answers_with_text", "answer_counts_by_key", "responses_by_identity", "responses_by_import",
            "action_kpis_by_kpi",
        ] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(names.count == Set(names).count)
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        let present = Set(
            try store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
                .rows { $0.string(0) })
        #expect(present == Set(names))
        #expect(try store.missingIndexes().isEmpty)
        try store.db.execute("DROP INDEX responses_by_identity")
        #expect(try store.missingIndexes() == ["responses_by_identity"])
    }

    @Test(
        "a large second import settles each response exactly: new, already present, changed (kept or replaced) and repeated"
    )
    func mixedBatches() throws {
        for replace in [false, true] {
            let dir = TemporaryDirectory()
            let store = try Store(path: dir.file("engage.sqlite"))
            try store.land("a.csv", (0..<100).map { Fixture.response("r\($0)") })
            // r50...r149: r50-r99 stored already, of which r60-r69 changed; r100-r149 new;
            // r120 twice in a row (the second repeats the first, within one batch).
            var second = (50..<150).map { i in
                Fixture.response("r\(i)", involved: (60..<70).contains(i) ? "strongly-disagree" : "agree")
            }
            second.insert(Fixture.response("r120"), at: 71)
            let summary = try store.land("b.csv", second, replaceChanged: replace)
            #expect(summary.accepted == 50)
            #expect(summary.alreadyPresent == 40)
            #expect(summary.setAside["duplicate-in-file"] == 1)
            #expect((replace ? summary.conflictsReplaced : summary.conflictsKept) == (60..<70).map { "generic:r\($0)" })
            #expect(try store.responseCount() == 150)
            #expect(try store.answerCount() == 150 * 3)
            let r65 = try store.db.prepare(
                """
                SELECT o.code FROM answer_rows a JOIN responses r ON r.id = a.response_id JOIN questions q ON q.id = a.question_id
                JOIN options o ON o.id = a.option_id WHERE r.identity = 'generic:r65' AND q.code = 'involved'
                """
            ).firstRow { $0.string(0) }
            #expect(r65 == (replace ? "strongly-disagree" : "agree"))
            // Every new response has its own answers, in order.
            let firstNew = try store.db.prepare(
                """
                SELECT count(*) FROM answer_rows a JOIN responses r ON r.id = a.response_id WHERE r.identity IN ('generic:r100', 'generic:r149')
                """
            ).firstRow { $0.int(0) }
            #expect(firstNew == 6)
            #expect(try store.integrityCheck() == ["ok"])
        }
    }

    @Test("responses per day honour both ends of a date range")
    func responseCountsByDay() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        try store.land(
            "a.csv",
            [
                Fixture.response("1", on: "2021-07-01"), Fixture.response("2", on: "2021-07-02"),
                Fixture.response("3", on: "2021-07-02"), Fixture.response("4", on: "2021-07-03"),
            ])
        let all = try store.responseCounts(survey: "ehcp-parent-carer")
        #expect(all.map(\.date) == ["2021-07-01", "2021-07-02", "2021-07-03"] && all.map(\.count) == [1, 2, 1])
        let middle = try store.responseCounts(survey: "ehcp-parent-carer", from: "2021-07-02", to: "2021-07-02")
        #expect(middle.map(\.date) == ["2021-07-02"] && middle.map(\.count) == [2])
        #expect(try store.responseCounts(survey: "ehcp-parent-carer", to: "2021-07-01").map(\.count) == [1])
    }
}
