import ResponseIngestion
import SurveyDefinition

// Sharp edges (see docs/internals.md, "Sharp edges").
// What is unchecked: the writer's per-row state is `@exclusivity(unchecked)`, and pending
// answers are read through an unsafe buffer pointer while they are bound.
// Why: each access to a class's stored property is otherwise checked at run time, which
// cost more than some of the work itself (85 M instructions for 50,000 rows).
// What keeps it safe: an ImportWriter is used by one thread at a time: the writer thread
// from its start to its exit, the import's own thread only before the start or after it
// has waited for the exit (see `Handover` in UnsafeImportSink.swift); the buffer is used
// only within the call that lends it.
// Guarded by: BulkImportTests, StoreImportTests, ReexportPropertyTests, ChosenPointKillTests.

/// A response made ready to be written, on the thread that reads the file, so that
/// the writer (the import's critical path) does only what needs the store: its stored
/// identity and that identity's hash, its times as stored, its names as one text, and
/// the row ids of its answers' questions and options.
struct PreparedResponse {
    var response: IngestedResponse
    var key: String
    var identityHash: UInt64
    var submitted: String?
    var submittedDate: String?
    var day: Int?
    var names: String?
    /// The question and option row ids of each answer (option 0: none), in order, when
    /// the catalog had them all; otherwise empty, and the writer maps the answers.
    var answerKeys: [(question: Int64, option: Int64)] = []

    /// - Parameter format: the export format, which namespaces a platform's ids.
    init(_ response: IngestedResponse, format: String, catalog: CatalogKeys) {
        self.response = response
        var keys: [(question: Int64, option: Int64)] = []
        keys.reserveCapacity(response.answers.count)
        var hint = 0
        for answer in response.answers {
            guard let found = catalog.keys(question: answer.question, option: answer.option, hint: &hint) else {
                keys = []
                break
            }
            keys.append(found)
        }
        answerKeys = keys
        key = ImportWriter.storedIdentity(response.identity, format: format)
        identityHash = IdentityTable.hash(key)
        if let wallClock = response.submitted {
            // Ingestion gives UK wall-clock time; the date is the UK civil date.
            submitted = CivilTime.wallClockText(wallClock)
            let d = CivilTime.day(wallClock: wallClock)
            day = d
            submittedDate = CivilTime.isoDate(d)
        }
        names = response.names.isEmpty ? nil : response.names.joined(separator: "\n")
    }
}

/// Writes what ingestion reads from one file into the store, inside the import's
/// transaction: each accepted response (unless already stored), its answers, the
/// counts KPIs read, and every set-aside or rejected row. ``ImportSink`` feeds it on
/// a thread of its own; it is used from one thread at a time.
///
/// New responses get their row ids here and wait, with their answers, to be inserted
/// many to a statement (a million single-row statements would cost more than their
/// rows). A response is looked up by identity first: in the identity table, which
/// holds this import's new responses (unless the file's repeats were set aside before
/// they came here) and, in a bulk import, every stored one of the survey (the identity
/// index is dropped until the end); then, outside a bulk import, in the identity index.
final class ImportWriter {
    private let db: Database
    private let catalog: StoredSurveyCatalog
    /// The catalog's keys when the import started, for ``PreparedResponse`` on the reading thread.
    let catalogSnapshot: CatalogKeys
    private let importID: Int64
    private let source: String?
    private let replaceChanged: Bool
    private let now: String
    /// Whether the identity table holds every stored response of the survey.
    private let bulk: Bool
    /// Whether the identity table also holds this import's new responses, to catch a
    /// response repeated within the file.
    private let trackRepeats: Bool
    /// The questions this import's file has a column for (`nil`: not known, and
    /// responses are recognised by identity alone).
    private let questionsInFile: Set<String>?
    /// Whether this import's dates were given (`--submitted`) rather than read.
    private let datesGiven: Bool
    /// Whether the survey had responses stored before this import began.
    private let storedBefore: Bool
    /// Stored responses by submitted time, once a response needs them: all of them
    /// (for a row without a platform id), and those without a platform id (for a row
    /// with one, which can only be a response stored without).
    private var earlier: EarlierResponses?
    private var earlierWithoutIDs: EarlierResponses?
    /// Stored responses this import has found again (each stands for one row only).
    private var found: Set<Int64> = []
    /// The questions each earlier import had a column for.
    private var questionsOfImport: [Int64: Set<String>] = [:]

