import Foundation
import TestSupport
import Testing

/// Where engage writes: never over the workspace's own files, never a crash or a half
/// file when the output cannot be written (issue 27 items 1 and 2, issue 26 item 5).
@Suite("Output files and standard output")
struct OutputSafetyTests {
    /// A workspace `ws` with 30 responses, in a fresh folder.
    static func workspace() throws -> EngageRunner {
        let runner = try EngageRunner()
        #expect(try runner.run("init", "ws").status == 0)
        try runner.write(
            "a.csv", ImportCommandTests.export((1...30).map { ImportCommandTests.row($0, day: $0 % 28 + 1) }))
        let imported = try runner.run("import", "--workspace", "ws", "a.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        return runner
    }

    static func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// Files in `folder` whose names start with a dot (engage's temporary files do).
    static func hiddenFiles(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".") }
    }

    @Test(
        "--output naming the workspace's database, its WAL, its settings or a definition is refused and changes nothing, however it is reached"
    )
    func workspaceFilesRefused() throws {
        let runner = try Self.workspace()
        defer { runner.cleanUp() }
        // The -wal and -shm files exist only while a connection is open: give them content to guard.
        try runner.write("ws/engage.sqlite-journal", "")
        try FileManager.default.createSymbolicLink(
            atPath: runner.path("link.json"), withDestinationPath: "ws/engage.json")
        try FileManager.default.linkItem(atPath: runner.path("ws/engage.sqlite"), toPath: runner.path("hard.sqlite"))
        let definition =
            "ws/surveys/" + (try FileManager.default.contentsOfDirectory(atPath: runner.path("ws/surveys")).first ?? "")
        let targets: [[String]] = [
            ["summary", "--format", "markdown", "--output", "ws/engage.sqlite"],
            ["export", "--output", "ws/engage.sqlite"],
            ["summary", "--format", "json", "--output", "ws/engage.json"],
            ["summary", "--output", "ws/./surveys/../engage.sqlite-wal"],
            ["summary", "--output", "ws/engage.sqlite-shm"],
            ["export", "--output", "ws/engage.sqlite-journal"],
            ["summary", "--format", "json", "--output", "link.json"],
            ["export", "--format", "json", "--output", "hard.sqlite"],
            ["summary", "--format", "json", "--output", definition],
        ]
        let protected = ["ws/engage.sqlite", "ws/engage.json", definition]
        let before = protected.map { Self.bytes(runner.path($0)) }
        for arguments in targets {
            let result = try runner.run(arguments: arguments + ["--workspace", "ws"])
            #expect(result.status == 1, "\(arguments): \(result.stdout)")
            #expect(
                result.stderr.contains("workspace's own files") && result.stderr.contains("Choose another file name"),
                "\(arguments): \(result.stderr)")
            #expect(!result.stderr.contains("wrote"))
        }
        #expect(protected.map { Self.bytes(runner.path($0)) } == before)
        #expect(Self.hiddenFiles(runner.path("ws")).isEmpty)
        let check = try runner.run("check", "--workspace", "ws")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(try ImportCommandTests.storedResponses(runner) == 30)
    }

    @Test("--output naming another workspace's database is refused: engage never replaces an SQLite database")
    func otherDatabaseRefused() throws {
        let runner = try Self.workspace()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "other").status == 0)
        let before = Self.bytes(runner.path("other/engage.sqlite"))
        let result = try runner.run("export", "--workspace", "ws", "--output", "other/engage.sqlite")
        #expect(result.status == 1)
        #expect(result.stderr.contains("SQLite database"), "\(result.stderr)")
        #expect(Self.bytes(runner.path("other/engage.sqlite")) == before)
    }

    @Test("--output - writes to standard output and makes no file called -")
    func dashIsStandardOutput() throws {
        let runner = try Self.workspace()
        defer { runner.cleanUp() }
        let summary = try runner.run("summary", "--workspace", "ws", "--format", "json", "--output", "-")
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect((try? JSONSerialization.jsonObject(with: Data(summary.stdout.utf8))) != nil)
        let export = try runner.run("export", "--workspace", "ws", "--output", "-")
        #expect(export.status == 0 && export.stdout.hasPrefix("survey,response,"), "\(export.stderr)")
        #expect(!FileManager.default.fileExists(atPath: runner.path("-")))
    }

    /// Runs `engage` through the shell, so that a redirection can be given.
    static func shell(_ runner: EngageRunner, _ command: String) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = runner.directory
        var environment = ProcessInfo.processInfo.environment
        environment["ENGAGE"] = EngageRunner.executable.path
        environment.removeValue(forKey: "ENGAGE_WORKSPACE")
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, "", String(decoding: errData, as: UTF8.self))
    }

    @Test(
        "a full or closed standard output gives exit status 1 and a message, not a crash",
        arguments: ["summary", "export", "kpis", "imports", "check", "rejects --all 1", "help"])
    func standardOutputFailures(command: String) throws {
        let runner = try Self.workspace()
        defer { runner.cleanUp() }
        let full = try Self.shell(runner, "\"$ENGAGE\" \(command) --workspace ws > /dev/full")
        #expect(full.status == 1, "\(command) > /dev/full: \(full.stderr)")
        #expect(
            full.stderr.contains("standard output") && full.stderr.contains("disk is full"),
            "\(command): \(full.stderr)")
        #expect(!full.stderr.contains("Fatal error"))
        let closed = try Self.shell(runner, "\"$ENGAGE\" \(command) --workspace ws >&-")
        #expect(closed.status == 1, "\(command) >&-: \(closed.stderr)")
        #expect(closed.stderr.contains("standard output is closed"), "\(command): \(closed.stderr)")
    }

    @Test(
        "--output to a full device fails with a message and leaves the device a device; a file that cannot be written leaves the old one whole and no temporary file"
    )
    func outputFileFailures() throws {
        let runner = try Self.workspace()
        defer { runner.cleanUp() }
        // A device like /dev/full of the test's own (an older engage replaced the
        // machine's /dev/full with a regular file): every write fails with ENOSPC.
        var device = stat()
        if stat("/dev/full", &device) == 0, (device.st_mode & S_IFMT) == S_IFCHR,
            mknod(runner.path("full"), S_IFCHR | 0o666, device.st_rdev) == 0
        {
            let full = try runner.run("export", "--workspace", "ws", "--output", "full")
            #expect(full.status == 1 && full.stderr.contains("disk is full"), "\(full.stderr)")
            var info = stat()
            #expect(
                stat(runner.path("full"), &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "the device was replaced")
        }
        // A folder engage may not write to (root ignores permissions, so a file in the way).
        try runner.write("blocked", "a file, not a folder")
        let blocked = try runner.run("summary", "--workspace", "ws", "--output", "blocked/summary.md")
        #expect(blocked.status == 1 && blocked.stderr.contains("blocked"), "\(blocked.stderr)")
    }

    @Test(
        "a missing folder is an error; an existing file is replaced whole with its permissions; a link is written through and stays a link"
    )
    func documentedDecisions() throws {
        let runner = try Self.workspace()
        defer { runner.cleanUp() }
        let missing = try runner.run("summary", "--workspace", "ws", "--output", "reports/summary.md")
        #expect(
            missing.status == 1 && missing.stderr.contains("does not exist") && missing.stderr.contains("mkdir"),
            "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: runner.path("reports")))

        try runner.write("old.csv", String(repeating: "old content that is longer than the export\n", count: 2000))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: runner.path("old.csv"))
        let replaced = try runner.run("export", "--workspace", "ws", "--output", "old.csv")
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let text = String(decoding: Self.bytes(runner.path("old.csv")) ?? Data(), as: UTF8.self)
        #expect(text.hasPrefix("survey,response,") && !text.contains("old content"))
        let mode = try FileManager.default.attributesOfItem(atPath: runner.path("old.csv"))[.posixPermissions] as? Int
        #expect(mode == 0o640)

        try FileManager.default.createDirectory(atPath: runner.path("reports"), withIntermediateDirectories: false)
        try runner.write("reports/2021.md", "old")
        try FileManager.default.createSymbolicLink(
            atPath: runner.path("latest.md"), withDestinationPath: "reports/2021.md")
        let linked = try runner.run("summary", "--workspace", "ws", "--format", "markdown", "--output", "latest.md")
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: runner.path("latest.md")) == "reports/2021.md")
        #expect(
            String(decoding: Self.bytes(runner.path("reports/2021.md")) ?? Data(), as: UTF8.self).contains(
                "You said, we did"))

        try FileManager.default.createSymbolicLink(
            atPath: runner.path("dangling.md"), withDestinationPath: "nowhere/x.md")
        let dangling = try runner.run("summary", "--workspace", "ws", "--output", "dangling.md")
        #expect(dangling.status == 1 && dangling.stderr.contains("symbolic link"), "\(dangling.stderr)")
        #expect(Self.hiddenFiles(runner.directory.path).isEmpty && Self.hiddenFiles(runner.path("reports")).isEmpty)
    }
}

