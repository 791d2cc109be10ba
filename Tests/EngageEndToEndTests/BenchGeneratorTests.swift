import Foundation
import TestSupport
import Testing

/// The benchmark's synthetic export must be deterministic (same seed, same bytes), look
/// like a real portal export, and read completely.
@Suite("engage-bench generate")
struct BenchGeneratorTests {
    static let bench = EngageRunner.executable.deletingLastPathComponent().appendingPathComponent("engage-bench")

    func generate(_ runner: EngageRunner, _ name: String, responses: Int, seed: Int) throws -> [UInt8] {
        let process = Process()
        process.executableURL = Self.bench
        process.arguments = [
            "generate", "--responses", "\(responses)", "--seed", "\(seed)", "--output", runner.path(name),
        ]
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return Array(try Data(contentsOf: URL(fileURLWithPath: runner.path(name))))
    }

    @Test("the same seed gives the same bytes, another seed other bytes")
    func deterministic() throws {
        let runner = try EngageRunner()
        let a = try generate(runner, "a.csv", responses: 500, seed: 7)
        let b = try generate(runner, "b.csv", responses: 500, seed: 7)
        let c = try generate(runner, "c.csv", responses: 500, seed: 8)
        #expect(a == b)
        #expect(a != c)
    }

    @Test("the export has a BOM, CRLF, quoted line breaks, doubled quotes and blanks, and every row reads")
    func realistic() throws {
        let runner = try EngageRunner()
        let bytes = try generate(runner, "export.csv", responses: 2_000, seed: 1)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("\r\n"))
        #expect(text.contains("\"\"")) // doubled quotes in comments
        #expect(text.contains(".\r\nThank you.")) // a line break inside a quoted comment
        #expect(text.contains(",,")) // blank answers
        #expect(text.contains("Don’t know"))
        let result = try runner.run("inspect", "--survey", "ehcp-parent-carer", "export.csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains("2000 data rows read: 2000 accepted, 0 set aside, 0 rejected"), "\(result.stdout)")
    }

    @Test(
        "a large export (over 4 MiB, hashed beside its import) lands once, with its digest; imported again it is skipped"
    )
    func largeExportLandsOnce() throws {
        let runner = try EngageRunner()
        let bytes = try generate(runner, "large.csv", responses: 40_000, seed: 3)
        #expect(bytes.count >= 4 << 20)
        #expect(try runner.run("init", "ws").status == 0)
        let first = try runner.run("import", "--workspace", "ws", "--survey", "ehcp-parent-carer", "large.csv")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("imported 40000 responses"), "\(first.stdout)")
        let listed = try runner.run("imports", "--workspace", "ws", "--format", "json")
        let digest = try #require(listed.stdout.firstMatch(of: /"sha256" *: *"([0-9a-f]*)"/)?.1)
        #expect(digest.count == 64, "\(listed.stdout)")
        let again = try runner.run("import", "--workspace", "ws", "--survey", "ehcp-parent-carer", "large.csv")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("already imported as import 1"), "\(again.stdout)")
        let check = try runner.run("check", "--workspace", "ws")
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.contains("1 imports, 40000 responses"), "\(check.stdout)")
    }
}