    // The state below is used for every response and answer, from one thread at a
    // time (see ImportSink): its accesses are not checked for exclusivity at run time,
    // which cost more than some of the work itself.
    private let findResponse: Statement
    @exclusivity(unchecked) private var identities: IdentityTable
    private let responseByID: Statement
    /// The row id the next new response gets.
    @exclusivity(unchecked) private var nextID: Int64
    /// The changes to `answer_counts` this import makes, written by ``finish(encoding:)``.
    @exclusivity(unchecked) private var tally = AnswerTally()
    private let insertResponses: BatchedInsert
    @exclusivity(unchecked) private var pendingResponses: [PendingResponse] = []
    private let insertAnswers: BatchedInsert
    @exclusivity(unchecked) private var pendingAnswers: [PendingAnswer] = []
    /// The texts of pending answers (free text, numbers as given), by `PendingAnswer.text`.
    @exclusivity(unchecked) private var pendingTexts: [String] = []
    private let insertOutcome: Statement

    /// The texts of pending responses.
    @exclusivity(unchecked) private var responseTexts = TextArena()
    /// The response being queued: its answers' option ids by position (0: a row of
    /// `answers`), for `responses.choices`.
    @exclusivity(unchecked) private var choices: [Int64] = []

    private struct PendingResponse {
        var id: Int64
        var line: Int
        var key: TextArena.Span
        var submitted: TextArena.Span
        var submittedDate: TextArena.Span
        var contentHash: TextArena.Span
        var names: TextArena.Span
        var choices: TextArena.Span
    }

    /// One answer waiting to be inserted as a row of `answers` (a text, number or
    /// date: option answers go in `responses.choices`); plain values only, so that keeping and
    /// binding a million of them costs no reference counting.
    private struct PendingAnswer {
        var responseID: Int64
        var questionID: Int64
        var value: Double
        var day: Int64
        var position: Int32
        var text: Int32 // index into pendingTexts; -1: none
        var hasValue: Bool
        var hasDay: Bool
    }

    /// Answers waiting before they are written (and the responses with them).
    private static let answersPerFlush = 1_024
    private static let responsesPerFlush = 256

    @exclusivity(unchecked) private(set) var accepted = 0
    private(set) var alreadyPresent = 0
    private(set) var conflictsKept: [String] = []
    private(set) var conflictsReplaced: [String] = []
    private(set) var setAside: [String: Int] = [:]
    private(set) var rejected = 0
    private(set) var duplicatesInFile = 0
    private(set) var recognisedByAnswers = 0
    private(set) var recognisedOnFewerQuestions = 0
    private var finished = false
    let format: String

