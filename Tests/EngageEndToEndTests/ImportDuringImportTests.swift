import Foundation
import TestSupport
import Testing

/// What happens while an import runs: the file changed under it, a second import, readers
/// (issue 27 items 3 and 4). Each test holds the import still after its first batch is
/// written (engage's test hook `ENGAGE_TEST_PAUSE_AT=after-flush`), so the order of
/// events is fixed and nothing depends on timing.
@Suite("During an import")
struct ImportDuringImportTests {
    /// An engage process started in the background.
    final class Running: @unchecked Sendable {
        let process = Process()
        let errPipe = Pipe()
        let outPipe = Pipe()
        private var errData = Data()
        private var outData = Data()
        private let group = DispatchGroup()

        init(_ runner: EngageRunner, _ arguments: [String], environment: [String: String]) throws {
            process.executableURL = EngageRunner.executable
            process.arguments = arguments
            process.currentDirectoryURL = runner.directory
            var env = ProcessInfo.processInfo.environment
            env.removeValue(forKey: "ENGAGE_WORKSPACE")
            for (k, v) in environment { env[k] = v }
            process.environment = env
            process.standardOutput = outPipe
            process.standardError = errPipe
            process.standardInput = FileHandle.nullDevice
            try process.run()
            group.enter()
            DispatchQueue.global().async { [self] in
                errData = errPipe.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
            group.enter()
            DispatchQueue.global().async { [self] in
                outData = outPipe.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
        }

        func finish() -> (status: Int32, stdout: String, stderr: String) {
            process.waitUntilExit()
            group.wait()
            return (
                process.terminationStatus, String(decoding: outData, as: UTF8.self),
                String(decoding: errData, as: UTF8.self)
            )
        }
    }

    static func waitFor(_ path: String, while running: Running) -> Bool {
        EngageRunner.waitForFile(path, while: running.process)
    }

    static func rows(_ ids: ClosedRange<Int>) -> String {
        ImportCommandTests.export(ids.map { ImportCommandTests.row($0, day: $0 % 28 + 1) })
    }

    /// Starts importing `file`, held once its first batch is written (inside its
    /// transaction); returns once it is held, with the file whose removal lets it go on.
    static func startHeld(
        _ runner: EngageRunner, _ file: String, at point: String = "after-flush@1", environment: [String: String] = [:]
    ) throws -> (Running, String) {
        let marker = runner.path("paused-\(UUID().uuidString)")
        let running = try Running(
            runner, ["import", "--workspace", "ws", file],
            environment: environment.merging(["ENGAGE_TEST_PAUSE_AT": point, "ENGAGE_TEST_PAUSE_FILE": marker]) { $1 })
        #expect(waitFor(marker, while: running), "the import never reached its pause")
        return (running, marker)
    }

    static func resume(_ marker: String) {
        try? FileManager.default.removeItem(atPath: marker)
    }

    static func importCount(_ runner: EngageRunner) throws -> Int {
        let result = try runner.run("imports", "--workspace", "ws", "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (object?["imports"] as? [[String: Any]])?.count ?? -1
    }

    /// The SHA-256 of a file by coreutils' sha256sum, an independent reference.
    static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix(64))
    }

