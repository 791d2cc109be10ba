import SurveyDefinition
import Testing

@testable import FeedbackStatistics

@Suite("KPIs against baselines, targets and comparators")
struct EvaluationTests {
    let agreement = AnswerScale.agreement5

    @Test(
        "a KPI's proportion counts agree and strongly agree over substantive answers; Don't know apart unless included")
    func kpiCounts() {
        let counts = [
            "strongly-agree": 10, "agree": 20, "neither": 4, "disagree": 3, "strongly-disagree": 3,
            "dont-know": 5, "not-applicable": 2,
        ]
        let kpi = KPI(id: "k", title: "K", question: "q")
        let c = KPICounts(kpi: kpi, scale: agreement, counts: counts)
        #expect(c.proportion == Proportion(positive: 30, total: 40))
        #expect(c.dontKnow == 5 && c.notApplicable == 2)
        #expect(c.dontKnowShare == 5.0 / 45.0)
        var including = kpi
        including.dontKnow = .include
        #expect(
            KPICounts(kpi: including, scale: agreement, counts: counts).proportion
                == Proportion(positive: 30, total: 45))
        // Every answer Don't know: no base, no percentage, not NaN.
        let allDontKnow = KPICounts(kpi: kpi, scale: agreement, counts: ["dont-know": 12])
        #expect(allDontKnow.proportion.total == 0 && allDontKnow.proportion.percent == nil)
        #expect(allDontKnow.dontKnowShare == 1)
        let evaluation = Evaluation(indicator: Indicator(kpi), figure: .counts(allDontKnow.proportion), baseline: nil)
        #expect(evaluation.rag == .notEnoughResponses)
        #expect(evaluation.interval == nil)
    }

    @Test("the seed's figures: 1280 of 1737 shows 74%; 44% against 50% is -6 points; 75% against 47% is +28 points")
    func seedFigures() throws {
        #expect(Proportion(positive: 1280, total: 1737).wholePercent == 74)
        let upheld = Evaluation(
            indicator: Indicator(id: "complaints-upheld", title: "Complaints upheld"), figure: .percent(44),
            baseline: BaselineFigure(label: "2019/20", figure: .percent(50)))
        #expect(upheld.baseline?.pointsText == "-6 points")
        #expect(upheld.baseline?.verdict == .cannotBeTested)
        let onTime = Evaluation(
            indicator: Indicator(id: "on-time", title: "Responses on time", target: .increaseOnBaseline),
            figure: .percent(75), baseline: BaselineFigure(label: "2019/20", figure: .percent(47)))
        #expect(onTime.baseline?.pointsText == "+28 points")
        #expect(onTime.rag == .green)
    }

    @Test("86% within 20 weeks against England 58%, region 59% and statistical neighbours 66%")
    func comparators() throws {
        let measure = Measure(
            id: "plans-within-20-weeks", title: "New EHC plans issued within 20 weeks",
            target: .atLeastComparator(name: "England"),
            comparators: [
                Comparator(name: "England", percent: 58), Comparator(name: "East of England", percent: 59),
                Comparator(name: "Statistical neighbours", percent: 66),
            ])
        let bare = Evaluation(indicator: Indicator(measure), figure: .percent(86), baseline: nil)
        #expect(bare.comparators.map(\.pointsText) == ["+28 points", "+27 points", "+20 points"])
        #expect(bare.comparators.allSatisfy { $0.standing == nil })
        #expect(bare.rag == .green)
        // With counts (86 of 100), each comparator lies below the Wilson interval.
        let counted = Evaluation(
            indicator: Indicator(measure), figure: .counts(Proportion(positive: 86, total: 100)), baseline: nil)
        #expect(counted.comparators.map(\.standing) == [.above, .above, .above])
        #expect(counted.target?.standing == .above)
    }

    @Test("change against a baseline period: clear improvement, no clear change, and the RAG rules")
    func changesAndRAG() throws {
        let kpi = KPI(
            id: "felt-fully-involved", title: "Felt fully involved", question: "involved",
            baseline: .period(label: "autumn 2019"), target: .atLeast(percent: 80))
        let baseline = BaselineFigure(label: "autumn 2019", figure: .counts(Proportion(positive: 21, total: 48)))
        // 30/40 against 21/48: +31 points, interval 0.106 to 0.482, clear improvement; below 80% → AMBER.
        let improved = Evaluation(
            indicator: Indicator(kpi), figure: .counts(Proportion(positive: 30, total: 40)), baseline: baseline)
        #expect(improved.baseline?.verdict == .clearImprovement)
        #expect(improved.baseline?.pointsText == "+31 points")
        #expect(improved.target?.status == .notYetClear)
        #expect(improved.target?.standing == .notClearlyDifferent)
        #expect(improved.rag == .amber)
        // 20/40 against 20/40: no clear change, 30 points short → RED.
        let flat = Evaluation(
            indicator: Indicator(kpi), figure: .counts(Proportion(positive: 20, total: 40)),
            baseline: BaselineFigure(label: "autumn 2019", figure: .counts(Proportion(positive: 20, total: 40))))
        #expect(flat.baseline?.verdict == .noClearChange)
        #expect(flat.baseline?.pointsText == "no change")
        #expect(flat.rag == .red)
        // Within 5 points of target without clear improvement → AMBER; meeting it → GREEN.
        #expect(
            Evaluation(indicator: Indicator(kpi), figure: .counts(Proportion(positive: 76, total: 100)), baseline: nil)
                .rag == .amber)
        #expect(
            Evaluation(indicator: Indicator(kpi), figure: .counts(Proportion(positive: 40, total: 40)), baseline: nil)
                .rag == .green)
        // 0 of 12: a figure, RED; 9 answers: not enough responses, never a colour.
        #expect(
            Evaluation(indicator: Indicator(kpi), figure: .counts(Proportion(positive: 0, total: 12)), baseline: nil)
                .rag == .red)
        #expect(
            Evaluation(indicator: Indicator(kpi), figure: .counts(Proportion(positive: 9, total: 9)), baseline: nil).rag
                == .notEnoughResponses)
        // Clearly short but within 5 points: AMBER; a KPI's own rules win: AMBER only within 2 points.
        #expect(
            Evaluation(
                indicator: Indicator(kpi), figure: .counts(Proportion(positive: 760, total: 1000)), baseline: nil
            ).rag == .amber)
        var strict = kpi
        strict.rag = RAGRules(amberWithinPoints: 2, amberWhenClearlyImproved: false)
        #expect(
            Evaluation(
                indicator: Indicator(strict), figure: .counts(Proportion(positive: 760, total: 1000)), baseline: nil
            ).rag == .red)
    }

    @Test("a baseline without counts is a fixed value: the change is given in points, never tested")
    func baselineWithoutCounts() {
        let kpi = KPI(id: "k", title: "K", question: "q", target: .increaseOnBaseline)
        let e = Evaluation(
            indicator: Indicator(kpi), figure: .counts(Proportion(positive: 30, total: 40)),
            baseline: BaselineFigure(label: "published 2019", figure: .percent(58)))
        #expect(e.baseline?.verdict == .clearlyAbovePublished)
        #expect(e.baseline?.change == nil)
        #expect(e.baseline?.pointsText == "+17 points")
        #expect(e.rag == .green)
    }

    @Test("trends: Cochran-Armitage over three or more periods; one period cannot be tested")
    func trends() {
        let labels = ["2021-22 Q1", "2021-22 Q2", "2021-22 Q3", "2021-22 Q4"]
        let periods = labels.map { try! PeriodCalendar.strict.parse($0) }
        let props = [
            Proportion(positive: 10, total: 30), Proportion(positive: 14, total: 32),
            Proportion(positive: 18, total: 31), Proportion(positive: 25, total: 35),
        ]
        let trend = Trend(Array(zip(periods, props)))
        #expect(trend.direction == .improving)
        #expect(
            trend.description.hasPrefix(
                "clearly improving (+12.9 points a period; chi-squared for trend 10.8, p = 0.001)"))
        let single = Trend([(periods[0], props[0])])
        #expect(single.direction == .tooFewPeriods && single.test == nil)
        let flat = Trend(
            Array(
                zip(
                    periods,
                    [
                        Proportion(positive: 10, total: 20), Proportion(positive: 11, total: 20),
                        Proportion(positive: 10, total: 20), Proportion(positive: 10, total: 20),
                    ])))
        #expect(flat.direction == .noClearTrend)
    }

    @Test("telephone against portal: a clear mode difference is said plainly; reach flags an under-represented group")
    func breakdowns() throws {
        let phone = Proportion(positive: 41, total: 50)
        let portal = Proportion(positive: 61, total: 100)
        let comparison = try #require(GroupComparison(first: "telephone", phone, second: "portal", portal))
        #expect(comparison.differClearly)
        #expect(
            comparison.sentence(phone, portal)
                == "telephone answers were clearly more positive than portal answers (82% against 61%, +21 points)")
        let reach = Reach(
            responses: ["primary": 70, "secondary": 25, "special": 5],
            populationPercent: ["primary": 45, "secondary": 40, "special": 15])
        #expect(reach.rows.filter(\.underRepresented).map(\.group) == ["secondary", "special"])
        #expect(ResponseRate(responses: 30, eligible: 120)?.rate.wholePercent == 25)
        #expect(ResponseRate(responses: 3, eligible: 0) == nil)
    }
}
