import Foundation
import SurveyDefinition
import TestSupport
import Testing

@Suite("engage kpis and trend on an export with known counts")
struct KPICommandTests {
    /// Autumn 2019 (baseline): 21 agree of 48 substantive. July-September 2021: 30 of 40,
    /// plus 5 Don't know, 2 Not applicable and 3 blanks that must stay out of the base.
    static func export() -> String {
        var rows = ["Timestamp,I felt fully involved in the process"]
        func add(_ n: Int, _ answer: String, month: Int, year: Int) {
            for i in 0..<n {
                rows.append(String(format: "%02d/%02d/%d 10:%02d:00,%@", i % 28 + 1, month, year, i % 60, answer))
            }
        }
        add(9, "Strongly agree", month: 10, year: 2019)
        add(12, "Agree", month: 11, year: 2019)
        add(27, "Disagree", month: 12, year: 2019)
        add(10, "Strongly agree", month: 7, year: 2021)
        add(20, "Agree", month: 8, year: 2021)
        add(6, "Neither agree nor disagree", month: 9, year: 2021)
        add(4, "Strongly disagree", month: 9, year: 2021)
        add(5, "Don't know", month: 8, year: 2021)
        add(2, "Not applicable", month: 8, year: 2021)
        add(3, "", month: 7, year: 2021)
        return rows.joined(separator: "\n") + "\n"
    }

    func workspace() throws -> EngageRunner {
        let runner = try EngageRunner()
        #expect(try runner.run("init", "ws", "--survey", "ehcp-parent-carer").status == 0)
        try runner.write("export.csv", Self.export())
        let imported = try runner.run("import", "--workspace", "ws", "export.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        return runner
    }

    @Test(
        "kpis --format json gives the counts, exact percent, Wilson interval, baseline, change and RAG, field by field")
    func json() throws {
        let runner = try workspace()
        defer { runner.cleanUp() }
        let result = try runner.run("kpis", "--workspace", "ws", "--period", "2021-22 Q2", "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let period = object["period"] as? [String: Any]
        #expect(period?["from"] as? String == "2021-07-01" && period?["to"] as? String == "2021-09-30")
        let kpis = try #require(object["kpis"] as? [[String: Any]])
        let involved = try #require(kpis.first { $0["id"] as? String == "felt-fully-involved" })
        #expect(involved["title"] as? String == "Felt fully involved in the process")
        let figure = try #require(JSONPath.value(involved, "figure", "value") as? [String: Any])
        #expect(figure["positive"] as? Int == 30)
        #expect(figure["substantive"] as? Int == 40)
        #expect(figure["percent"] as? Double == 75)
        #expect(JSONPath.value(involved, "dontKnow", "value") as? Int == 5)
        let interval = try #require(figure["interval"] as? [String: Any])
        // Wilson 30/40 from the reference vectors: 0.5980603857923197 to 0.858128813609037.
        #expect(abs((interval["lower"] as? Double ?? 0) - 59.80603857923197) < 1e-7)
        #expect(abs((interval["upper"] as? Double ?? 0) - 85.8128813609037) < 1e-7)
        let baseline = try #require(involved["baseline"] as? [String: Any])
        #expect(
            baseline["label"] as? String == "autumn term 2019 baseline" || baseline["label"] as? String == "autumn 2019"
        )
        #expect(JSONPath.value(baseline, "figure", "value", "positive") as? Int == 21)
        #expect(JSONPath.value(baseline, "figure", "value", "substantive") as? Int == 48)
        let change = try #require(JSONPath.value(involved, "change", "value") as? [String: Any])
        #expect(change["points"] as? Int == 31) // 75% against 44%
        #expect(change["displayed"] as? String == "+31 points")
        #expect(change["verdict"] as? String == "clear improvement")
        let changeInterval = try #require(change["interval"] as? [String: Any])
        // Newcombe 30/40 − 21/48 from the reference vectors: 0.10606439217714778 to 0.4819661567907785.
        #expect(abs((changeInterval["lower"] as? Double ?? 0) - 10.606439217714778) < 1e-7)
        #expect(abs((changeInterval["upper"] as? Double ?? 0) - 48.19661567907785) < 1e-7)
        // p is the interval's own (statsmodels' Newcombe interval inverted, Fixtures/verdict-vectors.py);
        // the pooled z-test's is kept as zTestP.
        #expect(abs((change["p"] as? Double ?? 0) - 0.002918741445639359) < 1e-9)
        #expect(abs((change["zTestP"] as? Double ?? 0) - 0.003106158958687855) < 1e-9)
        #expect(JSONPath.value(involved, "target", "assessment", "value", "status") as? String == "clearly met")
        #expect(JSONPath.value(involved, "rating", "value", "rag") as? String == "GREEN")
        // A KPI with no answers in the export: no percentage, never a colour.
        let communication = try #require(kpis.first { $0["id"] as? String == "communication-good" })
        #expect(JSONPath.value(communication, "figure", "value", "substantive") as? Int == 0)
        #expect(JSONPath.value(communication, "figure", "value", "percent") == nil)
        #expect(JSONPath.value(communication, "rating", "value", "rag") as? String == "not enough responses")
    }

    @Test("text output shows whole percentages; a public view withholds a small base; trend needs three periods")
    func textAndPublic() throws {
        let runner = try workspace()
        defer { runner.cleanUp() }
        let text = try runner.run("kpis", "--workspace", "ws", "--period", "2021-22 Q2")
        #expect(text.stdout.contains("75% (30 of 40)"), "\(text.stdout)")
        #expect(text.stdout.contains("+31 points, clear improvement"))
        // A public output is for whole reporting periods only.
        let range = try runner.run(
            "kpis", "--workspace", "ws", "--from", "2019-10-01", "--to", "2019-10-31", "--audience", "public",
            "--format", "json")
        #expect(range.status == 1)
        #expect(
            range.stderr.contains("whole reporting periods only") && range.stderr.contains("2019-20 Q3"),
            "\(range.stderr)")
        // October 2019 alone: 9 answers, below the threshold of 10.
        let internalView = try runner.run("kpis", "--workspace", "ws", "--from", "2019-10-01", "--to", "2019-10-31")
        #expect(internalView.stdout.contains("100% (9 of 9) [c in public]"), "\(internalView.stdout)")
        let trend = try runner.run(
            "trend", "--workspace", "ws", "felt-fully-involved", "--by-period", "school-term", "--format", "json")
        #expect(trend.status == 0, "\(trend.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(trend.stdout.utf8)) as? [String: Any]
        let periods = object?["points"] as? [[String: Any]]
        #expect(JSONPath.value(periods?.first, "period", "label") as? String == "autumn 2019")
        let last = JSONPath.value(periods?.last, "period", "label") as? String
        #expect(last == "autumn 2021" || last == "summer 2021")
        let misspelt = try runner.run("trend", "--workspace", "ws", "felt-fully-involvd")
        #expect(misspelt.status == 1)
        #expect(misspelt.stderr.contains("Did you mean 'felt-fully-involved'?"), "\(misspelt.stderr)")
        let badPeriod = try runner.run("kpis", "--workspace", "ws", "--period", "2021-23 Q1")
        #expect(badPeriod.status == 1)
        #expect(badPeriod.stderr.contains("is not a period engage knows"))
    }

