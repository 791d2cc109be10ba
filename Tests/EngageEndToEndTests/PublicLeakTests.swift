import Foundation
import TestSupport
import Testing

/// The direct leaks of issue 20 that need a whole workspace: measures recorded with
/// counts, reach (which once had no public mode), and a public range a day apart.
@Suite("Public outputs of measures, reach and ranges, run as a user would")
struct PublicLeakTests {
    /// 2021-22 Q2: 20 New EHC plan answers and 3 Annual review ones, one of them on 20 September.
    func workspace() throws -> EngageRunner {
        let runner = try EngageRunner()
        #expect(try runner.run("init", "ws", "--survey", "ehcp-parent-carer").status == 0)
        var rows = ["Timestamp,Stage of the process,I felt fully involved in the process"]
        for i in 0..<20 {
            rows.append(
                String(
                    format: "%02d/07/2021 10:%02d:00,New EHC plan,%@", i % 28 + 1, i, i % 3 == 0 ? "Disagree" : "Agree")
            )
        }
        rows.append("05/08/2021 10:00:00,Annual review,Agree")
        rows.append("06/08/2021 10:00:00,Annual review,Agree")
        rows.append("20/09/2021 10:00:00,Annual review,Disagree")
        try runner.write("export.csv", rows.joined(separator: "\n") + "\n")
        let imported = try runner.run("import", "--workspace", "ws", "export.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        return runner
    }

    @Test("a measure recorded as 2 of 3 is withheld in the public HTML and JSON, and shown internally")
    func measureWithCounts() throws {
        let runner = try workspace()
        defer { runner.cleanUp() }
        #expect(
            try runner.run(
                "measure", "record", "--workspace", "ws", "plans-within-20-weeks", "--period", "2021-22 Q2",
                "--numerator", "2", "--denominator", "3"
            ).status == 0)
        let html = try runner.run("summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", "html")
        #expect(html.status == 0, "\(html.stderr)")
        #expect(
            !html.stdout.contains("2 of 3") && !html.stdout.contains("67%"),
            "the measure's counts are in the public page")
        let json = try runner.run("measure", "list", "--workspace", "ws", "--audience", "public", "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let period = ((object?["measures"] as? [[String: Any]])?.first?["periods"] as? [[String: Any]])?.first
        #expect(JSONPath.value(period, "figure", "value") == nil)
        #expect(JSONPath.value(period, "figure", "withheld", "reason") as? String == "confidential")
        let internalList = try runner.run("measure", "list", "--workspace", "ws")
        #expect(internalList.stdout.contains("67% (2 of 3) [c in public]"), "\(internalList.stdout)")
    }

    @Test(
        "reach --audience public withholds a group of 3 and the group that would give it away, and refuses a single day"
    )
    func reachInPublic() throws {
        let runner = try workspace()
        defer { runner.cleanUp() }
        let json = try runner.run(
            "reach", "--workspace", "ws", "--period", "2021-22 Q2", "--audience", "public", "--format", "json")
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let segment = ((object?["reach"] as? [[String: Any]])?.first?["segments"] as? [[String: Any]])?.first {
            $0["question"] as? String == "stage"
        }
        let groups = (segment?["groups"] as? [[String: Any]]) ?? []
        let annual = groups.first { $0["group"] as? String == "annual-review" }
        let newPlan = groups.first { $0["group"] as? String == "new-plan" }
        #expect(JSONPath.value(annual, "responses", "value") == nil, "\(groups)")
        #expect(
            JSONPath.value(newPlan, "responses", "value") == nil || JSONPath.value(segment, "total", "value") == nil,
            "the total minus New EHC plan gives Annual review away")
        let day = try runner.run(
            "reach", "--workspace", "ws", "--from", "2021-09-20", "--to", "2021-09-20", "--audience", "public")
        #expect(day.status == 1)
        #expect(day.stderr.contains("whole reporting periods only"), "\(day.stderr)")
        let internalReach = try runner.run("reach", "--workspace", "ws", "--period", "2021-22 Q2")
        #expect(internalReach.stdout.contains("3 [c in public]"), "\(internalReach.stdout)")
    }

    @Test("kpis a day apart: the public range is refused; the caller of 20 September is not given away")
    func rangesADayApart() throws {
        let runner = try workspace()
        defer { runner.cleanUp() }
        let first = try runner.run(
            "kpis", "--workspace", "ws", "--from", "2021-07-01", "--to", "2021-09-19", "--audience", "public")
        #expect(first.status == 1 && first.stderr.contains("2021-22 Q2"), "\(first.stderr)")
        let quarter = try runner.run(
            "kpis", "--workspace", "ws", "--from", "2021-07-01", "--to", "2021-09-30", "--audience", "public", "--by",
            "stage",
            "--format", "json")
        #expect(quarter.status == 0, "\(quarter.stderr)")
        #expect(quarter.stdout.contains("\"label\" : \"2021-22 Q2\""), "a whole quarter's range is that quarter")
    }
}
