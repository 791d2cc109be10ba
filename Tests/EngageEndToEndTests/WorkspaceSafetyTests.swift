import Foundation
import TestSupport
import Testing

/// The workspace's own files when they are odd: settings listing a survey twice or a key
/// twice (issue 27, items 2 and 6).
@Suite("Odd workspace files")
struct WorkspaceSafetyTests {
    static func settings(_ runner: EngageRunner) throws -> String {
        String(decoding: FileManager.default.contents(atPath: runner.path("ws/engage.json")) ?? Data(), as: UTF8.self)
    }

    @Test("engage.json listing a survey file twice is a settings error naming the line, not a crash")
    func surveyListedTwice() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        let text = try Self.settings(runner)
        let file = "ehcp-parent-carer.json"
        try runner.write(
            "ws/engage.json",
            text.replacingOccurrences(
                of: "\"surveys\": [\"\(file)\",",
                with: "\"surveys\": [\"\(file)\",\n  \"\(file)\","))
        for command in [["summary"], ["kpis"], ["import", "a.csv"]] {
            let result = try runner.run(arguments: command + ["--workspace", "ws"])
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(
                result.stderr.contains("engage.json:4:") && result.stderr.contains("listed twice"),
                "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
    }

    @Test("two definition files with the same survey id are an error naming both")
    func sameSurveyTwice() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        let text = try Self.settings(runner)
        let file = "ehcp-parent-carer.json"
        try FileManager.default.copyItem(
            atPath: runner.path("ws/surveys/\(file)"), toPath: runner.path("ws/surveys/copy.json"))
        try runner.write(
            "ws/engage.json",
            text.replacingOccurrences(
                of: "\"surveys\": [\"\(file)\",",
                with: "\"surveys\": [\"\(file)\", \"copy.json\","))
        let result = try runner.run("summary", "--workspace", "ws")
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(file) && result.stderr.contains("copy.json")
                && result.stderr.contains("both define"),
            "\(result.stderr)")
    }

    @Test("a key given twice in engage.json is warned about with its line, and the first is used")
    func duplicateKey() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        let text = try Self.settings(runner)
        try runner.write(
            "ws/engage.json",
            text.replacingOccurrences(
                of: "\"suppressionThreshold\": 10,",
                with: "\"suppressionThreshold\": 10,\n  \"suppressionThreshold\": 50,"))
        let result = try runner.run("kpis", "--workspace", "ws", "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("suppressionThreshold") && result.stderr.contains("given twice")
                && result.stderr.contains("uses the first"),
            "\(result.stderr)")
        #expect(result.stderr.contains("engage.json:5:"), "\(result.stderr)")
    }
}

@Suite("Encodings decided over the whole file")
struct LateEncodingImportTests {
    @Test("a Windows-1252 export whose first ’ is at byte 100,000 imports every row, recorded as Windows-1252")
    func windows1252PastTheStart() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        var bytes = Array(ImportCommandTests.export([]).utf8)
        var id = 0
        while bytes.count < 100_000 {
            id += 1
            bytes += Array((ImportCommandTests.row(id, day: id % 28 + 1) + "plain comment\r\n").utf8)
        }
        let plain = id
        // The first non-ASCII byte: ’ (0x92) at byte 100,000 or just after; then £ (0xA3).
        for k in 1...40 {
            id += 1
            bytes +=
                Array(ImportCommandTests.row(id, day: id % 28 + 1).utf8) + Array("I don".utf8) + [0x92]
                + Array("t know what it cost ".utf8) + [0xA3] + Array("\(k)\r\n".utf8)
        }
        try runner.write("excel.csv", bytes: bytes)
        let result = try runner.run("import", "--workspace", "ws", "excel.csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains("imported \(plain + 40) responses") && !result.stdout.contains("rejected"),
            "\(result.stdout)")
        let imports = try runner.run("imports", "--workspace", "ws", "--format", "json")
        #expect(imports.stdout.contains("\"encoding\" : \"Windows-1252\""), "\(imports.stdout)")
        let export = try runner.run("export", "--workspace", "ws")
        #expect(export.stdout.contains("I don’t know what it cost £40"), "\(export.stdout.suffix(300))")
    }
}

