import Foundation
import TestSupport
import Testing

/// `engage backup` and `engage restore`, and the snapshots engage takes by itself
/// before a change that cannot otherwise be taken back (issue 26 item 4).
@Suite("Backups, restores and snapshots")
struct BackupCommandTests {
    /// Everything the database stores, as SQL (python3's sqlite3 `iterdump`): two
    /// databases with the same dump store the same thing, row for row and byte for byte.
    static func dump(_ path: String) throws -> String {
        try DamagedDatabaseTests.python(
            "import sqlite3,sys; print('\\n'.join(sqlite3.connect(sys.argv[1]).iterdump()))", [path])
    }

    static func bytes(_ runner: EngageRunner, _ name: String) -> Data? {
        FileManager.default.contents(atPath: runner.path(name))
    }

    /// The workspace's files a backup holds, as they are now.
    static func state(_ runner: EngageRunner) throws -> [String] {
        let surveys = try FileManager.default.contentsOfDirectory(atPath: runner.path("ws/surveys")).sorted()
        return [try dump(runner.path("ws/engage.sqlite"))]
            + (["engage.json"] + surveys.map { "surveys/" + $0 }).map {
                $0 + ": " + String(decoding: bytes(runner, "ws/" + $0) ?? Data(), as: UTF8.self)
            }
    }

    static func line(_ text: String, startingWith prefix: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map(String.init)
    }

    /// The folder a command's message names after `word` (e.g. "to", "in").
    static func folder(in text: String, after word: String) -> String? {
        guard let range = text.range(of: " \(word) /") else { return nil }
        return String(text[text.index(before: range.upperBound)...].prefix { $0 != " " && $0 != "\n" })
    }