/// A small tmpfs, to fill a disk for real. Mounting needs root; elsewhere the tests
/// that use it do not run.
struct SmallDisk {
    let path: String

    static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Whether a tmpfs can be mounted here (root, and a kernel that allows it).
    static let supported: Bool = {
        guard getuid() == 0, let probe = try? SmallDisk(kilobytes: 64) else { return false }
        probe.unmount()
        return true
    }()

    init(kilobytes: Int) throws {
        path =
            FileManager.default.temporaryDirectory.appendingPathComponent("engage-small-disk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path]) else {
            try? FileManager.default.removeItem(atPath: path)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// Fills the disk, leaving about `kilobytes` free.
    func fill(leaving kilobytes: Int) throws {
        let attributes = try FileManager.default.attributesOfFileSystem(forPath: path)
        let free = (attributes[.systemFreeSize] as? Int) ?? 0
        let filler = max(0, free - kilobytes * 1024)
        _ = FileManager.default.createFile(atPath: path + "/filler", contents: Data(count: filler))
    }

    /// Remounts the disk read-only.
    func makeReadOnly() -> Bool {
        Self.run("/bin/mount", ["-o", "remount,ro", path])
    }

    func unmount() {
        _ = Self.run("/bin/umount", [path])
        try? FileManager.default.removeItem(atPath: path)
    }
}

@Suite("A full disk")
struct FullDiskTests {
    @Test(
        "--output on a full disk fails with a message and leaves the old file whole and no temporary file",
        .enabled(if: SmallDisk.supported, "mounting a tmpfs needs root"))
    func outputOnFullDisk() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        let disk = try SmallDisk(kilobytes: 256)
        defer { disk.unmount() }
        let target = disk.path + "/answers.csv"
        try Data("the old export\n".utf8).write(to: URL(fileURLWithPath: target))
        try disk.fill(leaving: 2)
        let result = try runner.run("export", "--workspace", "ws", "--output", target)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(
            result.stderr.contains("disk is full") && result.stderr.contains("Nothing was written"), "\(result.stderr)")
        #expect(String(decoding: OutputSafetyTests.bytes(target) ?? Data(), as: UTF8.self) == "the old export\n")
        #expect(OutputSafetyTests.hiddenFiles(disk.path).isEmpty)
    }

    @Test(
        "an import that fills the disk rolls back whole, saying so and how much to free",
        .enabled(if: SmallDisk.supported, "mounting a tmpfs needs root"))
    func importOnFullDisk() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let disk = try SmallDisk(kilobytes: 3072)
        defer { disk.unmount() }
        let workspace = disk.path + "/ws"
        #expect(try runner.run("init", workspace).status == 0)
        try runner.write("small.csv", ImportDuringImportTests.rows(1...10))
        #expect(try runner.run("import", "--workspace", workspace, "small.csv").status == 0)
        // About 4 MB of export: far more than the 3 MB disk can take.
        try runner.write("big.csv", ImportDuringImportTests.rows(100...30_100))
        let result = try runner.run("import", "--workspace", workspace, "big.csv")
        #expect(result.status == 1, "\(result.stdout)")
        #expect(
            result.stderr.contains("big.csv: nothing imported") && result.stderr.contains("filled up")
                && result.stderr.contains("rolled back") && result.stderr.contains("Free at least"), "\(result.stderr)")
        let check = try runner.run("check", "--workspace", workspace, "--format", "json")
        #expect(
            check.stdout.contains("\"ok\" : true") && check.stdout.contains("\"responses\" : 10"), "\(check.stdout)")
    }

    @Test(
        "engage publish on a full disk leaves nothing of the quarter behind, and publishing it again once there is room works",
        .enabled(if: SmallDisk.supported, "mounting a tmpfs needs root"))
    func publishOnFullDisk() throws {
        let runner = try SummaryCommandTests.demoWorkspace()
        defer { runner.cleanUp() }
        let disk = try SmallDisk(kilobytes: 2048)
        defer { disk.unmount() }
        let site = disk.path + "/site"
        try disk.fill(leaving: 16)
        let full = try runner.run("publish", "--workspace", "ws", "--into", site, "--period", "2021-22 Q1")
        #expect(full.status == 1, "\(full.stdout)")
        #expect(full.stderr.contains("disk is full"), "\(full.stderr)")
        // No quarter folder (which would freeze a half-written quarter), no hidden leftovers.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: site)) ?? []
        #expect(left.isEmpty, "\(left)")
        try FileManager.default.removeItem(atPath: disk.path + "/filler")
        let again = try runner.run("publish", "--workspace", "ws", "--into", site, "--period", "2021-22 Q1")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            Set((try? FileManager.default.contentsOfDirectory(atPath: site + "/2021-22-q1")) ?? [])
                == ["index.html", "data.csv", "data.json"])
    }
}
