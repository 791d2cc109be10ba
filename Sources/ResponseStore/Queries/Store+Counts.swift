import SurveyDefinition

extension Store {
    /// Counts of answers to one question per (day, option[, group]), for the statistics
    /// layer to bin into periods. Only days from `from` to `to` (inclusive,
    /// `YYYY-MM-DD`) when given; with either bound, responses without a submitted time
    /// are left out. Unknown survey or question: no rows.
    public func answerCounts(
        survey: String, question: String, from: String? = nil, to: String? = nil,
        groupBy: AnswerGrouping = .none
    ) throws -> [AnswerCount] {
        try answerCounts(survey: survey, questions: [question], from: from, to: to, groupBy: groupBy)[question] ?? []
    }

    /// ``answerCounts(survey:question:from:to:groupBy:)`` for several questions at once,
    /// by question id: split by group, the answers are read in one pass for all of them.
    public func answerCounts(
        survey: String, questions: [String], from: String? = nil, to: String? = nil,
        groupBy: AnswerGrouping = .none
    ) throws -> [String: [AnswerCount]] {
        let range = try dayRange(from: from, to: to)
        var wanted: [(code: String, id: Int64, options: [Int64: String])] = []
        for question in Set(questions) {
            guard let id = try questionRowID(survey: survey, question: question) else { continue }
            wanted.append((question, id, try optionCodesByID(questionID: id)))
        }
        var result: [String: [AnswerCount]] = [:]
        var rangeSQL = ""
        var rangeValues: [SQLValue] = []
        if let range {
            rangeSQL = " AND day BETWEEN ? AND ?"
            rangeValues = [.int(range.lowerBound), .int(range.upperBound)]
        }
        switch groupBy {
        case .none:
            // `answer_counts` has them counted already (see AnswerTally).
            for q in wanted {
                var counts: [AnswerCount] = []
                try db.prepare("SELECT day, option_id, answers FROM answer_counts WHERE question_id = ?\(rangeSQL)")
                    .forEachRow([.integer(q.id)] + rangeValues) { s in
                        counts.append(
                            AnswerCount(
                                day: s.optionalInt("day"),
                                option: s.optionalInt64("option_id").flatMap { q.options[$0] },
                                group: nil, count: s.int("answers")))
                    }
                result[q.code] = counts
            }
            return result
        case .segment(let segment):
            guard let segmentID = try questionRowID(survey: survey, question: segment),
                let surveyID = try surveyRowID(survey)
            else {
                throw StoreError.invalidValue(
                    field: "segment", value: segment,
                    expected:
                        "a question of survey \(survey) (\(try questionCodes(survey: survey).joined(separator: ", ")))")
            }
            let segmentCodes = try optionCodesByID(questionID: segmentID)
            // The group is the segment answer's option id (-1 when blank).
            return try groupedCounts(
                wanted, surveyID: surveyID, segmentID: segmentID, range: range,
                group: { option, _ in option ?? -1 }, name: { segmentCodes[$0] })
        case .source:
            guard let surveyID = try surveyRowID(survey) else { return [:] }
            var groups = ResponseGroups()
            // `+survey_id`: read the table in id order rather than one search per index entry.
            try db.prepare("SELECT id, source FROM responses WHERE +survey_id = ?").forEachRow([.integer(surveyID)]) {
                s in
                groups.set(s.int64("id"), s.optionalString("source"))
            }
            return try groupedCounts(
                wanted, surveyID: surveyID, segmentID: nil, range: range,
                group: { _, response in Int64(groups.index(of: response)) }, name: { groups.name(Int32($0)) })
        }
    }