@Suite("Files that are not files")
struct NonRegularFileTests {
    @Test(
        "a named pipe, a device or a folder given as an export is refused at once with one plain message, into an empty workspace and a full one",
        arguments: [false, true])
    func refused(afterAnImport: Bool) throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        if afterAnImport {
            try runner.write("a.csv", ImportCommandTests.export([ImportCommandTests.row(1, day: 1)]))
            #expect(try runner.run("import", "--workspace", "ws", "a.csv").status == 0)
        }
        #expect(mkfifo(runner.path("pipe.csv"), 0o600) == 0)
        try FileManager.default.createDirectory(atPath: runner.path("folder.csv"), withIntermediateDirectories: false)
        for (file, words) in [("pipe.csv", "named pipe"), ("/dev/zero", "device"), ("folder.csv", "folder")] {
            let result = try runner.run("import", "--workspace", "ws", "--survey", "ehcp-parent-carer", file)
            #expect(result.status == 1, "\(file): \(result.stdout)")
            #expect(result.stderr.contains(words), "\(file): \(result.stderr)")
            // One message, not a message inside a message.
            #expect(result.stderr.components(separatedBy: "cannot open").count == 2, "\(file): \(result.stderr)")
            let inspected = try runner.run("inspect", "--survey", "ehcp-parent-carer", file)
            #expect(inspected.status == 1 && inspected.stderr.contains(words), "\(file): \(inspected.stderr)")
        }
    }
}

@Suite("Import numbers")
struct ImportNumberTests {
    @Test(
        "an undone import's number is never given to another: undo N run again says it was undone and changes nothing")
    func neverReused() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        try runner.write("a.csv", ImportDuringImportTests.rows(1...5))
        try runner.write("b.csv", ImportDuringImportTests.rows(6...8))
        try runner.write("c.csv", ImportDuringImportTests.rows(9...15))
        #expect(try runner.run("import", "--workspace", "ws", "a.csv").stdout.contains("[import 1,"))
        #expect(try runner.run("import", "--workspace", "ws", "b.csv").stdout.contains("[import 2,"))
        #expect(try runner.run("undo", "--workspace", "ws", "2").status == 0)
        let third = try runner.run("import", "--workspace", "ws", "c.csv")
        #expect(third.stdout.contains("[import 3,"), "\(third.stdout)")
        // `engage undo 2` again, from the shell's history: c.csv must stay.
        let again = try runner.run("undo", "--workspace", "ws", "2")
        #expect(again.status == 1)
        #expect(
            again.stderr.contains("import 2 (b.csv) was undone") && again.stderr.contains("never reused"),
            "\(again.stderr)")
        #expect(try ImportCommandTests.storedResponses(runner) == 12)
        let rejects = try runner.run("rejects", "--workspace", "ws", "2")
        #expect(rejects.status == 1 && rejects.stderr.contains("was undone"), "\(rejects.stderr)")
        // b.csv imported again gets a new number.
        #expect(try runner.run("import", "--workspace", "ws", "b.csv").stdout.contains("[import 4,"))
    }
}

@Suite("A damaged, empty or read-only database")
struct DamagedDatabaseTests {
    /// Runs a short Python program (python3's sqlite3 module, as BadInputTests does).
    static func python(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", program] + arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(
        "once engage check calls the database damaged, imports, undo and retention refuse with what to do, reports still read, and a sound check lifts it"
    )
    func damagedRefusesWrites() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        let database = runner.path("ws/engage.sqlite")
        // Damage a page no import touches: the action history's index (an empty leaf page).
        let page = try Self.python(
            "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select rootpage from sqlite_schema where name='action_changes_by_action'\").fetchone()[0])",
            [database])
        let number = try #require(Int(page))
        let pageSize = try #require(Int(try BackupCommandTests.pageSize(database)))
        let original = try #require(FileManager.default.contents(atPath: database))
        let handle = try #require(FileHandle(forUpdatingAtPath: database))
        try handle.seek(toOffset: UInt64((number - 1) * pageSize))
        try handle.write(contentsOf: Data([0x77, 0x77, 0x77, 0x77]))
        try handle.close()

        let check = try runner.run("check", "--workspace", "ws")
        #expect(check.status == 1, "\(check.stdout)")
        #expect(!check.stdout.contains("integrity: ok"), "\(check.stdout)")
        #expect(check.stderr.contains("will not write"), "\(check.stderr)")
        try runner.write("b.csv", ImportDuringImportTests.rows(100...110))
        let damagedBytes = FileManager.default.contents(atPath: database)
        for command in [["import", "b.csv"], ["undo", "1"], ["retention", "--before", "2030-01-01", "--yes"]] {
            let result = try runner.run(arguments: command + ["--workspace", "ws"])
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(
                result.stderr.contains("damaged") && result.stderr.contains("engage restore")
                    && result.stderr.contains("engage check"),
                "\(command): \(result.stderr)")
        }
        #expect(FileManager.default.contents(atPath: database) == damagedBytes)
        #expect(try runner.run("kpis", "--workspace", "ws").status == 0)

