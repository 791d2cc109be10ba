/// A change between two independent proportions (this period against a baseline), in
/// percentage points, with Newcombe's hybrid score interval (method 10) and the pooled
/// two-proportion z-test.
public struct Change: Sendable, Equatable, Codable {
    /// current − baseline, as a fraction (-1 to 1).
    public var difference: Double
    /// Newcombe's hybrid score interval for the difference (fractions).
    public var interval: Interval
    /// The pooled two-proportion z statistic; `nil` when both are 0% or both 100%.
    public var z: Double?
    /// The z-test's two-sided p-value (1 when z is undefined). Kept for reference: the
    /// verdict is decided by the interval, whose own p-value is ``intervalP``.
    public var p: Double
    /// The p-value that goes with the interval: 1 minus the highest confidence level at
    /// which Newcombe's interval still excludes 0. The change is "clear" at level `c`
    /// exactly when `intervalP < 1 - c`, so this p and the verdict never disagree.
    package var intervalP: Double
    /// What a reader should conclude.
    public var verdict: ChangeVerdict

    /// Compares `current` with `baseline`; `nil` when either has no answers.
    package init?(current: Proportion, baseline: Proportion, z zValue: Double = Wilson.z95) {
        guard let p1 = current.fraction, let p2 = baseline.fraction,
            let interval = Self.newcombe(current, baseline, z: zValue)
        else { return nil }
        let d = p1 - p2
        difference = d
        self.interval = interval
        let n1 = Double(current.total)
        let n2 = Double(baseline.total)
        let pooled = Double(current.positive + baseline.positive) / (n1 + n2)
        let se = (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        if se > 0 {
            let statistic = d / se
            z = statistic
            p = Normal.twoSidedP(statistic)
        } else {
            z = nil
            p = 1
        }
        intervalP = Self.intervalP(current, baseline)
        if interval.lower > 0 {
            verdict = .clearImprovement
        } else if interval.upper < 0 {
            verdict = .clearDecline
        } else {
            verdict = .noClearChange
        }
    }

    /// Newcombe's hybrid score interval at the normal quantile `z`.
    static func newcombe(_ current: Proportion, _ baseline: Proportion, z: Double) -> Interval? {
        guard let p1 = current.fraction, let p2 = baseline.fraction,
            let w1 = current.wilson(z: z), let w2 = baseline.wilson(z: z)
        else { return nil }
        let d = p1 - p2
        let lower = d - ((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2)).squareRoot()
        let upper = d + ((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower)).squareRoot()
        return Interval(lower: lower, upper: upper)
    }

    /// Inverts the interval: the z at which its nearer end reaches 0, found by bisection
    /// (the Wilson intervals, and so Newcombe's, widen steadily as z grows), as a
    /// two-sided p-value.
    static func intervalP(_ current: Proportion, _ baseline: Proportion) -> Double {
        guard let p1 = current.fraction, let p2 = baseline.fraction, p1 != p2 else { return 1 }
        func excludesZero(_ z: Double) -> Bool {
            guard let i = newcombe(current, baseline, z: z) else { return false }
            return p1 > p2 ? i.lower > 0 : i.upper < 0
        }
        var low = 0.0
        var high = 40.0
        // Beyond z = 40 the p-value is below 1e-300: report it as 0.
        if excludesZero(high) { return 0 }
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if excludesZero(mid) { low = mid } else { high = mid }
            if high - low < 1e-14 { break }
        }
        return Normal.twoSidedP((low + high) / 2)
    }
}

/// What a change against a baseline means, in the words reports use. "Clear" means the
/// interval for the difference, at the workspace's confidence level, excludes 0.
public enum ChangeVerdict: String, Sendable, Equatable, Codable {
    case clearImprovement = "clear improvement"
    case clearDecline = "clear decline"
    case noClearChange = "no clear change"
    /// The baseline is a published percentage without counts: the result's own interval
    /// lies above that figure (compared as a fixed value, not as a tested change).
    case clearlyAbovePublished = "clearly above the published figure"
    /// ... lies below it.
    case clearlyBelowPublished = "clearly below the published figure"
    /// ... includes it.
    case notClearlyDifferentFromPublished = "not clearly different from the published figure"
    /// Neither figure has counts: two published percentages, compared as given.
    case cannotBeTested = "cannot be tested"
    /// The baseline has fewer answers than the suppression threshold.
    case baselineTooSmall = "baseline too small to compare"

    /// Whether the verdict is a clear result in either direction.
    public var isClear: Bool {
        switch self {
        case .clearImprovement, .clearDecline, .clearlyAbovePublished, .clearlyBelowPublished: return true
        default: return false
        }
    }

    /// Whether the result clearly rose (or stands clearly above a published baseline).
    var isClearRise: Bool { self == .clearImprovement || self == .clearlyAbovePublished }
    /// Whether the result clearly fell (or stands clearly below a published baseline).
    public var isClearFall: Bool { self == .clearDecline || self == .clearlyBelowPublished }
}

/// Where a result stands against a fixed figure (a target or a comparator), judged by
/// whether the figure lies inside the result's Wilson interval.
package enum Standing: String, Sendable, Equatable, Codable {
    case above
    case below
    case notClearlyDifferent = "not clearly different"

    /// `figure` is a percentage 0-100.
    init(interval: Interval, figure: Double) {
        let f = figure / 100
        if interval.lower > f {
            self = .above
        } else if interval.upper < f {
            self = .below
        } else {
            self = .notClearlyDifferent
        }
    }
}

/// A proportion tested against a fixed value (a target, a comparator or a published
/// baseline) by the score test that the Wilson interval inverts: the value lies outside
/// the interval at level `c` exactly when this test's p is below `1 - c`.
package enum FixedValueTest {
    /// Two-sided p of the score test of `proportion` against `percent` (0-100); `nil`
    /// without answers.
    package static func p(_ proportion: Proportion, against percent: Double) -> Double? {
        guard let phat = proportion.fraction else { return nil }
        let p0 = percent / 100
        if p0 <= 0 || p0 >= 1 {
            // The interval reaches 0 (or 1) only when every answer is 0 (or 1).
            return phat == p0 ? 1 : 0
        }
        let z = (phat - p0) / (p0 * (1 - p0) / Double(proportion.total)).squareRoot()
        return Normal.twoSidedP(z)
    }
}