    /// Counts of the `wanted` questions' answers per (day, option, group), read in one
    /// pass over the survey's responses (``forEachResponse(_:_:_:)``), each with its
    /// answers: `group` gives a response's group as a number from its answer to
    /// `segmentID` (the option id, `nil` when blank) and its id, and `name` that
    /// group's name. Joining each answer to its group in SQL meant a B-tree search per
    /// answer (10 s for five KPIs at a million responses).
    private func groupedCounts(
        _ wanted: [(code: String, id: Int64, options: [Int64: String])], surveyID: Int64, segmentID: Int64?,
        range: ClosedRange<Int>?,
        group: (Int64?, Int64) -> Int64, name: (Int64) -> String?
    ) throws -> [String: [AnswerCount]] {
        struct Key: Hashable {
            var question: Int
            var day: Int?
            var option: Int64?
            var group: Int64
        }
        guard !wanted.isEmpty else { return [:] }
        // A few questions: a linear search beats hashing.
        let wantedIDs = wanted.map(\.id)
        var counts: [Key: Int] = [:]
        var pending: [(question: Int, option: Int64?)] = []
        // The day as `answers.day` and `answer_rows` have it.
        let day = Migrations.dayNumber("submitted_date")
        var values: [SQLValue] = [.integer(surveyID)]
        if let range { values += [.int(range.lowerBound), .int(range.upperBound)] }
        // `+survey_id`: read the table in id order rather than one search per index entry.
        try forEachResponse(
            """
            SELECT id, choices, \(day) AS day FROM responses WHERE +survey_id = ?\(range == nil ? "" : " AND \(day) BETWEEN ? AND ?")
            ORDER BY id
            """, values
        ) { s, answers in
            var segmentAnswer: Int64?
            pending.removeAll(keepingCapacity: true)
            for answer in answers {
                if answer.question == segmentID { segmentAnswer = answer.option }
                if let slot = wantedIDs.firstIndex(of: answer.question) { pending.append((slot, answer.option)) }
            }
            guard !pending.isEmpty else { return }
            let g = group(segmentAnswer, s.int64("id"))
            let responseDay = s.optionalInt("day")
            for answer in pending {
                counts[Key(question: answer.question, day: responseDay, option: answer.option, group: g), default: 0] +=
                    1
            }
        }
        var result: [String: [AnswerCount]] = [:]
        for q in wanted { result[q.code] = [] }
        var names: [Int64: String?] = [:]
        for (key, count) in counts {
            let q = wanted[key.question]
            if names[key.group] == nil { names[key.group] = .some(name(key.group)) }
            result[q.code, default: []].append(
                AnswerCount(
                    day: key.day, option: key.option.flatMap { q.options[$0] },
                    group: names[key.group] ?? nil, count: count))
        }
        return result
    }

    /// The number of responses to a survey per submitted date (UK civil date).
    package func responseCounts(survey: String, from: String? = nil, to: String? = nil) throws -> [ResponseDayCount] {
        guard let surveyID = try surveyRowID(survey) else { return [] }
        _ = try dayRange(from: from, to: to)
        // `+survey_id`: scan the table in id order, not one index search per row.
        return try db.prepare(
            """
            SELECT submitted_date, count(*) AS responses FROM responses
            WHERE +survey_id = ?1 AND (?2 IS NULL OR submitted_date >= ?2) AND (?3 IS NULL OR submitted_date <= ?3)
            GROUP BY submitted_date ORDER BY submitted_date
            """
        ).rows([.integer(surveyID), .string(from), .string(to)]) { s in
            ResponseDayCount(date: s.optionalString("submitted_date"), count: s.int("responses"))
        }
    }

