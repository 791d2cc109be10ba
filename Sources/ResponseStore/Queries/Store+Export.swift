extension Store {
    /// Calls `body` for every row of the tidy long export (one row per response ×
    /// answer), response by response in the order they were stored, without holding
    /// more than one response in memory. Restrict to one survey with `survey`.
    package func exportRows(survey: String? = nil, _ body: (ExportRow) throws -> Void) throws {
        var questions: [Int64: (code: String, isSegment: Bool)] = [:]
        try db.prepare("SELECT id, code, role FROM questions").forEachRow { s in
            questions[s.int64("id")] = (s.string("code"), s.string("role") == "segment")
        }
        var options: [Int64: (code: String, label: String, value: Double?)] = [:]
        try db.prepare("SELECT id, code, label, value FROM options").forEachRow { s in
            options[s.int64("id")] = (s.string("code"), s.string("label"), s.optionalDouble("value"))
        }
        var rows: [ExportRow] = []
        var segments: [SegmentAnswer] = []
        try forEachResponse(
            """
            SELECT r.id, r.choices, s.code AS survey, r.identity, r.submitted, r.submitted_date, r.source
            FROM responses r JOIN surveys s ON s.id = r.survey_id
            WHERE (?1 IS NULL OR s.code = ?1)
            ORDER BY r.id
            """, [.string(survey)]
        ) { s, answers in
            rows.removeAll(keepingCapacity: true)
            segments.removeAll(keepingCapacity: true)
            let id = s.int64("id")
            let surveyCode = s.string("survey")
            let identity = s.string("identity")
            let submitted = s.optionalString("submitted")
            let submittedDate = s.optionalString("submitted_date")
            let source = s.optionalString("source")
            for answer in answers {
                guard let question = questions[answer.question] else {
                    throw StoreError.corrupt(
                        path: path,
                        detail: "response \(id): question \(answer.question) is not in questions; run engage check")
                }
                let option = answer.option.flatMap { options[$0] }
                rows.append(
                    ExportRow(
                        survey: surveyCode, responseID: id, identity: identity, submitted: submitted,
                        submittedDate: submittedDate,
                        source: source, question: question.code, optionCode: option?.code, optionLabel: option?.label,
                        value: answer.value ?? option?.value, text: answer.text, segments: []))
                if question.isSegment, let option {
                    segments.append(
                        SegmentAnswer(question: question.code, optionCode: option.code, optionLabel: option.label))
                }
            }
            for var row in rows {
                row.segments = segments
                try body(row)
            }
        }
    }
}
