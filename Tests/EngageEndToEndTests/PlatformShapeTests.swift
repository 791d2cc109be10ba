import Foundation
import TestSupport
import Testing

/// Exports in the shapes real platforms write, each a fixture written here in that
/// platform's documented layout, imported as an officer would.
@Suite("engage import reads SurveyMonkey, Alchemer and Qualtrics shapes as the platforms write them")
struct PlatformShapeTests {
    static let statements = [
        "I felt fully involved in the process", "Communication throughout the process was good",
        "The EHC plan accurately reflects my child's needs", "The outcomes in the EHC plan are good",
        "The provision in the EHC plan will meet my child's needs",
    ]

    /// `engage export` rows as (identity, submitted, question, option) for a look at what was stored.
    static func exported(_ runner: EngageRunner) throws -> [[String]] {
        let result = try runner.run("export", "--workspace", "ws")
        return result.stdout.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }

    @Test(
        "SurveyMonkey: an \"Other (please specify)\" and a comment column beside a choice question are listed as not used, never a clash"
    )
    func surveyMonkeyOtherAndComment() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let header = """
            Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,Stage of the process,,,"Please tell us how far you agree with each statement:",,,,,Is there anything else you would like to tell us about your experience?\r
            ,,,,,,,,,Response,Other (please specify),"If you are at another stage, please tell us which",\(Self.statements.joined(separator: ",")),Open-Ended Response\r

            """
        let rows = (1...12).map { i in
            "\(118_052_219_000 + i),254000001,07/0\(1 + i % 9)/2021 09:00:00 AM,07/0\(1 + i % 9)/2021 09:10:00 AM,1.2.3.4,,,,,"
                + (i == 3 ? ",Tribunal,," : "New EHC plan,,,")
                + "Agree,Agree,Disagree,Strongly agree,Agree,\(i == 5 ? "Thanks" : "")\r\n"
        }.joined()
        try runner.write("monkey.csv", header + rows)
        let imported = try runner.run("import", "--workspace", "ws", "monkey.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 12 responses"), "\(imported.stdout)")
        #expect(
            imported.stdout.contains(
                "column 11 \"Stage of the process / Other (please specify)\": SurveyMonkey comment or \"Other\" text beside question stage: not imported"
            ), "\(imported.stdout)")
        #expect(
            imported.stdout.contains(
                "column 12 \"Stage of the process / If you are at another stage, please tell us wh…\": SurveyMonkey comment or \"Other\" text beside question stage"
            ), "\(imported.stdout)")
        let stored = try Self.exported(runner)
        #expect(stored.filter { $0[6] == "involved" }.count == 12)
        #expect(stored.filter { $0[6] == "comments" }.count == 1)
    }

    @Test("SurveyMonkey re-saved without its nine metadata columns is recognised from its second header row")
    func surveyMonkeyWithoutMetadata() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let header = """
            Stage of the process,"Please tell us how far you agree with each statement:",,,,,Is there anything else you would like to tell us about your experience?\r
            Response,\(Self.statements.joined(separator: ",")),Open-Ended Response\r

            """
        // Many identical rows: without ids or dates, each is a respondent of its own.
        let rows = (0..<30).map { i in "New EHC plan,Agree,\(i % 2 == 0 ? "Agree" : "Disagree"),Agree,Agree,Agree,\r\n"
        }.joined()
        try runner.write("resaved.csv", header + rows)
        let inspected = try runner.run("inspect", "--survey", "ehcp-parent-carer", "resaved.csv")
        #expect(inspected.stdout.contains("SurveyMonkey (detected from the headers)"), "\(inspected.stdout)")
        let imported = try runner.run("import", "--workspace", "ws", "--submitted", "2021-07-01", "resaved.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 30 responses"), "\(imported.stdout)")
        #expect(try Self.exported(runner).filter { $0[6] == "provision" }.count == 30)
    }

    @Test("Alchemer (SurveyGizmo): partial and disqualified sessions are set aside, complete ones imported")
    func alchemer() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        var text =
            "Response ID,Time Started,Date Submitted,Status,Contact ID,Legacy Comments,Comments,Language,Referer,SessionID,User Agent,Tags,IP Address,Longitude,Latitude,Country,City,State/Region,Postal,Stage of the process,"
            + Self.statements.joined(separator: ",") + "\r\n"
        let statuses = [
            "Complete", "Complete", "Partial", "Complete", "Disqualified", "Complete", "Partial", "Complete",
        ]
        for (i, status) in statuses.enumerated() {
            let submitted = status == "Partial" ? "" : "2021-07-0\(i + 1) 10:1\(i):00"
            text +=
                "\(100 + i),2021-07-0\(i + 1) 10:0\(i):00,\(submitted),\(status),,,,English,,abc\(i),Mozilla,,1.2.3.4,,,United Kingdom,Grays,Essex,RM17,New EHC plan,Agree,Agree,Agree,Agree,Agree\r\n"
        }
        try runner.write("alchemer.csv", text)
        let imported = try runner.run("import", "--workspace", "ws", "alchemer.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stdout.contains("imported 5 responses (3 set aside: 2 incomplete, 1 disqualified)"),
            "\(imported.stdout)")
        let stored = try Self.exported(runner)
        #expect(Set(stored.map { $0[2] }).allSatisfy { $0.hasPrefix("alchemer:") }, "\(stored)")
    }

    @Test(
        "Qualtrics: times in the export's time zone are converted to UK time (BST aware), so a Denver evening falls on the next UK day and quarter; answers with their codes in brackets match the labels"
    )
    func qualtricsTimeZone() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let tags = [
            "StartDate", "EndDate", "Status", "Progress", "Duration (in seconds)", "Finished", "RecordedDate",
            "ResponseId",
            "DistributionChannel", "UserLanguage", "Q1", "Q2_1", "Q2_2", "Q2_3", "Q2_4", "Q2_5",
        ]
        let texts =
            [
                "Start Date", "End Date", "Response Type", "Progress", "Duration (in seconds)", "Finished",
                "Recorded Date",
                "Response ID", "Distribution Channel", "User Language", "Stage of the process",
            ]
            + Self.statements.map { "Please tell us how far you agree with each statement: - \($0)" }
        let ids = [
            "startDate", "endDate", "status", "progress", "duration", "finished", "recordedDate", "_recordId",
            "distributionChannel", "userLanguage", "QID1", "QID2_1", "QID2_2", "QID2_3", "QID2_4", "QID2_5",
        ]
        let importIDs = ids.map { id -> String in
            let zone = id.hasSuffix("Date") ? ",\"\"timeZone\"\":\"\"America/Denver\"\"" : ""
            return "\"{\"\"ImportId\"\":\"\"\(id)\"\"\(zone)}\""
        }
        var text =
            tags.joined(separator: ",") + "\r\n" + texts.map { "\"\($0)\"" }.joined(separator: ",") + "\r\n"
            + importIDs.joined(separator: ",") + "\r\n"
        // 20:30 on 30 June in Denver (MDT, UTC-6) is 03:30 BST on 1 July in the UK: quarter 2.
        // 10:00 on 15 January (MST, UTC-7) is 17:00 GMT the same day.
        let rows = [("2021-06-30 20:30:00", "R_a"), ("2022-01-15 10:00:00", "R_b")]
        for (time, id) in rows {
            text +=
                "\(time),\(time),IP Address,100,60,True,\(time),\(id),anonymous,EN,New EHC plan,Strongly agree (7),Agree (6),Disagree (2),Agree,Agree\r\n"
        }
        try runner.write("qualtrics.csv", text)
        let imported = try runner.run("import", "--workspace", "ws", "qualtrics.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 2 responses"), "\(imported.stdout)")
        #expect(imported.stderr.contains("time zone America/Denver"), "\(imported.stderr)")
        let stored = try Self.exported(runner)
        #expect(
            stored.contains { $0[2] == "qualtrics:R_a" && $0[3] == "2021-07-01 03:30:00" && $0[4] == "2021-07-01" },
            "\(stored)")
        #expect(stored.contains { $0[2] == "qualtrics:R_b" && $0[3] == "2022-01-15 17:00:00" }, "\(stored)")
        #expect(
            stored.contains { $0[2] == "qualtrics:R_a" && $0[6] == "involved" && $0[7] == "strongly-agree" },
            "\(stored)")
        let kpis = try runner.run(
            "kpis", "--workspace", "ws", "--from", "2021-07-01", "--to", "2021-09-30", "--format", "csv")
        #expect(kpis.stdout.contains(",felt-fully-involved,all,1,1,"), "\(kpis.stdout)")
    }
}
