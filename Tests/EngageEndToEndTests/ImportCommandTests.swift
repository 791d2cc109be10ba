import Foundation
import TestSupport
import Testing

@Suite("engage init, import, imports, rejects and undo, run as an officer would")
struct ImportCommandTests {
    static let header = """
        Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,Stage of the process,"Please tell us how far you agree with each statement:",,,,,Is there anything else you would like to tell us about your experience?
        ,,,,,,,,,Response,I felt fully involved in the process,Communication throughout the process was good,The EHC plan accurately reflects my child's needs,The outcomes in the EHC plan are good,The provision in the EHC plan will meet my child's needs,Open-Ended Response
        """

    /// A SurveyMonkey row for respondent `id`, submitted on day `day` of July 2021.
    static func row(_ id: Int, day: Int, involved: String = "Agree") -> String {
        let d = day < 10 ? "0\(day)" : "\(day)"
        return
            "\(118_052_219_000 + id),254000001,07/\(d)/2021 09:00:00 AM,07/\(d)/2021 09:10:00 AM,1.2.3.4,,,,,New EHC plan,\(involved),Agree,Agree,Disagree,Agree,"
    }

    static func export(_ rows: [String]) -> String {
        ([header] + rows).joined(separator: "\r\n") + "\r\n"
    }

    /// Responses stored, summed over the imports listed by `engage imports --format json`.
    static func storedResponses(_ runner: EngageRunner) throws -> Int {
        let result = try runner.run("imports", "--format", "json", "--workspace", "ws")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let imports = object?["imports"] as? [[String: Any]] ?? []
        return imports.reduce(0) { $0 + ($1["responsesStored"] as? Int ?? 0) }
    }

    @Test("overlapping cumulative exports store each distinct response once; re-import and undo restore counts exactly")
    func cumulativeExports() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        // June export: respondents 1-5. July export (cumulative): 1-5 again, plus 6-8.
        try runner.write("june.csv", Self.export((1...5).map { Self.row($0, day: $0) }))
        try runner.write("july.csv", Self.export((1...8).map { Self.row($0, day: $0) }))

