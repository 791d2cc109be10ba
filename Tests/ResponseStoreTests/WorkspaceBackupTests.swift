import Foundation
import Testing

@testable import ResponseStore

@Suite("Workspace snapshots")
struct WorkspaceBackupTests {
    @Test("opening a workspace whose database needs upgrading saves a snapshot of it at its old schema first, once")
    func snapshotBeforeMigration() throws {
        let dir = TemporaryDirectory()
        let workspace = try Workspace.create(at: dir.file("ws"), organisation: "Test", surveys: [])
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: workspace.databasePath + suffix)
        }
        let old = Store.schemaVersion - 1
        try Store(path: workspace.databasePath, readOnly: false, migrateTo: old).close()
        #expect(try Store.storedSchemaVersion(path: workspace.databasePath) == old)

        let store = try workspace.openStore()
        #expect(try store.storedSchemaVersion() == Store.schemaVersion)
        store.close()
        let snapshots = workspace.backups().filter(\.isSnapshot)
        #expect(snapshots.count == 1)
        #expect(snapshots.first?.schemaVersion == old)
        #expect(snapshots.first?.reason == "before upgrading the database from schema \(old) to \(Store.schemaVersion)")
        // Its database is the old one, as it was.
        let copy = try Store(path: (snapshots.first?.path ?? "") + "/engage.sqlite", readOnly: true, migrateTo: 0)
        #expect(try copy.storedSchemaVersion() == old)
        copy.close()
        // Up to date now: no more snapshots.
        try workspace.openStore().close()
        #expect(workspace.backups().filter(\.isSnapshot).count == 1)
    }

    @Test(
        "a backup's age is said in words from its time; a time engage did not write is shown as it is",
        arguments: [
            (0, "just now"), (119, "just now"), (120, "2 minutes ago"), (7_199, "119 minutes ago"),
            (7_200, "2 hours ago"), (172_799, "47 hours ago"), (172_800, "2 days ago"), (-30, "just now"),
        ])
    func age(after seconds: Int, expected: String) {
        // 2026-12-05T10:00:00Z is 1796464800 s after 1970 (Python's datetime).
        let backup = WorkspaceBackup(
            path: "b", takenAt: "2026-12-05T10:00:00Z", reason: "backup", isSnapshot: false, schemaVersion: 1,
            imports: 0, responses: 0)
        #expect(backup.age(now: Date(timeIntervalSince1970: TimeInterval(1_796_464_800 + seconds))) == expected)
        var odd = backup
        odd.takenAt = "yesterday"
        #expect(odd.age() == "yesterday")
    }

    @Test("a backup's folder is named after the moment its manifest records, digits only with T and Z")
    func folderNamedAfterItsTime() throws {
        let dir = TemporaryDirectory()
        let workspace = try Workspace.create(at: dir.file("ws"), organisation: "Test", surveys: [])
        let taken = try workspace.backup()
        let snapshot = try #require(try workspace.snapshot(before: "a test"))
        for (backup, prefix) in [(taken, "engage-backup-"), (snapshot, "engage-snapshot-")] {
            let name = (backup.path as NSString).lastPathComponent
            #expect(name.hasPrefix(prefix))
            // 2026-12-05T10:00:00Z -> 20261205T100000Z (a second one in the same second adds ".2").
            let stamp = String(name.dropFirst(prefix.count).prefix(16))
            #expect(stamp.count == 16 && stamp.filter(\.isNumber).count == 14, "\(name)")
            #expect(Array(stamp.filter(\.isNumber)) == Array(backup.takenAt.filter(\.isNumber)), "\(name)")
            #expect(stamp.dropFirst(8).first == "T" && stamp.last == "Z", "\(name)")
        }
    }
}
