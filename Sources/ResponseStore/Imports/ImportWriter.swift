import SurveyDefinition
import ResponseIngestion

/// Writes what ingestion reads from one file into the store, inside the import's
/// transaction: each accepted response (unless already stored), its answers, the
/// counts KPIs read, and every set-aside or rejected row. ``ImportSink`` feeds it on
/// a thread of its own; it is used from one thread at a time.
final class ImportWriter {
    private let db: Database
    private let catalog: StoredSurveyCatalog
    private let importID: Int64
    private let source: String?
    private let replaceChanged: Bool
    private let now: String

    private let insertResponse: Statement
    private let findResponse: Statement
    /// In a bulk import, the survey's responses by identity (the identity index is
    /// dropped until the end); `nil` otherwise, when the index answers.
    private var identities: IdentityTable?
    private let responseByID: Statement
    /// The changes to `answer_counts` this import makes, written by ``finish()``.
    private var tally = AnswerTally()
    /// Answers go in 64 to a statement: a million responses have millions of them.
    private let insertAnswers: BatchedInsert
    private var pendingAnswers: [PendingAnswer] = []
    private let insertOutcome: Statement

    private struct PendingAnswer {
        var responseID: Int64
        var position: Int
        var questionID: Int64
        var optionID: Int64?
        var value: Double?
        var text: String?
        var day: Int?
    }

    private(set) var accepted = 0
    private(set) var alreadyPresent = 0
    private(set) var conflictsKept: [String] = []
    private(set) var conflictsReplaced: [String] = []
    private(set) var setAside: [String: Int] = [:]
    private(set) var rejected = 0
    private(set) var duplicatesInFile = 0
    private var finished = false
    private let format: String

