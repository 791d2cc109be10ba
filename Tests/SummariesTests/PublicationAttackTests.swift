import FeedbackStatistics
import SurveyDefinition
import Testing

@testable import Summaries

/// The attacks of issue 20, each against the publication model.
@Suite("Attacks on public outputs that once recovered a withheld count")
struct PublicationAttackTests {
    typealias A = PublicationFixtures.Answer

    @Test("a total minus its shown groups, with an empty group that once counted as protection, gives nothing away")
    func totalMinusShownGroupsWithAnEmptyGroup() throws {
        // 2021-22 Q2: New EHC plan 15 of 21 agree; Annual review 2 of 4; nobody without a stage.
        let answers = [
            A(date: "2021-07-05", option: "agree", group: "new-plan", count: 15),
            A(date: "2021-07-06", option: "disagree", group: "new-plan", count: 6),
            A(date: "2021-08-02", option: "agree", group: "annual-review", count: 2),
            A(date: "2021-08-03", option: "disagree", group: "annual-review", count: 2),
        ]
        let builder = try PublicationFixtures.builder(answers, breakdown: .segment("stage"))
        let row = try #require(
            try builder.table(period: PublicationFixtures.period("2021-22 Q2"), audience: .public).kpis.first)
        #expect(row.figure.value?.positive == 17 && row.figure.value?.substantive == 25)
        let shown = row.groups.filter { $0.figure.value.map { $0.substantive > 0 } ?? false }
        #expect(shown.isEmpty, "a shown group gives the withheld one away: \(row.groups)")
    }
}

extension PublicationAttackTests {
    typealias F = PublicationFixtures

    static func answers(_ date: String, agree: Int, disagree: Int, group: String? = nil, dontKnow: Int = 0) -> [A] {
        [
            A(date: date, option: "agree", group: group, count: agree),
            A(date: date, option: "disagree", group: group, count: disagree),
            A(date: date, option: "dont-know", group: group, count: dontKnow),
        ].filter { $0.count > 0 }
    }

