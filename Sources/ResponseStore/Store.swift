import Foundation
import SurveyDefinition

/// A workspace's SQLite database: imported responses with their provenance, the
/// action log and administrative measures, and the queries that hand statistics
/// compact counts.
///
/// Opening a store creates the file when it is missing and brings its schema up to
/// date by numbered migrations. A store is one connection: use it from one thread at
/// a time (open another `Store` on the same file for another thread or process).
/// Every failure is a ``StoreError`` naming the file.
public final class Store {
    /// The path of the database file.
    public let path: String
    let db: Database
    /// Seconds since 1970 (UTC); replaceable in tests.
    var clock: () -> Int64 = { Int64(Date().timeIntervalSince1970) }

    /// How many rows repeating an earlier one of the same file an import keeps row by
    /// row (with their text, for `engage rejects --all`); the rest are only counted.
    package static var repeatsKeptRowByRow: Int { ImportWriter.repeatsKeptRowByRow }

    /// The newest schema version this build of engage knows.
    package static var schemaVersion: Int { Migrations.latestVersion }

    /// Opens (creating if needed) the database at `path` and migrates it to the current
    /// schema. With `readOnly`, the connection never writes: queries work and changes
    /// throw ``StoreError/readOnly(path:)``. A file with an older schema is upgraded
    /// first (one transaction, on a connection of its own) when it can be written, so
    /// that reading commands work after engage is updated; otherwise it is refused.
    ///
    /// A writer waits for another (up to 10 minutes, or `ENGAGE_BUSY_TIMEOUT` seconds);
    /// `onWait` is called once when it has waited a second, with the limit in seconds,
    /// so that the command can say what it is waiting for.
    public convenience init(
        path: String, readOnly: Bool = false, onWait: (@Sendable (_ limitSeconds: Int) -> Void)? = nil
    ) throws {
        try self.init(path: path, readOnly: readOnly, migrateTo: Migrations.latestVersion, onWait: onWait)
    }

    init(path: String, readOnly: Bool, migrateTo target: Int, onWait: (@Sendable (_ limitSeconds: Int) -> Void)? = nil)
        throws
    {
        self.path = path
        // An empty file is not an empty database to fill: it is what is left of one
        // (a failed copy, a sync that lost it). SQLite would quietly start afresh in it.
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_size == 0 {
            var wal = stat()
            if stat(path + "-wal", &wal) != 0 || wal.st_size == 0 { throw StoreError.emptyFile(path: path) }
        }
        db = try Database(path: path, readOnly: readOnly, onWait: onWait)
        let now = CivilTime.isoTimestamp(utc: Int64(Date().timeIntervalSince1970))
        let found = try Migrations.userVersion(db)
        if readOnly && found < target {
            if found > Migrations.latestVersion {
                throw StoreError.newerSchema(path: path, found: found, known: Migrations.latestVersion)
            }
            let upgrade = try Database(path: path, readOnly: false, onWait: onWait)
            defer { upgrade.close() }
            try Migrations.migrate(upgrade, upTo: target, now: now)
            return
        }
        try Migrations.migrate(db, upTo: target, now: now)
    }

