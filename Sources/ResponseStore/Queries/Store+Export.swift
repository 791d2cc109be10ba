extension Store {
    /// Calls `body` for every row of the tidy long export (one row per response ×
    /// answer), response by response in the order they were stored, without holding
    /// more than one response in memory. Restrict to one survey with `survey`.
    public func exportRows(survey: String? = nil, _ body: (ExportRow) throws -> Void) throws {
        // Ordered by the answers' primary key, which the scan already follows: no sort.
        let statement = try db.prepareUncached("""
            SELECT r.id, s.code, r.identity, r.submitted, r.submitted_date, r.source,
                   q.code, q.role, o.code, o.label, coalesce(a.value, o.value), a.text
            FROM responses r
            JOIN surveys s ON s.id = r.survey_id
            JOIN answers a ON a.response_id = r.id
            JOIN questions q ON q.id = a.question_id
            LEFT JOIN options o ON o.id = a.option_id
            WHERE (?1 IS NULL OR s.code = ?1)
            ORDER BY a.response_id, a.position
            """)
        statement.bind(1, survey)
        var pending: [ExportRow] = []
        var segments: [SegmentAnswer] = []
        var current: Int64 = -1

        func flush() throws {
            for var row in pending {
                row.segments = segments
                try body(row)
            }
            pending.removeAll(keepingCapacity: true)
            segments.removeAll(keepingCapacity: true)
        }

        while try statement.step() {
            let id = statement.int64(0)
            if id != current {
                try flush()
                current = id
            }
            let row = ExportRow(
                survey: statement.string(1), responseID: id, identity: statement.string(2),
                submitted: statement.optionalString(3), submittedDate: statement.optionalString(4),
                source: statement.optionalString(5), question: statement.string(6),
                optionCode: statement.optionalString(8), optionLabel: statement.optionalString(9),
                value: statement.optionalDouble(10), text: statement.optionalString(11), segments: [])
            if statement.string(7) == "segment", let code = row.optionCode {
                segments.append(SegmentAnswer(question: row.question, optionCode: code, optionLabel: row.optionLabel ?? code))
            }
            pending.append(row)
        }
        try flush()
    }
}
