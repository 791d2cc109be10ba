import ResponseIngestion
import SurveyDefinition

// Sharp edges (see docs/internals.md, "Sharp edges").
// What is unchecked: the catalog's `snapshot` (the survey's keys) is
// `@exclusivity(unchecked)`.
// Why: the import's writer reads it for every answer it writes; a dynamic exclusivity
// check per read cost more than the look-up.
// What keeps it safe: a catalog belongs to one import's writer, used by one thread at a
// time (see `Handover` in UnsafeImportSink.swift); `snapshot` is replaced only by the
// catalog's own methods, between rows.
// Guarded by: StoreImportTests, BulkImportTests, ChoicesTests.

/// The integer keys of one survey's questions and options in the store, so that the
/// import loop maps question ids and option codes without SQL per answer.
final class StoredSurveyCatalog {
    let surveyID: Int64
    /// The keys given so far. Read for every answer an import writes, from one thread
    /// at a time: unchecked, since a dynamic exclusivity check per read cost more than
    /// the look-up.
    @exclusivity(unchecked) private(set) var snapshot = CatalogKeys()
    private let db: Database

    /// Writes (inserts or updates) the survey, its questions and option labels, and
    /// loads their keys. Earlier questions and options stay, so older answers keep
    /// their labels.
    init(db: Database, survey: Survey) throws {
        self.db = db
        try db.prepare(
            """
            INSERT INTO surveys (code, title, version, audience) VALUES (?, ?, ?, ?)
            ON CONFLICT (code) DO UPDATE SET title = excluded.title, version = excluded.version, audience = excluded.audience
            """
        ).run([.text(survey.id), .text(survey.title), .text(survey.version), .text(survey.audience.rawValue)])
        surveyID = try db.prepare("SELECT id FROM surveys WHERE code = ?").firstRow([.text(survey.id)]) { $0.int64(0) }!
        let upsertQuestion = try db.prepare(
            """
            INSERT INTO questions (survey_id, code, position, text, type, role, scale) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (survey_id, code) DO UPDATE SET position = excluded.position, text = excluded.text,
              type = excluded.type, role = excluded.role, scale = excluded.scale
            """)
        let upsertOption = try db.prepare(
            """
            INSERT INTO options (question_id, code, label, value, substantive, position) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (question_id, code) DO UPDATE SET label = excluded.label, value = excluded.value,
              substantive = excluded.substantive, position = excluded.position
            """)
        for (position, question) in survey.questions.enumerated() {
            try upsertQuestion.run([
                .integer(surveyID), .text(question.id), .int(position + 1), .text(question.text),
                .text(question.type.rawValue), .text(question.role.rawValue), .string(question.scale),
            ])
            guard let qid = try questionRowID(question.id) else {
                throw StoreError.invalidValue(
                    field: "question", value: question.id, expected: "a question stored just now")
            }
            for (optionPosition, option) in (survey.scale(for: question)?.options ?? []).enumerated() {
                try upsertOption.run([
                    .integer(qid), .text(option.code), .text(option.label), .double(option.value),
                    .integer(option.substantive ? 1 : 0), .int(optionPosition + 1),
                ])
            }
        }
        // Load every question of the survey, including ones older versions had.
        let questions = try db.prepare("SELECT id, code FROM questions WHERE survey_id = ? ORDER BY position, id")
            .rows([.integer(surveyID)]) { (id: $0.int64("id"), code: $0.string("code")) }
        let options = try db.prepare(
            """
            SELECT o.question_id, o.code, o.id FROM options o JOIN questions q ON q.id = o.question_id
            WHERE q.survey_id = ? ORDER BY o.question_id, o.position, o.id
            """
        ).rows([.integer(surveyID)]) {
            (question: $0.int64("question_id"), code: $0.string("code"), id: $0.int64("id"))
        }
        var byQuestion: [Int64: [(code: String, id: Int64)]] = [:]
        for option in options { byQuestion[option.question, default: []].append((option.code, option.id)) }
        for question in questions {
            snapshot.append(
                CatalogKeys.Question(code: question.code, id: question.id, options: byQuestion[question.id] ?? []))
        }
    }

