import SurveyDefinition

/// A figure per period over a range, its direction of travel and the test for trend.
///
/// One method decides both the p-value and the verdict: the exact test when any period's
/// expected number of positive or of other answers is below 5 (Cochran's rule for when
/// the chi-squared approximation is doubtful), the Cochran-Armitage chi-squared test
/// otherwise. Periods without answers are left out; the others keep their place in the
/// calendar as their score (1, 2, 3... over every period of the range), so a gap counts
/// as time passing.
public struct Trend: Sendable, Equatable, Codable {
    /// One period with answers.
    public struct Point: Sendable, Equatable, Codable {
        /// The period.
        public var period: Period
        /// Its KPI counts.
        public var proportion: Proportion
        /// Its Wilson interval, when it has answers.
        public var interval: Interval?
    }

    /// How the p-value was computed.
    package enum Method: String, Sendable, Equatable, Codable {
        case exact = "exact test for trend"
        case chiSquared = "chi-squared test for trend"
    }

    /// The periods with answers, oldest first.
    public var points: [Point]
    /// Cochran-Armitage's statistic and slope over the periods with answers; `nil` with
    /// fewer than three such periods or no variation.
    package var test: CochranArmitage?
    /// The method whose p decides ``direction``.
    package var method: Method?
    /// The deciding two-sided p-value.
    public var p: Double?
    /// Whether the KPI is clearly rising, clearly falling, or neither.
    public var direction: Direction
    /// The level at which a trend is "clear".
    public var confidence: Double

    /// The trend over `periods` (in calendar order), judged at `confidence`.
    public init(_ periods: [(Period, Proportion)], confidence: Double = 0.95) {
        self.confidence = confidence
        let z = Normal.z(confidence: confidence)
        points = periods.map { Point(period: $0.0, proportion: $0.1, interval: $0.1.wilson(z: z)) }
        let proportions = periods.map(\.1)
        let scores = proportions.indices.map { $0 + 1 }
        test = CochranArmitage(proportions, scores: scores.map(Double.init))
        let used = proportions.filter { $0.total > 0 }
        guard let test else {
            let all = used.reduce(Proportion.zero, +)
            direction =
                used.count >= 3 && (all.positive == 0 || all.positive == all.total) ? .noVariation : .tooFewPeriods
            return
        }
        if Self.needsExact(used), let exact = ExactTrend.p(proportions, scores: scores) {
            method = .exact
            p = exact
        } else {
            method = .chiSquared
            p = test.p
        }
        if let p, p < 1 - confidence {
            direction = test.slopePerPeriod > 0 ? .improving : .declining
        } else {
            direction = .noClearTrend
        }
    }

    /// Cochran's rule: some period's expected count of positive, or of other, answers is below 5.
    static func needsExact(_ used: [Proportion]) -> Bool {
        let all = used.reduce(Proportion.zero, +)
        guard let share = all.fraction else { return false }
        return used.contains { Double($0.total) * share < 5 || Double($0.total) * (1 - share) < 5 }
    }

    /// The direction of a trend, as reports word it.
    public enum Direction: String, Sendable, Equatable, Codable {
        case improving = "clearly improving"
        case declining = "clearly declining"
        case noClearTrend = "no clear trend"
        /// Fewer than three periods with answers: a trend cannot be tested.
        case tooFewPeriods = "too few periods to test a trend"
        /// Three or more periods, every answer positive (or none): nothing to test.
        case noVariation = "no variation to test"
    }

    /// The test behind the verdict, for allowing for many comparisons in a report.
    public var tested: TestedComparison? {
        guard let p else { return nil }
        return TestedComparison(
            kind: .trend, p: p, clear: direction == .improving || direction == .declining, alpha: 1 - confidence)
    }

    /// "clearly improving (+3.2 points a period; chi-squared for trend 10.8, p = 0.001)",
    /// "no clear trend (+8.3 points a period; exact test for trend, p = 0.10)".
    public var description: String {
        if direction == .noVariation {
            let all = points.map(\.proportion).reduce(Proportion.zero, +)
            return "no variation to test: "
                + (all.positive == 0
                    ? "no answer in any period was positive (0%)"
                    : "every answer in every period was positive (100%)")
        }
        guard let test, let method, let p else { return direction.rawValue }
        let slope = test.slopePerPeriod * 100
        let slopeText = (slope >= 0 ? "+" : "") + NumberText.fixed(slope, places: 1)
        let how =
            method == .exact
            ? "exact test for trend" : "chi-squared for trend \(NumberText.fixed(test.chiSquared, places: 1))"
        return "\(direction.rawValue) (\(slopeText) points a period; \(how), \(PValue.clause(p)))"
    }
}

/// p-values as reports print them.
enum PValue {
    /// "p = 0.003", "p < 0.001".
    static func clause(_ p: Double) -> String {
        let t = text(p)
        return t.hasPrefix("<") ? "p " + t : "p = " + t
    }

    /// "0.003", "< 0.001", "0.051", "0.21": three decimals below 0.1, so a p-value near
    /// 0.05 never prints as "0.05" beside a verdict it does not support.
    static func text(_ p: Double) -> String {
        if p < 0.001 { return "< 0.001" }
        if p < 0.1 { return NumberText.fixed(p, places: 3) }
        return NumberText.fixed(p, places: 2)
    }
}