    @Test(
        "backup then restore gives back exactly what the workspace stored: the database's every row, engage.json and the definitions, byte for byte"
    )
    func roundTrip() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        #expect(
            try runner.run("actions", "add", "--workspace", "ws", "--title", "Ring every family", "--status", "amber")
                .status == 0)
        let before = try Self.state(runner)
        let backup = try runner.run("backup", "--workspace", "ws")
        #expect(backup.status == 0, "\(backup.stderr)")
        let folder = try #require(Self.folder(in: backup.stdout, after: "to"), "\(backup.stdout)")
        // The backup's own database stores the same as the workspace's did.
        #expect(try Self.dump(folder + "/engage.sqlite") == before[0])

        // Change everything a backup holds.
        try runner.write("b.csv", ImportDuringImportTests.rows(200...260))
        #expect(try runner.run("import", "--workspace", "ws", "b.csv").status == 0)
        #expect(try runner.run("undo", "--workspace", "ws", "1").status == 0)
        #expect(try runner.run("actions", "add", "--workspace", "ws", "--title", "Another").status == 0)
        let settings = String(decoding: Self.bytes(runner, "ws/engage.json") ?? Data(), as: UTF8.self)
        try runner.write(
            "ws/engage.json",
            settings.replacingOccurrences(of: "\"suppressionThreshold\": 10", with: "\"suppressionThreshold\": 20"))
        let definition = "ws/surveys/ehcp-parent-carer.json"
        try runner.write(definition, String(decoding: Self.bytes(runner, definition) ?? Data(), as: UTF8.self) + "\n")
        #expect(try Self.state(runner) != before)

        let restored = try runner.run("restore", "--workspace", "ws", folder)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try Self.state(runner) == before)
        #expect(try runner.run("check", "--workspace", "ws").status == 0)
        // The state the restore replaced is kept: restoring its snapshot brings it back.
        let snapshot = try #require(Self.folder(in: restored.stderr, after: "in"), "\(restored.stderr)")
        #expect(try runner.run("restore", "--workspace", "ws", snapshot).status == 0)
        #expect(try ImportCommandTests.storedResponses(runner) == 61)
    }

    @Test("undo saves a snapshot first, and restoring it takes the undo back exactly")
    func undoTakenBack() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        try runner.write("b.csv", ImportDuringImportTests.rows(200...220))
        #expect(try runner.run("import", "--workspace", "ws", "b.csv").status == 0)
        let before = try Self.state(runner)
        let undo = try runner.run("undo", "--workspace", "ws", "2")
        #expect(undo.status == 0, "\(undo.stderr)")
        let snapshot = try #require(Self.folder(in: undo.stderr, after: "in"), "\(undo.stderr)")
        #expect(try ImportCommandTests.storedResponses(runner) == 30)
        let restored = try runner.run("restore", "--workspace", "ws", snapshot)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try Self.state(runner) == before)
        #expect(try ImportCommandTests.storedResponses(runner) == 51)
    }

    @Test(
        "retention and --replace-changed save a snapshot first; snapshots are kept to the stated number, backups never pruned"
    )
    func snapshotsKept() throws {
        var runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        runner.environment["ENGAGE_SNAPSHOTS"] = "2"
        #expect(try runner.run("backup", "--workspace", "ws").status == 0)
        let retention = try runner.run("retention", "--workspace", "ws", "--before", "2021-07-05", "--yes")
        #expect(retention.status == 0 && retention.stderr.contains("engage restore"), "\(retention.stderr)")
        try runner.write(
            "c.csv", ImportCommandTests.export([ImportCommandTests.row(20, day: 21, involved: "Strongly disagree")]))
        let replaced = try runner.run("import", "--workspace", "ws", "--replace-changed", "c.csv")
        #expect(replaced.status == 0 && replaced.stderr.contains("engage restore"), "\(replaced.stderr)")
        #expect(try runner.run("undo", "--workspace", "ws", "2").status == 0)
        let list = try runner.run("backup", "--workspace", "ws", "--list")
        let lines = list.stdout.split(separator: "\n")
        #expect(lines.filter { $0.contains("snapshot before") }.count == 2, "\(list.stdout)")
        #expect(lines.filter { $0.contains("  backup  ") }.count == 1, "\(list.stdout)")
        // The oldest (before retention) went; the newest two stayed.
        #expect(!list.stdout.contains("before retention") && list.stdout.contains("before undo 2"), "\(list.stdout)")
    }

    @Test("engage check says how old the last backup is, or that there is none")
    func checkReportsBackupAge() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        let none = try runner.run("check", "--workspace", "ws")
        #expect(Self.line(none.stdout, startingWith: "  last backup: none") != nil, "\(none.stdout)")
        #expect(try runner.run("backup", "--workspace", "ws").status == 0)
        let some = try runner.run("check", "--workspace", "ws")
        #expect(some.stdout.contains("last backup: 20") && some.stdout.contains("(just now)"), "\(some.stdout)")
        let json = try runner.run("check", "--workspace", "ws", "--format", "json")
        #expect(json.stdout.contains("\"lastBackup\" : {"), "\(json.stdout)")
    }

    @Test("a backup whose files were altered is refused and nothing changes; a backup folder elsewhere works")
    func damagedBackupRefused() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        let backup = try runner.run("backup", "--workspace", "ws", "elsewhere")
        #expect(backup.status == 0, "\(backup.stderr)")
        let folder = try #require(Self.folder(in: backup.stdout, after: "to"))
        #expect(folder.contains("/elsewhere/"))
        try runner.write("b.csv", ImportDuringImportTests.rows(200...205))
        #expect(try runner.run("import", "--workspace", "ws", "b.csv").status == 0)
        let before = try Self.state(runner)
        let json = folder + "/engage.json"
        try Data((String(decoding: FileManager.default.contents(atPath: json) ?? Data(), as: UTF8.self) + " ").utf8)
            .write(to: URL(fileURLWithPath: json))
        let refused = try runner.run("restore", "--workspace", "ws", folder)
        #expect(
            refused.status == 1 && refused.stderr.contains("damaged") && refused.stderr.contains("engage.json"),
            "\(refused.stderr)")
        #expect(try Self.state(runner) == before)
        let notOne = try runner.run("restore", "--workspace", "ws", "ws/surveys")
        #expect(notOne.status == 1 && notOne.stderr.contains("not an engage backup"), "\(notOne.stderr)")
    }

    static func pageSize(_ path: String) throws -> String {
        try DamagedDatabaseTests.python(
            "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA page_size').fetchone()[0])", [path]
        ).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(
        "a backup made by a workspace with 4 KiB database pages (engage before 16 KiB pages) restores into a new workspace"
    )
    func restoreAcrossPageSizes() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        // The workspace as older engage made it: 4 KiB pages.
        _ = try DamagedDatabaseTests.python(
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('PRAGMA journal_mode=DELETE'); c.execute('PRAGMA page_size=4096'); c.execute('VACUUM'); c.execute('PRAGMA journal_mode=WAL')",
            [runner.path("ws/engage.sqlite")])
        #expect(try Self.pageSize(runner.path("ws/engage.sqlite")) == "4096")
        let backup = try runner.run("backup", "--workspace", "ws")
        let folder = try #require(Self.folder(in: backup.stdout, after: "to"), "\(backup.stdout)")
        let before = try Self.dump(runner.path("ws/engage.sqlite"))
        #expect(try runner.run("init", "new").status == 0)
        #expect(try Self.pageSize(runner.path("new/engage.sqlite")) == "16384")
        let restored = try runner.run("restore", "--workspace", "new", folder)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try Self.dump(runner.path("new/engage.sqlite")) == before)
        #expect(try runner.run("check", "--workspace", "new").status == 0)
    }

    @Test("a restore into a workspace whose database is empty or unreadable works, keeping that file aside")
    func restoreOverUnreadable() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        let backup = try runner.run("backup", "--workspace", "ws")
        let folder = try #require(Self.folder(in: backup.stdout, after: "to"))
        let before = try Self.dump(runner.path("ws/engage.sqlite"))
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: runner.path("ws/engage.sqlite" + suffix))
        }
        try runner.write("ws/engage.sqlite", "")
        let restored = try runner.run("restore", "--workspace", "ws", folder)
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try Self.dump(runner.path("ws/engage.sqlite")) == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: runner.path("ws")).contains {
                $0.hasPrefix("engage.sqlite.unreadable-")
            })
    }

    @Test("no output is ever written inside the backups folder: a backup stays as it was taken and restores")
    func backupsNeverAnOutput() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        let backup = try runner.run("backup", "--workspace", "ws")
        let folder = try #require(Self.folder(in: backup.stdout, after: "to"), "\(backup.stdout)")
        let settings = try #require(FileManager.default.contents(atPath: folder + "/engage.json"))
        for target in [folder + "/engage.json", folder + "/new.csv", "ws/backups/new.csv"] {
            let result = try runner.run("export", "--workspace", "ws", "--output", target)
            #expect(result.status == 1, "\(target): \(result.stdout)")
            #expect(result.stderr.contains("backups"), "\(target): \(result.stderr)")
        }
        #expect(FileManager.default.contents(atPath: folder + "/engage.json") == settings)
        #expect(!FileManager.default.fileExists(atPath: folder + "/new.csv"))
        #expect(try runner.run("restore", "--workspace", "ws", folder).status == 0)
    }
}
