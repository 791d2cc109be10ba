import Foundation
import TestSupport
import Testing

@Suite("engage survey, help and usage errors, run as a user would")
struct SurveyCommandTests {
    @Test("survey validate accepts the shipped surveys and skips the schema")
    func validateShipped() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let surveys = EngageRunner.repository.appendingPathComponent("Surveys")
        let files = try FileManager.default.contentsOfDirectory(atPath: surveys.path).filter { $0.hasSuffix(".json") }
            .sorted()
        let result = try runner.run(
            arguments: ["survey", "validate"] + files.map { surveys.appendingPathComponent($0).path })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ok: ") && result.stdout.contains("ehcp-parent-carer"))
    }

    @Test("a syntax error on line 7 exits 1 naming the file and line")
    func syntaxErrorLine7() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        try runner.write(
            "broken.json",
            """
            {
              "id": "broken",
              "title": "Broken",
              "version": "1",
              "audience": "other",
              "questions": [
                { "id": "q", "text": I felt involved, "type": "free-text" }
              ]
            }
            """)
        let result = try runner.run("survey", "validate", "broken.json")
        #expect(result.status == 1)
        #expect(result.stderr.contains("broken.json:7:"))
    }

    @Test("a KPI pointing at a missing question exits 1 naming file and line")
    func missingQuestion() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        try runner.write(
            "kpi.json",
            """
            {
              "id": "k", "title": "K", "version": "1", "audience": "other",
              "questions": [ { "id": "q", "text": "Q", "type": "scale", "scale": "agreement-5" } ],
              "kpis": [
                { "id": "k1", "title": "K1",
                  "question": "nope" }
              ]
            }
            """)
        let result = try runner.run("survey", "validate", "kpi.json")
        #expect(result.status == 1)
        #expect(result.stderr.contains("kpi.json:6:"))
        #expect(result.stderr.contains("\"nope\""))
    }

    @Test("survey show works from any folder and offers JSON")
    func show() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let text = try runner.run("survey", "show", "ehcp-parent-carer")
        #expect(text.status == 0)
        #expect(text.stdout.contains("I felt fully involved in the process"))
        #expect(text.stdout.contains("felt-fully-involved"))
        let json = try runner.run("survey", "show", "--format", "json", "annual-review-parent-carer")
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["id"] as? String == "annual-review-parent-carer")
        #expect((object?["kpis"] as? [[String: Any]])?.count == 3)
    }

    @Test("usage errors exit 64 with a hint; misspelt commands get a suggestion")
    func usageErrors() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let unknown = try runner.run("survey", "show", "--frmat", "json", "ehcp-parent-carer")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Did you mean '--format'"))
        let misspelt = try runner.run("srvey")
        #expect(misspelt.status == 64)
        #expect(misspelt.stderr.contains("Did you mean 'survey'"))
        let missing = try runner.run("survey", "show")
        #expect(missing.status == 64)
        let badValue = try runner.run("survey", "show", "--format", "xml", "ehcp-parent-carer")
        #expect(badValue.status == 64)
    }

    @Test("help, --help and --version answer with status 0")
    func help() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let overview = try runner.run("help")
        #expect(overview.status == 0 && overview.stdout.contains("survey validate"))
        let command = try runner.run("help", "survey", "show")
        #expect(command.status == 0 && command.stdout.contains("USAGE: engage survey show"))
        let flag = try runner.run("survey", "validate", "--help")
        #expect(flag.status == 0 && flag.stdout.contains("USAGE: engage survey validate"))
        let version = try runner.run("--version")
        #expect(version.status == 0 && version.stdout.hasPrefix("engage "))
    }
}
