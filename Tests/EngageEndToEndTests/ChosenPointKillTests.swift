import Foundation
import TestSupport
import Testing

/// Imports killed with SIGKILL at chosen points (engage pauses there through its test
/// hook, `ENGAGE_TEST_PAUSE_AT`, and the test kills it), so that every kill lands where
/// the test says, whatever the machine's speed: before anything is written, part-way,
/// with the indexes dropped, just before the commit, just after it. The random-moment
/// loops are the soak version (KillLoopTests, run by `.ci/run` after `swift test`).
@Suite("Imports killed at chosen points leave the store before or after, never between")
struct ChosenPointKillTests {
    /// Starts `engage import` paused at `point`, waits until it is there, kills it, and
    /// returns how it ended.
    static func killImport(
        _ runner: EngageRunner, file: String, at point: String,
        environment: [String: String] = [:]
    ) throws -> Process.TerminationReason {
        let marker = runner.path("pause-\(UUID().uuidString)")
        let process = try runner.start(
            ["import", "--workspace", "ws", file],
            environment: environment.merging([
                "ENGAGE_TEST_PAUSE_AT": point,
                "ENGAGE_TEST_PAUSE_FILE": marker,
            ]) { $1 })
        let reached = EngageRunner.waitForFile(marker, while: process)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: marker)
        #expect(reached, "engage never reached \(point) (exit \(process.terminationStatus))")
        return process.terminationReason
    }

    /// A workspace holding one import of 20 responses, and `big.csv` of `rows` more.
    static func workspace(rows: Int, base: Bool = true) throws -> EngageRunner {
        let runner = try EngageRunner()
        #expect(try runner.run("init", "ws").status == 0)
        if base {
            try runner.write(
                "base.csv", ImportCommandTests.export((1...20).map { ImportCommandTests.row($0, day: $0 % 28 + 1) }))
            #expect(try runner.run("import", "--workspace", "ws", "base.csv").status == 0)
        }
        try runner.write(
            "big.csv",
            ImportCommandTests.export((1...rows).map { ImportCommandTests.row($0 + 1_000, day: $0 % 28 + 1) }))
        return runner
    }

    @Test(
        "killed before, part-way through and just before the commit of an import, the store is exactly as before",
        arguments: ["import-started", "after-flush@1", "after-flush@7", "before-commit"])
    func killBeforeCommit(point: String) throws {
        let runner = try Self.workspace(rows: 6_000)
        defer { runner.cleanUp() }
        #expect(try Self.killImport(runner, file: "big.csv", at: point) == .uncaughtSignal)
        #expect(try KillLoopTests.state(runner) == (true, 20, 1))
        // The same file then imports whole.
        #expect(try runner.run("import", "--workspace", "ws", "big.csv").status == 0)
        #expect(try KillLoopTests.state(runner) == (true, 6_020, 2))
    }

    @Test("killed just after the commit, the import has landed whole")
    func killAfterCommit() throws {
        let runner = try Self.workspace(rows: 6_000)
        defer { runner.cleanUp() }
        #expect(try Self.killImport(runner, file: "big.csv", at: "after-commit") == .uncaughtSignal)
        #expect(try KillLoopTests.state(runner) == (true, 6_020, 2))
        // And it is known as imported: the same file again adds nothing.
        #expect(try runner.run("import", "--workspace", "ws", "big.csv").status == 0)
        #expect(try KillLoopTests.state(runner) == (true, 6_020, 2))
    }

    @Test(
        "a bulk import killed with its indexes dropped, or rebuilt but not committed, leaves every index there",
        arguments: ["after-flush@3", "before-commit"])
    func bulkKill(point: String) throws {
        let runner = try Self.workspace(rows: 45_000)
        defer { runner.cleanUp() }
        #expect(try Self.killImport(runner, file: "big.csv", at: point) == .uncaughtSignal)
        // `engage check` checks integrity and that every index the schema names is there.
        #expect(try KillLoopTests.state(runner) == (true, 20, 1))
        #expect(try KillLoopTests.journalMode(runner) == "wal")
    }

    @Test(
        "the first bulk load of an empty workspace killed before its commit leaves the store empty, in WAL mode throughout"
    )
    func firstLoadKill() throws {
        let runner = try Self.workspace(rows: 45_000, base: false)
        defer { runner.cleanUp() }
        // A 2 MB page cache makes the import write pages before it commits (45,000
        // responses need far more); in WAL mode they go to the log, where no reader sees
        // them, and a first load is no exception (readers are never locked out).
        let environment = ["ENGAGE_IMPORT_CACHE_MB": "2"]
        #expect(
            try Self.killImport(runner, file: "big.csv", at: "before-commit", environment: environment)
                == .uncaughtSignal)
        #expect(!KillLoopTests.hotJournal(runner), "a rollback journal: the first load left WAL mode")
        #expect(try KillLoopTests.journalMode(runner) == "wal")
        #expect(try KillLoopTests.state(runner) == (true, 0, 0))
        #expect(try runner.run("import", "--workspace", "ws", "big.csv").status == 0)
        #expect(try KillLoopTests.state(runner) == (true, 45_000, 1))
        #expect(try KillLoopTests.journalMode(runner) == "wal")
    }
}
