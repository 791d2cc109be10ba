import Foundation
import Testing

/// The benchmark's synthetic export must be deterministic (same seed, same bytes), look
/// like a real portal export, and read completely.
@Suite("engage-bench generate")
struct BenchGeneratorTests {
    static let bench = EngageRunner.executable.deletingLastPathComponent().appendingPathComponent("engage-bench")

    func generate(_ runner: EngageRunner, _ name: String, responses: Int, seed: Int) throws -> [UInt8] {
        let process = Process()
        process.executableURL = Self.bench
        process.arguments = ["generate", "--responses", "\(responses)", "--seed", "\(seed)", "--output", runner.path(name)]
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
        #expect(text.contains("\"\""))                      // doubled quotes in comments
        #expect(text.contains(".\r\nThank you."))           // a line break inside a quoted comment
        #expect(text.contains(",,"))                        // blank answers
        #expect(text.contains("Don’t know"))
        let result = try runner.run("inspect", "--survey", "ehcp-parent-carer", "export.csv")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2000 data rows read: 2000 accepted, 0 set aside, 0 rejected"), "\(result.stdout)")
    }
}
