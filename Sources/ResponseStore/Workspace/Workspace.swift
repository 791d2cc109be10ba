import Foundation
import SurveyDefinition

/// A workspace: a folder holding `engage.json` (its settings), the survey definitions
/// in use in `surveys/`, and the database `engage.sqlite`.
public struct Workspace: Sendable, Equatable {
    /// The settings file's name in a workspace folder.
    package static let settingsFileName = "engage.json"
    /// The database file's name in a workspace folder.
    package static let databaseFileName = "engage.sqlite"
    /// The folder of the workspace's own survey definitions.
    package static let surveysFolderName = "surveys"
    /// The environment variable naming a workspace folder.
    static let environmentVariable = "ENGAGE_WORKSPACE"

    /// The workspace folder (absolute when found by ``locate(explicit:environment:currentDirectory:)``).
    public let directory: String
    /// The workspace's engage.json, as read.
    public var settings: WorkspaceSettings

    /// The settings file's path.
    package var settingsPath: String { Self.join(directory, Self.settingsFileName) }
    /// The database's path.
    package var databasePath: String { Self.join(directory, Self.databaseFileName) }
    /// The surveys folder's path.
    package var surveysDirectory: String { Self.join(directory, Self.surveysFolderName) }
    /// Paths of the survey definitions in use, as listed in the settings.
    package var surveyPaths: [String] { settings.surveys.map { Self.join(surveysDirectory, $0) } }

    /// Creates a workspace in `directory` (made if missing): `engage.json`, `surveys/`
    /// with the given definition files, and an empty, migrated `engage.sqlite`.
    /// Refuses to touch a folder that already holds a workspace.
    package static func create(
        at directory: String, organisation: String,
        surveys: [(fileName: String, text: String)]
    ) throws -> Workspace {
        let fm = FileManager.default
        let settingsPath = join(directory, settingsFileName)
        if fm.fileExists(atPath: settingsPath) || fm.fileExists(atPath: join(directory, databaseFileName)) {
            throw WorkspaceError.alreadyExists(directory: directory)
        }
        for survey in surveys where !isPlainFileName(survey.fileName) {
            throw WorkspaceError.invalidSurveyFileName(survey.fileName)
        }
        var workspace = Workspace(
            directory: directory,
            settings: WorkspaceSettings(
                organisation: organisation,
                surveys: surveys.map(\.fileName)))
        // A new workspace publishes only the quotes the officer approved.
        workspace.settings.quoteApproval = true
        do {
            try fm.createDirectory(atPath: workspace.surveysDirectory, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.fileSystem(
                path: workspace.surveysDirectory,
                message: "cannot create the folder (\(error.localizedDescription)); check the path and permissions")
        }
        for survey in surveys {
            try write(survey.text, to: join(workspace.surveysDirectory, survey.fileName), exclusive: false)
        }
        // The settings file is written last but exclusively, so two `init`s cannot both win.
        try write(workspace.settings.encoded(), to: settingsPath, exclusive: true, directory: directory)
        let store = try Store(path: workspace.databasePath)
        store.close()
        workspace.settings = try readSettings(at: settingsPath)
        return workspace
    }

    /// Opens the workspace in `directory`, reading its settings.
    public static func open(at directory: String) throws -> Workspace {
        let path = join(directory, settingsFileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw WorkspaceError.notFound(directory: directory, via: nil)
        }
        return Workspace(directory: directory, settings: try readSettings(at: path))
    }

    /// Finds the workspace: the `--workspace` folder when given, else `ENGAGE_WORKSPACE`,
    /// else the current directory. Relative paths are taken from `currentDirectory`.
    package static func locate(explicit: String?, environment: [String: String], currentDirectory: String) throws
        -> Workspace
    {
        let candidate: (path: String, via: String?)
        if let explicit, !explicit.isEmpty {
            candidate = (explicit, "--workspace")
        } else if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            candidate = (fromEnvironment, environmentVariable)
        } else {
            candidate = (currentDirectory, nil)
        }
        let directory = absolute(candidate.path, relativeTo: currentDirectory)
        guard FileManager.default.fileExists(atPath: join(directory, settingsFileName)) else {
            throw WorkspaceError.notFound(directory: directory, via: candidate.via)
        }
        return Workspace(directory: directory, settings: try readSettings(at: join(directory, settingsFileName)))
    }

