import Foundation
import ResponseStore

/// `engage backup`, `engage restore`.
enum BackupCommands {
    static var specs: [CommandSpec] { [backup, restore] }

    static let backup = CommandSpec(
        path: ["backup"], abstract: "Back up the workspace: its database, settings and survey definitions.",
        usage: "[--list] [DIR]",
        discussion: """
            Copies the database (one consistent state, with SQLite's online backup: other commands may run
            meanwhile), engage.json and the survey definitions into a new folder in DIR (default: backups/ in
            the workspace), named after the time, with backup.json listing what it holds and each file's
            SHA-256. Keep a copy somewhere else too: a backup beside the workspace does not survive losing the
            disk. engage also takes a snapshot by itself before undo, retention, import --replace-changed, a
            restore and a database upgrade, keeping the last 5 (ENGAGE_SNAPSHOTS=N to keep N, 0 for none);
            backups taken with this command are never removed by engage. --list shows the backups and
            snapshots in DIR. engage check says how old the last backup is.
            """,
        options: [.flag("--list", "List the backups and snapshots instead of taking one.")],
        arguments: (0, 1), argumentName: "a folder for the backup",
        examples: ["engage backup", "engage backup /mnt/shared/engage-backups", "engage backup --list"],
        run: { invocation in
            let workspace = try WorkspaceAccess.locate(invocation)
            let folder = invocation.arguments.first.map { WorkspaceAccess.path($0, invocation) }
            if invocation.flag("--list") {
                let all = workspace.backups(in: folder)
                if all.isEmpty {
                    Console.out("no backups in \(folder ?? workspace.backupsDirectory): engage backup takes one")
                }
                for b in all {
                    Console.out(
                        "\(b.path)  \(b.takenAt)  \(b.isSnapshot ? "snapshot " + b.reason : "backup")  schema \(b.schemaVersion), \(b.imports) imports, \(b.responses) responses"
                    )
                }
                return 0
            }
            let taken = try workspace.backup(into: folder)
            Console.out(
                "backed up \(workspace.directory) to \(taken.path) (\(taken.imports) imports, \(taken.responses) responses); engage restore \(taken.path) brings it back"
            )
            return 0
        })

    static let restore = CommandSpec(
        path: ["restore"], abstract: "Restore the workspace from a backup or snapshot.",
        usage: "BACKUP",
        discussion: """
            Checks the backup (each file's SHA-256 against backup.json, and the database's integrity), saves a
            snapshot of the workspace as it is now (so that the restore too can be taken back), then replaces
            the database's whole content in one step (other commands see the old state or the restored one,
            never a mixture) and writes back engage.json and the survey definitions. BACKUP is a backup's
            folder, or its name in the workspace's backups/ folder (engage backup --list shows them). A
            database that cannot be read at all is moved aside (engage.sqlite.unreadable-TIME), not deleted.
            """,
        arguments: (1, 1), argumentName: "a backup folder",
        examples: ["engage restore backups/engage-backup-20220131T101500Z"],
        run: { invocation in
            let workspace = try WorkspaceAccess.locate(invocation)
            let given = invocation.arguments[0]
            var path = WorkspaceAccess.path(given, invocation)
            let named = (workspace.backupsDirectory as NSString).appendingPathComponent(given)
            if !FileManager.default.fileExists(atPath: path) && FileManager.default.fileExists(atPath: named) {
                path = named
            }
            let (restored, snapshot) = try workspace.restore(from: path)
            if let snapshot {
                Console.err(
                    "saved the workspace as it was in \(snapshot.path) (engage restore \(snapshot.path) takes this back)"
                )
            }
            Console.out(
                "restored \(workspace.directory) from \(restored.path), taken \(restored.takenAt) (\(restored.imports) imports, \(restored.responses) responses)"
            )
            return 0
        })
}
