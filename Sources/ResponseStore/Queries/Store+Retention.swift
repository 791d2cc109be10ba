import SurveyDefinition

/// What ``Store/deleteResponses(before:)`` deleted.
package struct RetentionSummary: Sendable, Equatable {
    /// The cut-off date: everything submitted before it went.
    package var before: String
    /// Responses deleted.
    package var responsesDeleted: Int
    /// Answers deleted with them.
    package var answersDeleted: Int
    /// Earlier versions of responses (kept for undo) that were deleted.
    package var replacedVersionsDeleted: Int
    /// Set-aside and rejected rows (with their raw text) of imports made before the date.
    package var rowOutcomesDeleted: Int
}

extension Store {
    /// Retention: deletes, in one transaction, every response submitted before `date`
    /// (`YYYY-MM-DD`, UK date; responses without a submitted time go by the date they
    /// were imported), with its answers and earlier versions, and the raw set-aside and
    /// rejected rows of imports made before `date`. Import records stay, as provenance.
    /// The space is reused by later imports; run `VACUUM` in the sqlite3 shell to shrink the file.
    package func deleteResponses(before date: String) throws -> RetentionSummary {
        guard CivilTime.parseISODate(date) != nil else {
            throw StoreError.invalidValue(field: "before", value: date, expected: "a date as YYYY-MM-DD")
        }
        return try db.transaction {
            let old = """
                SELECT r.id FROM responses r JOIN imports i ON i.id = r.import_id
                WHERE coalesce(r.submitted_date, substr(i.imported_at, 1, 10)) < ?1
                """
            let v: [SQLValue] = [.text(date)]
            let versions =
                try db.prepareUncached(
                    """
                    SELECT count(*) FROM replaced_responses h JOIN imports i ON i.id = h.import_id
                    WHERE h.response_id IN (\(old)) OR coalesce(h.submitted_date, substr(i.imported_at, 1, 10)) < ?1
                    """
                ).firstRow(v) { $0.int(0) } ?? 0
            try db.prepareUncached(
                """
                DELETE FROM replaced_responses WHERE id IN (SELECT h.id FROM replaced_responses h JOIN imports i ON i.id = h.import_id
                  WHERE coalesce(h.submitted_date, substr(i.imported_at, 1, 10)) < ?1)
                """
            ).run(v)
            var tally = AnswerTally()
            let answers = try tally.count(answersOf: old, v, sign: -1, db: db)
            try db.prepareUncached("DELETE FROM responses WHERE id IN (\(old))").run(v)
            let responses = db.changes
            try tally.write(to: db)
            try db.prepareUncached(
                """
                DELETE FROM row_outcomes WHERE import_id IN (SELECT id FROM imports WHERE substr(imported_at, 1, 10) < ?1)
                """
            ).run(v)
            let outcomes = db.changes
            return RetentionSummary(
                before: date, responsesDeleted: responses, answersDeleted: answers,
                replacedVersionsDeleted: versions, rowOutcomesDeleted: outcomes)
        }
    }

    /// Responses submitted on or after `date` (or, without a submitted time, imported then):
    /// what ``deleteResponses(before:)`` would keep.
    package func responsesSubmitted(onOrAfter date: String) throws -> Int {
        guard CivilTime.parseISODate(date) != nil else {
            throw StoreError.invalidValue(field: "before", value: date, expected: "a date as YYYY-MM-DD")
        }
        return try db.prepareUncached(
            """
            SELECT count(*) FROM responses r JOIN imports i ON i.id = r.import_id
            WHERE coalesce(r.submitted_date, substr(i.imported_at, 1, 10)) >= ?1
            """
        ).firstRow([.text(date)]) { $0.int(0) } ?? 0
    }
}