    /// Opens the workspace's database (creating or migrating it when needed). `onWait`:
    /// see ``Store/init(path:readOnly:onWait:)``.
    ///
    /// - Throws: ``WorkspaceError/damaged(database:since:)`` when opened to write while
    ///   `engage check` has found the database damaged (see ``recordDamage(_:)``);
    ///   ``StoreError/emptyFile(path:)`` when `engage.sqlite` is there but empty.
    package func openStore(readOnly: Bool = false, onWait: (@Sendable (_ limitSeconds: Int) -> Void)? = nil) throws
        -> Store
    {
        if !readOnly, let record = damageRecord {
            throw WorkspaceError.damaged(database: databasePath, since: record)
        }
        // A migration changes every row it touches: a snapshot first (see snapshot(before:)).
        if let found = try? Store.storedSchemaVersion(path: databasePath), found > 0, found < Store.schemaVersion {
            if readOnly {
                _ = try? snapshot(before: "upgrading the database from schema \(found) to \(Store.schemaVersion)")
            } else {
                try snapshot(before: "upgrading the database from schema \(found) to \(Store.schemaVersion)")
            }
        }
        return try Store(path: databasePath, readOnly: readOnly, onWait: onWait)
    }

    // MARK: Damage found by `engage check`

    /// Where `engage check` says that it found the database damaged. While this file
    /// exists engage does not write to the database (imports, undo, retention, actions),
    /// so that nothing is added to a file that may lose it, and the damage is not hidden
    /// under later changes; reports still read it. A clean `engage check` removes it.
    package var damageMarkerPath: String { databasePath + "-damaged.txt" }

    /// The first line of the damage record (when and what), if `engage check` left one.
    var damageRecord: String? {
        guard let data = FileManager.default.contents(atPath: damageMarkerPath) else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "damaged"
    }

    /// Records that `engage check` found the database damaged, with what it found.
    func recordDamage(_ findings: [String], at timestamp: String) throws {
        let text =
            "engage check found \(Self.databaseFileName) damaged at \(timestamp): "
            + findings.prefix(3).joined(separator: "; ") + "\n\n"
            + "engage will not write to the database while this file is here. Restore the last backup (engage restore),\n"
            + "or move engage.sqlite away and import the exports again. Once the database is sound, engage check removes this file.\n\n"
            + findings.joined(separator: "\n") + "\n"
        try Self.write(text, to: damageMarkerPath, exclusive: false)
    }

    /// Removes the damage record (a clean `engage check`).
    func clearDamage() {
        try? FileManager.default.removeItem(atPath: damageMarkerPath)
    }

    /// The files engage must never write output over: the database with its journal,
    /// write-ahead log and shared-memory files, the settings, the survey definitions
    /// (listed or in `surveys/`), and the `backups/` folder with everything in it.
    /// ``OutputTarget`` refuses them by resolved path and identity.
    package var ownFiles: [String] {
        var files =
            [databasePath] + Self.databaseCompanions.map { databasePath + $0 } + [damageMarkerPath, settingsPath]
            + surveyPaths + [backupsDirectory]
        if let names = try? FileManager.default.contentsOfDirectory(atPath: surveysDirectory) {
            files += names.map { Self.join(surveysDirectory, $0) }.filter { !files.contains($0) }
        }
        return files
    }

    /// The files SQLite keeps beside a database while it is in use.
    static let databaseCompanions = ["-journal", "-wal", "-shm"]

    /// ``WorkspaceSettings/review(_:file:surveys:)`` of the settings file as it is on disk.
    package func reviewSettings(surveys: [Survey]) -> [String] {
        guard let data = FileManager.default.contents(atPath: settingsPath) else { return [] }
        return WorkspaceSettings.review(String(decoding: data, as: UTF8.self), file: settingsPath, surveys: surveys)
    }

    /// Writes the settings back to `engage.json`.
    package func saveSettings() throws {
        try Self.write(settings.encoded(), to: settingsPath, exclusive: false)
    }

    // MARK: Helpers

    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.contains("\\") && name != "." && name != ".."
            && name.hasSuffix(".json")
            && !name.hasPrefix(".")
    }

    static func readSettings(at path: String) throws(WorkspaceError) -> WorkspaceSettings {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .fileSystem(
                path: path, message: "cannot read the settings file; check that it exists and that you may read it")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .invalidSettings(
                file: path, line: nil, column: nil, field: nil, message: "not UTF-8 text; save it as UTF-8")
        }
        return try WorkspaceSettings.decode(text, file: path)
    }

    static func write(_ text: String, to path: String, exclusive: Bool, directory: String? = nil) throws {
        do {
            if exclusive {
                let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
                if fd < 0 {
                    if errno == EEXIST { throw WorkspaceError.alreadyExists(directory: directory ?? path) }
                    throw WorkspaceError.fileSystem(path: path, message: String(cString: strerror(errno)))
                }
                close(fd)
            }
            try OutputTarget.write(text, to: path)
        } catch let error as WorkspaceError {
            throw error
        } catch let error as OutputError {
            throw WorkspaceError.cannotWrite(error)
        } catch {
            throw WorkspaceError.fileSystem(
                path: path, message: "cannot write the file (\(error.localizedDescription))")
        }
    }

    static func join(_ a: String, _ b: String) -> String {
        a.hasSuffix("/") ? a + b : a + "/" + b
    }

    static func absolute(_ path: String, relativeTo base: String) -> String {
        let joined = path.hasPrefix("/") ? path : join(base, path)
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }
}
