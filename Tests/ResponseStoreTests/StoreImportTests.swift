import Foundation
import ResponseIngestion
import SurveyDefinition
import Testing

@testable import ResponseStore

@Suite("Importing into the store")
struct StoreImportTests {
    @Test("a new store is migrated from empty to the latest schema")
    func migratesFromEmpty() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        #expect(try store.storedSchemaVersion() == Store.schemaVersion)
        #expect(try store.integrityCheck() == ["ok"])
        let versions = try store.db.prepare("SELECT version FROM migrations ORDER BY version").rows { $0.int(0) }
        #expect(versions == Array(1...Store.schemaVersion))
        #expect(try store.db.prepare("PRAGMA journal_mode").firstRow { $0.string(0) } == "wal")
        #expect(try store.db.prepare("PRAGMA foreign_keys").firstRow { $0.int(0) } == 1)
    }

    /// A store at schema `version` holding what `build` lands in a current store: the
    /// rows of the tables that schema has, copied across as an older engage kept them
    /// (before schema 5, every answer a row of `answers`, option answers too).
    func oldStore(_ dir: TemporaryDirectory, version: Int, _ build: (Store) throws -> Void) throws -> (
        old: String, current: Store
    ) {
        let current = try Store(path: dir.file("current.sqlite"))
        try build(current)
        let path = dir.file("old.sqlite")
        let old = try Store(path: path, readOnly: false, migrateTo: version)
        #expect(try old.storedSchemaVersion() == version)
        try old.db.execute("ATTACH '\(dir.file("current.sqlite"))' AS c")
        for table in ["surveys", "questions", "options", "row_outcomes"] + (version >= 3 ? ["answer_counts"] : []) {
            try old.db.execute("INSERT INTO \(table) SELECT * FROM c.\(table)")
        }
        // The columns of imports before migration 6 added submitted_given.
        let importColumns =
            "id, file_name, sha256, format, encoding, survey_id, survey_version, source, imported_at, accepted, "
            + "already_present, conflicts_kept, conflicts_replaced, set_aside, rejected, duplicates_in_file"
        try old.db.execute("INSERT INTO imports (\(importColumns)) SELECT \(importColumns) FROM c.imports")
        precondition(version < 5, "a store at the latest schema needs no copying")
        let columns = "survey_id, identity, submitted, submitted_date, source, import_id, line, content_hash, names"
        let historyColumns =
            "response_id, import_id, replaced_by_import_id, replaced_at, submitted, submitted_date, source, line, content_hash, names"
        try old.db.execute(
            """
            INSERT INTO responses (id, \(columns)) SELECT id, \(columns) FROM c.responses;
            INSERT INTO answers SELECT response_id, position, question_id, option_id, value, text, day FROM c.answer_rows;
            INSERT INTO replaced_responses (id, \(historyColumns)) SELECT id, \(historyColumns) FROM c.replaced_responses;
            INSERT INTO replaced_answers SELECT replaced_id, position, question_id, NULL, value, text, day FROM c.replaced_answers;
            INSERT INTO replaced_answers SELECT h.id, j.key, o.question_id, o.id, NULL, NULL, unixepoch(h.submitted_date) / 86400
              FROM c.replaced_responses h JOIN json_each(h.choices) j JOIN c.options o ON o.id = j.value;
            """)
        try old.db.execute("DETACH c")
        old.close()
        return (path, current)
    }

    @Test("a store at schema 1 is upgraded to the latest schema when opened")
    func upgradesOldSchema() throws {
        let dir = TemporaryDirectory()
        let (path, current) = try oldStore(dir, version: 1) { try $0.land("a.csv", [Fixture.response("1")]) }
        let store = try Store(path: path)
        #expect(try store.storedSchemaVersion() == Store.schemaVersion)
        #expect(try store.responseCount() == 1)
        #expect(try store.snapshot() == current.snapshot())
        try store.addAction(NewAction(title: "Works after the upgrade"))
        #expect(try store.actions().count == 1)
    }

    @Test(
        "a store at schema 2 with responses is upgraded to 3: the same data, answer counts that agree, the identity index, cascades intact"
    )
    func upgradesToAnswerCounts() throws {
        let dir = TemporaryDirectory()
        let (path, current) = try oldStore(dir, version: 2) { store in
            try store.land(
                "a.csv",
                (1...40).map {
                    Fixture.response(
                        "\($0)", on: "2021-07-\(10 + $0 % 9)", involved: $0 % 3 == 0 ? "agree" : "neither",
                        comment: $0 % 4 == 0 ? "comment \($0)" : nil, consent: $0 % 8 == 0 ? "yes" : nil)
                })
            try store.land(
                "b.csv", [Fixture.response("5", involved: "strongly-disagree"), Fixture.response("41")],
                replaceChanged: true)
        }
        let store = try Store(path: path)
        #expect(try store.storedSchemaVersion() == Store.schemaVersion)
        #expect(try store.integrityCheck() == ["ok"] && store.missingIndexes().isEmpty)
        #expect(try store.answerCountMismatches().isEmpty)
        #expect(try store.snapshot() == current.snapshot())
        for question in ["involved", "communication", "comments"] {
            #expect(
                try store.answerCounts(survey: "ehcp-parent-carer", question: question).sorted { "\($0)" < "\($1)" }
                    == current.answerCounts(survey: "ehcp-parent-carer", question: question).sorted {
                        "\($0)" < "\($1)"
                    })
        }
        #expect(
            try store.comments(survey: "ehcp-parent-carer", question: "comments")
                == current.comments(survey: "ehcp-parent-carer", question: "comments"))
        #expect(try store.db.prepare("PRAGMA foreign_keys").firstRow { $0.int(0) } == 1)
        #expect(try store.db.prepare("PRAGMA foreign_key_check").rows { $0.string(0) }.isEmpty)
        #expect(try store.db.prepare("SELECT count(*) FROM responses_view").firstRow { $0.int(0) } == 41)
        // The identity is still unique, and undo still takes a response's answers with it.
        #expect(
            try store.land("a-again.csv", [Fixture.response("1", on: "2021-07-11", involved: "neither")]).alreadyPresent
                == 1)
        _ = try store.undoImport(id: 2)
        _ = try current.undoImport(id: 2)
        #expect(
            try store.snapshot().filter { !$0.hasPrefix("responses=") }
                == current.snapshot().filter { !$0.hasPrefix("responses=") })
        #expect(try store.responseCount() == 40 && store.answerCountMismatches().isEmpty)
    }

    @Test(
        "a store at schema 3 is upgraded to 4: the identity index keyed identity first, still unique; a bulk import rebuilds it the same way"
    )
    func upgradesIdentityIndex() throws {
        let dir = TemporaryDirectory()
        let (path, current) = try oldStore(dir, version: 3) { store in
            try store.land("a.csv", (1...30).map { Fixture.response("\($0)") })
        }
        let old = try Store(path: path, readOnly: false, migrateTo: 3)
        #expect(try old.indexColumns("responses_by_identity") == ["survey_id", "identity"])
        old.close()
        let store = try Store(path: path)
        #expect(try store.storedSchemaVersion() == Store.schemaVersion)
        #expect(try store.indexColumns("responses_by_identity") == ["identity", "survey_id"])
        #expect(
            try store.db.prepare(
                "SELECT \"unique\" FROM pragma_index_list('responses') WHERE name = 'responses_by_identity'"
            )
            .firstRow { $0.int(0) } == 1)
        #expect(try store.integrityCheck() == ["ok"] && store.missingIndexes().isEmpty)
        #expect(try store.snapshot() == current.snapshot())
        // The identity is still unique: SQLite refuses a second row with it, and an
        // import recognises a stored response through the index.
        #expect(throws: (any Error).self) {
            try store.db.execute(
                "INSERT INTO responses (survey_id, identity, import_id, line, content_hash) SELECT survey_id, identity, import_id, 99, 'x' FROM responses LIMIT 1"
            )
        }
        #expect(try store.land("again.csv", [Fixture.response("7"), Fixture.response("31")]).alreadyPresent == 1)
        let plan = try store.plan("SELECT id FROM responses WHERE survey_id = 1 AND identity = 'generic:7'").joined(
            separator: " ")
        #expect(plan.contains("responses_by_identity"), "\(plan)")
        // The index a bulk import builds again is the one the migrations made.
        let created = try store.db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'responses_by_identity'")
            .firstRow { $0.string(0) }
        #expect(created.map { $0 + ";" } == Migrations.responsesIndexes[0])
    }

    @Test(
        "a store at schema 4 is upgraded to 5: the same answers in answers_view, replaced versions that undo still restores, counts that agree"
    )
    func upgradesToChoices() throws {
        let dir = TemporaryDirectory()
        // Every answer a row in the old store, as engage kept them before schema 5.
        let (path, current) = try oldStore(dir, version: 4) { store in
            try store.land(
                "a.csv",
                (1...30).map {
                    Fixture.response(
                        "\($0)", on: "2021-07-\(10 + $0 % 9)", involved: $0 % 3 == 0 ? "agree" : "neither",
                        comment: $0 % 4 == 0 ? "comment \($0)" : nil, consent: $0 % 8 == 0 ? "yes" : nil)
                })
            try store.land(
                "b.csv",
                [Fixture.response("8", involved: "strongly-disagree", comment: "changed"), Fixture.response("31")],
                replaceChanged: true)
        }
        let view =
            "SELECT response_id, survey, identity, question, option_code, option_label, value, text FROM answers_view ORDER BY 1, 4, 5"
        func rows(_ store: Store) throws -> [String] {
            try store.db.prepare(view).rows { s in
                (0..<8).map { s.optionalString(Int32($0)) ?? "-" }.joined(separator: "|")
            }
        }
        let old = try Store(path: path, readOnly: false, migrateTo: 4)
        let before = try rows(old)
        // 30 responses of three option answers, 7 comments, 3 consents (response 8 has
        // both: 5 answers, replaced by b.csv's 4), and response 31's three.
        #expect(before.count == 30 * 3 + 7 + 3 - 5 + 4 + 3)
        #expect(
            try old.db.prepare("SELECT count(*) FROM answers WHERE option_id IS NOT NULL").firstRow { $0.int(0) } == 30
                * 3 + 3 - 4 + 3 + 3)
        let history = try old.db.prepare("SELECT count(*) FROM replaced_answers").firstRow { $0.int(0) }
        old.close()
        let upgraded = try Store(path: path)
        #expect(try upgraded.storedSchemaVersion() == Store.schemaVersion)
        #expect(try rows(upgraded) == before)
        #expect(try upgraded.answerCount() == before.count)
        #expect(
            try upgraded.db.prepare("SELECT count(*) FROM answers WHERE option_id IS NOT NULL").firstRow { $0.int(0) }
                == 0)
        #expect(try upgraded.db.prepare("SELECT count(*) FROM answer_rows").firstRow { $0.int(0) } == before.count)
        #expect(try upgraded.answerPlacementProblems().isEmpty && upgraded.answerCountMismatches().isEmpty)
        #expect(try upgraded.integrityCheck() == ["ok"] && upgraded.missingIndexes().isEmpty)
        #expect(try upgraded.snapshot() == current.snapshot())
        // The replaced version (response 8 as a.csv had it) comes back with undo.
        #expect(history == 5)
        _ = try upgraded.undoImport(id: 2)
        _ = try current.undoImport(id: 2)
        #expect(try upgraded.snapshot() == current.snapshot())
        #expect(
            try upgraded.comments(survey: "ehcp-parent-carer", question: "comments").map(\.text).contains("comment 8"))
    }

    @Test(
        "a command that only reads an older workspace upgrades it first when the file can be written; a schema-3 file missing its identity index is upgraded and repaired"
    )
    func readingUpgradesAndRepairs() throws {
        let dir = TemporaryDirectory()
        let (path, current) = try oldStore(dir, version: 3) { store in
            try store.land("a.csv", (1...20).map { Fixture.response("\($0)") })
        }
        let reader = try Store(path: path, readOnly: true)
        #expect(try reader.storedSchemaVersion() == Store.schemaVersion)
        #expect(try reader.snapshot() == current.snapshot())
        #expect(throws: StoreError.readOnly(path: path)) { try reader.db.execute("DELETE FROM responses") }
        reader.close()

        let other = TemporaryDirectory()
        let (damaged, _) = try oldStore(other, version: 3) { try $0.land("a.csv", [Fixture.response("1")]) }
        let old = try Store(path: damaged, readOnly: false, migrateTo: 3)
        try old.db.execute("DROP INDEX responses_by_identity")
        old.close()
        let repaired = try Store(path: damaged)
        #expect(try repaired.missingIndexes().isEmpty)
        #expect(try repaired.indexColumns("responses_by_identity") == ["identity", "survey_id"])
    }

    @Test("a store written by a newer engage is refused with an actionable message")
    func newerSchemaIsRefused() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("engage.sqlite")
        let store = try Store(path: path)
        let newer = Store.schemaVersion + 1
        try store.db.execute("PRAGMA user_version = \(newer)")
        store.close()
        #expect(throws: StoreError.newerSchema(path: path, found: newer, known: Store.schemaVersion)) {
            try Store(path: path)
        }
        let message = StoreError.newerSchema(path: path, found: 5, known: 2).description
        #expect(
            message
                == "\(path): this workspace was written by a newer engage (schema 5; this engage knows up to 2): update engage"
        )
    }

    @Test("importing responses stores them with their answers, dates and source")
    func importsResponses() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        let summary = try store.land(
            "a.csv", [Fixture.response("1", comment: "Great", consent: "yes"), Fixture.response("2")])
        #expect(summary.accepted == 2)
        #expect(summary.importID == 1)
        #expect(try store.responseCount(survey: "ehcp-parent-carer") == 2)
        #expect(try store.answerCount() == 8)
        let row = try store.db.prepare(
            """
            SELECT survey, identity, submitted, submitted_date, source, question, option_code, option_label
            FROM answers_view WHERE question = 'involved' ORDER BY response_id LIMIT 1
            """
        ).firstRow { s in (0..<8).map { s.string(Int32($0)) } }
        #expect(
            row == [
                "ehcp-parent-carer", "generic:1", "2021-07-14 14:00:00", "2021-07-14", "portal", "involved", "agree",
                "Agree",
            ])
        let record = try #require(try store.listImports().first)
        #expect(
            record.fileName == "a.csv" && record.accepted == 2 && record.responsesStored == 2
                && record.source == "portal")
    }

    @Test("re-importing a file with the same SHA-256 is skipped without reading it")
    func sameFileIsSkipped() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        try store.land("a.csv", [Fixture.response("1")])
        var called = false
        let result = try store.importFile(info: Fixture.info("a.csv")) { _ in called = true }
        guard case .alreadyImported(let record) = result else {
            Issue.record("expected alreadyImported, got \(result)")
            return
        }
        #expect(record.id == 1)
        #expect(!called)
        #expect(try store.listImports().count == 1)
    }

    @Test("overlapping cumulative exports count each response once")
    func overlappingExports() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        try store.land("june.csv", ["1", "2", "3"].map { Fixture.response($0) })
        let second = try store.land("july.csv", ["2", "3", "4", "5"].map { Fixture.response($0) })
        #expect(second.accepted == 2)
        #expect(second.alreadyPresent == 2)
        #expect(second.conflictsKept.isEmpty)
        #expect(try store.responseCount() == 5)
    }

    @Test("a changed response is a conflict and the stored version is kept by default")
    func conflictKept() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        try store.land("june.csv", [Fixture.response("1", involved: "agree")])
        let second = try store.land("july.csv", [Fixture.response("1", involved: "strongly-disagree")])
        #expect(second.conflictsKept == ["generic:1"])
        #expect(second.accepted == 0)
        let counts = try store.answerCounts(survey: "ehcp-parent-carer", question: "involved")
        #expect(counts.map(\.option) == ["agree"])
        #expect(try store.importRecord(id: 2)?.conflictsKept == 1)
    }

    @Test("retention deletes old responses with their answers and takes them out of the counts KPIs read")
    func retentionKeepsCountsExact() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        try store.land(
            "a.csv",
            (1...30).map {
                Fixture.response(
                    "\($0)", on: $0 <= 12 ? "2019-03-0\(1 + $0 % 9)" : "2021-07-1\($0 % 9)",
                    involved: $0 % 2 == 0 ? "agree" : "disagree")
            })
        try store.land("b.csv", [Fixture.response("3", involved: "strongly-agree")], replaceChanged: true)
        let summary = try store.deleteResponses(before: "2020-01-01")
        // Response 3's current version (from b.csv) is dated 2021-07-14: it stays, its old version goes.
        #expect(summary.responsesDeleted == 11)
        #expect(summary.answersDeleted == 33)
        #expect(summary.replacedVersionsDeleted == 1)
        #expect(try store.responseCount() == 19)
        #expect(try store.answerCountMismatches().isEmpty)
        let counts = try store.answerCounts(survey: "ehcp-parent-carer", question: "involved")
        #expect(counts.map(\.count).reduce(0, +) == 19)
        #expect(counts.allSatisfy { ($0.day ?? 0) >= CivilTime.parseISODate("2020-01-01")! })
    }

    @Test("check finds answer counts that disagree with the answers, and names the question, day and option")
    func countMismatchesAreFound() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        try store.land(
            "a.csv",
            [Fixture.response("1", on: "2021-07-14", involved: "agree"), Fixture.response("2", on: "2021-07-14")])
        #expect(try store.answerCountMismatches().isEmpty)
        let involved = try #require(try store.questionRowID(survey: "ehcp-parent-carer", question: "involved"))
        try store.db.execute("UPDATE answer_counts SET answers = answers + 1 WHERE question_id = \(involved)")
        #expect(try store.answerCountMismatches() == ["involved, day 2021-07-14, agree: counted 3, stored 2"])
        try store.db.execute("DELETE FROM answer_counts")
        #expect(try store.answerCountMismatches().count == 3) // stage, involved and communication on that day
    }

    @Test("a changed response is replaced when asked, and undo brings the old version back")
    func conflictReplacedAndUndone() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        try store.land("june.csv", [Fixture.response("1", involved: "agree", comment: "First"), Fixture.response("2")])
        let before = try store.snapshot()
        let second = try store.land(
            "july.csv", [Fixture.response("1", involved: "strongly-disagree"), Fixture.response("3")],
            replaceChanged: true)
        #expect(second.conflictsReplaced == ["generic:1"])
        #expect(second.accepted == 1)
        let counts = try store.answerCounts(survey: "ehcp-parent-carer", question: "involved")
        #expect(Set(counts.compactMap(\.option)) == ["strongly-disagree", "agree"])
        #expect(try store.comments(survey: "ehcp-parent-carer", question: "comments").isEmpty)

        let undo = try store.undoImport(id: second.importID)
        #expect(undo.responsesRemoved == 1)
        #expect(undo.responsesRestored == 1)
        #expect(try store.snapshot() == before)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test("undo restores the previous counts exactly, whatever order imports are undone in")
    func undoOutOfOrder() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        try store.land("a.csv", [Fixture.response("1", involved: "agree"), Fixture.response("2")])
        let afterA = try store.snapshot()
        let b = try store.land(
            "b.csv", [Fixture.response("1", involved: "neither"), Fixture.response("3")], replaceChanged: true)
        let c = try store.land(
            "c.csv", [Fixture.response("1", involved: "disagree"), Fixture.response("4")], replaceChanged: true)
        // Undo the middle import first: the current version (C's) stays, B's response 3 goes.
        _ = try store.undoImport(id: b.importID)
        #expect(
            try store.answerCounts(survey: "ehcp-parent-carer", question: "involved").filter { $0.option == "disagree" }
                .count == 1)
        #expect(try store.responseCount() == 3)
        // Undoing C then brings back A's version.
        let undoC = try store.undoImport(id: c.importID)
        #expect(undoC.responsesRestored == 1 && undoC.responsesRemoved == 1)
        #expect(try store.snapshot() == afterA)
        #expect(try store.db.prepare("SELECT count(*) FROM replaced_responses").firstRow { $0.int(0) } == 0)
    }

    @Test("undo of an import lets the same file be imported again")
    func undoThenReimport() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        let empty = try store.snapshot()
        let first = try store.land(
            "a.csv", [Fixture.response("1")],
            outcomes: [RowOutcome(kind: .rejected, line: 3, reason: "bad", code: "unknown-answer", raw: "x")])
        let undo = try store.undoImport(id: first.importID)
        #expect(undo.rowOutcomesRemoved == 1)
        #expect(try store.snapshot() == empty)
        #expect(try store.land("a.csv", [Fixture.response("1")]).accepted == 1)
        #expect(throws: StoreError.self) { try store.undoImport(id: 99) }
    }

    @Test("an error thrown part-way through an import leaves the store unchanged")
    func failureRollsBack() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        try store.land("a.csv", [Fixture.response("1")])
        let before = try store.snapshot()
        #expect(throws: FixtureError.injected) {
            try store.importFile(info: Fixture.info("b.csv"), replaceChanged: true) { sink in
                try sink.accept(Fixture.response("1", involved: "disagree"))
                for i in 2..<500 { try sink.accept(Fixture.response(String(i))) }
                try sink.record(RowOutcome(kind: .rejected, line: 9, reason: "bad", code: "bad", raw: "x"))
                throw FixtureError.injected
            }
        }
        #expect(try store.snapshot() == before)
        #expect(try store.db.prepare("SELECT count(*) FROM row_outcomes").firstRow { $0.int(0) } == 0)
        #expect(try store.integrityCheck() == ["ok"])
        // The store is still usable and the file can land afterwards.
        #expect(try store.land("b.csv", [Fixture.response("2")]).accepted == 1)
    }

    @Test("set-aside and rejected rows are kept with line, reason and raw row")
    func rowOutcomes() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        let summary = try store.land(
            "a.csv", [Fixture.response("1", line: 2), Fixture.response("1", involved: "neither", line: 5)],
            outcomes: [
                RowOutcome(kind: .setAside, line: 3, reason: "not finished", code: "incomplete", raw: "3,,"),
                RowOutcome(
                    kind: .rejected, line: 4, column: "Involved", value: "Agre", reason: "unknown answer \"Agre\"",
                    code: "unknown-answer", raw: "4,Agre"),
            ])
        #expect(summary.accepted == 1)
        #expect(summary.setAside == ["incomplete": 1, "duplicate-in-file": 1])
        #expect(summary.duplicatesInFile == 1)
        #expect(summary.rejected == 1)
        let rejected = try store.rowOutcomes(importID: summary.importID, kind: .rejected)
        #expect(
            rejected == [
                StoredRowOutcome(
                    importID: 1, kind: .rejected, line: 4, column: "Involved", value: "Agre",
                    code: "unknown-answer", reason: "unknown answer \"Agre\"", raw: "4,Agre")
            ])
        #expect(try store.rowOutcomes(importID: summary.importID).map(\.line) == [3, 4, 5])
        let record = try #require(try store.importRecord(id: summary.importID))
        #expect(record.setAside == 2 && record.rejected == 1 && record.duplicatesInFile == 1)
    }

    @Test("two imports started at once both land, one after the other")
    func concurrentImports() async throws {
        let dir = TemporaryDirectory()
        let path = dir.file("engage.sqlite")
        try Store(path: path).close()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for file in 0..<2 {
                group.addTask {
                    let store = try Store(path: path)
                    let responses = (0..<2000).map { Fixture.response("\(file)-\($0)") }
                    return try store.land("file\(file).csv", responses).accepted
                }
            }
            var total = 0
            for try await accepted in group { total += accepted }
            #expect(total == 4000)
        }
        #expect(try Store(path: path).responseCount() == 4000)
    }
}
