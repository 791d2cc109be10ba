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
    /// Its two-sided p-value (1 when z is undefined).
    public var p: Double
    /// What a reader should conclude.
    public var verdict: ChangeVerdict

    /// Compares `current` with `baseline`; `nil` when either has no answers.
    public init?(current: Proportion, baseline: Proportion, z zValue: Double = Wilson.z95) {
        guard let p1 = current.fraction, let p2 = baseline.fraction,
              let w1 = current.wilson(z: zValue), let w2 = baseline.wilson(z: zValue) else { return nil }
        let d = p1 - p2
        difference = d
        let lower = d - ((p1 - w1.lower) * (p1 - w1.lower) + (w2.upper - p2) * (w2.upper - p2)).squareRoot()
        let upper = d + ((w1.upper - p1) * (w1.upper - p1) + (p2 - w2.lower) * (p2 - w2.lower)).squareRoot()
        interval = Interval(lower: lower, upper: upper)
        let n1 = Double(current.total), n2 = Double(baseline.total)
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
        if lower > 0 {
            verdict = .clearImprovement
        } else if upper < 0 {
            verdict = .clearDecline
        } else {
            verdict = .noClearChange
        }
    }
}

/// What a change against a baseline means, in the words reports use. "Clear" means the
/// 95% interval for the difference excludes 0.
public enum ChangeVerdict: String, Sendable, Equatable, Codable {
    case clearImprovement = "clear improvement"
    case clearDecline = "clear decline"
    case noClearChange = "no clear change"
    /// The baseline is a published percentage without counts, so no interval exists.
    case cannotBeTested = "cannot be tested"
}

/// Where a result stands against a fixed figure (a target or a comparator), judged by
/// whether the figure lies inside the result's Wilson interval.
public enum Standing: String, Sendable, Equatable, Codable {
    case above
    case below
    case notClearlyDifferent = "not clearly different"

    /// `figure` is a percentage 0-100.
    public init(interval: Interval, figure: Double) {
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