    @Test("measures: 86 of 100 within 20 weeks against England 58%, region 59%, statistical neighbours 66%")
    func measures() throws {
        let runner = try workspace()
        defer { runner.cleanUp() }
        let recorded = try runner.run(
            "measure", "record", "--workspace", "ws", "plans-within-20-weeks", "--period", "2020",
            "--numerator", "86", "--denominator", "100")
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let listed = try runner.run("measure", "list", "--workspace", "ws")
        #expect(
            listed.stdout.contains(
                "2020 (2020-01-01 to 2020-12-31): 86% (86 of 100); against England 58% (+28 points), East of England 59% (+27 points), Statistical neighbours 66% (+20 points); GREEN"
            ), "\(listed.stdout)")
        let unknown = try runner.run(
            "measure", "record", "--workspace", "ws", "plans-in-20-weeks", "--period", "2020", "--percent", "86")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Did you mean 'plans-within-20-weeks'?"), "\(unknown.stderr)")
    }

    @Test(
        "2021/22 and 2021-22 are the same financial year by default; engage.json's slashYears can make it the academic year"
    )
    func slashYears() throws {
        let runner = try workspace()
        defer { runner.cleanUp() }
        for label in ["2021/22", "2021-22", "FY 2021/22"] {
            let recorded = try runner.run(
                "measure", "record", "--workspace", "ws", "complaint-responses-on-time", "--period", label, "--percent",
                "75")
            #expect(recorded.status == 0, "\(recorded.stderr)")
            #expect(recorded.stdout.contains("for 2021-22:"), "\(recorded.stdout)")
        }
        let listed = try runner.run("measure", "list", "--workspace", "ws", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        let periods = ((object["measures"] as? [[String: Any]])?.first?["periods"] as? [[String: Any]]) ?? []
        #expect(periods.count == 1 && periods.first?["period"] as? String == "2021-22", "\(periods)")
        #expect(periods.first?["from"] as? String == "2021-04-01" && periods.first?["to"] as? String == "2022-03-31")
        let academic = try runner.run("kpis", "--workspace", "ws", "--period", "AY 2021/22")
        #expect(
            academic.status == 0 && academic.stdout.contains("AY 2021/22 (1 September 2021 to 31 August 2022)"),
            "\(academic.stdout)\(academic.stderr)")
        // The workspace says 2021/22 is the academic year.
        let settingsPath = "ws/engage.json"
        let settings = try String(contentsOfFile: runner.path(settingsPath), encoding: .utf8).replacingOccurrences(
            of: "\"slashYears\": \"financial-year\"", with: "\"slashYears\": \"academic-year\"")
        #expect(settings.contains("academic-year"))
        try runner.write(settingsPath, settings)
        let school = try runner.run("kpis", "--workspace", "ws", "--period", "2021/22")
        #expect(
            school.stdout.contains("AY 2021/22 (1 September 2021 to 31 August 2022)"),
            "\(school.stdout)\(school.stderr)")
    }
}

/// Reads a value at a path of keys in parsed JSON; `nil` when absent or JSON null.
enum JSONPath {
    static func value(_ object: Any?, _ keys: String...) -> Any? {
        var current = object
        for key in keys { current = (current as? [String: Any])?[key] }
        return current is NSNull ? nil : current
    }
}
