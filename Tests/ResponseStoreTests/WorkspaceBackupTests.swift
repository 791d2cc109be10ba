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
}
