import FeedbackStatistics
import Testing
@testable import Summaries

/// The attacks of issue 20, each against the publication model.
@Suite("Attacks on public outputs that once recovered a withheld count")
struct PublicationAttackTests {
    typealias A = PublicationFixtures.Answer

    @Test("a total minus its shown groups, with an empty group that once counted as protection, gives nothing away")
    func totalMinusShownGroupsWithAnEmptyGroup() throws {
        // 2021-22 Q2: New EHC plan 15 of 21 agree; Annual review 2 of 4; nobody without a stage.
        let answers = [A(date: "2021-07-05", option: "agree", group: "new-plan", count: 15),
                       A(date: "2021-07-06", option: "disagree", group: "new-plan", count: 6),
                       A(date: "2021-08-02", option: "agree", group: "annual-review", count: 2),
                       A(date: "2021-08-03", option: "disagree", group: "annual-review", count: 2)]
        let builder = try PublicationFixtures.builder(answers, breakdown: .segment("stage"))
        let row = try #require(try builder.table(period: PublicationFixtures.period("2021-22 Q2"), audience: .public).kpis.first)
        #expect(row.figure.value?.positive == 17 && row.figure.value?.substantive == 25)
        let shown = row.groups.filter { $0.figure.value.map { $0.substantive > 0 } ?? false }
        #expect(shown.isEmpty, "a shown group gives the withheld one away: \(row.groups)")
    }
}
