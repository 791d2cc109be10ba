import Foundation
import SurveyDefinition
import TestSupport
import Testing

@testable import FeedbackStatistics

/// Reference values for the verdicts, computed independently with statsmodels and by
/// brute-force enumeration (Fixtures/verdict-vectors.py), copied into
/// Fixtures/verdict-vectors.json.
struct VerdictVectors: Decodable {
    struct NewcombeP: Decodable {
        var current: [Int]
        var baseline: [Int]
        var lower95: Double
        var upper95: Double
        var intervalP: Double
    }
    struct ScoreTest: Decodable {
        var positive: Int
        var total: Int
        var target: Double
        var p: Double
        var lower95: Double
        var upper95: Double
    }
    struct Holm: Decodable {
        var p: [Double]
        var adjusted: [Double]
    }
    struct ExactTrendCase: Decodable {
        var positive: [Int]
        var total: [Int]
        var exactP: Double
        var chiSquared: Double
        var asymptoticP: Double
    }
    struct WilsonCase: Decodable {
        var positive: Int
        var total: Int
        var lower: Double
        var upper: Double
    }
    var newcombeIntervalP: [NewcombeP]
    var scoreTestAgainstFixed: [ScoreTest]
    var holm: [Holm]
    var exactTrend: [ExactTrendCase]
    var wilson999: WilsonCase

    static let shared: VerdictVectors = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/verdict-vectors.json")
        return try! JSONDecoder().decode(VerdictVectors.self, from: Data(contentsOf: url))
    }()
}

@Suite("Verdicts rest on intervals at the workspace's confidence level")
struct VerdictTests {
    let increase = Indicator(
        id: "communication-good", title: "Felt communication was good", target: .increaseOnBaseline)
    func counts(_ x: Int, _ n: Int) -> Figure { .counts(Proportion(positive: x, total: n)) }
    func baseline(_ x: Int, _ n: Int) -> BaselineFigure { BaselineFigure(label: "autumn 2019", figure: counts(x, n)) }

