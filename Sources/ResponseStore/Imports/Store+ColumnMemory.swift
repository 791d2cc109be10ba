import ResponseIngestion

/// How one column of an import's file was read, as `import_columns` keeps it.
package struct StoredColumn: Sendable, Equatable {
    /// 1 for the file's first column.
    package var position: Int
    /// The header as shown.
    package var header: String
    /// `answer`, `option`, `metadata`, `ignored` or `unmatched`.
    package var use: String
    /// The question an answer or option column feeds.
    package var question: String?
    /// The option of an option column, the role of a metadata column, or how a column
    /// was matched or why it was ignored.
    package var detail: String?
}

extension Store {
    /// Records how an import read its file's columns (``ImportFileInfo/columns``).
    func recordColumns(_ columns: [ColumnPlan.Column], importID: Int64) throws {
        guard !columns.isEmpty else { return }
        let insert = try db.prepare(
            """
            INSERT INTO import_columns (import_id, position, header, use, question, detail) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for c in columns {
            let use: String
            let question: String?
            let detail: String?
            switch c.use {
            case .answer(let q): (use, question, detail) = ("answer", q, c.matchedBy)
            case .optionTick(let q, let o): (use, question, detail) = ("option", q, o)
            case .metadata(let role): (use, question, detail) = ("metadata", nil, role.rawValue)
            case .ignored: (use, question, detail) = ("ignored", nil, c.matchedBy)
            case .unmatched: (use, question, detail) = ("unmatched", nil, nil)
            }
            try insert.run([
                .integer(importID), .int(c.index + 1), .text(c.header), .text(use), .string(question), .string(detail),
            ])
        }
    }

    /// How the earlier imports of `survey` from `source` (`nil`: imports made without
    /// `--source`) read their files: each header that fed a question, oldest import first.
    func columnMemory(survey: String, source: String?) throws -> ColumnMemory {
        let entries = try db.prepare(
            """
            SELECT c.header, c.question, c.import_id, c.use FROM import_columns c
            JOIN imports i ON i.id = c.import_id JOIN surveys s ON s.id = i.survey_id
            WHERE s.code = ? AND i.source IS ? AND c.use IN ('answer', 'option') AND c.question IS NOT NULL
            ORDER BY c.import_id, c.position
            """
        ).rows([.text(survey), .string(source)]) { s in
            ColumnMemory.Entry(
                header: s.string("header"), question: s.string("question"), importID: s.int64("import_id"),
                isOption: s.string("use") == "option")
        }
        return ColumnMemory(entries: entries)
    }

    /// How import `id` read its file's columns (empty for an import made before engage
    /// kept them), in file order.
    package func columns(ofImport id: Int64) throws -> [StoredColumn] {
        try db.prepare(
            """
            SELECT position, header, use, question, detail FROM import_columns WHERE import_id = ? ORDER BY position
            """
        ).rows([.integer(id)]) { s in
            StoredColumn(
                position: s.int("position"), header: s.string("header"), use: s.string("use"),
                question: s.optionalString("question"), detail: s.optionalString("detail"))
        }
    }

}

extension Database {
    /// The questions import `id` had a column for: from `import_columns`, or, for an
    /// import made before engage kept them, the questions its responses answered.
    func questionsRead(byImport id: Int64) throws -> Set<String> {
        let db = self
        let recorded =
            try db.prepare("SELECT EXISTS (SELECT 1 FROM import_columns WHERE import_id = ?)").firstRow([.integer(id)])
        { $0.int(0) } == 1
        if recorded {
            return Set(
                try db.prepare(
                    """
                    SELECT DISTINCT question FROM import_columns WHERE import_id = ? AND use IN ('answer', 'option') AND question IS NOT NULL
                    """
                ).rows([.integer(id)]) { $0.string(0) })
        }
        return Set(
            try db.prepare(
                """
                SELECT DISTINCT q.code FROM answer_rows a JOIN questions q ON q.id = a.question_id
                WHERE a.response_id IN (SELECT id FROM responses WHERE import_id = ?)
                """
            ).rows([.integer(id)]) { $0.string(0) })
    }

    /// A stored response's answers by question id: each answer as `o:CODE` (an option)
    /// or `t:TEXT`, sorted, as ``ImportWriter`` compares them with an export's.
    func storedAnswers(ofResponse id: Int64) throws -> [String: [String]] {
        let db = self
        var answers: [String: [String]] = [:]
        try db.prepare(
            """
            SELECT q.code AS question, o.code AS option, NULL AS text FROM responses r, json_each(r.choices) c
              JOIN options o ON o.id = c.value JOIN questions q ON q.id = o.question_id WHERE r.id = ?1
            UNION ALL
            SELECT q.code, NULL, a.text FROM answers a JOIN questions q ON q.id = a.question_id WHERE a.response_id = ?1
            """
        ).forEachRow([.integer(id)]) { s in
            let key = s.optionalString("option").map { "o:" + $0 } ?? "t:" + (s.optionalString("text") ?? "")
            answers[s.string("question"), default: []].append(key)
        }
        return answers.mapValues { $0.sorted() }
    }
}

extension ResponseIngestion.IngestedResponse {
    /// The answers by question id, as ``Store/storedAnswers(ofResponse:)`` gives a stored one's.
    var answersByQuestion: [String: [String]] {
        var answers: [String: [String]] = [:]
        for a in self.answers {
            answers[a.question, default: []].append(a.option.map { "o:" + $0 } ?? "t:" + (a.text ?? ""))
        }
        return answers.mapValues { $0.sorted() }
    }
}
