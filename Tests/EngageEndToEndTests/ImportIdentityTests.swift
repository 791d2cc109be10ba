import Foundation
import TestSupport
import Testing

/// Each person who answered is counted exactly once, on the re-exports portals really
/// produce: run as an officer would, on files written into a temporary folder.
@Suite("engage import counts every respondent once: re-exports, same-second respondents, other surveys, dateless files")
struct ImportIdentityTests {
    /// The columns of a Google Forms export of the standard parent-carer survey, by key.
    static let headers: [String: String] = [
        "time": "Timestamp",
        "stage": "Stage of the process",
        "involved": "I felt fully involved in the process",
        "communication": "Communication throughout the process was good",
        "reflects": "The EHC plan accurately reflects my child’s needs",
        "outcomes": "The outcomes in the EHC plan are good",
        "provision": "The provision in the EHC plan will meet my child’s needs",
        "area": "Your postcode area",
    ]
    static let order = ["time", "stage", "involved", "communication", "reflects", "outcomes", "provision", "area"]
    static let answers = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]

    /// Respondent `i`: a time in July 2021 (one a minute), answers that cycle, an area.
    static func respondent(_ i: Int) -> [String: String] {
        [
            "time": String(
                format: "%02d/07/2021 %02d:%02d:%02d", 1 + i / 60 % 28, 9 + i / 60 / 28, i % 60, (i * 7) % 60),
            "stage": i % 3 == 0 ? "Annual review" : "New EHC plan",
            "involved": answers[i % 5], "communication": answers[(i / 2) % 5], "reflects": answers[(i / 3) % 5],
            "outcomes": answers[(i + 1) % 5], "provision": answers[(i * 3) % 5],
            "area": ["SS1", "SS2", "CM1", "CO4"][i % 4],
        ]
    }

    /// A CSV with the given columns (keys, in order; `headers` overrides a key's header).
    static func export(_ rows: [[String: String]], columns: [String] = order, headers overrides: [String: String] = [:])
        -> String
    {
        func cell(_ s: String) -> String {
            s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = [columns.map { cell(overrides[$0] ?? headers[$0] ?? $0) }.joined(separator: ",")]
        for row in rows { lines.append(columns.map { cell(row[$0] ?? "") }.joined(separator: ",")) }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Responses stored, from `engage imports --format json`.
    static func stored(_ runner: EngageRunner, workspace: String = "ws") throws -> Int {
        let result = try runner.run("imports", "--format", "json", "--workspace", workspace)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (object?["imports"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["responsesStored"] as? Int ?? 0) }
    }

    /// `positive/substantive` of a KPI over everything stored, from `engage kpis --format csv`.
    static func kpi(_ runner: EngageRunner, _ id: String) throws -> String {
        let result = try runner.run("kpis", "--workspace", "ws", "--format", "csv")
        let lines = EngageCSV.lines(result.stdout).map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        guard let header = lines.first, let k = header.firstIndex(of: "kpi"), let p = header.firstIndex(of: "positive"),
            let s = header.firstIndex(of: "substantive")
        else { return "no kpis: \(result.stdout) \(result.stderr)" }
        let rows = lines.dropFirst().filter { $0.count > s && $0[k] == id }
        return "\(rows.reduce(0) { $0 + (Int($1[p]) ?? 0) })/\(rows.reduce(0) { $0 + (Int($1[s]) ?? 0) })"
    }

    @Test(
        "a cumulative re-export with a reworded statement is refused naming the question and the nearest header; mapped, it adds only the new responses and the KPI keeps its counts; the next export is read the same way"
    )
    func rewordedHeader() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let people = (0..<25).map(Self.respondent)
        try runner.write("june.csv", Self.export(Array(people[..<22])))
        let reworded = ["provision": "The provision in the EHC plan will meet my child’s needs in full"]
        try runner.write("july.csv", Self.export(people, headers: reworded))
        try runner.write("august.csv", Self.export(people + [Self.respondent(25)], headers: reworded))
        #expect(try runner.run("import", "--workspace", "ws", "june.csv").status == 0)
        let june = try Self.kpi(runner, "provision-meets-needs")

        let refused = try runner.run("import", "--workspace", "ws", "july.csv")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("provision"), "\(refused.stderr)")
        #expect(
            refused.stderr.contains(
                "nearest unmatched header is column 7 \"The provision in the EHC plan will meet my child’s needs in full\""
            ), "\(refused.stderr)")
        #expect(refused.stderr.contains("--map 7=provision"), "\(refused.stderr)")
        #expect(try Self.stored(runner) == 22)

        let mapped = try runner.run("import", "--workspace", "ws", "--map", "7=provision", "july.csv")
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(mapped.stdout.contains("imported 3 responses (22 already present"), "\(mapped.stdout)")
        #expect(try Self.stored(runner) == 25)
        // The KPI counts each respondent once: 22 earlier plus 3 new, not 22 twice.
        let positive = people.filter { ["Strongly agree", "Agree"].contains($0["provision"]!) }.count
        #expect(try Self.kpi(runner, "provision-meets-needs") == "\(positive)/25", "june was \(june)")

        // Remembered: the next export with the same wording needs no --map.
        let next = try runner.run("import", "--workspace", "ws", "august.csv")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stdout.contains("imported 1 response (25 already present"), "\(next.stdout)")
        #expect(try Self.stored(runner) == 26)
    }

    @Test(
        "a question the form dropped: refused, then imported with --allow-missing, recognising earlier responses by time and the other answers"
    )
    func removedColumn() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let people = (0..<30).map(Self.respondent)
        try runner.write("a.csv", Self.export(Array(people[..<20])))
        try runner.write("b.csv", Self.export(people, columns: Self.order.filter { $0 != "outcomes" }))
        #expect(try runner.run("import", "--workspace", "ws", "a.csv").status == 0)
        let refused = try runner.run("import", "--workspace", "ws", "b.csv")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--allow-missing outcomes"), "\(refused.stderr)")
        let allowed = try runner.run("import", "--workspace", "ws", "--allow-missing", "outcomes", "b.csv")
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("imported 10 responses (20 already present"), "\(allowed.stdout)")
        #expect(allowed.stdout.contains("20 compared only on the questions both files have"), "\(allowed.stdout)")
        #expect(try Self.stored(runner) == 30)
    }

    @Test("a re-export with its columns in another order and a column added adds only the new responses")
    func reorderedAndAdded() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let people = (0..<40).map(Self.respondent)
        try runner.write("a.csv", Self.export(Array(people[..<30])))
        // Microsoft documents that Forms reorders columns; a new question appears too.
        let moved = [
            "area", "provision", "time", "outcomes", "involved", "stage", "reflects", "communication", "helped",
        ]
        try runner.write(
            "b.csv",
            Self.export(
                people.map {
                    var p = $0
                    p["helped"] = "Yes"
                    return p
                }, columns: moved,
                headers: ["helped": "Did someone help you fill this in?"]))
        #expect(try runner.run("import", "--workspace", "ws", "a.csv").status == 0)
        let again = try runner.run("import", "--workspace", "ws", "b.csv")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(
            again.stdout.contains(
                "imported 10 responses (30 already present, 30 of them recognised by submitted time and answers"),
            "\(again.stdout)")
        #expect(
            again.stdout.contains("column 9 \"Did someone help you fill this in?\": matches no question"),
            "\(again.stdout)")
        #expect(try Self.stored(runner) == 40)
    }

    @Test(
        "two people who answered the same in the same second but differ in another cell both count, in the file and when it is re-exported; a row identical in every cell is one response"
    )
    func sameSecond() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        var first = Self.respondent(1)
        var second = Self.respondent(1)
        first["area"] = "SS1"
        second["area"] = "CM1"
        try runner.write("a.csv", Self.export([first, second, Self.respondent(2), second]))
        let imported = try runner.run("import", "--workspace", "ws", "a.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 3 responses (1 set aside: duplicate-in-file)"), "\(imported.stdout)")
        let reversed = Array(Self.order.reversed())
        try runner.write(
            "b.csv", Self.export([second, first, Self.respondent(2), Self.respondent(3)], columns: reversed))
        let again = try runner.run("import", "--workspace", "ws", "b.csv")
        #expect(again.stdout.contains("imported 1 response (3 already present"), "\(again.stdout)")
        #expect(try Self.stored(runner) == 4)
    }

    @Test(
        "an export re-saved by Excel keeps only minutes: its responses are recognised in either order, and a new one in the same minute still counts"
    )
    func minutesOnly() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let people = (0..<20).map(Self.respondent)
        func minutes(_ p: [String: String]) -> [String: String] {
            var p = p
            p["time"] = String(p["time"]!.dropLast(3)) // "01/07/2021 09:05:35" → "01/07/2021 09:05"
            return p
        }
        try runner.write("original.csv", Self.export(Array(people[..<15])))
        // Excel also drops the area column's header case and moves nothing else.
        var newcomer = Self.respondent(3)
        newcomer["area"] = "RM17"
        newcomer["involved"] = "Strongly disagree"
        try runner.write("resaved.csv", Self.export(people.map(minutes) + [minutes(newcomer)]))
        #expect(try runner.run("import", "--workspace", "ws", "original.csv").status == 0)
        let again = try runner.run("import", "--workspace", "ws", "resaved.csv")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("imported 6 responses (15 already present"), "\(again.stdout)")
        #expect(try Self.stored(runner) == 21)

        // The other way round: minutes first, then the platform's own export.
        let other = try EngageRunner()
        defer { other.cleanUp() }
        #expect(try other.run("init", "ws").status == 0)
        try other.write("resaved.csv", Self.export(Array(people[..<15]).map(minutes)))
        try other.write("original.csv", Self.export(people))
        #expect(try other.run("import", "--workspace", "ws", "resaved.csv").status == 0)
        let later = try other.run("import", "--workspace", "ws", "original.csv")
        #expect(later.stdout.contains("imported 5 responses (15 already present"), "\(later.stdout)")
        #expect(try Self.stored(other) == 20)
    }

    @Test("another survey's export is refused with exit 1, nothing stored, and the survey it matches named")
    func wrongSurvey() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        // An education-setting export: its "School phase" column is also the annual review's phase segment.
        try runner.write(
            "settings.csv",
            """
            Timestamp,School phase,The EHC plan accurately reflects the child's or young person's needs,The outcomes in the EHC plan are clear,The EHC plan will improve access to teaching and learning and improve progress\r
            01/07/2021 10:00:00,Primary,Agree,Agree,Disagree\r
            02/07/2021 11:00:00,Secondary,Strongly agree,Agree,Agree\r

            """)
        let refused = try runner.run(
            "import", "--workspace", "ws", "--survey", "annual-review-parent-carer", "settings.csv")
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains("does not look like an export of survey annual-review-parent-carer"),
            "\(refused.stderr)")
        #expect(refused.stderr.contains("only phase matched"), "\(refused.stderr)")
        #expect(refused.stderr.contains("ehcp-education-setting (4 of 5 questions)"), "\(refused.stderr)")
        #expect(try Self.stored(runner) == 0)
        #expect(try runner.run("imports", "--workspace", "ws").stdout.contains("no imports yet"))
    }

    @Test(
        "a definition given as a file joins the workspace, so kpis --survey ID works; a different definition with the same id is refused"
    )
    func surveyFile() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let standard = try String(
            contentsOf: EngageRunner.repository.appendingPathComponent("Surveys/ehcp-parent-carer.json"),
            encoding: .utf8)
        let mine = standard.replacingOccurrences(of: "\"id\": \"ehcp-parent-carer\"", with: "\"id\": \"my-survey\"")
        #expect(mine != standard)
        try runner.write("my-survey.json", mine)
        try runner.write("a.csv", Self.export((0..<12).map(Self.respondent)))
        let imported = try runner.run("import", "--workspace", "ws", "--survey", "my-survey.json", "a.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("added survey my-survey to the workspace"), "\(imported.stderr)")
        let kpis = try runner.run("kpis", "--workspace", "ws", "--survey", "my-survey")
        #expect(kpis.status == 0, "\(kpis.stderr)")
        #expect(kpis.stdout.contains("12"), "\(kpis.stdout)")
        let same = try runner.run("survey", "add", "--workspace", "ws", "my-survey.json")
        #expect(same.status == 0 && same.stdout.contains("already in the workspace"), "\(same.stdout)\(same.stderr)")
        try runner.write(
            "other.json", mine.replacingOccurrences(of: "\"version\": \"1.0\"", with: "\"version\": \"2.0\""))
        let different = try runner.run("survey", "add", "--workspace", "ws", "other.json")
        #expect(different.status == 1)
        #expect(
            different.stderr.contains("already has a different definition of survey my-survey"), "\(different.stderr)")
    }

    @Test(
        "a file without dates is refused naming --submitted, and imported with it; identical rows of it are different respondents; the import records the date as given"
    )
    func dateless() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let rows = [Self.respondent(1), Self.respondent(2), Self.respondent(1)]
        try runner.write("calls.csv", Self.export(rows, columns: Self.order.filter { $0 != "time" && $0 != "area" }))
        let refused = try runner.run("import", "--workspace", "ws", "--survey", "ehcp-parent-carer", "calls.csv")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--submitted YYYY-MM-DD"), "\(refused.stderr)")
        let imported = try runner.run(
            "import", "--workspace", "ws", "--survey", "ehcp-parent-carer", "--source", "telephone",
            "--submitted", "2020-06-15", "calls.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 3 responses [import 1"), "\(imported.stdout)")
        #expect(imported.stderr.contains("identical in every cell"), "\(imported.stderr)")
        let listed = try runner.run("imports", "--workspace", "ws", "--format", "json")
        #expect(listed.stdout.contains("\"submittedGiven\" : \"2020-06-15\""), "\(listed.stdout)")
        let kpis = try runner.run(
            "kpis", "--workspace", "ws", "--from", "2020-06-01", "--to", "2020-06-30", "--format", "csv")
        #expect(kpis.stdout.contains(",felt-fully-involved,all,"), "\(kpis.stdout)")
    }

    @Test("a changed response is shown question by question by engage changes")
    func changes() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        try runner.write(
            "a.csv", ImportCommandTests.export([ImportCommandTests.row(1, day: 1), ImportCommandTests.row(2, day: 2)]))
        try runner.write(
            "b.csv",
            ImportCommandTests.export([
                ImportCommandTests.row(1, day: 1, involved: "Strongly disagree"), ImportCommandTests.row(2, day: 2),
            ]))
        #expect(try runner.run("import", "--workspace", "ws", "a.csv").status == 0)
        let kept = try runner.run("import", "--workspace", "ws", "b.csv")
        #expect(kept.stdout.contains("see engage changes 2"), "\(kept.stdout)")
        let shown = try runner.run("changes", "--workspace", "ws", "2")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(
            shown.stdout.contains(
                "b.csv:3: response surveymonkey:118052219001 changed since it was stored; stored version kept"),
            "\(shown.stdout)")
        #expect(shown.stdout.contains("involved: stored agree → export strongly-disagree"), "\(shown.stdout)")
        #expect(!shown.stdout.contains("communication:"), "\(shown.stdout)")
    }

    @Test(
        "every column the import did not use is listed with why: an unmatched comment box, personal data, and a question removed from the definition"
    )
    func unusedColumns() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let people = (0..<20).map { i -> [String: String] in
            var p = Self.respondent(i)
            p["email"] = "person\(i)@example.org"
            p["yours"] = i % 2 == 0 ? "Thanks" : ""
            return p
        }
        let columns = Self.order + ["email", "yours"]
        try runner.write(
            "a.csv",
            Self.export(
                people, columns: columns, headers: ["email": "Email Address", "yours": "Your comments (optional)"]))
        let imported = try runner.run("import", "--workspace", "ws", "a.csv")
        #expect(imported.stdout.contains("imported 20 responses"), "\(imported.stdout)")
        #expect(
            imported.stdout.contains(
                "column 10 \"Your comments (optional)\": matches no question of survey ehcp-parent-carer, not imported"),
            "\(imported.stdout)")
        #expect(
            imported.stdout.contains("column 9 \"Email Address\": e-mail address: personal data, not imported"),
            "\(imported.stdout)")
        // The workspace's definition drops the outcomes question: its column is listed as such.
        let standard = try String(
            contentsOf: EngageRunner.repository.appendingPathComponent("Surveys/ehcp-parent-carer.json"),
            encoding: .utf8)
        let object = try JSONSerialization.jsonObject(with: Data(standard.utf8)) as! [String: Any]
        var edited = object
        edited["questions"] = (object["questions"] as! [[String: Any]]).filter { $0["id"] as? String != "outcomes" }
        edited["kpis"] = (object["kpis"] as! [[String: Any]]).filter { $0["question"] as? String != "outcomes" }
        edited["themes"] = (object["themes"] as! [[String: Any]]).map { theme in
            var theme = theme
            if let kpis = theme["kpis"] as? [String] { theme["kpis"] = kpis.filter { $0 != "outcomes-good" } }
            return theme
        }
        edited["version"] = "1.1"
        let data = try JSONSerialization.data(withJSONObject: edited, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: runner.path("ws/surveys/ehcp-parent-carer.json")))
        try runner.write(
            "b.csv",
            Self.export(
                people + [Self.respondent(20)], columns: columns,
                headers: ["email": "Email Address", "yours": "Your comments (optional)"]))
        let next = try runner.run("import", "--workspace", "ws", "b.csv")
        #expect(next.status == 0, "\(next.stderr)")
        #expect(
            next.stdout.contains(
                "column 6 \"The outcomes in the EHC plan are good\": fed question outcomes in import 1, which survey ehcp-parent-carer no longer has; not imported"
            ), "\(next.stdout)")
    }
}
