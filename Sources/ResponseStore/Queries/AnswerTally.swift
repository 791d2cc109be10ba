/// Changes to `answer_counts`, gathered while answers are written or deleted and
/// applied in one go before the transaction commits.
///
/// `answer_counts` holds the number of answers per (question, day, option), which is
/// all a KPI needs: reading it takes milliseconds at any size, and keeping it costs an
/// import a dictionary increment per answer instead of an index on millions of rows.
/// Everything that changes `answers` (imports, replacements, undo, retention) keeps
/// the counts with one of these, in the same transaction; `engage check` recounts the
/// answers and compares (``Store/answerCountMismatches()``).
struct AnswerTally {
    struct Key: Hashable {
        var question: Int64
        var day: Int?
        var option: Int64?
    }

    private(set) var changes: [Key: Int] = [:]

    /// Counts `n` more (or, negative, fewer) answers with this key.
    mutating func add(question: Int64, day: Int?, option: Int64?, _ n: Int = 1) {
        changes[Key(question: question, day: day, option: option), default: 0] += n
    }

    /// Counts the stored answers of the responses that `responses` (an SQL query of
    /// response ids, with parameters `values`) selects, `sign` times: -1 just before
    /// they are deleted, +1 just after they are written by SQL.
    mutating func count(answersOf responses: String, _ values: [SQLValue], sign: Int, db: Database) throws {
        try db.prepareUncached("""
            SELECT question_id, day, option_id, count(*) FROM answers WHERE response_id IN (\(responses))
            GROUP BY question_id, day, option_id
            """).forEachRow(values) { s in
            add(question: s.int64(0), day: s.optionalInt(1), option: s.optionalInt64(2), sign * s.int(3))
        }
    }

    /// Applies the changes to `answer_counts` and forgets them. Keys whose count falls
    /// to zero are removed, so the table only lists answers that exist.
    mutating func write(to db: Database) throws {
        guard !changes.isEmpty else { return }
        // `IS` matches NULL days and options too, and still searches the index.
        let update = try db.prepare("""
            UPDATE answer_counts SET answers = answers + ?4 WHERE question_id = ?1 AND day IS ?2 AND option_id IS ?3
            """)
        let insert = try db.prepare("INSERT INTO answer_counts (question_id, day, option_id, answers) VALUES (?, ?, ?, ?)")
        var fewer = false
        for (key, n) in changes where n != 0 {
            update.bind(1, key.question)
            update.bind(2, key.day)
            update.bind(3, key.option)
            update.bind(4, n)
            _ = try update.step()
            update.reset()
            if db.changes == 0 {
                insert.bind(1, key.question)
                insert.bind(2, key.day)
                insert.bind(3, key.option)
                insert.bind(4, n)
                _ = try insert.step()
                insert.reset()
            }
            if n < 0 { fewer = true }
        }
        if fewer { try db.execute("DELETE FROM answer_counts WHERE answers <= 0") }
        changes.removeAll()
    }
}