    private func questionRowID(_ code: String) throws -> Int64? {
        try db.prepare("SELECT id FROM questions WHERE survey_id = ? AND code = ?")
            .firstRow([.integer(surveyID), .text(code)]) { $0.int64(0) }
    }

    /// The row ids of an answer's question and option (0 when it has none), trying the
    /// question after the previous answer's first (`hint`: answers arrive in question
    /// order). A question or option the catalog does not have is added, so nothing is
    /// lost: an unknown question as answered, an unknown option with `label` (or its code).
    func keys(for answer: ResponseIngestion.Answer, hint: inout Int) throws -> (question: Int64, option: Int64) {
        try keys(question: answer.question, option: answer.option, label: answer.text, hint: &hint)
    }

    /// See ``keys(for:hint:)``.
    func keys(question code: String, option: String?, label: String?, hint: inout Int) throws -> (
        question: Int64, option: Int64
    ) {
        if let found = snapshot.keys(question: code, option: option, hint: &hint) { return found }
        let slot: Int
        if let known = snapshot.slot(of: code, hint: hint) {
            slot = known
        } else {
            try db.prepare(
                """
                INSERT INTO questions (survey_id, code, position, text, type, role, scale) VALUES (?, ?, ?, ?, 'unknown', 'answer', NULL)
                """
            ).run([.integer(surveyID), .text(code), .int(snapshot.questions.count + 1), .text(code)])
            slot = snapshot.questions.count
            snapshot.append(CatalogKeys.Question(code: code, id: db.lastInsertRowID, options: []))
        }
        hint = slot + 1
        let question = snapshot.questions[slot]
        guard let option else { return (question.id, 0) }
        if let known = snapshot.option(option, of: slot) { return (question.id, known) }
        try db.prepare(
            """
            INSERT INTO options (question_id, code, label, value, substantive, position) VALUES (?, ?, ?, NULL, 1, ?)
            """
        ).run([.integer(question.id), .text(option), .text(label ?? option), .int(question.options.count + 1)])
        let id = db.lastInsertRowID
        snapshot.questions[slot].options.append((option, id))
        return (question.id, id)
    }
}

/// The keys of a survey's questions and options: what ``StoredSurveyCatalog`` has given
/// so far, and, copied when an import starts, what the reading thread maps answers with
/// (``PreparedResponse``) while the writer may add to the catalog: keys once given never
/// change, so what the copy finds stays right, and what it does not find the writer adds.
struct CatalogKeys: Sendable {
    struct Question: Sendable {
        var code: String
        var id: Int64
        var options: [(code: String, id: Int64)]
    }
    fileprivate(set) var questions: [Question] = []
    private var index: [String: Int] = [:]

    fileprivate mutating func append(_ question: Question) {
        index[question.code] = questions.count
        questions.append(question)
    }

    /// The position of question `code`, trying `hint` first.
    func slot(of code: String, hint: Int) -> Int? {
        if hint < questions.count && questions[hint].code == code { return hint }
        return index[code]
    }

    /// The row id of option `code` of the question at `slot`.
    func option(_ code: String, of slot: Int) -> Int64? {
        let options = questions[slot].options
        for i in options.indices where options[i].code == code { return options[i].id }
        return nil
    }

    /// The row ids of an answer's question and option (0 when it has none), or `nil`
    /// when either is not known yet; `hint` as for ``StoredSurveyCatalog/keys(question:option:label:hint:)``.
    func keys(question code: String, option: String?, hint: inout Int) -> (question: Int64, option: Int64)? {
        guard let slot = slot(of: code, hint: hint) else { return nil }
        hint = slot + 1
        guard let option else { return (questions[slot].id, 0) }
        return self.option(option, of: slot).map { (questions[slot].id, $0) }
    }
}