    @Test(
        "a file cut short while it is imported rolls the import back with a message; the store is as it was",
        arguments: [false, true])
    func truncatedMidImport(afterAnImport: Bool) throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        if afterAnImport {
            try runner.write("first.csv", Self.rows(50_001...50_010))
            #expect(try runner.run("import", "--workspace", "ws", "first.csv").status == 0)
        }
        try runner.write("big.csv", Self.rows(1...30_000))
        let (running, pause) = try Self.startHeld(runner, "big.csv")
        defer { Self.resume(pause) }
        // Cut to a third, as a download restarted or a sync would.
        let handle = try #require(FileHandle(forWritingAtPath: runner.path("big.csv")))
        let size = try handle.seekToEnd()
        try handle.truncate(atOffset: size / 3)
        try handle.close()
        Self.resume(pause)
        let result = running.finish()
        #expect(result.status == 1, "\(result.stdout)")
        #expect(
            result.stderr.contains("big.csv") && result.stderr.contains("changed while engage was reading it"),
            "\(result.stderr)")
        #expect(try Self.importCount(runner) == (afterAnImport ? 1 : 0))
        #expect(try ImportCommandTests.storedResponses(runner) == (afterAnImport ? 10 : 0))
        #expect(try runner.run("check", "--workspace", "ws").status == 0)
    }

    @Test(
        "a file overwritten in place with another export while it is imported rolls back; imported again it records the SHA-256 of what it holds",
        arguments: [false, true])
    func overwrittenMidImport(afterAnImport: Bool) throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        if afterAnImport {
            try runner.write("first.csv", Self.rows(50_001...50_010))
            #expect(try runner.run("import", "--workspace", "ws", "first.csv").status == 0)
        }
        try runner.write("big.csv", Self.rows(1...30_000))
        let (running, pause) = try Self.startHeld(runner, "big.csv")
        defer { Self.resume(pause) }
        // Another export written over it in place (same inode), as Excel's Save does to an open file.
        let other = Data(Self.rows(60_001...90_000).utf8)
        let handle = try #require(FileHandle(forWritingAtPath: runner.path("big.csv")))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: other)
        try handle.close()
        Self.resume(pause)
        let result = running.finish()
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stderr.contains("changed while engage was reading it"), "\(result.stderr)")
        #expect(try Self.importCount(runner) == (afterAnImport ? 1 : 0))

        // Now left alone, it lands whole, with the digest of the bytes it holds.
        let again = try runner.run("import", "--workspace", "ws", "big.csv")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("imported 30000 responses"), "\(again.stdout)")
        let imports = try runner.run("imports", "--workspace", "ws", "--format", "json")
        let list =
            (try JSONSerialization.jsonObject(with: Data(imports.stdout.utf8)) as? [String: Any])?["imports"]
            as? [[String: Any]]
        #expect(list?.last?["sha256"] as? String == (try Self.sha256sum(runner.path("big.csv"))))
    }

    @Test(
        "while a first bulk load runs, imports, check and kpis read the store as it was, and a second import waits for it and then lands"
    )
    func secondImportWaits() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        // 30,000 rows (4 MB): a bulk load into an empty workspace.
        try runner.write("big.csv", Self.rows(1...30_000))
        try runner.write("small.csv", Self.rows(40_001...40_010))
        // Held with every row written, just before its commit, with a page cache of 1 MB:
        // the 4 MB of new pages cannot stay in memory, so they have gone to disk. With a
        // rollback journal (as the first load used before) that takes the file's exclusive
        // lock and every reader below would be refused as "locked" (after waiting up to
        // ENGAGE_BUSY_TIMEOUT, set so that a broken build fails rather than waits 10
        // minutes); with the write-ahead log readers never wait at all.
        let (first, pause) = try Self.startHeld(
            runner, "big.csv", at: "before-commit", environment: ["ENGAGE_IMPORT_CACHE_MB": "1"])
        defer { Self.resume(pause) }
        var reader = runner
        reader.environment["ENGAGE_BUSY_TIMEOUT"] = "30"

        // Readers are not locked out: they see the store before the import.
        let imports = try reader.run("imports", "--workspace", "ws", "--format", "json")
        #expect(imports.status == 0, "\(imports.stderr)")
        #expect(try Self.importCount(reader) == 0)
        let check = try reader.run("check", "--workspace", "ws")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let kpis = try reader.run("kpis", "--workspace", "ws")
        #expect(!kpis.stderr.contains("locked"), "\(kpis.stderr)")

        // A second import waits (saying so) for as long as the first holds the store.
        let mark = runner.path("second-is-waiting")
        let second = try Running(
            runner, ["import", "--workspace", "ws", "small.csv"], environment: ["ENGAGE_TEST_WAIT_MARK": mark])
        #expect(Self.waitFor(mark, while: second), "the second import did not wait")
        Self.resume(pause)
        let firstResult = first.finish()
        #expect(firstResult.status == 0, "\(firstResult.stderr)")
        #expect(firstResult.stdout.contains("imported 30000 responses"), "\(firstResult.stdout)")
        let secondResult = second.finish()
        #expect(secondResult.status == 0, "\(secondResult.stderr)")
        #expect(secondResult.stderr.contains("waiting for another program"), "\(secondResult.stderr)")
        #expect(secondResult.stdout.contains("imported 10 responses"), "\(secondResult.stdout)")
        #expect(try ImportCommandTests.storedResponses(runner) == 30_010)
        #expect(try runner.run("check", "--workspace", "ws").status == 0)
    }
}