    @Test("by source: a total minus the shown sources gives no source's answers away (telephone 4 of 5)")
    func totalMinusShownSources() throws {
        let answers =
            Self.answers("2021-07-05", agree: 13, disagree: 7, group: "portal")
            + Self.answers("2021-08-10", agree: 4, disagree: 1, group: "telephone")
        let row = try #require(
            try F.builder(answers, breakdown: .source).table(period: F.period("2021-22 Q2"), audience: .public).kpis
                .first)
        #expect(row.figure.value?.substantive == 25)
        #expect(row.groups.allSatisfy { $0.figure.value == nil }, "\(row.groups)")
    }

    @Test(
        "two date ranges a day apart: a public output for anything but a whole reporting period is refused, naming the periods one may publish"
    )
    func rangesADayApart() throws {
        let builder = try F.builder(
            Self.answers("2021-07-05", agree: 13, disagree: 7) + Self.answers("2021-09-20", agree: 0, disagree: 1))
        #expect(throws: ReportError.self) {
            try builder.period(label: nil, from: "2021-07-01", to: "2021-09-19", audience: .public)
        }
        do {
            _ = try builder.period(label: nil, from: "2021-07-01", to: "2021-09-20", audience: .public)
        } catch {
            #expect(
                "\(error)".contains("whole reporting periods only") && "\(error)".contains("2021-22 Q2")
                    && "\(error)".contains("financial years (2021-22)"))
        }
        // A range that is a whole quarter is that quarter; internally any range is allowed.
        #expect(
            try builder.period(label: nil, from: "2021-07-01", to: "2021-09-30", audience: .public).label
                == "2021-22 Q2")
        #expect(
            try builder.period(label: nil, from: "2021-07-01", to: "2021-09-19", audience: .internal).last
                == CivilTime.parseISODate("2021-09-19"))
    }

    @Test("a year minus its quarters: with three quarters shown the fourth (2 of 7) cannot be worked out")
    func yearMinusQuarters() throws {
        // 2021-22: Q1 10 of 16, Q2 10 of 16, Q3 10 of 16, Q4 2 of 7: the year 32 of 55.
        let answers =
            Self.answers("2021-05-01", agree: 10, disagree: 6) + Self.answers("2021-08-01", agree: 10, disagree: 6)
            + Self.answers("2021-11-01", agree: 10, disagree: 6) + Self.answers("2022-02-01", agree: 2, disagree: 5)
        let builder = try F.builder(answers)
        let year = try #require(try builder.table(period: F.period("2021-22"), audience: .public).kpis.first)
        #expect(year.figure.value?.positive == 32 && year.figure.value?.substantive == 55)
        let quarters = try ["2021-22 Q1", "2021-22 Q2", "2021-22 Q3", "2021-22 Q4"].map {
            try builder.table(period: F.period($0), audience: .public).kpis[0]
        }
        // Public outputs give one reason for every withheld value; the officer's own
        // (internal) version says which rule withheld it.
        #expect(quarters[3].figure.withheld?.reason == .confidential)
        #expect(
            try builder.table(period: F.period("2021-22 Q4"), audience: .internal).kpis[0].figure.withheld?.reason
                == .smallBase)
        #expect(
            quarters.filter { $0.figure.value == nil }.count == 2,
            "one more quarter must be withheld: \(quarters.map(\.figure))")
        // The trend by quarter shows the same.
        let trend = try #require(try builder.trend(kpi: F.survey.kpis[0], scheme: .financialQuarter, audience: .public))
        #expect(trend.points.filter { $0.figure.value == nil }.count == 2)
    }

    @Test(
        "trend statistics over withheld periods: the public test uses only the periods shown, so it cannot be solved for them"
    )
    func trendStatistics() throws {
        let answers =
            Self.answers("2020-05-01", agree: 20, disagree: 10) + Self.answers("2020-08-01", agree: 1, disagree: 5)
            + Self.answers("2020-11-01", agree: 2, disagree: 5) + Self.answers("2021-02-01", agree: 25, disagree: 5)
            + Self.answers("2021-05-01", agree: 26, disagree: 4)
        let builder = try F.builder(answers)
        let trend = try #require(try builder.trend(kpi: F.survey.kpis[0], scheme: .financialQuarter, audience: .public))
        let shown = trend.points.compactMap { p in
            p.figure.value.map { (F.period(p.period.label), Proportion(positive: $0.positive, total: $0.substantive)) }
        }
        #expect(
            shown.count < trend.points.filter { $0.figure.value.map { $0.substantive > 0 } ?? true }.count,
            "some period must be withheld")
        let fromShown = Trend(shown, confidence: 0.95)
        #expect(trend.test.chiSquared == fromShown.test?.chiSquared && trend.test.p == fromShown.p)
        #expect(trend.test.basis.contains("periods shown"))
        let internalTrend = try #require(
            try builder.trend(kpi: F.survey.kpis[0], scheme: .financialQuarter, audience: .internal))
        #expect(internalTrend.test.chiSquared != trend.test.chiSquared)
    }

    @Test(
        "direct leaks: a small baseline, Don't know 1, the rating's base, target and comparisons of a withheld KPI are all withheld"
    )
    func directLeaks() throws {
        // Baseline autumn 2019: 1 of 6. 2021-22 Q2: 7 answers (5 agree), 1 Don't know.
        let answers =
            Self.answers("2019-10-10", agree: 1, disagree: 5)
            + Self.answers("2021-08-01", agree: 5, disagree: 2, dontKnow: 1)
        let row = try #require(
            try F.builder(answers).table(period: F.period("2021-22 Q2"), audience: .public).kpis.first)
        #expect(row.baseline?.figure.value == nil && row.baseline?.figure.withheld?.reason == .confidential)
        #expect(row.dontKnow.value == nil && row.dontKnowShare.value == nil)
        #expect(row.figure.value == nil)
        #expect(row.change?.value == nil && row.target?.assessment.value == nil)
        #expect(row.target?.description.contains("%") == false, "\(row.target?.description ?? "")")
        // "not enough responses" would say fewer than 10 answered: withheld with the figure.
        #expect(row.rating.value == nil && row.rating.withheld?.reason == .confidential)
        #expect(SummaryBuilder.attention(row).1 == "figure withheld or too few answers to tell")
        let internalRow = try #require(
            try F.builder(answers).table(period: F.period("2021-22 Q2"), audience: .internal).kpis.first)
        #expect(
            internalRow.figure.value?.substantive == 7 && internalRow.figure.withheld != nil,
            "internal shows it, marked")
    }

    @Test(
        "the withheld reason says what is true: 11 answered but only 3 disagreed is 'too few gave one of the answers'")
    func trueReason() throws {
        let builder = try F.builder(Self.answers("2021-08-01", agree: 8, disagree: 3))
        let row = try #require(try builder.table(period: F.period("2021-22 Q2"), audience: .internal).kpis.first)
        #expect(row.figure.withheld?.reason == .smallCount)
        #expect(row.figure.withheld?.note == "too few gave one of the answers")
        #expect(row.figure.withheld?.symbol == "c")
        #expect(row.rating.withheld?.note == "too few gave one of the answers")
        // The public version gives the one public reason, which bounds nothing.
        let publicRow = try #require(
            try builder.table(period: F.period("2021-22 Q2"), audience: .public).kpis.first)
        #expect(publicRow.figure.value == nil && publicRow.figure.withheld?.reason == .confidential)
        #expect(
            publicRow.figure.withheld?.note
                == "fewer than 10 answered or fewer than 5 people, or it could be used to work out a figure that is")
        #expect(publicRow.rating.value == nil && publicRow.rating.withheld?.reason == .confidential)
    }
}