        let first = try runner.run("import", "--workspace", "ws", "june.csv")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("imported 5 responses [import 1, survey ehcp-parent-carer]"), "\(first.stdout)")
        #expect(try Self.storedResponses(runner) == 5)

        let second = try runner.run("import", "--workspace", "ws", "july.csv")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("imported 3 responses (5 already present)"), "\(second.stdout)")
        #expect(try Self.storedResponses(runner) == 8)

        let again = try runner.run("import", "--workspace", "ws", "july.csv")
        #expect(again.status == 0)
        #expect(again.stdout.contains("skipped: this file was already imported as import 2"), "\(again.stdout)")
        #expect(try Self.storedResponses(runner) == 8)

        let undo = try runner.run("undo", "--workspace", "ws", "2")
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.contains("removed 3 responses"), "\(undo.stdout)")
        #expect(try Self.storedResponses(runner) == 5)

        // Undone, the same file can land again, with the same counts.
        let redo = try runner.run("import", "--workspace", "ws", "july.csv")
        #expect(redo.stdout.contains("imported 3 responses (5 already present)"), "\(redo.stdout)")
        #expect(try Self.storedResponses(runner) == 8)
    }

    @Test("a changed answer is a conflict: kept by default, replaced with --replace-changed")
    func conflicts() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        try runner.write("a.csv", Self.export([Self.row(1, day: 1), Self.row(2, day: 2)]))
        try runner.write(
            "b.csv", Self.export([Self.row(1, day: 1, involved: "Strongly disagree"), Self.row(2, day: 2)]))
        #expect(try runner.run("import", "--workspace", "ws", "a.csv").status == 0)
        let kept = try runner.run("import", "--workspace", "ws", "b.csv")
        #expect(
            kept.stdout.contains(
                "imported 0 responses (1 already present, 1 changed since imported: stored version kept"),
            "\(kept.stdout)")
        #expect(try runner.run("undo", "--workspace", "ws", "2").status == 0)
        let replaced = try runner.run("import", "--workspace", "ws", "--replace-changed", "b.csv")
        #expect(replaced.stdout.contains("1 changed since imported: replaced"), "\(replaced.stdout)")
        #expect(try Self.storedResponses(runner) == 2)
    }

    @Test("a rejected row is listed by engage rejects with its line, column and reason")
    func rejects() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        // Line 5 of the file: header rows are lines 1-2.
        try runner.write(
            "q.csv",
            Self.export([Self.row(1, day: 1), Self.row(2, day: 2), Self.row(3, day: 3, involved: "Agreed-ish")]))
        let imported = try runner.run("import", "--workspace", "ws", "--source", "portal", "q.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stdout.contains("imported 2 responses (1 rejected: see engage rejects 1)"), "\(imported.stdout)")
        let listed = try runner.run("rejects", "--workspace", "ws", "1")
        #expect(listed.status == 0)
        #expect(listed.stdout.contains("q.csv:5: rejected:"), "\(listed.stdout)")
        #expect(listed.stdout.contains("\"Agreed-ish\""))
        #expect(
            listed.stdout.contains(
                "column \"Please tell us how far you agree with each statement: / I felt fully involved in the process\""
            ) || listed.stdout.contains("I felt fully involved"), "\(listed.stdout)")
        let json = try runner.run("rejects", "--workspace", "ws", "--format", "json", "1")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let rows = object?["rows"] as? [[String: Any]]
        #expect(rows?.count == 1)
        #expect(rows?.first?["line"] as? Int == 5)
        #expect((rows?.first?["raw"] as? String)?.contains("Agreed-ish") == true)
        let missing = try runner.run("rejects", "--workspace", "ws", "9")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("there is no import 9"))
    }

    @Test("export writes one tidy row per answer, with formula-looking comments escaped")
    func export() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        try runner.write(
            "q.csv",
            Self.export([Self.row(1, day: 1) + "\"=HYPERLINK(\"\"http://evil.example\"\")\"", Self.row(2, day: 2)]))
        #expect(try runner.run("import", "--workspace", "ws", "--source", "portal", "q.csv").status == 0)
        let result = try runner.run("export", "--workspace", "ws")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        // Header, then per response: stage + five statements (+ the comment for respondent 1).
        #expect(lines.count == 1 + 7 + 6, "\(result.stdout)")
        #expect(
            lines.contains {
                $0.contains(",involved,agree,Agree,4,,stage=new-plan") && $0.contains("surveymonkey:118052219001")
            })
        #expect(lines.contains { $0.contains("\"'=HYPERLINK(") }, "\(result.stdout)")
        #expect(!lines.contains { $0.contains(",=HYPERLINK") })
        try runner.run("export", "--workspace", "ws", "--format", "json", "--output", "answers.jsonl")
        let jsonLines = try String(contentsOfFile: runner.path("answers.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(jsonLines.count == 13)
        let first = try JSONSerialization.jsonObject(with: Data(jsonLines[0].utf8)) as? [String: Any]
        #expect(first?["source"] as? String == "portal")
        #expect(first?["submitted_date"] as? String == "2021-07-01")
    }

    @Test("without a workspace, or with an unusable file, engage says what to do and exits 1")
    func failures() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        try runner.write("other.csv", "Timestamp,Favourite colour\n01/02/2021 10:00,Blue\n")
        let none = try runner.run("import", "other.csv")
        #expect(none.status == 1)
        #expect(none.stderr.contains("no engage workspace here"), "\(none.stderr)")
        #expect(try runner.run("init", "ws").status == 0)
        let twice = try runner.run("init", "ws")
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("already holds an engage workspace"))
        let unusable = try runner.run("import", "--workspace", "ws", "other.csv")
        #expect(unusable.status == 1)
        #expect(unusable.stderr.contains("no survey in this workspace matches"), "\(unusable.stderr)")
        let forced = try runner.run("import", "--workspace", "ws", "--survey", "ehcp-parent-carer", "other.csv")
        #expect(forced.status == 1)
        #expect(forced.stderr.contains("nothing imported"), "\(forced.stderr)")
        #expect(try Self.storedResponses(runner) == 0)
        var env = runner
        env.environment["ENGAGE_WORKSPACE"] = runner.path("ws")
        let viaEnvironment = try env.run("imports")
        #expect(viaEnvironment.status == 0)
        #expect(viaEnvironment.stdout.contains("no imports yet"))
        let usage = try runner.run("undo", "--workspace", "ws", "seven")
        #expect(usage.status == 64)
    }
}
