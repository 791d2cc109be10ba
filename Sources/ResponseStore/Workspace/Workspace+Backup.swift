import Foundation
import SurveyDefinition

/// A backup of a workspace: a folder holding a copy of its database (one consistent
/// state, taken with SQLite's online backup API while other commands may run), its
/// settings (`engage.json`) and the survey definitions it lists, and `backup.json`
/// describing them (when, why, the schema version, the counts, each file's SHA-256).
package struct WorkspaceBackup: Sendable, Equatable {
    /// The backup's folder.
    package var path: String
    /// When it was taken, `YYYY-MM-DDTHH:MM:SSZ`.
    package var takenAt: String
    /// Why: "backup" (`engage backup`) or what a snapshot came before ("before undo 3").
    package var reason: String
    /// Whether engage took it by itself (a snapshot), so that it may prune it.
    package var isSnapshot: Bool
    /// The schema version of the copy.
    package var schemaVersion: Int
    /// Imports in the copy.
    package var imports: Int
    /// Responses in the copy.
    package var responses: Int

    /// The name of the manifest file in a backup folder.
    static let manifestName = "backup.json"

    /// How long before `now` it was taken, in words: "just now", "5 minutes ago",
    /// "3 hours ago", "2 days ago" (``takenAt`` itself when it is not a time engage wrote).
    package func age(now: Date = Date()) -> String {
        guard let taken = CivilTime.parseISOTimestamp(takenAt) else { return takenAt }
        let seconds = max(0, Int64(now.timeIntervalSince1970.rounded(.down)) - taken)
        switch seconds {
        case ..<120: return "just now"
        case ..<7_200: return "\(seconds / 60) minutes ago"
        case ..<172_800: return "\(seconds / 3600) hours ago"
        default: return "\(seconds / 86_400) days ago"
        }
    }

    /// A time as backup folders and set-aside files are named after it, `20220131T101500Z`.
    static func fileStamp(utc: Int64) -> String {
        CivilTime.isoTimestamp(utc: utc).filter { $0 != "-" && $0 != ":" }
    }
}

/// Why a backup could not be taken or restored. Nothing was changed.
enum BackupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The folder is not a backup engage made (no backup.json, or not readable).
    case notABackup(path: String, detail: String)
    /// A file of the backup differs from what its manifest recorded.
    case damaged(path: String, file: String)

    /// What went wrong with the backup, in a line for the user.
    var description: String {
        switch self {
        case .notABackup(let path, let detail):
            return
                "\(path): not an engage backup (\(detail)). Give a folder made by engage backup; engage backup --list shows them."
        case .damaged(let path, let file):
            return
                "\(path): the backup is damaged: \(file) is not what was backed up (its SHA-256 differs). Nothing was restored; choose another backup."
        }
    }
}

extension Workspace {
    /// Where backups and snapshots go unless a folder is given: `backups/` in the workspace.
    package var backupsDirectory: String { Self.join(directory, "backups") }

    /// How many automatic snapshots are kept (the oldest beyond this are removed; backups
    /// taken with `engage backup` are never removed by engage): 5, or
    /// `ENGAGE_SNAPSHOTS` (0 turns snapshots off).
    package static func snapshotsKept(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        environment["ENGAGE_SNAPSHOTS"].flatMap(Int.init).map { max(0, min($0, 1_000)) } ?? 5
    }

