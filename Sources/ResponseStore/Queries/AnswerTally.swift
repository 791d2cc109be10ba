/// Changes to `answer_counts`, gathered while answers are written or deleted and
/// applied in one go before the transaction commits.
///
/// `answer_counts` holds the number of answers per (question, day, option), which is
/// all a KPI needs: reading it takes milliseconds at any size, and keeping it costs an
/// import a dictionary increment per answer instead of an index on millions of rows.
/// Everything that changes the answers (imports, replacements, undo, retention) keeps
/// the counts with one of these, in the same transaction; `engage check` recounts the
/// answers and compares (``Store/answerCountMismatches()``).
struct AnswerTally {
    struct Key: Hashable {
        var question: Int64
        var day: Int?
        var option: Int64?
    }

    /// An import adds to it once per answer, millions of times: an open-addressing
    /// table with a multiplicative hash (not `Dictionary`'s SipHash) keeps that cheap.
    private struct Slot {
        var question: Int64 = -1 // -1: empty (row ids are positive)
        var day: Int = 0
        var option: Int64 = 0
        var flags: UInt8 = 0 // 1: day is nil, 2: option is nil
        var count: Int = 0
    }
    private var slots: [Slot]
    private var used = 0

    init() {
        slots = [Slot](repeating: Slot(), count: 1024)
    }

    /// The changes gathered so far, by key (zero changes left out).
    var changes: [Key: Int] { Dictionary(uniqueKeysWithValues: nonZero) }

    /// The changes gathered so far, in no particular order (zero changes left out).
    private var nonZero: [(key: Key, count: Int)] {
        slots.filter { $0.question >= 0 && $0.count != 0 }.map { slot in
            (
                Key(
                    question: slot.question, day: slot.flags & 1 == 0 ? slot.day : nil,
                    option: slot.flags & 2 == 0 ? slot.option : nil), slot.count
            )
        }
    }

    /// Counts `n` more (or, negative, fewer) answers with this key.
    mutating func add(question: Int64, day: Int?, option: Int64?, _ n: Int = 1) {
        let d = day ?? 0
        let o = option ?? 0
        let flags: UInt8 = (day == nil ? 1 : 0) | (option == nil ? 2 : 0)
        var h = UInt64(bitPattern: question) &* 0x9E37_79B9_7F4A_7C15
        h = (h ^ UInt64(bitPattern: Int64(d))) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ UInt64(bitPattern: o) ^ UInt64(flags)) &* 0x94D0_49BB_1331_11EB
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h >> 32) & mask
        while true {
            if slots[i].question < 0 { break }
            if slots[i].question == question && slots[i].day == d && slots[i].option == o && slots[i].flags == flags {
                slots[i].count += n
                return
            }
            i = (i + 1) & mask
        }
        slots[i] = Slot(question: question, day: d, option: o, flags: flags, count: n)
        used += 1
        if used * 2 > slots.count { grow() }
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        used = 0
        for slot in old where slot.question >= 0 {
            add(
                question: slot.question, day: slot.flags & 1 == 0 ? slot.day : nil,
                option: slot.flags & 2 == 0 ? slot.option : nil, slot.count)
        }
    }

    /// Counts the stored answers of the responses that `responses` (an SQL query of
    /// response ids, with parameters `values`) selects, `sign` times: -1 just before
    /// they are deleted, +1 just after they are written by SQL. Returns how many
    /// answers it counted.
    @discardableResult
    mutating func count(answersOf responses: String, _ values: [SQLValue], sign: Int, db: Database) throws -> Int {
        var total = 0
        for sql in Self.answerRows(of: responses) {
            try db.prepareUncached(sql).forEachRow(values) { s in
                let answers = s.int("answers")
                add(
                    question: s.int64("question_id"), day: s.optionalInt("day"), option: s.optionalInt64("option_id"),
                    sign * answers)
                total += answers
            }
        }
        return total
    }

    /// The two queries that count, per (question, day, option), the answers of the
    /// responses `responses` selects: the rows of `answers`, and the options in their
    /// `choices`. Each finds its responses by key; `answer_rows` (the view of both)
    /// would scan every response and every answer, as SQLite does not take an `IN`
    /// subquery into the arms of a `UNION ALL` (2 s at a million responses, 17 s after
    /// an `ANALYZE`, against 0.02 s).
    static func answerRows(of responses: String) -> [String] {
        [
            """
            SELECT question_id, day, option_id, count(*) AS answers FROM answers WHERE response_id IN (\(responses))
            GROUP BY question_id, day, option_id
            """,
            """
            SELECT o.question_id, \(Migrations.dayNumber("r.submitted_date")) AS day, o.id AS option_id, count(*) AS answers
            FROM responses r CROSS JOIN json_each(r.choices) c JOIN options o ON o.id = c.value
            WHERE r.id IN (\(responses))
            GROUP BY 1, 2, 3
            """,
        ]
    }

    /// Applies the changes to `answer_counts` and forgets them. Keys whose count falls
    /// to zero are removed, so the table only lists answers that exist.
    mutating func write(to db: Database) throws {
        // In key order, so that new keys append to the index.
        let changes = nonZero.sorted {
            ($0.key.question, $0.key.day ?? .min, $0.key.option ?? .min) < (
                $1.key.question, $1.key.day ?? .min, $1.key.option ?? .min
            )
        }
        guard !changes.isEmpty else { return }
        // 64 keys to a statement, each added to its row or inserted (the unique index
        // treats a missing day or option as one key, which SQL's NULLs would not).
        let upsert = try BatchedInsert(
            db: db, into: "answer_counts", columns: ["question_id", "day", "option_id", "answers"],
            suffix: " ON CONFLICT \(Migrations.answerCountsKey) DO UPDATE SET answers = answers + excluded.answers")
        try upsert.insert(count: changes.count) { s, base, i in
            s.bind(base + 1, changes[i].key.question)
            s.bind(base + 2, changes[i].key.day)
            s.bind(base + 3, changes[i].key.option)
            s.bind(base + 4, changes[i].count)
        }
        if changes.contains(where: { $0.count < 0 }) { try db.execute("DELETE FROM answer_counts WHERE answers <= 0") }
        slots = [Slot](repeating: Slot(), count: 1024)
        used = 0
    }
}