    /// - Parameter bulkResponses: for a bulk import, the number of responses expected
    ///   (sizes the identity table, which then also holds the stored responses); `nil`
    ///   for a row-by-row import.
    /// - Parameter trackRepeats: `false` when every response's identity is known to
    ///   differ from the others' in this import (see ``ImportFileInfo/repeatsSetAside``).
    init(
        db: Database, catalog: StoredSurveyCatalog, importID: Int64, format: String, source: String?,
        replaceChanged: Bool,
        now: String, bulkResponses: Int? = nil, trackRepeats: Bool = true, questionsInFile: Set<String>? = nil,
        datesGiven: Bool = false
    ) throws {
        self.format = format
        self.questionsInFile = questionsInFile
        self.datesGiven = datesGiven
        storedBefore =
            try db.prepare(
                "SELECT EXISTS (SELECT 1 FROM responses WHERE survey_id = ? AND import_id <> ?) AS stored_before"
            )
            .firstRow([.integer(catalog.surveyID), .integer(importID)]) { $0.int("stored_before") } == 1
        self.db = db
        self.catalog = catalog
        catalogSnapshot = catalog.snapshot
        self.importID = importID
        self.source = source
        self.replaceChanged = replaceChanged
        self.now = now
        bulk = bulkResponses != nil
        self.trackRepeats = trackRepeats
        insertResponses = try BatchedInsert(
            db: db, into: "responses",
            columns: [
                "id", "survey_id", "identity", "submitted", "submitted_date", "source", "import_id", "line",
                "content_hash", "names",
                "choices",
            ], rowsPerStatement: 16, orFail: true)
        findResponse = try db.prepare(
            "SELECT id, content_hash, import_id FROM responses WHERE survey_id = ? AND identity = ?")
        responseByID = try db.prepare("SELECT id, identity, content_hash, import_id FROM responses WHERE id = ?")
        nextID =
            (try db.prepare("SELECT coalesce(max(id), 0) AS last_id FROM responses").firstRow { $0.int64("last_id") }
                ?? 0) + 1
        if let bulkResponses {
            let stored =
                try db.prepare("SELECT count(*) AS stored FROM responses WHERE +survey_id = ?")
                .firstRow([.integer(catalog.surveyID)]) { $0.int("stored") } ?? 0
            var table = IdentityTable(expected: stored + (trackRepeats ? bulkResponses : 0))
            let storedIdentities = try db.prepare("SELECT id, identity FROM responses WHERE +survey_id = ?")
            // By name, each name looked up once rather than for each of a million rows.
            let (id, identity) = (storedIdentities.column("id"), storedIdentities.column("identity"))
            try storedIdentities.forEachRow([.integer(catalog.surveyID)]) { s in
                table.insert(hash: IdentityTable.hash(s.string(identity)), id: s.int64(id))
            }
            identities = table
        } else {
            identities = IdentityTable(expected: 0)
        }
        insertAnswers = try BatchedInsert(
            db: db, into: "answers",
            columns: ["response_id", "position", "question_id", "value", "text", "day"], orFail: true)
        pendingAnswers.reserveCapacity(Self.answersPerFlush + 64)
        pendingResponses.reserveCapacity(Self.responsesPerFlush + 1)
        insertOutcome = try db.prepare(
            """
            INSERT INTO row_outcomes (import_id, kind, line, column_name, value, code, reason, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Stores an accepted response, unless the store already has it: the same identity
    /// with the same content counts as already present; with different content it is a
    /// conflict, kept or replaced as the import was asked.
    func accept(_ prepared: PreparedResponse) throws {
        precondition(!finished, "ImportWriter used after its import finished")
        var existing = try find(prepared)
        if storedBefore, let (id, _, existingImport) = existing, existingImport != importID {
            if found.contains(id) && !prepared.response.identity.isPlatformID {
                // Found already for another row of this file (a whole-row identity
                // repeated across files that were read differently): this one is new.
                existing = nil
            } else {
                found.insert(id)
            }
        }
        if existing == nil, storedBefore, let match = try recognise(prepared) {
            found.insert(match.id)
            alreadyPresent += 1
            recognisedByAnswers += 1
            if match.onFewer { recognisedOnFewerQuestions += 1 }
            return
        }
        guard let (existingID, existingHash, existingImport) = existing else {
            // Into an empty survey (a first load), nothing can hold its identity already.
            if storedBefore, case .row = prepared.response.identity {
                try insert(try freeIdentity(prepared))
            } else {
                try insert(prepared)
            }
            return
        }
        let response = prepared.response
        if existingImport == importID {
            // The same response twice in one file: the first one stands.
            try record(
                RowOutcome(
                    kind: .setAside, line: response.line, column: nil, value: prepared.key,
                    reason: "repeats response \(prepared.key) given earlier in this file; the first one was kept",
                    code: "duplicate-in-file", raw: ""))
        } else if existingHash == response.contentHash {
            alreadyPresent += 1
        } else if let fewer = try isSameResponse(prepared, storedID: existingID, storedImport: existingImport) {
            // The same answers to every question both files have (one has a column the
            // other lacks), or the same time as precisely as the coarser file gives it.
            alreadyPresent += 1
            if fewer { recognisedOnFewerQuestions += 1 }
        } else if replaceChanged {
            try recordChange(prepared, storedID: existingID, replaced: true)
            try replace(existingID, with: prepared)
            conflictsReplaced.append(prepared.key)
        } else {
            try recordChange(prepared, storedID: existingID, replaced: false)
            conflictsKept.append(prepared.key)
        }
    }

    /// Stores a new response: its row, its answers and the counts, queued to be written
    /// many at a time.
    private func insert(_ prepared: PreparedResponse) throws {
        let id = nextID
        nextID += 1
        if trackRepeats { identities.insert(hash: prepared.identityHash, id: id) }
        try queueAnswers(prepared, responseID: id)
        pendingResponses.append(
            PendingResponse(
                id: id, line: prepared.response.line, key: responseTexts.add(prepared.key),
                submitted: responseTexts.add(prepared.submitted),
                submittedDate: responseTexts.add(prepared.submittedDate),
                contentHash: responseTexts.add(prepared.response.contentHash), names: responseTexts.add(prepared.names),
                choices: responseTexts.add { Choices.append(choices, to: &$0) }))
        accepted += 1
        if pendingAnswers.count >= Self.answersPerFlush || pendingResponses.count >= Self.responsesPerFlush {
            try flush(all: false)
        }
    }

    /// A new response with a whole-row identity nothing stored holds: one already stored
    /// (by a file read differently, so that its response was not recognised) gets the
    /// next free `~n`, since it is another respondent and identities are unique.
    private func freeIdentity(_ prepared: PreparedResponse) throws -> PreparedResponse {
        guard case .row(let hash, var occurrence) = prepared.response.identity, try find(prepared) != nil else {
            return prepared
        }
        var prepared = prepared
        repeat {
            occurrence += 1
            prepared.response.identity = .row(hash, occurrence: occurrence)
            prepared.key = ImportWriter.storedIdentity(prepared.response.identity, format: format)
            prepared.identityHash = IdentityTable.hash(prepared.key)
        } while try find(prepared) != nil
        return prepared
    }

    /// The stored response (of an earlier import) that a response its identity did not
    /// find is, if any: submitted at the same moment, not found already for another row,
    /// with the same answers to every question both imports have a column for. A
    /// response with a platform id is never another platform-id response (ids differ).
    /// - Throws: ``ImportError/ambiguous(line:detail:)`` when a stored response was
    ///   submitted at the same moment but its import shares no question with this file.
    private func recognise(_ prepared: PreparedResponse) throws -> (id: Int64, onFewer: Bool)? {
        guard questionsInFile != nil, !datesGiven, let time = prepared.response.submitted else { return nil }
        let platform = prepared.response.identity.isPlatformID
        if platform {
            if earlierWithoutIDs == nil {
                earlierWithoutIDs = try EarlierResponses(
                    db: db, surveyID: catalog.surveyID, importID: importID, platformIDs: false)
            }
        } else if earlier == nil {
            earlier = try EarlierResponses(db: db, surveyID: catalog.surveyID, importID: importID, platformIDs: true)
        }
        guard let earlier = platform ? earlierWithoutIDs : earlier, !earlier.isEmpty else { return nil }
        let candidates = earlier.candidates(at: time, given: prepared.response.submittedPrecision)
        guard !candidates.isEmpty else { return nil }
        let content = EarlierResponses.hashValue(prepared.response.contentHash)
        for candidate in candidates where !found.contains(candidate.id) && !(platform && candidate.platform) {
            let theirs = try questions(ofImport: candidate.importID)
            if theirs == questionsInFile && candidate.time == time {
                // The same moment and the same questions: the content hash says it all.
                if candidate.content == content { return (candidate.id, false) }
                continue
            }
            if let fewer = try sameOnCommonQuestions(
                prepared, storedID: candidate.id, storedImport: candidate.importID, always: true)
            {
                return (candidate.id, fewer)
            }
        }
        return nil
    }

    /// Whether a stored response has the same answers as `prepared` to every question
    /// both its import and this file have a column for: `nil` when they differ, else
    /// whether that is fewer questions than this file has.
    /// Unless `always`, the same questions give `nil` (the content hash has said it all).
    private func sameOnCommonQuestions(
        _ prepared: PreparedResponse, storedID: Int64, storedImport: Int64, always: Bool = false
    ) throws -> Bool? {
        guard let mine = questionsInFile else { return nil }
        let theirs = try questions(ofImport: storedImport)
        if theirs == mine && !always { return nil }
        let common = mine.intersection(theirs)
        guard !common.isEmpty else {
            throw ImportError.ambiguous(
                file: "", line: prepared.response.line,
                detail:
                    "it was submitted at the same moment as a response stored by import \(storedImport), whose file shares no question with this one, so engage cannot tell whether they are the same response"
            )
        }
        let stored = try db.storedAnswers(ofResponse: storedID)
        let given = prepared.response.answersByQuestion
        for question in common where (stored[question] ?? []) != (given[question] ?? []) { return nil }
        return common.count < mine.count || common.count < theirs.count
    }

    /// Whether a stored response found by its identity, whose content hash differs, is
    /// nevertheless the same as `prepared`: submitted at the same time as precisely as
    /// the coarser of the two files gives it (a file re-saved by Excel keeps only
    /// minutes), with the same answers to the questions both files have. `nil` when it
    /// changed; else whether fewer questions than this file has were compared.
    private func isSameResponse(_ prepared: PreparedResponse, storedID: Int64, storedImport: Int64) throws -> Bool? {
        guard let mine = questionsInFile else { return nil }
        let theirs = try questions(ofImport: storedImport)
        let storedTime =
            try db.prepare("SELECT submitted FROM responses WHERE id = ?")
            .firstRow([.integer(storedID)]) { $0.withText(0) { EarlierResponses.wallClock($0) } ?? nil } ?? nil
        if storedTime != prepared.response.submitted {
            guard let a = storedTime, let b = prepared.response.submitted else { return nil }
            let span = max(try timePrecision(ofImport: storedImport), prepared.response.submittedPrecision).span
            guard a - a % span == b - b % span else { return nil }
        } else if theirs == mine {
            return nil // the same moment and questions, another content: changed
        }
        return try sameOnCommonQuestions(prepared, storedID: storedID, storedImport: storedImport, always: true)
    }

    /// How precisely an earlier import gave its times, as its stored times show.
    private func timePrecision(ofImport id: Int64) throws -> TimePrecision {
        let found = try db.prepare(
            """
            SELECT EXISTS (SELECT 1 FROM responses WHERE import_id = ?1 AND substr(submitted, 18, 2) <> '00')
                       AS gives_seconds,
                   EXISTS (SELECT 1 FROM responses WHERE import_id = ?1 AND substr(submitted, 12, 8) <> '00:00:00')
                       AS gives_minutes
            """
        ).firstRow([.integer(id)]) { ($0.int("gives_seconds"), $0.int("gives_minutes")) }
        return found?.0 == 1 ? .second : found?.1 == 1 ? .minute : .day
    }

    private func questions(ofImport id: Int64) throws -> Set<String> {
        if let known = questionsOfImport[id] { return known }
        let read = try db.questionsRead(byImport: id)
        questionsOfImport[id] = read
        return read
    }

    /// Keeps both versions of a response this import found changed, for `engage changes`.
    private func recordChange(_ prepared: PreparedResponse, storedID: Int64, replaced: Bool) throws {
        let stored = try db.storedAnswers(ofResponse: storedID)
        let given = prepared.response.answersByQuestion
        try db.prepare(
            """
            INSERT INTO changed_responses (import_id, response_id, line, replaced, stored, exported) VALUES (?, ?, ?, ?, ?, ?)
            """
        ).run([
            .integer(importID), .integer(storedID), .int(prepared.response.line), .integer(replaced ? 1 : 0),
            .text(AnswerJSON.text(stored)), .text(AnswerJSON.text(given)),
        ])
    }

    /// The stored response with this identity (row id, content hash, import), if any.
    private func find(_ prepared: PreparedResponse) throws -> (Int64, String, Int64)? {
        var found: (Int64, String, Int64)?
        var flushed = false
        if identities.count > 0 {
            _ = try identities.first(hash: prepared.identityHash) { id in
                // A candidate (the same hash): read its identity to be sure, once what is
                // waiting has been written.
                if !flushed {
                    try flush(all: true)
                    flushed = true
                }
                responseByID.bind(1, id)
                defer { responseByID.reset() }
                guard try responseByID.step(), responseByID.string("identity") == prepared.key else { return false }
                found = Self.storedResponse(responseByID)
                return true
            }
        }
        if found != nil || bulk { return found }
        findResponse.bind(1, catalog.surveyID)
        findResponse.bind(2, prepared.key)
        defer { findResponse.reset() }
        guard try findResponse.step() else { return nil }
        return Self.storedResponse(findResponse)
    }

    /// The row id, content hash and import of the stored response a lookup found, read by name.
    private static func storedResponse(_ s: Statement) -> (Int64, String, Int64) {
        (s.int64("id"), s.string("content_hash"), s.int64("import_id"))
    }

    /// Rows repeating an earlier one of the same file kept row by row, with their raw
    /// text; beyond these an import only counts them (`imports.duplicates_in_file`),
    /// so a file of millions of repeats cannot swell the workspace by gigabytes.
    static let repeatsKeptRowByRow = 1_000

    /// Records a row that was set aside or rejected, with its reason and raw text (a
    /// repeat beyond ``repeatsKeptRowByRow`` is only counted).
    func record(_ outcome: RowOutcome) throws {
        precondition(!finished, "ImportWriter used after its import finished")
        if outcome.kind == .setAside && outcome.code.hasPrefix("duplicate")
            && duplicatesInFile >= Self.repeatsKeptRowByRow
        {
            setAside[outcome.code, default: 0] += 1
            duplicatesInFile += 1
            return
        }
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

    /// Queues the answers that are rows of `answers` and leaves the option id of each
    /// answer by position (0 for those rows) in `choices`.
    private func queueAnswers(_ prepared: PreparedResponse, responseID: Int64) throws {
        let day = prepared.day
        let mapped = prepared.answerKeys
        var hint = 0
        choices.removeAll(keepingCapacity: true)
        for position in prepared.response.answers.indices {
            // Mapped on the reading thread when the catalog had every key: plain numbers here.
            let key =
                try mapped.isEmpty
                ? catalog.keys(for: prepared.response.answers[position], hint: &hint) : mapped[position]
            choices.append(key.option)
            if key.option == 0 {
                var pending = PendingAnswer(
                    responseID: responseID, questionID: key.question, value: 0,
                    day: Int64(day ?? 0), position: Int32(position), text: -1, hasValue: false,
                    hasDay: day != nil)
                addValueAndText(prepared.response.answers[position], to: &pending)
                pendingAnswers.append(pending)
            }
            // An option's label and value live in `options`: the choice is its id alone.
            tally.add(question: key.question, day: day, option: key.option == 0 ? nil : key.option)
        }
    }

    /// The number and text of an answer that is not an option.
    private func addValueAndText(_ answer: ResponseIngestion.Answer, to pending: inout PendingAnswer) {
        if let value = answer.value {
            pending.value = value
            pending.hasValue = true
        }
        if let text = answer.text {
            pending.text = Int32(pendingTexts.count)
            pendingTexts.append(text)
        }
    }

    /// Writes the responses waiting and then their answers: all of them when `all`,
    /// otherwise only whole statements of answers (the rest wait for the next time).
    private func flush(all: Bool) throws {
        try responseTexts.withBytes { texts in
            try insertResponses.insert(count: pendingResponses.count) { s, base, i in
                let r = pendingResponses[i]
                s.bind(base + 1, r.id)
                s.bind(base + 2, catalog.surveyID)
                s.bind(base + 3, r.key, in: texts)
                s.bind(base + 4, r.submitted, in: texts)
                s.bind(base + 5, r.submittedDate, in: texts)
                s.bind(base + 6, source)
                s.bind(base + 7, importID)
                s.bind(base + 8, r.line)
                s.bind(base + 9, r.contentHash, in: texts)
                s.bind(base + 10, r.names, in: texts)
                s.bind(base + 11, r.choices, in: texts)
            }
        }
        pendingResponses.removeAll(keepingCapacity: true)
        responseTexts.removeAll()
        defer { PausePoint.afterFlush.reach() }
        let perStatement = insertAnswers.rowsPerStatement
        let count = all ? pendingAnswers.count : pendingAnswers.count / perStatement * perStatement
        guard count > 0 else { return }
        try pendingAnswers.withUnsafeBufferPointer { answers in
            try insertAnswers.insert(count: count) { s, base, i in
                let a = answers[i]
                s.bind(base + 1, a.responseID)
                s.bind(base + 2, Int64(a.position))
                s.bind(base + 3, a.questionID)
                if a.hasValue { s.bind(base + 4, a.value) } else { s.bindNull(base + 4) }
                if a.text >= 0 { s.bind(base + 5, pendingTexts[Int(a.text)]) } else { s.bindNull(base + 5) }
                if a.hasDay { s.bind(base + 6, a.day) } else { s.bindNull(base + 6) }
            }
        }
        if count == pendingAnswers.count {
            pendingAnswers.removeAll(keepingCapacity: true)
            pendingTexts.removeAll(keepingCapacity: true)
        } else {
            // Keep the rest, renumbering their texts.
            pendingAnswers.removeFirst(count)
            var texts: [String] = []
            for i in pendingAnswers.indices where pendingAnswers[i].text >= 0 {
                texts.append(pendingTexts[Int(pendingAnswers[i].text)])
                pendingAnswers[i].text = Int32(texts.count - 1)
            }
            pendingTexts = texts
        }
    }

    private func replace(_ responseID: Int64, with prepared: PreparedResponse) throws {
        let response = prepared.response
        try flush(all: true)
        try db.prepare(
            """
            INSERT INTO replaced_responses (response_id, import_id, replaced_by_import_id, replaced_at, submitted,
              submitted_date, source, line, content_hash, names, choices)
            SELECT id, import_id, ?, ?, submitted, submitted_date, source, line, content_hash, names, choices
            FROM responses WHERE id = ?
            """
        ).run([.integer(importID), .text(now), .integer(responseID)])
        let historyID = db.lastInsertRowID
        try db.prepare(
            """
            INSERT INTO replaced_answers (replaced_id, position, question_id, option_id, value, text, day)
            SELECT ?, position, question_id, option_id, value, text, day FROM answers WHERE response_id = ?
            """
        ).run([.integer(historyID), .integer(responseID)])
        try tally.count(answersOf: "?1", [.integer(responseID)], sign: -1, db: db)
        try db.prepare("DELETE FROM answers WHERE response_id = ?").run([.integer(responseID)])
        try queueAnswers(prepared, responseID: responseID)
        try db.prepare(
            """
            UPDATE responses SET submitted = ?, submitted_date = ?, source = ?, import_id = ?, line = ?, content_hash = ?, names = ?,
              choices = ?
            WHERE id = ?
            """
        ).run([
            .string(prepared.submitted), .string(prepared.submittedDate), .string(source), .integer(importID),
            .int(response.line), .text(response.contentHash), .string(prepared.names), .text(Choices.text(choices)),
            .integer(responseID),
        ])
    }

    /// The stored identity of a response: a platform's id is namespaced by the export
    /// format (`surveymonkey:114` and `microsoft-forms:114` are different people); a
    /// content fingerprint is kept as it is.
    static func storedIdentity(_ identity: ResponseIdentity, format: String) -> String {
        switch identity {
        case .platform(let id): return format + ":" + id
        case .fingerprint, .row: return identity.key
        }
    }

    /// Writes what is still waiting, the counts, and the import's record (with the
    /// text `encoding` ingestion found, when it says).
    func finish(encoding: String?) throws {
        try flush(all: true)
        try tally.write(to: db)
        finished = true
        if let encoding {
            try db.prepare("UPDATE imports SET encoding = ? WHERE id = ?").run([.text(encoding), .integer(importID)])
        }
        try db.prepare(
            """
            UPDATE imports SET accepted = ?, already_present = ?, conflicts_kept = ?, conflicts_replaced = ?,
              set_aside = ?, rejected = ?, duplicates_in_file = ? WHERE id = ?
            """
        ).run([
            .int(accepted), .int(alreadyPresent), .int(conflictsKept.count), .int(conflictsReplaced.count),
            .int(setAside.values.reduce(0, +)), .int(rejected), .int(duplicatesInFile), .integer(importID),
        ])
    }
}