    /// - Parameter bulkResponses: for a bulk import, the number of responses expected
    ///   (sizes the identity table); `nil` for a row-by-row import.
    init(db: Database, catalog: StoredSurveyCatalog, importID: Int64, format: String, source: String?, replaceChanged: Bool,
         now: String, bulkResponses: Int? = nil) throws {
        self.format = format
        self.db = db
        self.catalog = catalog
        self.importID = importID
        self.source = source
        self.replaceChanged = replaceChanged
        self.now = now
        let responseInsert = """
            INSERT INTO responses (survey_id, identity, submitted, submitted_date, source, import_id, line, content_hash, names)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        // Row by row, the identity index finds a response already stored; in bulk, the
        // identity table does (the index is rebuilt at the end and would refuse a repeat).
        insertResponse = try db.prepare(responseInsert + (bulkResponses == nil ? " ON CONFLICT (survey_id, identity) DO NOTHING" : ""))
        findResponse = try db.prepare("SELECT id, content_hash, import_id FROM responses WHERE survey_id = ? AND identity = ?")
        responseByID = try db.prepare("SELECT identity, content_hash, import_id FROM responses WHERE id = ?")
        if let bulkResponses {
            let stored = try db.prepare("SELECT count(*) FROM responses WHERE +survey_id = ?")
                .firstRow([.integer(catalog.surveyID)]) { $0.int(0) } ?? 0
            var table = IdentityTable(expected: stored + bulkResponses)
            try db.prepare("SELECT id, identity FROM responses WHERE +survey_id = ?").forEachRow([.integer(catalog.surveyID)]) { s in
                table.insert(hash: IdentityTable.hash(s.string(1)), id: s.int64(0))
            }
            identities = table
        }
        insertAnswers = try BatchedInsert(db: db, into: "answers",
                                          columns: ["response_id", "position", "question_id", "option_id", "value", "text", "day"])
        pendingAnswers.reserveCapacity(insertAnswers.rowsPerStatement)
        insertOutcome = try db.prepare("""
            INSERT INTO row_outcomes (import_id, kind, line, column_name, value, code, reason, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Stores an accepted response, unless the store already has it: the same identity
    /// with the same content counts as already present; with different content it is a
    /// conflict, kept or replaced as the import was asked.
    func accept(_ response: IngestedResponse) throws {
        precondition(!finished, "ImportWriter used after its import finished")
        let key = storedIdentity(response.identity)
        var submitted: String?
        var submittedDate: String?
        var day: Int?
        if let wallClock = response.submitted {
            // Ingestion gives UK wall-clock time; the date is the UK civil date.
            submitted = CivilTime.wallClockText(wallClock)
            let d = CivilTime.day(wallClock: wallClock)
            day = d
            submittedDate = CivilTime.isoDate(d)
        }
        let names = response.names.isEmpty ? nil : response.names.joined(separator: "\n")

        let identityHash = identities == nil ? 0 : IdentityTable.hash(key)
        var existing: (id: Int64, hash: String, importID: Int64)?
        if let identities {
            _ = try identities.first(hash: identityHash) { id in
                responseByID.bind(1, id)
                defer { responseByID.reset() }
                guard try responseByID.step(), responseByID.string(0) == key else { return false }
                existing = (id, responseByID.string(1), responseByID.int64(2))
                return true
            }
        }
        if existing == nil {
            let statement = insertResponse
            statement.bind(1, catalog.surveyID)
            statement.bind(2, key)
            statement.bind(3, submitted)
            statement.bind(4, submittedDate)
            statement.bind(5, source)
            statement.bind(6, importID)
            statement.bind(7, response.line)
            statement.bind(8, response.contentHash)
            statement.bind(9, names)
            try statement.step()
            statement.reset()
            if db.changes == 1 {
                let id = db.lastInsertRowID
                identities?.insert(hash: identityHash, id: id)
                try insertAnswers(response.answers, responseID: id, day: day)
                accepted += 1
                return
            }
            findResponse.bind(1, catalog.surveyID)
            findResponse.bind(2, key)
            guard try findResponse.step() else {
                findResponse.reset()
                throw StoreError.sqlite(path: db.path, code: 0, message: "response \(key) neither inserted nor found")
            }
            existing = (findResponse.int64(0), findResponse.string(1), findResponse.int64(2))
            findResponse.reset()
        }
        guard let existing else { return }
        let (existingID, existingHash, existingImport) = existing

        if existingImport == importID {
            // The same response twice in one file: the first one stands.
            try record(RowOutcome(kind: .setAside, line: response.line, column: nil, value: key,
                                  reason: "repeats response \(key) given earlier in this file; the first one was kept",
                                  code: "duplicate-in-file", raw: ""))
        } else if existingHash == response.contentHash {
            alreadyPresent += 1
        } else if replaceChanged {
            try replace(existingID, with: response, submitted: submitted, submittedDate: submittedDate, day: day, names: names)
            conflictsReplaced.append(key)
        } else {
            conflictsKept.append(key)
        }
    }

    /// Records a row that was set aside or rejected, with its reason and raw text.
    func record(_ outcome: RowOutcome) throws {
        precondition(!finished, "ImportWriter used after its import finished")
        let s = insertOutcome
        s.bind(1, importID)
        s.bind(2, outcome.kind.rawValue)
        s.bind(3, outcome.line)
        s.bind(4, outcome.column)
        s.bind(5, outcome.value)
        s.bind(6, outcome.code)
        s.bind(7, outcome.reason)
        s.bind(8, outcome.raw)
        try s.step()
        s.reset()
        switch outcome.kind {
        case .setAside:
            setAside[outcome.code, default: 0] += 1
            if outcome.code.hasPrefix("duplicate") { duplicatesInFile += 1 }
        case .rejected:
            rejected += 1
        }
    }

    private func insertAnswers(_ answers: [ResponseIngestion.Answer], responseID: Int64, day: Int?) throws {
        var hint = 0
        for (position, answer) in answers.enumerated() {
            let slot = try catalog.slot(for: answer.question, hint: hint)
            hint = slot + 1
            var pending = PendingAnswer(responseID: responseID, position: position, questionID: catalog.slots[slot].id, day: day)
            if let code = answer.option {
                // The option's label and value live in `options`; keep the row small.
                pending.optionID = try catalog.optionID(slot: slot, code: code, label: answer.text)
            } else {
                pending.value = answer.value
                pending.text = answer.text
            }
            tally.add(question: pending.questionID, day: day, option: pending.optionID)
            pendingAnswers.append(pending)
            if pendingAnswers.count == insertAnswers.rowsPerStatement { try flushAnswers() }
        }
    }

    /// Writes the answers waiting in ``pendingAnswers``.
    private func flushAnswers() throws {
        try insertAnswers.insert(count: pendingAnswers.count) { s, base, i in
            let a = pendingAnswers[i]
            s.bind(base + 1, a.responseID)
            s.bind(base + 2, a.position)
            s.bind(base + 3, a.questionID)
            s.bind(base + 4, a.optionID)
            s.bind(base + 5, a.value)
            s.bind(base + 6, a.text)
            s.bind(base + 7, a.day)
        }
        pendingAnswers.removeAll(keepingCapacity: true)
    }

    private func replace(_ responseID: Int64, with response: IngestedResponse, submitted: String?, submittedDate: String?,
                         day: Int?, names: String?) throws {
        try flushAnswers()
        try db.prepare("""
            INSERT INTO replaced_responses (response_id, import_id, replaced_by_import_id, replaced_at, submitted,
              submitted_date, source, line, content_hash, names)
            SELECT id, import_id, ?, ?, submitted, submitted_date, source, line, content_hash, names FROM responses WHERE id = ?
            """).run([.integer(importID), .text(now), .integer(responseID)])
        let historyID = db.lastInsertRowID
        try db.prepare("""
            INSERT INTO replaced_answers (replaced_id, position, question_id, option_id, value, text, day)
            SELECT ?, position, question_id, option_id, value, text, day FROM answers WHERE response_id = ?
            """).run([.integer(historyID), .integer(responseID)])
        try tally.count(answersOf: "?1", [.integer(responseID)], sign: -1, db: db)
        try db.prepare("DELETE FROM answers WHERE response_id = ?").run([.integer(responseID)])
        try db.prepare("""
            UPDATE responses SET submitted = ?, submitted_date = ?, source = ?, import_id = ?, line = ?, content_hash = ?, names = ?
            WHERE id = ?
            """).run([.string(submitted), .string(submittedDate), .string(source), .integer(importID), .int(response.line),
                      .text(response.contentHash), .string(names), .integer(responseID)])
        try insertAnswers(response.answers, responseID: responseID, day: day)
    }

    /// The stored identity of a response: a platform's id is namespaced by the export
    /// format (`surveymonkey:114` and `microsoft-forms:114` are different people); a
    /// content fingerprint is kept as it is.
    func storedIdentity(_ identity: ResponseIdentity) -> String {
        switch identity {
        case .platform(let id): return format + ":" + id
        case .fingerprint: return identity.key
        }
    }

    /// Writes what is still waiting, the counts, and the import's record (with the
    /// text `encoding` ingestion found, when it says).
    func finish(encoding: String?) throws {
        try flushAnswers()
        try tally.write(to: db)
        finished = true
        if let encoding {
            try db.prepare("UPDATE imports SET encoding = ? WHERE id = ?").run([.text(encoding), .integer(importID)])
        }
        try db.prepare("""
            UPDATE imports SET accepted = ?, already_present = ?, conflicts_kept = ?, conflicts_replaced = ?,
              set_aside = ?, rejected = ?, duplicates_in_file = ? WHERE id = ?
            """).run([.int(accepted), .int(alreadyPresent), .int(conflictsKept.count), .int(conflictsReplaced.count),
                      .int(setAside.values.reduce(0, +)), .int(rejected), .int(duplicatesInFile), .integer(importID)])
    }
}