        // Repaired (here: the original bytes back), a check lifts the refusal.
        try original.write(to: URL(fileURLWithPath: database))
        #expect(try runner.run("check", "--workspace", "ws").status == 0)
        #expect(try runner.run("import", "--workspace", "ws", "b.csv").status == 0)
    }

    @Test("an empty engage.sqlite is reported, never silently made a new empty workspace")
    func emptyDatabase() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: runner.path("ws/engage.sqlite" + suffix))
        }
        try runner.write("ws/engage.sqlite", "")
        for command in [["check"], ["kpis"], ["import", "a.csv"], ["summary"]] {
            let result = try runner.run(arguments: command + ["--workspace", "ws"])
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(
                result.stderr.contains("empty (0 bytes)") && result.stderr.contains("backup"),
                "\(command): \(result.stderr)")
        }
        let size = try FileManager.default.attributesOfItem(atPath: runner.path("ws/engage.sqlite"))[.size] as? Int
        #expect(size == 0)
    }

    @Test(
        "a copy of a workspace on a read-only disk, without its -shm file, is read by check and reports",
        .enabled(if: SmallDisk.supported, "mounting a tmpfs needs root"))
    func readOnlyCopy() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        let disk = try SmallDisk(kilobytes: 4096)
        defer { disk.unmount() }
        let copy = disk.path + "/ws"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: false)
        for name in ["engage.json", "engage.sqlite", "surveys"] {
            try FileManager.default.copyItem(atPath: runner.path("ws/" + name), toPath: copy + "/" + name)
        }
        #expect(disk.makeReadOnly())
        #expect(!FileManager.default.fileExists(atPath: copy + "/engage.sqlite-shm"))
        let check = try runner.run("check", "--workspace", copy)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("integrity: ok") && check.stdout.contains("30 responses"), "\(check.stdout)")
        let kpis = try runner.run("kpis", "--workspace", copy)
        #expect(kpis.status == 0, "\(kpis.stderr)")
    }
}

@Suite("Repeated rows")
struct RepeatedRowsTests {
    @Test("repeats of an earlier row beyond 1,000 are counted, not stored as text; rejects --all says how many more")
    func repeatsCounted() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let row = ImportCommandTests.row(1, day: 1)
        try runner.write(
            "repeats.csv",
            ImportCommandTests.export([ImportCommandTests.row(2, day: 2)] + Array(repeating: row, count: 1_501)))
        let imported = try runner.run("import", "--workspace", "ws", "repeats.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        let imports = try runner.run("imports", "--workspace", "ws", "--format", "json")
        #expect(
            imports.stdout.contains("\"setAside\" : 1500") && imports.stdout.contains("\"accepted\" : 2"),
            "\(imports.stdout)")
        let stored = try DamagedDatabaseTests.python(
            "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from row_outcomes').fetchone()[0])",
            [runner.path("ws/engage.sqlite")])
        #expect(stored == "1000")
        let rejects = try runner.run("rejects", "--workspace", "ws", "--all", "1")
        #expect(rejects.stdout.contains("and 500 more rows repeating an earlier row"), "\(rejects.stdout.suffix(300))")
    }
}

@Suite("Invisible characters in answers")
struct InvisibleAnswerTests {
    @Test(
        "an answer with a zero-width joiner, a soft hyphen or a bidi control in it is the answer it shows, not a rejected row"
    )
    func invisibleCharactersIgnored() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let typed = ["Agree", "Agree\u{200D}", "\u{202E}Agree", "Agr\u{00AD}ee", "\u{2066}Agree\u{2069}\u{FEFF}"]
        let rows = typed.enumerated().map {
            ImportCommandTests.row($0.offset + 1, day: $0.offset + 1, involved: $0.element)
        }
        try runner.write("invisible.csv", ImportCommandTests.export(rows))
        let result = try runner.run("import", "--workspace", "ws", "invisible.csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains("imported \(typed.count) responses") && !result.stdout.contains("rejected"),
            "\(result.stdout)")
        // Every one of them counts as agreeing that they were involved.
        let export = try runner.run("export", "--workspace", "ws", "--format", "csv")
        #expect(export.status == 0, "\(export.stderr)")
        let involved = export.stdout.split(whereSeparator: \.isNewline).filter { $0.contains(",involved,") }
        #expect(involved.count == typed.count, "\(export.stdout.prefix(1500))")
        #expect(involved.allSatisfy { $0.contains(",agree") || $0.contains(",Agree") }, "\(involved)")
    }
}
