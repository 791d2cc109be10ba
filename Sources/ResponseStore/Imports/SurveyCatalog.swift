import SurveyDefinition

/// The integer keys of one survey's questions and options in the store, so that the
/// import loop maps question ids and option codes without SQL per answer.
final class StoredSurveyCatalog {
    struct QuestionSlot: Sendable {
        var code: String
        var id: Int64
        var options: [(code: String, id: Int64)]
    }

    let surveyID: Int64
    // Read for every answer an import writes, from one thread at a time: unchecked,
    // since a dynamic exclusivity check per read cost more than the look-up.
    @exclusivity(unchecked) private(set) var slots: [QuestionSlot] = []
    @exclusivity(unchecked) private var index: [String: Int] = [:]
    private let db: Database

    /// Writes (inserts or updates) the survey, its questions and option labels, and
    /// loads their keys. Earlier questions and options stay, so older answers keep
    /// their labels.
    init(db: Database, survey: Survey) throws {
        self.db = db
        try db.prepare("""
            INSERT INTO surveys (code, title, version, audience) VALUES (?, ?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET title = excluded.title, version = excluded.version, audience = excluded.audience
            """).run([.text(survey.id), .text(survey.title), .text(survey.version), .text(survey.audience.rawValue)])
        surveyID = try db.prepare("SELECT id FROM surveys WHERE code = ?").firstRow([.text(survey.id)]) { $0.int64(0) }!
        let upsertQuestion = try db.prepare("""
            INSERT INTO questions (survey_id, code, position, text, type, role, scale) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (survey_id, code) DO UPDATE SET position = excluded.position, text = excluded.text,
              type = excluded.type, role = excluded.role, scale = excluded.scale
            """)
        let upsertOption = try db.prepare("""
            INSERT INTO options (question_id, code, label, value, substantive, position) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (question_id, code) DO UPDATE SET label = excluded.label, value = excluded.value,
              substantive = excluded.substantive, position = excluded.position
            """)
        for (position, question) in survey.questions.enumerated() {
            try upsertQuestion.run([.integer(surveyID), .text(question.id), .int(position + 1), .text(question.text),
                                    .text(question.type.rawValue), .text(question.role.rawValue), .string(question.scale)])
            let qid = try questionRowID(question.id)!
            for (optionPosition, option) in (survey.scale(for: question)?.options ?? []).enumerated() {
                try upsertOption.run([.integer(qid), .text(option.code), .text(option.label), .double(option.value),
                                      .integer(option.substantive ? 1 : 0), .int(optionPosition + 1)])
            }
        }
        // Load every question of the survey, including ones older versions had.
        let questions = try db.prepare("SELECT id, code FROM questions WHERE survey_id = ? ORDER BY position, id")
            .rows([.integer(surveyID)]) { (id: $0.int64(0), code: $0.string(1)) }
        let options = try db.prepare("""
            SELECT o.question_id, o.code, o.id FROM options o JOIN questions q ON q.id = o.question_id
            WHERE q.survey_id = ? ORDER BY o.question_id, o.position, o.id
            """).rows([.integer(surveyID)]) { (question: $0.int64(0), code: $0.string(1), id: $0.int64(2)) }
        var byQuestion: [Int64: [(code: String, id: Int64)]] = [:]
        for option in options { byQuestion[option.question, default: []].append((option.code, option.id)) }
        for question in questions {
            index[question.code] = slots.count
            slots.append(QuestionSlot(code: question.code, id: question.id, options: byQuestion[question.id] ?? []))
        }
    }

    /// The keys as they are now, for the reading thread (``PreparedResponse``) to map
    /// answers with while the writer may add to the catalog: keys already given never
    /// change, so what the snapshot finds stays right, and what it does not find the
    /// writer adds.
    var snapshot: CatalogSnapshot { CatalogSnapshot(slots: slots, index: index) }

    private func questionRowID(_ code: String) throws -> Int64? {
        try db.prepare("SELECT id FROM questions WHERE survey_id = ? AND code = ?")
            .firstRow([.integer(surveyID), .text(code)]) { $0.int64(0) }
    }

    /// The slot and row id of question `code`, trying slot `hint` first (answers arrive
    /// in question order). A question the definition does not have is added, so nothing
    /// is lost.
    func question(_ code: String, hint: Int) throws -> (slot: Int, id: Int64) {
        if hint < slots.count && slots[hint].code == code { return (hint, slots[hint].id) }
        if let found = index[code] { return (found, slots[found].id) }
        let position = slots.count + 1
        try db.prepare("""
            INSERT INTO questions (survey_id, code, position, text, type, role, scale) VALUES (?, ?, ?, ?, 'unknown', 'answer', NULL)
            """).run([.integer(surveyID), .text(code), .int(position), .text(code)])
        let id = db.lastInsertRowID
        index[code] = slots.count
        slots.append(QuestionSlot(code: code, id: id, options: []))
        return (slots.count - 1, id)
    }

    /// The key of option `code` of the question in `slot`; an unknown code is added
    /// with `label` (or the code) as its label.
    func optionID(slot: Int, code: String, label: String?) throws -> Int64 {
        let options = slots[slot].options
        for i in options.indices where options[i].code == code { return options[i].id }
        let position = slots[slot].options.count + 1
        try db.prepare("""
            INSERT INTO options (question_id, code, label, value, substantive, position) VALUES (?, ?, ?, NULL, 1, ?)
            """).run([.integer(slots[slot].id), .text(code), .text(label ?? code), .int(position)])
        let id = db.lastInsertRowID
        slots[slot].options.append((code, id))
        return id
    }
}

/// A read-only copy of a ``StoredSurveyCatalog``'s keys (see ``StoredSurveyCatalog/snapshot``).
struct CatalogSnapshot: Sendable {
    fileprivate let slots: [StoredSurveyCatalog.QuestionSlot]
    fileprivate let index: [String: Int]

    /// The row ids of an answer's question and option (0 when it has none), or `nil`
    /// when either is not in the catalog yet; `hint` as for ``StoredSurveyCatalog/question(_:hint:)``.
    func keys(question code: String, option: String?, hint: inout Int) -> (question: Int64, option: Int64)? {
        let slot: Int
        if hint < slots.count && slots[hint].code == code {
            slot = hint
        } else if let found = index[code] {
            slot = found
        } else {
            return nil
        }
        hint = slot + 1
        guard let option else { return (slots[slot].id, 0) }
        let options = slots[slot].options
        for i in options.indices where options[i].code == option { return (slots[slot].id, options[i].id) }
        return nil
    }
}
