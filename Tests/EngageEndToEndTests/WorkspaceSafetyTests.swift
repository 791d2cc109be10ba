import Foundation
import Testing
import TestSupport

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
        try runner.write("ws/engage.json", text.replacingOccurrences(of: "\"surveys\": [\"\(file)\",",
                                                                     with: "\"surveys\": [\"\(file)\",\n  \"\(file)\","))
        for command in [["summary"], ["kpis"], ["import", "a.csv"]] {
            let result = try runner.run(arguments: command + ["--workspace", "ws"])
            #expect(result.status == 1, "\(command): \(result.stdout)")
            #expect(result.stderr.contains("engage.json:4:") && result.stderr.contains("listed twice"), "\(command): \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
    }

    @Test("two definition files with the same survey id are an error naming both")
    func sameSurveyTwice() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        let text = try Self.settings(runner)
        let file = "ehcp-parent-carer.json"
        try FileManager.default.copyItem(atPath: runner.path("ws/surveys/\(file)"), toPath: runner.path("ws/surveys/copy.json"))
        try runner.write("ws/engage.json", text.replacingOccurrences(of: "\"surveys\": [\"\(file)\",",
                                                                     with: "\"surveys\": [\"\(file)\", \"copy.json\","))
        let result = try runner.run("summary", "--workspace", "ws")
        #expect(result.status == 1)
        #expect(result.stderr.contains(file) && result.stderr.contains("copy.json") && result.stderr.contains("both define"),
                "\(result.stderr)")
    }

    @Test("a key given twice in engage.json is warned about with its line, and the first is used")
    func duplicateKey() throws {
        let runner = try OutputSafetyTests.workspace()
        defer { runner.cleanUp() }
        let text = try Self.settings(runner)
        try runner.write("ws/engage.json", text.replacingOccurrences(of: "\"suppressionThreshold\": 10,",
                                                                     with: "\"suppressionThreshold\": 10,\n  \"suppressionThreshold\": 50,"))
        let result = try runner.run("kpis", "--workspace", "ws", "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("suppressionThreshold") && result.stderr.contains("given twice") && result.stderr.contains("uses the first"),
                "\(result.stderr)")
        #expect(result.stderr.contains("engage.json:5:"), "\(result.stderr)")
    }
}