    /// Takes a backup into a new folder inside `folder` (default ``backupsDirectory``),
    /// named after the time (`engage-backup-20220131T101500Z`, or
    /// `engage-snapshot-...` for a snapshot). The folder appears whole or not at all
    /// (written under a temporary name, then renamed).
    @discardableResult
    package func backup(into folder: String? = nil, reason: String = "backup", snapshot: Bool = false) throws
        -> WorkspaceBackup
    {
        let fm = FileManager.default
        let parent = folder ?? backupsDirectory
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.fileSystem(
                path: parent,
                message:
                    "cannot create the backup folder (\(error.localizedDescription)); check the path and permissions")
        }
        let now = Int64(Date().timeIntervalSince1970)
        let stamp = CivilTime.isoTimestamp(utc: now)
        var name = (snapshot ? "engage-snapshot-" : "engage-backup-") + WorkspaceBackup.fileStamp(utc: now)
        var suffix = 1
        while fm.fileExists(atPath: Self.join(parent, name)) {
            suffix += 1
            name = name.split(separator: ".").first.map(String.init).map { $0 + ".\(suffix)" } ?? name
        }
        let final = Self.join(parent, name)
        let temporary = Self.join(parent, "." + name + ".partial")
        try? fm.removeItem(atPath: temporary)
        do {
            try fm.createDirectory(
                atPath: Self.join(temporary, Self.surveysFolderName), withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.fileSystem(
                path: temporary, message: "cannot create the backup folder (\(error.localizedDescription))")
        }
        do {
            // As it is: a snapshot before a migration is of the schema before it.
            let store = try Store(path: databasePath, readOnly: true, migrateTo: 0)
            defer { store.close() }
            try store.db.copy(to: Self.join(temporary, Self.databaseFileName))
            var files: [(String, String)] = [
                (Self.databaseFileName, try SHA256.hex(ofFile: Self.join(temporary, Self.databaseFileName)))
            ]
            let copies = [Self.settingsFileName] + settings.surveys.map { Self.surveysFolderName + "/" + $0 }
            for relative in copies where fm.fileExists(atPath: Self.join(directory, relative)) {
                guard let data = fm.contents(atPath: Self.join(directory, relative)) else {
                    throw WorkspaceError.fileSystem(
                        path: Self.join(directory, relative), message: "cannot read the file to back it up")
                }
                try OutputTarget.write(data, to: Self.join(temporary, relative))
                files.append((relative, SHA256.hex(of: data)))
            }
            let record = WorkspaceBackup(
                path: final, takenAt: stamp, reason: reason, isSnapshot: snapshot,
                schemaVersion: try store.storedSchemaVersion(), imports: try store.importCount(),
                responses: try store.responseCount())
            try OutputTarget.write(
                Self.manifest(record, files: files), to: Self.join(temporary, WorkspaceBackup.manifestName))
            if rename(temporary, final) != 0 {
                throw WorkspaceError.fileSystem(
                    path: final, message: "cannot put the backup in place (\(String(cString: strerror(errno))))")
            }
            return record
        } catch {
            try? fm.removeItem(atPath: temporary)
            throw error
        }
    }