    /// The free-text answers to `question`, with the respondent's consent to be quoted
    /// and names to redact, oldest first.
    public func comments(survey: String, question: String, from: String? = nil, to: String? = nil) throws
        -> [StoredComment]
    {
        guard let surveyID = try surveyRowID(survey),
            let questionID = try questionRowID(survey: survey, question: question)
        else { return [] }
        let consentID = try db.prepare(
            "SELECT id FROM questions WHERE survey_id = ? AND role = 'consent-to-quote' ORDER BY position LIMIT 1"
        )
        .firstRow([.integer(surveyID)]) { $0.int64(0) }
        let consentCodes = try consentID.map { try optionCodesByID(questionID: $0) } ?? [:]
        let range = try dayRange(from: from, to: to)
        var values: [SQLValue] = [.int64(consentID), .integer(questionID)]
        var rangeSQL = ""
        if let range {
            rangeSQL = " AND a.day BETWEEN ? AND ?"
            values += [.int(range.lowerBound), .int(range.upperBound)]
        }
        // The consent answer is among the response's choices.
        return try db.prepare(
            """
            SELECT a.response_id, a.day, a.text,
                   (SELECT o.id FROM json_each(r.choices) c JOIN options o ON o.id = c.value WHERE o.question_id = ? LIMIT 1)
                     AS consent,
                   r.names, r.identity
            FROM answers a JOIN responses r ON r.id = a.response_id
            WHERE a.question_id = ? AND a.text IS NOT NULL\(rangeSQL)
            ORDER BY a.day, a.response_id
            """
        ).rows(values) { s in
            StoredComment(
                responseID: s.int64("response_id"), day: s.optionalInt("day"), text: s.string("text"),
                consent: s.optionalInt64("consent").flatMap { consentCodes[$0] },
                names: s.optionalString("names").map { $0.split(separator: "\n").map(String.init) } ?? [],
                identity: s.string("identity"))
        }
    }

    func questionRowID(survey: String, question: String) throws -> Int64? {
        try db.prepare(
            """
            SELECT q.id FROM questions q JOIN surveys s ON s.id = q.survey_id WHERE s.code = ? AND q.code = ?
            """
        ).firstRow([.text(survey), .text(question)]) { $0.int64(0) }
    }

    func questionCodes(survey: String) throws -> [String] {
        try db.prepare(
            """
            SELECT q.code FROM questions q JOIN surveys s ON s.id = q.survey_id WHERE s.code = ? ORDER BY q.position
            """
        ).rows([.text(survey)]) { $0.string(0) }
    }

    func optionCodesByID(questionID: Int64) throws -> [Int64: String] {
        var codes: [Int64: String] = [:]
        for (id, code) in try db.prepare("SELECT id, code FROM options WHERE question_id = ?")
            .rows([.integer(questionID)], { ($0.int64("id"), $0.string("code")) })
        {
            codes[id] = code
        }
        return codes
    }

    /// The inclusive day-number range for `from`...`to`, or `nil` when neither is given.
    func dayRange(from: String?, to: String?) throws -> ClosedRange<Int>? {
        if from == nil && to == nil { return nil }
        var low = Int.min / 4
        var high = Int.max / 4
        if let from {
            guard let d = CivilTime.parseISODate(from) else {
                throw StoreError.invalidValue(field: "from", value: from, expected: "a date as YYYY-MM-DD")
            }
            low = d
        }
        if let to {
            guard let d = CivilTime.parseISODate(to) else {
                throw StoreError.invalidValue(field: "to", value: to, expected: "a date as YYYY-MM-DD")
            }
            high = d
        }
        guard low <= high else {
            throw StoreError.invalidValue(field: "from", value: from ?? "", expected: "a date on or before \(to ?? "")")
        }
        return low...high
    }
}

/// Each response's group (a segment answer or a source), by response id: a dense
/// array of small indexes into the group names, so a million responses take 4 MB.
struct ResponseGroups {
    private var indexes: [Int32] = []
    private var names: [String] = []
    private var byName: [String: Int32] = [:]

    /// Records the group of response `id`; `nil` leaves it without a group.
    mutating func set(_ id: Int64, _ name: String?) {
        guard let name, id >= 0, id < Int64(Int32.max) else { return }
        let slot = Int(id)
        if slot >= indexes.count {
            indexes.append(contentsOf: repeatElement(-1, count: max(slot + 1 - indexes.count, indexes.count)))
        }
        let index: Int32
        if let known = byName[name] {
            index = known
        } else {
            index = Int32(names.count)
            names.append(name)
            byName[name] = index
        }
        indexes[slot] = index
    }

    /// The group index of response `id`, -1 when it has none.
    func index(of id: Int64) -> Int32 {
        id >= 0 && id < Int64(indexes.count) ? indexes[Int(id)] : -1
    }

    func name(_ index: Int32) -> String? { index >= 0 ? names[Int(index)] : nil }
}
