import Foundation
import TestSupport
import Testing

/// A read-only database. The tests run as root, which file permissions do not stop, so
/// the file is made immutable with `chattr +i` (which stops root too) where the file
/// system supports it; elsewhere the test does not run.
@Suite("A read-only workspace database")
struct ReadOnlyDatabaseTests {
    @discardableResult
    static func chattr(_ flag: String, _ path: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Whether an immutable file really refuses writes here.
    static let supported: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent(
            "engage-immutable-probe-\(UUID().uuidString)"
        ).path
        guard FileManager.default.createFile(atPath: probe, contents: Data("x".utf8)) else { return false }
        defer {
            chattr("-i", probe)
            try? FileManager.default.removeItem(atPath: probe)
        }
        guard chattr("+i", probe) else { return false }
        return FileHandle(forWritingAtPath: probe) == nil
    }()

    @Test(
        "import and undo refuse with a message saying what to do and change nothing; reports still read it",
        .enabled(if: supported, "chattr +i is not available here"))
    func readOnly() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        try runner.write(
            "a.csv", ImportCommandTests.export((1...30).map { ImportCommandTests.row($0, day: $0 % 28 + 1) }))
        try runner.write(
            "b.csv", ImportCommandTests.export((31...40).map { ImportCommandTests.row($0, day: $0 % 28 + 1) }))
        #expect(try runner.run("import", "--workspace", "ws", "a.csv").status == 0)
        let database = runner.path("ws/engage.sqlite")
        #expect(Self.chattr("+i", database))
        defer { Self.chattr("-i", database) }

        let imported = try runner.run("import", "--workspace", "ws", "b.csv")
        #expect(imported.status == 1)
        #expect(
            imported.stderr.contains("engage.sqlite") && imported.stderr.contains("read-only")
                && imported.stderr.contains("permissions"),
            "\(imported.stderr)")
        let undone = try runner.run("undo", "--workspace", "ws", "1")
        #expect(undone.status == 1 && undone.stderr.contains("read-only"))
        let kpis = try runner.run("kpis", "--workspace", "ws", "--format", "json")
        #expect(kpis.status == 0, "\(kpis.stderr)")
        #expect(try ImportCommandTests.storedResponses(runner) == 30)
    }
}
