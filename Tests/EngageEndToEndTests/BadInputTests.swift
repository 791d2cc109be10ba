import Foundation
import TestSupport
import Testing

@Suite("Bad input: every case a clear message and exit status 1, never a crash or a hang")
struct BadInputTests {
    static let header = "Timestamp,I felt fully involved in the process\n"

    /// Each bad export, and a phrase the message must contain.
    static let exports: [(name: String, bytes: [UInt8], says: String)] = {
        var random = SeededGenerator(seed: 404)
        let binary = (0..<4096).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        return [
            ("empty.csv", [], "empty"),
            ("header-only.csv", Array(header.utf8), "no responses"),
            ("binary.csv", binary, ""),
            ("unterminated.csv", Array((header + "01/02/2021 10:00,\"Agree\n").utf8), "unterminated"),
            // A UTF-8 file (the ’ says so) with one row of bytes that are not UTF-8.
            (
                "invalid-utf8.csv",
                Array((header + "01/02/2021 10:00,Don’t knoww\n").utf8) + Array("02/02/2021 10:00,Agr".utf8) + [
                    0xFF, 0xFE,
                ] + Array("ee\n".utf8), "not valid"
            ),
            ("nul.csv", Array(header.utf8) + Array("01/02/2021 10:00,Agree".utf8) + [0, 0, 0] + [10], ""),
            (
                "duplicate-headers.csv",
                Array(
                    "Timestamp,I felt fully involved in the process,I felt fully involved in the process\n01/02/2021 10:00,Agree,Agree\n"
                        .utf8), "involved"
            ),
            (
                "other-survey.csv",
                Array("Timestamp,The review meeting was well organised\n01/02/2021 10:00,Agree\n".utf8),
                "no column matches"
            ),
            ("future.csv", Array((header + "01/02/2099 10:00,Agree\n").utf8), "future"),
            ("no-questions.csv", Array("Name,Colour\nSam,Blue\n".utf8), "no column matches"),
        ]
    }()

