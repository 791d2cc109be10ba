import Foundation
import SurveyDefinition
import Testing

@testable import ResponseIngestion

let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

let parentSurvey: Survey = try! SurveyLoader().load(
    text: StandardSurveys.text(id: "ehcp-parent-carer")!, file: "ehcp-parent-carer.json")

/// Runs ingestion and collects everything it hands over.
struct Collected {
    var report: IngestionReport
    var responses: [IngestedResponse] = []
    var outcomes: [RowOutcome] = []

    init(_ file: String, options: IngestionOptions = IngestionOptions(), survey: Survey = parentSurvey) throws {
        var responses: [IngestedResponse] = []
        var outcomes: [RowOutcome] = []
        report = try Ingestor(survey: survey, options: options).run(path: file) { event in
            switch event {
            case .response(let r): responses.append(r)
            case .outcome(let o): outcomes.append(o)
            }
        }
        self.responses = responses
        self.outcomes = outcomes
    }

    func answer(_ row: Int, _ question: String) -> String? {
        responses[row].answers.first { $0.question == question }.flatMap { $0.option ?? $0.text }
    }
}

func stamp(_ text: String) -> Int64 {
    let p = TimestampParser.split(text)!
    return try! TimestampParser.resolve(p, order: .ymd)
}

@Suite("Reading real exports")
struct IngestorTests {
    @Test("Google Forms (UK sheet): grid statements, a header with a line break, day-first dates")
    func googleFormsUK() throws {
        let c = try Collected(fixture("google-forms-uk.csv"))
        #expect(c.report.format == .googleForms)
        #expect(c.report.missingQuestions.isEmpty)
        #expect(c.report.accepted == 3 && c.report.rejected == 0 && c.report.balances)
        #expect(c.report.dateOrder == .inferred(.dmy, evidence: "28/10/2019 15:03:45", line: 3))
        #expect(c.responses[0].submitted == stamp("2019-10-28 15:03:45"))
        #expect(c.responses[0].line == 3)
        #expect(c.answer(0, "stage") == "new-plan")
        #expect(c.answer(0, "involved") == "strongly-agree")
        #expect(c.answer(0, "communication") == "agree")
        #expect(c.answer(0, "outcomes") == "neither")
        #expect(c.answer(0, "provision") == "disagree")
        #expect(c.answer(0, "comments") == "Good, but slow, and nobody said \"sorry\".")
        #expect(c.answer(0, "consent-to-quote") == "yes")
        #expect(c.answer(1, "reflects-needs") == "dont-know")
        #expect(c.answer(1, "consent-to-quote") == "no")
        #expect(c.responses[2].line == 5)
        #expect(c.answer(2, "comments") == "Line one\nline two")
        #expect(
            c.responses.allSatisfy {
                if case .row = $0.identity { return true }
                return false
            })
    }

    @Test("Google Forms (US sheet): month-first dates are inferred, Neutral means neither")
    func googleFormsUS() throws {
        let c = try Collected(fixture("google-forms-us.csv"))
        #expect(c.report.dateOrder.order == .mdy)
        #expect(c.responses[0].submitted == stamp("2019-10-28 15:03:45"))
        #expect(c.responses[1].submitted == stamp("2019-11-04 09:12:01"))
        #expect(c.answer(1, "communication") == "neither")
    }

    @Test("Google Forms download: quoted fields, 12-hour clock and GMT+1 converted to UK time")
    func googleFormsDownload() throws {
        let c = try Collected(fixture("google-forms-download.csv"))
        #expect(c.report.format == .googleFormsDownload)
        // 3:08:44 PM at GMT+1 is 14:08:44 GMT, and the UK was on GMT on 30 October 2020.
        #expect(c.responses[0].submitted == stamp("2020-10-30 14:08:44"))
        #expect(c.responses[1].submitted == stamp("2020-12-01 11:15:00"))
        #expect(c.answer(0, "communication") == "strongly-agree")
    }

    @Test("Microsoft Forms saved by Excel as Windows-1252: ’ and £ survive, completion time is used")
    func microsoftFormsCP1252() throws {
        let c = try Collected(fixture("microsoft-forms-cp1252.csv"))
        #expect(c.report.format == .microsoftForms)
        #expect(c.report.encoding.lowercased().contains("1252"))
        #expect(c.report.accepted == 2)
        #expect(c.answer(0, "comments") == "It cost me £20 in bus fares – and I didn’t mind")
        #expect(c.answer(0, "reflects-needs") == "agree") // header written with ’
        #expect(c.answer(1, "reflects-needs") == "dont-know")
        #expect(c.responses[0].identity == .platform("1"))
        #expect(c.responses[0].submitted == stamp("2021-07-02 11:01:24"))
        // The name column, and the e-mail's local part (only to remove it from quotes).
        #expect(c.responses[1].names == ["Jo Bloggs", "jo"])
        #expect(c.responses[0].names.isEmpty)
    }

    @Test("Excel Unicode Text: UTF-16LE with BOM and TABs")
    func utf16() throws {
        let c = try Collected(fixture("excel-unicode-text.txt"))
        #expect(c.report.encoding.contains("16"))
        #expect(c.report.delimiter.lowercased().contains("tab"))
        #expect(c.report.accepted == 2)
        #expect(c.answer(0, "comments") == "Costs £5 – fine’s fine")
        #expect(c.report.dateOrder == .ambiguousDefaultedToUK)
        #expect(c.responses[0].submitted == stamp("2021-09-01 10:00:00"))
    }

    @Test("European Excel: semicolons and a BOM")
    func semicolons() throws {
        let c = try Collected(fixture("excel-semicolon.csv"))
        #expect(c.report.accepted == 2)
        #expect(c.answer(0, "involved") == "strongly-agree")
        #expect(c.answer(1, "communication") == "disagree")
    }

    @Test("SurveyMonkey: two header rows, statements in row 2, ids and names kept")
    func surveyMonkey() throws {
        let c = try Collected(fixture("surveymonkey-1.csv"))
        #expect(c.report.format == .surveyMonkey)
        #expect(c.report.headerRows == 2)
        #expect(c.report.missingQuestions == ["consent-to-quote"])
        #expect(c.report.accepted == 2)
        #expect(c.responses[0].identity == .platform("118052219061"))
        #expect(c.responses[0].submitted == stamp("2021-10-02 09:10:00"))
        #expect(c.responses[1].submitted == stamp("2021-10-03 13:20:00"))
        #expect(c.answer(0, "reflects-needs") == "strongly-agree")
        #expect(c.answer(0, "provision") == "neither")
        #expect(c.answer(1, "communication") == "strongly-disagree")
        #expect(c.responses[1].names == ["Sam", "Smith"])
    }

    @Test("SurveyMonkey cumulative exports repeat earlier responses with the same ids")
    func cumulative() throws {
        let first = try Collected(fixture("surveymonkey-1.csv"))
        let second = try Collected(fixture("surveymonkey-2.csv"))
        #expect(second.report.accepted == 3)
        let firstIDs = Set(first.responses.map(\.identity))
        let new = second.responses.filter { !firstIDs.contains($0.identity) }
        #expect(new.map(\.identity) == [.platform("118052219063")])
        // Repeated responses carry the same content hash, so they are not changes.
        for r in first.responses {
            #expect(second.responses.first { $0.identity == r.identity }?.contentHash == r.contentHash)
        }
    }

    @Test("ids damaged by Excel are flagged and not trusted")
    func damagedIDs() throws {
        let c = try Collected(fixture("surveymonkey-excel-damaged.csv"))
        #expect(c.report.accepted == 2)
        #expect(c.report.notes.contains { $0.contains("damaged by Excel") })
        #expect(
            c.responses.allSatisfy {
                if case .row = $0.identity { return true }
                return false
            })
    }

    @Test("Qualtrics: three header rows, previews and unfinished responses set aside, recorded date used")
    func qualtrics() throws {
        let c = try Collected(fixture("qualtrics.csv"))
        #expect(c.report.format == .qualtrics)
        #expect(c.report.headerRows == 3)
        #expect(c.report.dataRows == 4)
        #expect(c.report.accepted == 2)
        #expect(c.report.setAside == ["preview": 1, "incomplete": 1])
        #expect(c.report.balances)
        #expect(c.outcomes.map(\.line) == [5, 6])
        #expect(c.responses[0].identity == .platform("R_1aaaaaaaaaaaaaa"))
        #expect(c.responses[0].submitted == stamp("2021-07-05 10:05:01"))
        #expect(c.answer(0, "involved") == "agree")
        #expect(c.answer(0, "communication") == "strongly-agree")
        #expect(c.answer(1, "comments") == "Too slow")
    }

    @Test("LimeSurvey: code. text headings, NBSP, an empty submit date is incomplete, trailing blank line")
    func limeSurvey() throws {
        let c = try Collected(fixture("limesurvey.csv"))
        #expect(c.report.format == .limeSurvey)
        #expect(c.report.dataRows == 3)
        #expect(c.report.accepted == 2)
        #expect(c.report.setAside == ["incomplete": 1])
        #expect(c.outcomes.first?.line == 3)
        #expect(c.answer(0, "involved") == "agree")
        #expect(c.answer(0, "communication") == "dont-know")
        #expect(c.answer(1, "comments") == "Said \"thanks\"")
        #expect(c.responses[1].submitted == stamp("2021-09-03 16:45:10"))
    }

    @Test("a telephone spreadsheet with a mapping file; an unknown label is rejected with line, column and value")
    func telephoneWithMapping() throws {
        let mapping = try ImportMapping.load(path: fixture("telephone-mapping.json"), survey: parentSurvey)
        let c = try Collected(fixture("telephone-survey.csv"), options: IngestionOptions(mapping: mapping))
        #expect(c.report.accepted == 2)
        #expect(c.report.rejected == 1)
        #expect(c.report.balances)
        #expect(c.answer(0, "involved") == "strongly-agree")
        #expect(c.answer(1, "stage") == "annual-review")
        #expect(c.answer(1, "communication") == "strongly-disagree")
        #expect(c.responses[0].identity == .platform("T001"))
        #expect(c.responses[0].names == ["Mrs A"])
        let rejection = try #require(c.outcomes.first)
        #expect(rejection.kind == .rejected)
        #expect(rejection.line == 4)
        #expect(rejection.column == "Involved? (SA/A/N/D/SD)")
        #expect(rejection.value == "Agre")
        #expect(rejection.raw.contains("T003"))
    }

    @Test("without the mapping file the telephone spreadsheet matches nothing and says so")
    func telephoneWithoutMapping() throws {
        let report = try Ingestor(survey: parentSurvey).inspect(path: fixture("telephone-survey.csv"))
        #expect(!report.usable)
        #expect(report.problems.contains { $0.contains("no column matches any question") })
    }
}
