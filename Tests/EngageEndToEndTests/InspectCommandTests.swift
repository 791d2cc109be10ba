import Foundation
import TestSupport
import Testing

@Suite("engage inspect, run on real export shapes")
struct InspectCommandTests {
    static let fixtures = EngageRunner.repository.appendingPathComponent("Tests/ResponseIngestionTests/Fixtures")

    @Test("a usable export shows its format, mapping and counts and exits 0")
    func usable() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(
            "inspect", "--survey", "ehcp-parent-carer", Self.fixtures.appendingPathComponent("qualtrics.csv").path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Qualtrics"))
        #expect(result.stdout.contains("→ question involved"))
        #expect(
            result.stdout.contains("4 data rows read: 2 accepted, 2 set aside (1 incomplete, 1 preview), 0 rejected"))
    }

    @Test("JSON output carries the counts and every rejection's line")
    func json() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let result = try runner.run(
            "inspect", "--survey", "ehcp-parent-carer", "--output", "json",
            "--mapping", Self.fixtures.appendingPathComponent("telephone-mapping.json").path,
            Self.fixtures.appendingPathComponent("telephone-survey.csv").path)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let report = (object?["reports"] as? [[String: Any]])?.first
        let rows = report?["rows"] as? [String: Any]
        #expect(rows?["read"] as? Int == 3)
        #expect(rows?["accepted"] as? Int == 2)
        #expect(rows?["rejected"] as? Int == 1)
        #expect((report?["rejections"] as? [[String: Any]])?.first?["line"] as? Int == 4)
    }

    @Test("an export matching no question exits 1; a missing --survey is a usage error")
    func unusable() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        try runner.write("other.csv", "Timestamp,Favourite colour\n01/02/2021 10:00,Blue\n")
        let result = try runner.run("inspect", "--survey", "ehcp-parent-carer", "other.csv")
        #expect(result.status == 1)
        #expect(result.stdout.contains("no column matches any question"))
        let usage = try runner.run("inspect", "other.csv")
        #expect(usage.status == 64)
        let missing = try runner.run("inspect", "--survey", "ehcp-parent-carer", "nope.csv")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.csv") && missing.stderr.contains("no such file"))
    }

    @Test("every export in Examples/ shows a complete mapping: every question has a column, every column is used")
    func examples() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let exports = EngageRunner.repository.appendingPathComponent("Examples/exports")
        let files = try FileManager.default.contentsOfDirectory(atPath: exports.path).filter { $0.hasSuffix(".csv") }
            .sorted()
        #expect(files.count == 5)
        for file in files {
            let survey =
                file.hasPrefix("annual-review")
                ? "annual-review-parent-carer"
                : file.hasPrefix("ehcp-education-setting") ? "ehcp-education-setting" : "ehcp-parent-carer"
            var arguments = ["inspect", "--survey", survey, "--output", "json"]
            if file.contains("telephone") {
                arguments += ["--mapping", exports.appendingPathComponent("telephone-mapping.json").path]
            }
            let result = try runner.run(arguments: arguments + [exports.appendingPathComponent(file).path])
            #expect(result.status == 0, "\(file): \(result.stderr)")
            let report =
                ((try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["reports"]
                as? [[String: Any]])?.first
            #expect(
                (report?["missingQuestions"] as? [String])?.isEmpty == true,
                "\(file): \(report?["missingQuestions"] ?? "?")")
            let columns = report?["columns"] as? [[String: Any]] ?? []
            #expect(!columns.isEmpty)
            #expect(!columns.contains { $0["unmatched"] as? Bool == true }, "\(file)")
            #expect(columns.contains { $0["question"] != nil })
        }
    }
}
