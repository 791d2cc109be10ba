import Foundation
import SurveyDefinition

/// What `engage check` found.
package struct WorkspaceCheck: Sendable {
    /// `PRAGMA integrity_check`'s lines (`["ok"]` when sound), or the damage SQLite
    /// reported when it could not read the file at all.
    package var integrity: [String]
    /// Indexes the schema defines that the file lacks.
    package var missingIndexes: [String] = []
    /// Stored answer counts that disagree with the answers.
    package var countMismatches: [String] = []
    /// Answers not kept where the schema says.
    package var misplacedAnswers: [String] = []
    /// The schema version written in the file, when it could be read.
    package var schemaVersion: Int?
    /// Imports stored.
    package var imports = 0
    /// Responses stored.
    package var responses = 0
    /// Answers stored.
    package var answers = 0
    /// The most recent backup taken with `engage backup` into the workspace's backups
    /// folder, and the most recent automatic snapshot.
    package var lastBackup: WorkspaceBackup?
    /// The most recent automatic snapshot.
    package var lastSnapshot: WorkspaceBackup?

    /// Whether the database is sound in every respect checked.
    package var ok: Bool {
        integrity == ["ok"] && missingIndexes.isEmpty && countMismatches.isEmpty && misplacedAnswers.isEmpty
    }
}

extension Workspace {
    /// Checks the database (read-only): integrity, indexes, answer counts and where
    /// answers are kept. A database found damaged (or unreadable as damaged) is recorded
    /// (``recordDamage(_:at:)``), so that nothing writes to it until a later check
    /// finds it sound, which lifts the record.
    package func check() throws -> WorkspaceCheck {
        var result = WorkspaceCheck(integrity: [])
        do {
            let store = try openStore(readOnly: true)
            defer { store.close() }
            result.integrity = try store.integrityCheck()
            if result.integrity == ["ok"] {
                result.missingIndexes = try store.missingIndexes()
                (result.countMismatches, result.misplacedAnswers) = try store.answerAudit()
            }
            result.schemaVersion = try store.storedSchemaVersion()
            result.imports = try store.importCount()
            result.responses = try store.responseCount()
            result.answers = try store.answerCount()
        } catch let error as StoreError {
            switch error {
            case .corrupt(_, let detail): result.integrity = ["damaged: \(detail)"]
            case .notADatabase: result.integrity = ["not a database: \(error.description)"]
            default: throw error
            }
        }
        let all = backups()
        result.lastBackup = all.last { !$0.isSnapshot }
        result.lastSnapshot = all.last { $0.isSnapshot }
        let now = CivilTime.isoTimestamp(utc: Int64(Date().timeIntervalSince1970))
        if result.ok {
            clearDamage()
        } else {
            let findings =
                (result.integrity == ["ok"] ? [] : result.integrity)
                + result.missingIndexes.map { "index missing: \($0)" }
                + result.countMismatches.map { "answer count differs: \($0)" }
                + result.misplacedAnswers.map { "answer misplaced: \($0)" }
            // A folder engage may not write to still gets the findings printed.
            try? recordDamage(findings, at: now)
        }
        return result
    }
}
