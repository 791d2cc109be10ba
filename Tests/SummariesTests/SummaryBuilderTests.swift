import FeedbackStatistics
import Foundation
import ResponseIngestion
import ResponseStore
import SurveyDefinition
import Testing

@testable import Summaries

/// A store holding the standard parent/carer survey's answers, written as an export and
/// imported the way engage does.
struct SummaryFixture {
    let directory: String
    let store: Store
    let survey: Survey
    let settings: ReportSettings

    static let header =
        "Response ID,Timestamp,I felt fully involved in the process,Communication throughout the process was good,Is there anything else you would like to tell us about your experience?,\"Are you happy for your comments to be quoted anonymously in our \"\"You said, we did\"\" updates\""

    /// `rows`: (date DD/MM/YYYY, involved answer, communication answer, comment, consent).
    init(rows: [(String, String, String, String?, String?)], quoteApproval: Bool = false) throws {
        directory = NSTemporaryDirectory() + "engage-summary-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try Store(path: directory + "/engage.sqlite")
        survey = try SurveyLoader()
            .load(text: try #require(StandardSurveys.text(id: "ehcp-parent-carer")), file: "ehcp-parent-carer.json")
        var lines = [Self.header]
        for (i, row) in rows.enumerated() {
            lines.append("R\(i),\(row.0) 10:00:00,\(row.1),\(row.2),\(row.3.map { "\"\($0)\"" } ?? ""),\(row.4 ?? "")")
        }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/export.csv"))
        _ = try ExportImporter(store: store, options: IngestionOptions(now: 1_700_000_000)).importFile(
            path: directory + "/export.csv", survey: survey)
        var workspace = WorkspaceSettings(organisation: "Test")
        workspace.quoteApproval = quoteApproval
        settings = ReportSettings(workspace)
    }

    func summary(_ audience: ReportAudience = .internal, now: Date = Date()) throws -> Summary {
        try SummaryBuilder(
            store: store, surveys: [survey], settings: settings, audience: audience, engageVersion: "test"
        )
        .build(label: "2021-22 Q2", from: nil, to: nil, now: now)
    }

    func close() {
        store.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `n` rows on days of August 2021 (or the given month/year), each with these answers.
    static func rows(_ n: Int, month: String = "08/2021", involved: (Int) -> String, communication: (Int) -> String)
        -> [(String, String, String, String?, String?)]
    {
        (0..<n).map { i in (String(format: "%02d/", i % 28 + 1) + month, involved(i), communication(i), nil, nil) }
    }
}

@Suite("The summary's order and its quotes")
struct SummaryBuilderTests {
    @Test("a summary made at 23:30 UTC on 1 July is generated and published on 2 July, the date on a UK clock")
    func datedOnTheUKClock() throws {
        let fixture = try SummaryFixture(
            rows: SummaryFixture.rows(12, involved: { _ in "Agree" }, communication: { _ in "Agree" }))
        defer { fixture.close() }
        let summer = try fixture.summary(now: Date(timeIntervalSince1970: 1_782_948_600)) // 2026-07-01 23:30 UTC
        #expect(summer.provenance.generated == "2026-07-02")
        #expect(summer.page.published == "2026-07-02")
        let winter = try fixture.summary(now: Date(timeIntervalSince1970: 1_767_310_200)) // 2026-01-01 23:30 UTC
        #expect(winter.provenance.generated == "2026-01-01")
        #expect(winter.page.published == "2026-01-01")
    }

    @Test("what most needs attention comes first: a KPI clearly below its baseline before one clearly above it")
    func attentionOrder() throws {
        // Autumn 2019 (the baseline): half agree to both. 2021-22 Q2: involvement clearly up,
        // communication clearly down. The survey lists involvement first.
        let baseline = SummaryFixture.rows(
            60, month: "10/2019", involved: { $0 % 2 == 0 ? "Agree" : "Disagree" },
            communication: { $0 % 2 == 0 ? "Agree" : "Disagree" })
        let now = SummaryFixture.rows(
            60, involved: { $0 < 57 ? "Strongly agree" : "Disagree" },
            communication: { $0 < 3 ? "Agree" : "Strongly disagree" })
        let fixture = try SummaryFixture(rows: baseline + now)
        defer { fixture.close() }
        let summary = try fixture.summary()
        let ids = summary.items.map(\.id)
        let communication = try #require(ids.firstIndex(of: "communication-good"))
        let involved = try #require(ids.firstIndex(of: "felt-fully-involved"))
        #expect(communication == 0, "\(ids)")
        #expect(communication < involved, "\(ids)")
        #expect(summary.items[communication].attention < summary.items[involved].attention)
        // Every item after one needing less attention would break the promise.
        #expect(
            zip(summary.items, summary.items.dropFirst()).allSatisfy { $0.attention <= $1.attention },
            "\(summary.items.map(\.attention))")
    }