    /// The schema version written in the file at `path`, without changing it (nil when
    /// there is no such file).
    package static func storedSchemaVersion(path: String) throws -> Int? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let db = try Database(path: path, readOnly: true)
        defer { db.close() }
        return try Migrations.userVersion(db)
    }

    /// The schema version written in the file.
    package func storedSchemaVersion() throws -> Int {
        try Migrations.userVersion(db)
    }

    /// Closes the connection. Further use throws.
    public func close() {
        db.close()
    }

    /// `PRAGMA integrity_check`: `["ok"]` when the file is sound.
    package func integrityCheck() throws -> [String] {
        try db.prepareUncached("PRAGMA integrity_check").rows { $0.string(0) }
    }

    /// Indexes the schema defines that the file lacks (a bulk import drops the
    /// responses' indexes inside its transaction and builds them again before it
    /// commits, so this is empty unless something went wrong outside engage).
    package func missingIndexes() throws -> [String] {
        let present = Set(
            try db.prepareUncached("SELECT name FROM sqlite_schema WHERE type = 'index'").rows { $0.string(0) })
        let version = try storedSchemaVersion()
        return Migrations.indexNames(upTo: version).filter { !present.contains($0) }
    }

    /// What `engage check` verifies of the answers, in one pass over them (the reader
    /// export uses, ``forEachResponse(_:_:problem:_:)``; about a second a million
    /// responses):
    /// - `countMismatches`: the (question, day, option) keys whose count in
    ///   `answer_counts` differs from the answers stored, as `question code, day, option
    ///   code: counted N, stored M`, empty when the counts KPIs read agree with the
    ///   answers (a response whose answers are misplaced is left out of the recount);
    /// - `misplaced`: responses whose answers are not kept as the schema says (see
    ///   ``Choices``), as `response N: what is wrong`: `choices` that is not a JSON
    ///   array of option ids and `null`s, an option id that is not in `options`, a
    ///   `null` entry without its row in `answers`, or a row of `answers` at a position
    ///   whose entry is not `null`.
    ///
    /// Both are empty unless the file was changed outside engage.
    func answerAudit() throws -> (countMismatches: [String], misplaced: [String]) {
        var stored = AnswerTally()
        var misplaced: [String] = []
        let problem: (Int64, String) -> Void = { misplaced.append("response \($0): \($1)") }
        try forEachResponse(
            "SELECT id, choices, \(Migrations.dayNumber("submitted_date")) AS day FROM responses ORDER BY id", [],
            problem: problem
        ) { s, answers in
            let day = s.optionalInt("day")
            // A row of `answers` with its own day (the same as the response's unless
            // the file was changed outside engage); a choice with the response's.
            for answer in answers {
                stored.add(
                    question: answer.question, day: answer.option == nil ? answer.day : day, option: answer.option)
            }
        }
        var both = stored.changes.mapValues { (counted: 0, stored: $0) }
        try db.prepare("SELECT question_id, day, option_id, answers FROM answer_counts").forEachRow { s in
            let key = AnswerTally.Key(
                question: s.int64("question_id"), day: s.optionalInt("day"), option: s.optionalInt64("option_id"))
            both[key, default: (0, 0)].counted += s.int("answers")
        }
        var questions: [Int64: String] = [:]
        var options: [Int64: String] = [:]
        try db.prepare("SELECT id, code FROM questions").forEachRow { questions[$0.int64("id")] = $0.string("code") }
        try db.prepare("SELECT id, code FROM options").forEachRow { options[$0.int64("id")] = $0.string("code") }
        let mismatches = both.filter { $0.value.counted != $0.value.stored }
            .map { key, n in
                (
                    question: questions[key.question] ?? "\(key.question)", day: key.day,
                    option: key.option.map { options[$0] ?? "\($0)" } ?? "-", n: n
                )
            }
            .sorted { ($0.question, $0.day ?? .min, $0.option) < ($1.question, $1.day ?? .min, $1.option) }
            .map {
                "\($0.question), day \($0.day.map(CivilTime.isoDate) ?? "none"), \($0.option): counted \($0.n.counted), stored \($0.n.stored)"
            }
        return (mismatches, misplaced)
    }

    /// ``answerAudit()``'s count mismatches.
    package func answerCountMismatches() throws -> [String] { try answerAudit().countMismatches }

    /// ``answerAudit()``'s misplaced answers.
    package func answerPlacementProblems() throws -> [String] { try answerAudit().misplaced }

    var nowTimestamp: String { CivilTime.isoTimestamp(utc: clock()) }

    /// The surveys that have data in the store, by id (code), in order of first import.
    public func surveys() throws -> [String] {
        try db.prepare("SELECT code FROM surveys ORDER BY id").rows { $0.string(0) }
    }

    /// The number of stored responses, for one survey or all.
    package func responseCount(survey: String? = nil) throws -> Int {
        if let survey {
            return try db.prepare(
                """
                SELECT count(*) FROM responses WHERE survey_id = (SELECT id FROM surveys WHERE code = ?)
                """
            ).firstRow([.text(survey)]) { $0.int(0) } ?? 0
        }
        return try db.prepare("SELECT count(*) FROM responses").firstRow { $0.int(0) } ?? 0
    }

    /// The number of stored answers, for one survey or all: the length of each
    /// response's `choices`, which has an entry for every answer (see ``Choices``).
    package func answerCount(survey: String? = nil) throws -> Int {
        try db.prepare(
            """
            SELECT coalesce(sum(json_array_length(choices)), 0) FROM responses
            WHERE ?1 IS NULL OR survey_id = (SELECT id FROM surveys WHERE code = ?1)
            """
        ).firstRow([.string(survey)]) { $0.int(0) } ?? 0
    }

    func surveyRowID(_ code: String) throws -> Int64? {
        try db.prepare("SELECT id FROM surveys WHERE code = ?").firstRow([.text(code)]) { $0.int64(0) }
    }
}
