import ResponseIngestion
import SurveyDefinition

extension Store {
    /// Imports one export file in a single transaction: it lands whole or not at all.
    ///
    /// `body` runs ingestion and hands each accepted response and each set-aside or
    /// rejected row to the sink as it is read. If `body` throws, everything is rolled
    /// back and the error is rethrown. A file whose SHA-256 is already recorded is not
    /// imported again (`body` is not called). While the import runs, other writers wait
    /// (up to the busy timeout) and readers see the store as it was before.
    ///
    /// - Parameter replaceChanged: replace stored responses whose answers changed
    ///   (their earlier version is kept so that ``undoImport(id:)`` can restore it);
    ///   otherwise the stored version is kept and the conflict reported.
    package func importFile(
        info: ImportFileInfo, replaceChanged: Bool = false,
        body: (ImportSink) throws -> Void
    ) throws -> ImportResult {
        do {
            return try importFileOnce(info: info, replaceChanged: replaceChanged, body: body)
        } catch let landed as LandedMeanwhile {
            return .alreadyImported(landed.record)
        }
    }

    /// Thrown inside the import's transaction (so that it rolls back) when its digest,
    /// known only once the file was read, is that of an import stored meanwhile.
    private struct LandedMeanwhile: Error {
        var record: ImportRecord
    }