    @Test("a quote comes only from someone who agreed to be quoted, however well the others read")
    func consentInSummary() throws {
        let best = "Nobody called back after the plan was issued and we had to chase the team every single week."
        let consented = "Communication was poor."
        var rows = SummaryFixture.rows(
            40, involved: { _ in "Agree" }, communication: { $0 % 2 == 0 ? "Agree" : "Disagree" })
        rows[0].3 = best
        rows[0].4 = "No"
        rows[1].3 = best + " Really."
        rows[1].4 = nil
        rows[2].3 = consented + " Nobody called back."
        rows[2].4 = "Yes"
        let fixture = try SummaryFixture(rows: rows)
        defer { fixture.close() }
        for audience in ReportAudience.allCases {
            let quotes = try fixture.summary(audience).items.flatMap(\.quotes).map(\.text)
            #expect(quotes == [consented + " Nobody called back."], "\(audience): \(quotes)")
        }
    }
}

@Suite("Choosing quotes")
struct QuoteChooserTests {
    @Test("only comments whose respondent answered yes to being quoted are chosen")
    func consent() {
        let chooser = QuoteChooser()
        let candidates = [
            QuoteChooser.Candidate(
                text: "An ideal length quote about communication that reads well and says a great deal.", consent: "no",
                names: []),
            QuoteChooser.Candidate(
                text: "Another well-written comment about the plan, of a comfortable length for quoting.", consent: nil,
                names: []),
            QuoteChooser.Candidate(text: "Short but agreed.", consent: "yes", names: []),
        ]
        #expect(chooser.choose(candidates, count: 3) == ["Short but agreed."])
        #expect(chooser.choose(Array(candidates.prefix(2)), count: 3).isEmpty)
    }

    @Test("the picker uses a quote once per summary, only for an item whose theme it mentions, and never a hidden one")
    func picker() {
        func candidate(_ id: String, _ themes: [String], _ decision: String) -> QuoteCandidate {
            QuoteCandidate(
                id: id, survey: "s", question: "q", submitted: nil, quote: "quote \(id)",
                themes: themes.map { .init(theme: $0, title: $0, keyword: $0) }, kpis: [], detailsRemoved: 0, rank: 1,
                decision: decision, reason: nil, decidedAt: nil, changedSinceDecision: false, why: "")
        }
        let candidates = [
            candidate("a", ["plan", "communication"], "to review"), candidate("b", ["plan"], "approved"),
            candidate("c", ["communication"], "hidden"), candidate("d", ["timeliness"], "to review"),
        ]
        var internalPicker = QuotePicker(candidates: candidates, audience: .internal, approvalRequired: true)
        #expect(internalPicker.pick(survey: "s", themes: ["plan"], count: 2).map(\.text) == ["quote b", "quote a"])
        #expect(internalPicker.pick(survey: "s", themes: ["plan", "communication"], count: 2).isEmpty)
        #expect(internalPicker.pick(survey: "other", themes: ["timeliness"], count: 2).isEmpty)
        var publicPicker = QuotePicker(candidates: candidates, audience: .public, approvalRequired: true)
        #expect(
            publicPicker.pick(survey: "s", themes: ["communication", "plan", "timeliness"], count: 4).map(\.text) == [
                "quote b"
            ])
        var open = QuotePicker(candidates: candidates, audience: .public, approvalRequired: false)
        let chosen = open.pick(survey: "s", themes: ["communication", "timeliness"], count: 4)
        #expect(chosen.map(\.text) == ["quote a", "quote d"] && chosen.allSatisfy { $0.id == nil })
    }
}