    @Test("bad exports are refused by inspect and import with a message naming the file, and nothing is stored")
    func exports() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        for export in Self.exports {
            try runner.write(export.name, bytes: export.bytes)
            for command in ["inspect", "import"] {
                let result = try runner.run(arguments: [
                    command, "--workspace", "ws", "--survey", "ehcp-parent-carer", export.name,
                ])
                #expect(
                    result.status == 1,
                    "\(command) \(export.name): status \(result.status)\n\(result.stdout)\n\(result.stderr)")
                let output = result.stdout + result.stderr
                #expect(
                    output.contains(export.name) || command == "inspect",
                    "\(command) \(export.name) does not name the file: \(output)")
                #expect(
                    export.says.isEmpty || output.lowercased().contains(export.says)
                        || output.contains("see engage rejects"), "\(command) \(export.name): \(output)")
                #expect(!output.contains("Fatal error"))
            }
        }
        let check = try runner.run("check", "--workspace", "ws", "--format", "json")
        let counts = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        #expect(counts?["responses"] as? Int == 0)
        #expect(counts?["ok"] as? Bool == true)
    }

    @Test("a 50 MB single line is read and refused without running out of memory")
    func hugeLine() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        var bytes = Array(Self.header.utf8) + Array("01/02/2021 10:00,".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 50 << 20)
        bytes.append(10)
        try runner.write("long.csv", bytes: bytes)
        let result = try runner.run("inspect", "--survey", "ehcp-parent-carer", "long.csv")
        #expect(result.status == 1, "\(result.stderr)")
        #expect((result.stdout + result.stderr).contains("is not an answer"), "\(result.stdout.prefix(500))")
    }

    @Test("absurd definitions: deep nesting, a huge file, a cycle-like self reference are refused with a line")
    func definitions() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        try runner.write("deep.json", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))
        try runner.write("huge.json", "{\"id\": \"x\", \"title\": \"" + String(repeating: "a", count: 5 << 20) + "\"}")
        try runner.write(
            "self.json",
            """
            {"id": "x", "title": "X", "version": "1", "audience": "other",
             "questions": [{"id": "q", "text": "Q", "type": "scale", "scale": "q"}],
             "scales": [{"id": "q", "options": [{"code": "a", "label": "A"}, {"code": "a", "label": "A"}]}],
             "kpis": [{"id": "k", "title": "K", "question": "k"}]}
            """)
        for (file, says) in [("deep.json", "nest"), ("huge.json", "MB"), ("self.json", "self.json:")] {
            let result = try runner.run("survey", "validate", file)
            #expect(result.status == 1, "\(file)")
            #expect(result.stderr.contains(says), "\(file): \(result.stderr.prefix(400))")
        }
    }

    @Test("a corrupt, locked or newer-version database gives a message saying what to do")
    func databases() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        try runner.write("a.csv", Self.header + "01/02/2021 10:00,Agree\n")
        // Newer schema: never modified.
        #expect(try runner.run("init", "newer").status == 0)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = [
            "python3", "-c",
            "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version=99'); c.commit()",
            runner.path("newer/engage.sqlite"),
        ]
        try sqlite.run()
        sqlite.waitUntilExit()
        let newer = try runner.run("import", "--workspace", "newer", "a.csv")
        #expect(newer.status == 1)
        #expect(newer.stderr.contains("newer engage"), "\(newer.stderr)")
        // Locked by another process holding a write transaction.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = [
            "python3", "-c",
            "import sqlite3,sys,time; c=sqlite3.connect(sys.argv[1], isolation_level=None); c.execute('BEGIN EXCLUSIVE'); print('locked', flush=True); time.sleep(8)",
            runner.path("ws/engage.sqlite"),
        ]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        _ = pipe.fileHandleForReading.availableData // wait for "locked"
        var impatient = runner
        impatient.environment["ENGAGE_BUSY_TIMEOUT"] = "1"
        let locked = try impatient.run("import", "--workspace", "ws", "a.csv")
        holder.terminate()
        holder.waitUntilExit()
        #expect(locked.status == 1)
        #expect(locked.stderr.contains("locked by another program"), "\(locked.stderr)")
        // Corrupt: garbage over the pages after the header.
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: runner.path("ws/engage.sqlite"))))
        for i in 100..<min(bytes.count, 8192) { bytes[i] = UInt8(truncatingIfNeeded: i * 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: runner.path("ws/engage.sqlite")))
        try? FileManager.default.removeItem(atPath: runner.path("ws/engage.sqlite-wal"))
        try? FileManager.default.removeItem(atPath: runner.path("ws/engage.sqlite-shm"))
        let corrupt = try runner.run("import", "--workspace", "ws", "a.csv")
        #expect(corrupt.status == 1)
        #expect(
            corrupt.stderr.contains("damaged") || corrupt.stderr.contains("not an engage database"), "\(corrupt.stderr)"
        )
        // Not a database at all.
        try runner.write("ws/engage.sqlite", "this is not a database")
        let garbage = try runner.run("imports", "--workspace", "ws")
        #expect(garbage.status == 1)
        #expect(garbage.stderr.contains("not an engage database"), "\(garbage.stderr)")
    }

    @Test("two imports and a summary started at the same moment all succeed")
    func concurrent() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        try runner.write(
            "a.csv", ImportCommandTests.export((1...1500).map { ImportCommandTests.row($0, day: $0 % 28 + 1) }))
        try runner.write(
            "b.csv", ImportCommandTests.export((2001...3500).map { ImportCommandTests.row($0, day: $0 % 28 + 1) }))
        #expect(try runner.run("import", "--workspace", "ws", "--survey", "ehcp-parent-carer", "a.csv").status == 0)
        try runner.write(
            "c.csv", ImportCommandTests.export((4001...5500).map { ImportCommandTests.row($0, day: $0 % 28 + 1) }))
        var processes: [Process] = []
        for arguments in [
            ["import", "--workspace", "ws", "b.csv"], ["import", "--workspace", "ws", "c.csv"],
            ["summary", "--workspace", "ws", "--format", "html"],
        ] {
            let p = Process()
            p.executableURL = EngageRunner.executable
            p.arguments = arguments
            p.currentDirectoryURL = runner.directory
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            processes.append(p)
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == [0, 0, 0])
        let check = try runner.run("check", "--workspace", "ws", "--format", "json")
        let counts = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        #expect(counts?["responses"] as? Int == 4500)
        #expect(counts?["ok"] as? Bool == true)
    }
}
