import Foundation
import Testing

@Suite("Imports killed part-way leave the store before or after, never between")
struct KillLoopTests {
    /// Stored responses and integrity, through `engage check --format json`.
    static func state(_ runner: EngageRunner) throws -> (ok: Bool, responses: Int, imports: Int) {
        let result = try runner.run("check", "--workspace", "ws", "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (object?["ok"] as? Bool ?? false, object?["responses"] as? Int ?? -1, object?["imports"] as? Int ?? -1)
    }

    @Test("50 imports killed with SIGKILL at random moments: each time all or nothing, and integrity_check passes")
    func killLoop() throws {
        let (killed, finished) = try Self.killLoop(rows: 6_000, runs: 50, seed: 50)
        // The kills must really have landed part-way for the test to mean anything.
        #expect(killed >= 25, "only \(killed) of 50 imports were killed while running")
        print("kill loop: 50 runs, \(killed) killed while running, \(finished) had landed their import first; integrity ok every time")
    }

    @Test("a bulk import (45,000 rows: its answers index dropped and rebuilt inside the transaction) killed 10 times: all or nothing, every index there")
    func bulkKillLoop() throws {
        // Kills spread over the first 80 % of an import's time, so that most land while it
        // runs even when later imports are quicker than the first (warm caches).
        let (killed, finished) = try Self.killLoop(rows: 45_000, runs: 10, seed: 51, spread: 0.8)
        #expect(killed >= 3, "only \(killed) of 10 imports were killed while running")
        print("bulk kill loop: 10 runs, \(killed) killed while running, \(finished) had landed their import first; integrity and indexes ok every time")
    }

    /// Imports a base file, then kills imports of `rows` more at seeded random moments,
    /// checking after each that the store is exactly before or after (with `engage
    /// check`: integrity and every index). Returns how many were killed mid-import and
    /// how many finished first.
    static func killLoop(rows: Int, runs: Int, seed: UInt64, spread: Double = 1.0) throws -> (killed: Int, finished: Int) {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        // A first import that must survive every kill, then a big one to kill.
        try runner.write("base.csv", ImportCommandTests.export((1...20).map { ImportCommandTests.row($0, day: $0 % 28 + 1) }))
        #expect(try runner.run("import", "--workspace", "ws", "base.csv").status == 0)
        try runner.write("big.csv", ImportCommandTests.export((1...rows).map { ImportCommandTests.row($0 + 1_000, day: $0 % 28 + 1) }))

        // How long a whole import takes here, to spread the kills over it.
        let started = Date()
        #expect(try runner.run("import", "--workspace", "ws", "big.csv").status == 0)
        let duration = Date().timeIntervalSince(started)
        #expect(try Self.state(runner) == (true, 20 + rows, 2))
        #expect(try runner.run("undo", "--workspace", "ws", "2").status == 0)

        var generator = SplitMixE2E(seed: seed)
        var killedMidway = 0, finished = 0
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = EngageRunner.executable
            process.arguments = ["import", "--workspace", runner.path("ws"), runner.path("big.csv")]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let delay = duration * spread * Double(generator.next() % 1000) / 1000
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killedMidway += 1 }
            let state = try Self.state(runner)
            #expect(state.ok)
            if state.responses == 20 {
                #expect(state.imports == 1)
            } else {
                // It landed before the kill: whole, then undo to go again.
                #expect(state.responses == 20 + rows)
                #expect(state.imports == 2)
                finished += 1
                let imports = try runner.run("imports", "--workspace", "ws", "--format", "json")
                let list = (try JSONSerialization.jsonObject(with: Data(imports.stdout.utf8)) as? [String: Any])?["imports"] as? [[String: Any]]
                let id = list?.last?["id"] as? Int ?? 0
                #expect(try runner.run("undo", "--workspace", "ws", String(id)).status == 0)
            }
        }
        return (killedMidway, finished)
    }
}

/// A small seeded generator, so the kill moments are the same on every run.
struct SplitMixE2E {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
