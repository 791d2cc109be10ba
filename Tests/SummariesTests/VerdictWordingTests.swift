import FeedbackStatistics
import ResponseStore
import SurveyDefinition
import Testing

@testable import Summaries

/// The words around a KPI's figure: Don't know beside it, and many comparisons allowed for.
@Suite("Verdicts in words: Don't know, many comparisons, the settings' level")
struct VerdictWordingTests {
    typealias A = PublicationFixtures.Answer

    /// Autumn 2019: 24 agree of 48. July-September 2021: 30 agree, 10 disagree, 12 Don't
    /// know, 6 Not applicable: every KPI of the parent survey alike.
    static let answers = [
        A(date: "2019-10-15", option: "agree", group: nil, count: 24),
        A(date: "2019-10-15", option: "disagree", group: nil, count: 24),
        A(date: "2021-08-15", option: "agree", group: nil, count: 30),
        A(date: "2021-08-15", option: "disagree", group: nil, count: 10),
        A(date: "2021-08-15", option: "dont-know", group: nil, count: 12),
        A(date: "2021-08-15", option: "not-applicable", group: nil, count: 6),
    ]

    @Test("a figure is written with who gave a view and who said Don't know or Not applicable")
    func dontKnowInWords() throws {
        let table = try PublicationFixtures.builder(Self.answers).table(
            period: PublicationFixtures.period("2021-22 Q2"), audience: .internal)
        let row = try #require(table.kpis.first)
        let said = SummaryBuilder.figures(row)
        // 6 Not applicable of 58 answers is over 10%: said too.
        #expect(
            said.hasPrefix(
                "\(row.title): 75% (30 of the 40 who gave a view; 12 more said Don't know; 6 said Not applicable)."),
            "\(said)")
        let included = SummaryBuilder.figures(row, includesDontKnow: true)
        #expect(
            included.contains(
                "(30 of the 40 who answered, 12 of whom said Don't know (counted as not positive); 6 said Not applicable)"
            ), "\(included)")
        // The table's Don't know column: 12, 23% of the 52 who answered.
        #expect(table.text().contains("12 (23%)"), "\(table.text())")
        // In public, a withheld Don't know count is said to be withheld, never left out silently.
        var withheld = row
        withheld.dontKnow = Published(3, Withholding(.smallNumber, rule: SuppressionRule(threshold: 10)), for: .public)
        #expect(SummaryBuilder.figures(withheld).contains("how many said Don't know is withheld (c)"))
    }

    @Test(
        "five clear changes at p = 0.016 each are all provisional once five comparisons are allowed for, and the table says so"
    )
    func manyComparisons() throws {
        let table = try PublicationFixtures.builder(Self.answers).table(
            period: PublicationFixtures.period("2021-22 Q2"), audience: .internal)
        let comparisons = try #require(table.comparisons)
        #expect(table.kpis.count == 5 && comparisons.count == 5 && comparisons.clear == 5 && comparisons.stayClear == 0)
        for row in table.kpis {
            let change = try #require(row.change?.value)
            // 30 of 40 against 24 of 48: the Newcombe interval's own p, from statsmodels (0.016165676409857128).
            #expect(abs((change.p ?? 0) - 0.016165676409857128) < 1e-8)
            #expect(change.verdict == "clear improvement" && change.provisional)
            #expect(change.sentence.hasSuffix("clear improvement (provisional)."))
            #expect(row.target?.assessment.value?.words == "clearly met (provisional)")
            #expect(
                row.rating.value?.rag == "GREEN" && row.rating.value?.words == "GREEN: target clearly met (provisional)"
            )
        }
        #expect(
            table.text().contains(
                "This report makes 5 comparisons at the 95% level. Allowing for that many (Holm's method), none of the 5 clear results stays clear; all are marked provisional"
            ))
        // One KPI alone is one comparison: clear, not provisional, no sentence.
        var survey = PublicationFixtures.survey
        survey.kpis = [survey.kpis[0]]
        let one = try PublicationFixtures.builder(Self.answers, survey: survey).table(
            period: PublicationFixtures.period("2021-22 Q2"), audience: .internal)
        #expect(
            one.comparisons?.count == 1 && one.comparisons?.sentence == nil
                && one.kpis[0].change?.value?.provisional == false)
    }

    @Test("the interval's level is printed from confidenceLevel, and decides clear")
    func levelFromSettings() throws {
        var settings = PublicationFixtures.settings()
        settings.confidence = 0.999
        let table = try PublicationFixtures.builder(Self.answers, settings: settings).table(
            period: PublicationFixtures.period("2021-22 Q2"), audience: .internal)
        #expect(table.text().contains("99.9% interval") && !table.text().contains("95%"))
        // p = 0.016 is not clear at 99.9%.
        #expect(
            table.kpis.allSatisfy { $0.change?.value?.verdict == "no clear change" && $0.rating.value?.rag == "AMBER" })
    }
}