extension PublicationAttackTests {
    @Test(
        "a baseline minus the quarter inside it: autumn 2019 and 2019-20 Q3 cannot both be shown when September is 2 of 3"
    )
    func baselineMinusQuarter() throws {
        // July 10 of 15; September 2 of 3; October-December 9 of 15. Autumn 2019 = September + Q3.
        let answers =
            Self.answers("2019-07-10", agree: 10, disagree: 5) + Self.answers("2019-09-10", agree: 2, disagree: 1)
            + Self.answers("2019-11-10", agree: 9, disagree: 6)
        let builder = try F.builder(answers)
        let row = try #require(try builder.table(period: F.period("2019-20 Q3"), audience: .public).kpis.first)
        #expect(
            row.baseline?.figure.value == nil || row.figure.value == nil,
            "baseline \(String(describing: row.baseline?.figure.value?.displayed)) and Q3 \(String(describing: row.figure.value?.displayed)) give September away"
        )
    }

    @Test("a year by stage minus its quarters by stage: the small quarter of a group cannot be worked out")
    func yearByStageMinusQuarters() throws {
        let answers =
            Self.answers("2021-05-01", agree: 6, disagree: 6, group: "annual-review")
            + Self.answers("2021-08-01", agree: 1, disagree: 2, group: "annual-review")
            + Self.answers("2021-05-02", agree: 20, disagree: 10, group: "new-plan")
            + Self.answers("2021-08-02", agree: 20, disagree: 10, group: "new-plan")
        let builder = try F.builder(answers, breakdown: .segment("stage"))
        func group(_ period: String) throws -> Published<FigureValue>? {
            try builder.table(period: F.period(period), audience: .public).kpis[0].groups.first {
                $0.group == "annual-review"
            }?.figure
        }
        let year = try group("2021-22")
        let q1 = try group("2021-22 Q1")
        let q2 = try group("2021-22 Q2")
        #expect(q2?.value == nil)
        #expect(
            year?.value == nil || q1?.value == nil,
            "the year (\(String(describing: year?.value?.displayed))) minus Q1 gives Q2 away")
    }
}