    /// Takes an automatic snapshot before a change that cannot otherwise be taken back
    /// (an undo, retention, `--replace-changed`, a schema migration, a restore), then
    /// removes the oldest snapshots beyond ``snapshotsKept(_:)``. `nil` when snapshots
    /// are turned off or the database does not exist yet.
    @discardableResult
    package func snapshot(before reason: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> WorkspaceBackup?
    {
        let kept = Self.snapshotsKept(environment)
        guard kept > 0, FileManager.default.fileExists(atPath: databasePath) else { return nil }
        let taken = try backup(reason: "before " + reason, snapshot: true)
        let snapshots = backups(in: backupsDirectory).filter(\.isSnapshot)
        for old in snapshots.dropLast(kept) { try? FileManager.default.removeItem(atPath: old.path) }
        return taken
    }

    /// The backups in `folder` (default ``backupsDirectory``), oldest first.
    package func backups(in folder: String? = nil) -> [WorkspaceBackup] {
        let parent = folder ?? backupsDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
        return names.filter { !$0.hasPrefix(".") }.compactMap { try? Self.readBackup(Self.join(parent, $0)) }
            .sorted { ($0.takenAt, $0.path) < ($1.takenAt, $1.path) }
    }

    /// The most recent backup taken with `engage backup` in ``backupsDirectory``, if any.
    package var lastBackup: WorkspaceBackup? { backups().last { !$0.isSnapshot } }

    /// Restores the backup in folder `path` (checked against its manifest first): the
    /// database's whole content is replaced in one step (other commands see the old
    /// state or the restored one, never a mixture), then the settings and the survey
    /// definitions are written back. A snapshot of the current state is taken first,
    /// so that a restore too can be taken back. Returns that snapshot and the backup.
    package func restore(from path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> (restored: WorkspaceBackup, snapshot: WorkspaceBackup?)
    {
        let root = try Self.manifestRoot(path)
        let backup = try Self.readBackup(path, root: root)
        let files = try Self.manifestFiles(path, root: root)
        for (relative, sha256) in files {
            let file = Self.join(path, relative)
            guard let digest = try? SHA256.hex(ofFile: file), digest == sha256 else {
                throw BackupError.damaged(path: path, file: relative)
            }
        }
        // The backed-up database must be sound before it replaces anything.
        do {
            let copy = try Store(
                path: Self.join(path, Self.databaseFileName), readOnly: true, migrateTo: backup.schemaVersion)
            defer { copy.close() }
            guard try copy.integrityCheck() == ["ok"] else {
                throw BackupError.damaged(path: path, file: Self.databaseFileName)
            }
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError.notABackup(path: path, detail: "its database cannot be read: \(error)")
        }
        // The current state first, so that the restore can be taken back; a database
        // that cannot be read (damaged, empty) is moved aside instead, kept as it was.
        var snapshot: WorkspaceBackup?
        do {
            snapshot = try self.snapshot(
                before: "restoring \((path as NSString).lastPathComponent)", environment: environment)
        } catch let error as StoreError where error.isUnreadableFile {
            let aside =
                databasePath + ".unreadable-" + WorkspaceBackup.fileStamp(utc: Int64(Date().timeIntervalSince1970))
            guard rename(databasePath, aside) == 0 else {
                throw WorkspaceError.fileSystem(
                    path: databasePath,
                    message: "cannot move the unreadable database aside (\(String(cString: strerror(errno))))")
            }
            for companion in Self.databaseCompanions {
                try? FileManager.default.removeItem(atPath: databasePath + companion)
            }
        }
        let store = try Store(path: databasePath, readOnly: false, migrateTo: 0)
        defer { store.close() }
        try store.db.replaceContent(from: Self.join(path, Self.databaseFileName))
        for (relative, _) in files where relative != Self.databaseFileName {
            guard let data = FileManager.default.contents(atPath: Self.join(path, relative)) else {
                throw BackupError.damaged(path: path, file: relative)
            }
            do { try OutputTarget.write(data, to: Self.join(directory, relative)) } catch {
                throw WorkspaceError.cannotWrite(error)
            }
        }
        clearDamage()
        return (backup, snapshot)
    }

    // MARK: The manifest

    static func manifest(_ backup: WorkspaceBackup, files: [(String, String)]) -> String {
        func str(_ s: String) -> String { JSONText.string(s) }
        return """
            {
              "engageBackup": 1,
              "takenAt": \(str(backup.takenAt)),
              "reason": \(str(backup.reason)),
              "snapshot": \(backup.isSnapshot),
              "schemaVersion": \(backup.schemaVersion),
              "imports": \(backup.imports),
              "responses": \(backup.responses),
              "files": {
            \(files.map { "    \(str($0.0)): \(str($0.1))" }.joined(separator: ",\n"))
              }
            }

            """
    }

    static func manifestRoot(_ path: String) throws -> JSONValue {
        let file = join(path, WorkspaceBackup.manifestName)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BackupError.notABackup(path: path, detail: "it has no \(WorkspaceBackup.manifestName)")
        }
        guard let root = try? JSONParser.parse(String(decoding: data, as: UTF8.self)), root["engageBackup"] != nil
        else {
            throw BackupError.notABackup(path: path, detail: "\(WorkspaceBackup.manifestName) is not one engage wrote")
        }
        return root
    }

    static func readBackup(_ path: String, root: JSONValue? = nil) throws -> WorkspaceBackup {
        let root = try root ?? manifestRoot(path)
        guard let takenAt = root["takenAt"]?.stringValue, let version = root["schemaVersion"]?.numberValue else {
            throw BackupError.notABackup(
                path: path, detail: "\(WorkspaceBackup.manifestName) lacks the time or the schema version")
        }
        return WorkspaceBackup(
            path: path, takenAt: takenAt, reason: root["reason"]?.stringValue ?? "backup",
            isSnapshot: root["snapshot"]?.boolValue ?? false, schemaVersion: Int(version),
            imports: Int(root["imports"]?.numberValue ?? 0), responses: Int(root["responses"]?.numberValue ?? 0))
    }

    /// The files the manifest lists (relative paths, database first) with their SHA-256.
    static func manifestFiles(_ path: String, root: JSONValue? = nil) throws -> [(String, String)] {
        let root = try root ?? manifestRoot(path)
        let files = (root["files"]?.objectMembers ?? []).compactMap { member in
            member.value.stringValue.map { (member.key, $0) }
        }
        guard files.contains(where: { $0.0 == databaseFileName }),
            files.allSatisfy({ !$0.0.contains("..") && !$0.0.hasPrefix("/") })
        else {
            throw BackupError.notABackup(
                path: path, detail: "\(WorkspaceBackup.manifestName) does not list the database")
        }
        return files
    }
}