    @Test("the demo's communication KPI (20 of 40 against 15 of 48) is not yet clear, so AMBER, and no text says met")
    func communicationIsNotGreen() throws {
        let e = Evaluation(indicator: increase, figure: counts(20, 40), baseline: baseline(15, 48))
        let v = try #require(
            VerdictVectors.shared.newcombeIntervalP.first { $0.current == [20, 40] && $0.baseline == [15, 48] })
        let change = try #require(e.baseline?.change)
        #expect(abs(change.interval.lower - v.lower95) < 1e-9 && abs(change.interval.upper - v.upper95) < 1e-9)
        #expect(e.baseline?.verdict == .noClearChange)
        #expect(e.target?.status == .notYetClear)
        #expect(e.rag == .amber)
        #expect(e.target?.description == "increase on autumn 2019 (31%)")
        let words = [e.baseline!.sentence, e.target!.sentence, e.ragReason, e.rag.words].joined(separator: " ")
        #expect(!words.contains(" met"), "\(words)")
        #expect(e.baseline?.sentence == "+19 points on autumn 2019 (31%): no clear change")
    }

    @Test("a real improvement (30 of 40 against 15 of 48) is still GREEN")
    func realImprovementIsGreen() {
        let e = Evaluation(indicator: increase, figure: counts(30, 40), baseline: baseline(15, 48))
        #expect(e.baseline?.verdict == .clearImprovement)
        #expect(e.target?.status == .clearlyMet)
        #expect(e.rag == .green)
    }

    @Test("a change's p-value is its interval's own, so p and verdict never disagree")
    func intervalP() throws {
        for v in VerdictVectors.shared.newcombeIntervalP {
            let change = try #require(
                Change(
                    current: Proportion(positive: v.current[0], total: v.current[1]),
                    baseline: Proportion(positive: v.baseline[0], total: v.baseline[1])))
            #expect(
                abs(change.intervalP - v.intervalP) <= 1e-8 * max(v.intervalP, 1e-6),
                "\(v.current) vs \(v.baseline): \(change.intervalP)")
            #expect(change.verdict.isClear == (change.intervalP < 0.05), "\(v.current) vs \(v.baseline)")
        }
    }

    @Test("against a fixed target the interval decides: 78 of 100 against at least 75% is not yet clear, not met")
    func fixedTargets() throws {
        for v in VerdictVectors.shared.scoreTestAgainstFixed {
            let p = Proportion(positive: v.positive, total: v.total)
            let fixed = try #require(FixedValueTest.p(p, against: v.target))
            #expect(abs(fixed - v.p) <= 1e-9 * max(v.p, 1e-6), "\(v.positive)/\(v.total) against \(v.target): \(fixed)")
            let e = Evaluation(
                indicator: Indicator(id: "k", title: "K", target: .atLeast(percent: v.target)), figure: .counts(p),
                baseline: nil)
            let interval = try #require(e.interval)
            #expect(abs(interval.lower - v.lower95) < 1e-9 && abs(interval.upper - v.upper95) < 1e-9)
            // Outside the interval exactly when the score test's p is below 0.05.
            #expect((e.target?.status != .notYetClear) == (v.p < 0.05), "\(v.positive)/\(v.total) against \(v.target)")
        }
        let e = Evaluation(
            indicator: Indicator(id: "k", title: "K", target: .atLeast(percent: 75)), figure: counts(78, 100),
            baseline: nil)
        #expect(e.target?.status == .notYetClear && e.rag == .amber)
        #expect(e.target?.sentence == "at least 75%: not yet clear")
        // Clearly short: 9 of 40 (23%) against at least 47%.
        let short = Evaluation(
            indicator: Indicator(id: "k", title: "K", target: .atLeast(percent: 47)), figure: counts(9, 40),
            baseline: nil)
        #expect(short.target?.status == .clearlyShort && short.rag == .red)
        // Clearly met: 95 of 100 against at least 75%.
        let met = Evaluation(
            indicator: Indicator(id: "k", title: "K", target: .atLeast(percent: 75)), figure: counts(95, 100),
            baseline: nil)
        #expect(met.target?.status == .clearlyMet && met.rag == .green)
    }

    @Test("a bare published baseline is a fixed value, never a tested change; two bare figures are compared as given")
    func publishedBaseline() throws {
        let published = BaselineFigure(label: "2019/20", figure: .percent(47))
        let above = Evaluation(indicator: increase, figure: counts(30, 40), baseline: published)
        #expect(above.baseline?.verdict == .clearlyAbovePublished)
        #expect(above.baseline?.change == nil)
        let v = try #require(VerdictVectors.shared.scoreTestAgainstFixed.first { $0.positive == 30 && $0.target == 47 })
        #expect(abs((above.baseline?.p ?? 1) - v.p) <= 1e-9 * v.p)
        #expect(above.rag == .green)
        // 48% (23 of 48) against 47%: +1 point, not clearly different: AMBER, never "cannot be tested ... met".
        let close = Evaluation(indicator: increase, figure: counts(23, 48), baseline: published)
        #expect(
            close.baseline?.sentence == "+1 point on 2019/20 (47%): not clearly different from the published figure")
        #expect(close.target?.status == .notYetClear && close.rag == .amber)
        // A published figure (75%) against a published baseline (47%): compared as given.
        let bare = Evaluation(indicator: increase, figure: .percent(75), baseline: published)
        #expect(bare.baseline?.verdict == .cannotBeTested)
        #expect(bare.target?.status == .metAsPublished && bare.rag == .green)
        #expect(bare.ragReason.contains("no counts to test"))
    }

    @Test("a baseline under the suppression threshold is too small to compare: no points, no verdict, no colour")
    func smallBaseline() {
        let e = Evaluation(indicator: increase, figure: counts(12, 40), baseline: baseline(4, 6), minimumAnswers: 10)
        #expect(e.baseline?.verdict == .baselineTooSmall)
        #expect(e.baseline?.points == nil && e.baseline?.change == nil)
        #expect(e.baseline?.sentence == "autumn 2019 (6 answers): too small to compare")
        #expect(e.rag == .baselineTooSmall)
        #expect(e.tests.isEmpty)
        // At the threshold it is compared.
        #expect(
            Evaluation(indicator: increase, figure: counts(12, 40), baseline: baseline(6, 10), minimumAnswers: 10)
                .baseline?.verdict != .baselineTooSmall)
    }

    @Test("under no change, 400 seeded KPI-periods are rated GREEN at most 5% of the time")
    func noChangeSimulation() {
        var random = SeededGenerator(seed: 2021)
        func draw(_ n: Int) -> Int { (0..<n).reduce(0) { sum, _ in sum + Int(random.next() >> 63) } }
        let fixed = Indicator(id: "fixed", title: "Fixed", target: .atLeast(percent: 50))
        var green = 0
        var total = 0
        // 50 KPIs, each with a baseline of 48 answers and four quarters of 40, every one truly 50%:
        // half judged as "increase on baseline", half against "at least 50%".
        for kpi in 0..<100 {
            let base = baseline(draw(48), 48)
            for _ in 0..<4 {
                let e = Evaluation(
                    indicator: kpi % 2 == 0 ? increase : fixed, figure: counts(draw(40), 40), baseline: base)
                total += 1
                if e.rag == .green { green += 1 }
            }
        }
        #expect(total == 400)
        #expect(green <= total * 5 / 100, "\(green) of \(total) GREEN")
    }

    @Test("the confidence level decides the interval, the word clear and the printed level")
    func confidenceLevel() throws {
        let v = VerdictVectors.shared.wilson999
        let e = Evaluation(
            indicator: Indicator(id: "k", title: "K", target: .atLeast(percent: 75)),
            figure: counts(v.positive, v.total),
            baseline: baseline(21, 48), confidence: 0.999)
        let interval = try #require(e.interval)
        #expect(abs(interval.lower - v.lower) < 1e-9 && abs(interval.upper - v.upper) < 1e-9)
        // 30 of 40 against 21 of 48: clear at 95% (interval p 0.0029), not at 99.9%.
        let at95 = Evaluation(indicator: increase, figure: counts(30, 40), baseline: baseline(21, 48))
        let at999 = Evaluation(
            indicator: increase, figure: counts(30, 40), baseline: baseline(21, 48), confidence: 0.999)
        #expect(at95.baseline?.verdict == .clearImprovement && at95.rag == .green)
        #expect(at999.baseline?.verdict == .noClearChange && at999.rag == .amber)
        #expect(
            ConfidenceText.percent(0.999) == "99.9%" && ConfidenceText.percent(0.95) == "95%"
                && ConfidenceText.percent(0.998) == "99.8%")
        // A trend with p = 0.0010 is clear at 95% and at 99.8%... but p = 0.029 only at 95%.
        let periods = (1...4).map {
            PeriodScheme.financialQuarter.period(containing: CivilTime.dayNumber(year: 2021, month: 3 * $0 + 1, day: 1))
        }
        let small = zip(periods, [1, 2, 3, 5].enumerated().map { Proportion(positive: $1, total: [6, 5, 6, 6][$0]) })
            .map { ($0, $1) }
        #expect(Trend(small, confidence: 0.95).direction == .improving)
        #expect(Trend(small, confidence: 0.99).direction == .noClearTrend)
    }

    @Test("trends at small numbers use the exact test, whose p decides the verdict; larger ones the chi-squared test")
    func exactTrends() throws {
        for v in VerdictVectors.shared.exactTrend {
            let props = zip(v.positive, v.total).map { Proportion(positive: $0, total: $1) }
            let exact = try #require(ExactTrend.p(props, scores: Array(1...props.count)))
            #expect(abs(exact - v.exactP) < 1e-9, "\(v.positive) of \(v.total): \(exact)")
            let periods = props.indices.map { Period(label: "p\($0)", scheme: nil, first: $0, last: $0) }
            let trend = Trend(Array(zip(periods, props)))
            // Every case has some expected count below 5: the exact test decides.
            #expect(trend.method == .exact && trend.p == exact)
            #expect((trend.direction == .improving || trend.direction == .declining) == (v.exactP < 0.05))
            let test = try #require(trend.test)
            #expect(abs(test.chiSquared - v.chiSquared) < 1e-9 && abs(test.p - v.asymptoticP) < 1e-9)
        }
        // Chi-squared says p = 0.049 ("clear"); exactly it is 0.14: no clear trend.
        let case4 = [
            Proportion(positive: 0, total: 1), Proportion(positive: 1, total: 2), Proportion(positive: 2, total: 2),
            Proportion(positive: 2, total: 2),
        ]
        let periods = case4.indices.map { Period(label: "p\($0)", scheme: nil, first: $0, last: $0) }
        let trend = Trend(Array(zip(periods, case4)))
        #expect(trend.test!.p < 0.05 && trend.direction == .noClearTrend)
        #expect(trend.description.contains("exact test for trend, p = 0.14"))
        // Every period with enough answers: chi-squared.
        let large = [
            Proportion(positive: 10, total: 30), Proportion(positive: 14, total: 32),
            Proportion(positive: 18, total: 31), Proportion(positive: 25, total: 35),
        ]
        #expect(Trend(Array(zip(periods, large))).method == .chiSquared)
    }

    @Test("an empty period keeps its place in the calendar; no variation says so plainly")
    func emptyPeriodsAndNoVariation() throws {
        let periods = (0..<4).map { Period(label: "p\($0)", scheme: nil, first: $0, last: $0) }
        let gap = [
            Proportion(positive: 2, total: 5), .zero, Proportion(positive: 3, total: 5),
            Proportion(positive: 4, total: 5),
        ]
        let v = try #require(VerdictVectors.shared.exactTrend.first { $0.total == [5, 0, 5, 5] })
        let trend = Trend(Array(zip(periods, gap)))
        #expect(abs((trend.p ?? 0) - v.exactP) < 1e-9)
        // Scored 1, 2, 3 instead (the gap closed up), the test would differ.
        let closed = try #require(ExactTrend.p([gap[0], gap[2], gap[3]], scores: [1, 2, 3]))
        #expect(abs(closed - v.exactP) > 0.01)
        let allPositive = Trend(periods.map { ($0, Proportion(positive: 3, total: 3)) })
        #expect(allPositive.direction == .noVariation)
        #expect(allPositive.description == "no variation to test: every answer in every period was positive (100%)")
        #expect(
            Trend(periods.map { ($0, Proportion(positive: 0, total: 2)) }).description.contains(
                "no answer in any period was positive"))
        #expect(Trend(Array(zip(periods.prefix(2), gap.prefix(2)))).direction == .tooFewPeriods)
    }

    @Test(
        "Holm's adjustment matches statsmodels; a lone clear result among many is provisional and the count is stated")
    func multipleComparisons() {
        for v in VerdictVectors.shared.holm {
            let adjusted = MultipleComparisons.holm(v.p)
            #expect(zip(adjusted, v.adjusted).allSatisfy { abs($0 - $1) < 1e-12 }, "\(v.p): \(adjusted)")
        }
        let tests = [0.2, 0.001, 0.049, 0.5, 0.012, 0.03].map {
            TestedComparison(kind: .baseline, p: $0, clear: $0 < 0.05, alpha: 0.05)
        }
        let family = MultipleComparisons(tests, confidence: 0.95)
        #expect(family.count == 6 && family.clearCount == 4 && family.holdingCount == 1)
        #expect(family.provisional == [false, false, true, false, true, true])
        #expect(
            family.sentence
                == "This report makes 6 comparisons at the 95% level. Allowing for that many (Holm's method), 1 of the 4 clear results stays clear; the other 3 are marked provisional: treat them as a lead to check, not a finding."
        )
        #expect(MultipleComparisons([tests[0]], confidence: 0.95).sentence == nil)
    }
}