    private func importFileOnce(
        info: ImportFileInfo, replaceChanged: Bool,
        body: (ImportSink) throws -> Void
    ) throws -> ImportResult {
        // A digest still being computed (see FileDigest) can only match a stored import:
        // with none stored (a first load), the import goes ahead beside it; otherwise it
        // waits for it, so that a file imported before is skipped unread.
        if let existing = try importedBefore(info.digest) { return .alreadyImported(existing) }
        try db.execute("PRAGMA cache_size = -\(Database.importCacheKiB)")
        defer { try? db.execute("PRAGMA cache_size = -8192") }
        // Bulk load: a file of tens of thousands of responses or more, at least half the
        // size of what is stored. The responses' indexes are built once at the end instead
        // of updated row by row, and foreign keys are not checked row by row (the import
        // inserts each answer just after its response, in the same transaction).
        let estimatedResponses = (info.byteCount ?? 0) / 150
        let stored = try db.prepare("SELECT coalesce(max(id), 0) FROM responses").firstRow { $0.int(0) } ?? 0
        let bulk = estimatedResponses >= Self.bulkImportResponses && estimatedResponses * 2 >= stored
        if bulk {
            try db.execute("PRAGMA foreign_keys = OFF")
        }
        defer { if bulk { try? db.execute("PRAGMA foreign_keys = ON") } }
        let result = try db.transaction { () throws -> ImportResult in
            if bulk {
                for index in Migrations.responsesIndexes {
                    try db.execute("DROP INDEX IF EXISTS \(Migrations.indexName(index))")
                }
            }
            // Another engage may have landed the same file while this one waited for the
            // lock, which the transaction now holds: if no import is stored now, none can
            // match before it ends, and the digest may still be on its way.
            if let existing = try importedBefore(info.digest) { return .alreadyImported(existing) }
            let catalog = try StoredSurveyCatalog(db: db, survey: info.survey)
            let now = nowTimestamp
            // Until the digest is ready (before the import commits), a placeholder no
            // digest can equal; the transaction keeps it from anyone else.
            let recordedDigest = info.digest.ifReady
            // The next number never given before (undone imports keep theirs).
            try db.prepare(
                """
                INSERT INTO imports (id, file_name, sha256, format, encoding, survey_id, survey_version, source, imported_at, submitted_given)
                VALUES (max((SELECT coalesce(max(id), 0) FROM imports), (SELECT coalesce(max(id), 0) FROM undone_imports)) + 1,
                        ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            ).run([
                .text(info.fileName), .text(recordedDigest ?? "pending"), .text(info.format), .text(info.encoding),
                .integer(catalog.surveyID), .text(info.survey.version), .string(info.source), .text(now),
                .string(info.submittedGiven),
            ])
            let importID = db.lastInsertRowID
            try recordColumns(info.columns, importID: importID)
            PausePoint.importStarted.reach()
            let writer = try ImportWriter(
                db: db, catalog: catalog, importID: importID, format: info.format, source: info.source,
                replaceChanged: replaceChanged, now: now, bulkResponses: bulk ? estimatedResponses : nil,
                trackRepeats: !info.repeatsSetAside, questionsInFile: info.columns.isEmpty ? nil : info.questionsInFile,
                datesGiven: info.submittedGiven != nil)
            let sink = ImportSink(writer: writer)
            do {
                try body(sink)
            } catch {
                sink.cancel()
                throw error
            }
            try sink.finish()
            if recordedDigest == nil {
                let sha256 = try info.digest.value()
                // Known only now (the digest of what was read): another engage may have
                // landed the same file while this one read it.
                if let existing = try findImport(sha256: sha256), existing.id != importID {
                    throw LandedMeanwhile(record: existing)
                }
                try db.prepare("UPDATE imports SET sha256 = ? WHERE id = ?").run([.text(sha256), .integer(importID)])
            }
            if bulk {
                // A small cache makes SQLite's sorter merge many small sorted runs, which
                // is several times faster here than sorting millions of keys in one big
                // in-memory run (measured: 10 s -> 3 s for 6.4 million keys); a helper
                // thread lets it sort while it reads. A repeated identity (which ingestion or
                // the writer's identity table prevents) would fail here and roll back.
                // Written out first, outside the index statements (see Database.flushCache).
                try db.flushCache()
                try db.execute("PRAGMA cache_size = -2000")
                try db.execute("PRAGMA threads = 2")
                for index in Migrations.responsesIndexes { try db.execute(index) }
            }
            PausePoint.beforeCommit.reach()
            return .imported(
                ImportSummary(
                    importID: importID, fileName: info.fileName, survey: info.survey.id, accepted: writer.accepted,
                    alreadyPresent: writer.alreadyPresent, conflictsKept: writer.conflictsKept,
                    conflictsReplaced: writer.conflictsReplaced, setAside: writer.setAside, rejected: writer.rejected,
                    duplicatesInFile: writer.duplicatesInFile, recognisedByAnswers: writer.recognisedByAnswers,
                    recognisedOnFewerQuestions: writer.recognisedOnFewerQuestions))
        }
        if case .imported = result { PausePoint.afterCommit.reach() }
        return result
    }

    /// The stored import of the file with this digest, if any. A digest still being
    /// computed is waited for only when some import is stored (otherwise none can match);
    /// one the import's reading gives is not known yet (the import checks it at its end).
    func importedBefore(_ digest: FileDigest) throws -> ImportRecord? {
        if let sha256 = digest.ifReady { return try findImport(sha256: sha256) }
        guard !digest.awaitsReading, try hasImports() else { return nil }
        return try findImport(sha256: try digest.value())
    }

    /// Whether any import is stored.
    func hasImports() throws -> Bool {
        try db.prepare("SELECT EXISTS (SELECT 1 FROM imports)").firstRow([], { $0.int(0) }) == 1
    }

    /// The estimated size (in responses) from which an import loads in bulk.
    static let bulkImportResponses = 20_000

    /// Each import with its survey's code as `s`.
    private static let importsWithSurvey = "FROM imports i JOIN surveys s ON s.id = i.survey_id"

    private static let importColumns = """
        i.id, i.file_name, i.sha256, i.format, i.encoding, s.code AS survey, i.survey_version, i.source,
        i.imported_at, i.accepted, i.already_present, i.conflicts_kept, i.conflicts_replaced, i.set_aside,
        i.rejected, i.duplicates_in_file, (SELECT count(*) FROM responses r WHERE r.import_id = i.id) AS stored,
        i.submitted_given
        \(importsWithSurvey)
        """

    /// Reads one row of ``importColumns`` by name.
    private static func importRecord(_ s: Statement) -> ImportRecord {
        ImportRecord(
            id: s.int64("id"), fileName: s.string("file_name"), sha256: s.string("sha256"), format: s.string("format"),
            encoding: s.string("encoding"), survey: s.string("survey"), surveyVersion: s.string("survey_version"),
            source: s.optionalString("source"), importedAt: s.string("imported_at"), accepted: s.int("accepted"),
            alreadyPresent: s.int("already_present"), conflictsKept: s.int("conflicts_kept"),
            conflictsReplaced: s.int("conflicts_replaced"), setAside: s.int("set_aside"), rejected: s.int("rejected"),
            duplicatesInFile: s.int("duplicates_in_file"), responsesStored: s.int("stored"),
            submittedGiven: s.optionalString("submitted_given"))
    }

    /// The import of the file with this SHA-256, if it was imported.
    package func findImport(sha256: String) throws -> ImportRecord? {
        try db.prepare("SELECT \(Self.importColumns) WHERE i.sha256 = ?").firstRow([.text(sha256)], Self.importRecord)
    }

    /// The import with this number, if any.
    package func importRecord(id: Int64) throws -> ImportRecord? {
        try db.prepare("SELECT \(Self.importColumns) WHERE i.id = ?").firstRow([.integer(id)], Self.importRecord)
    }

    /// Every import, oldest first, with its counts.
    package func listImports() throws -> [ImportRecord] {
        try db.prepare("SELECT \(Self.importColumns) ORDER BY i.id").rows([], Self.importRecord)
    }

    /// Every import's file, oldest first: what ``listImports()`` gives without the counts,
    /// so a report naming its imports does not count a million responses.
    package func importedFiles() throws -> [ImportedFile] {
        try db.prepare(
            "SELECT i.id, s.code AS survey, i.file_name, i.sha256, i.source, i.imported_at \(Self.importsWithSurvey) ORDER BY i.id"
        ).rows([]) { s in
            ImportedFile(
                id: s.int64("id"), survey: s.string("survey"), fileName: s.string("file_name"),
                sha256: s.string("sha256"), source: s.optionalString("source"), importedAt: s.string("imported_at"))
        }
    }

    /// Whether import `id` is stored (without counting its responses, as ``importRecord(id:)`` does).
    func importExists(_ id: Int64) throws -> Bool {
        try db.prepare("SELECT 1 AS found FROM imports WHERE id = ?").firstRow([.integer(id)]) { _ in true } ?? false
    }

    /// How many imports the store holds.
    package func importCount() throws -> Int {
        try db.prepare("SELECT count(*) AS imports FROM imports").firstRow([]) { $0.int("imports") } ?? 0
    }

    /// The set-aside and rejected rows of an import, by line (only one kind when `kind` is given).
    package func rowOutcomes(importID: Int64, kind: RowOutcomeKind? = nil) throws -> [StoredRowOutcome] {
        guard try importExists(importID) else { throw try missingImport(importID) }
        return try db.prepare(
            """
            SELECT import_id, kind, line, column_name, value, code, reason, raw FROM row_outcomes
            WHERE import_id = ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY line, id
            """
        ).rows([.integer(importID), .string(kind?.rawValue)]) { s in
            StoredRowOutcome(
                importID: s.int64("import_id"), kind: RowOutcomeKind(rawValue: s.string("kind")) ?? .rejected,
                line: s.int("line"), column: s.optionalString("column_name"), value: s.optionalString("value"),
                code: s.string("code"), reason: s.string("reason"), raw: s.string("raw"))
        }
    }

    /// Why there is no import `id`: it was undone (its number is kept), or never was.
    func missingImport(_ id: Int64) throws -> StoreError {
        if let undone = try db.prepare("SELECT file_name, undone_at FROM undone_imports WHERE id = ?")
            .firstRow([.integer(id)], { ($0.string("file_name"), $0.string("undone_at")) })
        {
            return .importUndone(path: path, id: id, fileName: undone.0, undoneAt: undone.1)
        }
        return .importNotFound(path: path, id: id)
    }

    /// Removes exactly what an import added, in one transaction: the responses it stored
    /// are deleted, the responses it replaced get their earlier version back, and its
    /// set-aside and rejected rows and its record go. The same file can then be imported again.
    package func undoImport(id: Int64) throws -> UndoSummary {
        try db.transaction {
            guard let record = try importRecord(id: id) else { throw try missingImport(id) }
            let x: [SQLValue] = [.integer(id)]
            // Versions this import stored that a later import replaced: the versions this
            // import had replaced now count as replaced by that later import.
            try db.prepare(
                """
                UPDATE replaced_responses
                SET replaced_by_import_id = (SELECT h.replaced_by_import_id FROM replaced_responses h
                                             WHERE h.response_id = replaced_responses.response_id AND h.import_id = ?1)
                WHERE replaced_by_import_id = ?1 AND EXISTS (SELECT 1 FROM replaced_responses h
                                             WHERE h.response_id = replaced_responses.response_id AND h.import_id = ?1)
                """
            ).run(x)
            try db.prepare("DELETE FROM replaced_responses WHERE import_id = ?").run(x)
            // Responses whose current version is this import's and that it replaced: restore.
            var tally = AnswerTally()
            let replaced = "SELECT response_id FROM replaced_responses WHERE replaced_by_import_id = ?1"
            try tally.count(answersOf: replaced, x, sign: -1, db: db)
            try db.prepare("DELETE FROM answers WHERE response_id IN (\(replaced))").run(x)
            try db.prepare(
                """
                INSERT INTO answers (response_id, position, question_id, option_id, value, text, day)
                SELECT g.response_id, a.position, a.question_id, a.option_id, a.value, a.text, a.day
                FROM replaced_responses g JOIN replaced_answers a ON a.replaced_id = g.id
                WHERE g.replaced_by_import_id = ?
                """
            ).run(x)
            try db.prepare(
                """
                UPDATE responses SET (import_id, submitted, submitted_date, source, line, content_hash, names, choices) =
                  (SELECT g.import_id, g.submitted, g.submitted_date, g.source, g.line, g.content_hash, g.names, g.choices
                   FROM replaced_responses g WHERE g.response_id = responses.id AND g.replaced_by_import_id = ?1)
                WHERE id IN (SELECT response_id FROM replaced_responses WHERE replaced_by_import_id = ?1)
                """
            ).run(x)
            let restored = db.changes
            // Counted once both the rows and the choices are back.
            try tally.count(answersOf: replaced, x, sign: 1, db: db)
            try db.prepare("DELETE FROM replaced_responses WHERE replaced_by_import_id = ?").run(x)
            // Responses this import created (their answers go with them).
            try tally.count(answersOf: "SELECT id FROM responses WHERE import_id = ?1", x, sign: -1, db: db)
            try db.prepare("DELETE FROM responses WHERE import_id = ?").run(x)
            let removed = db.changes
            try tally.write(to: db)
            try db.prepare("DELETE FROM row_outcomes WHERE import_id = ?").run(x)
            let outcomes = db.changes
            try db.prepare("DELETE FROM import_columns WHERE import_id = ?").run(x)
            try db.prepare("DELETE FROM changed_responses WHERE import_id = ?").run(x)
            try db.prepare(
                """
                INSERT INTO undone_imports (id, file_name, sha256, imported_at, undone_at, responses_removed)
                SELECT id, file_name, sha256, imported_at, ?2, ?3 FROM imports WHERE id = ?1
                """
            ).run([.integer(id), .text(nowTimestamp), .int(removed)])
            try db.prepare("DELETE FROM imports WHERE id = ?").run(x)
            return UndoSummary(
                importID: id, fileName: record.fileName, responsesRemoved: removed,
                responsesRestored: restored, rowOutcomesRemoved: outcomes)
        }
    }
}
