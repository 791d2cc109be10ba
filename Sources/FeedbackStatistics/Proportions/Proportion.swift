/// A share such as "30 of 40 agreed": the counts are always kept, never only the
/// percentage.
public struct Proportion: Sendable, Equatable, Hashable, Codable {
    /// Answers counted as positive (the numerator).
    public var positive: Int
    /// Answers in the base (the denominator): substantive answers for a KPI.
    public var total: Int

    /// `positive` of `total` answers.
    public init(positive: Int, total: Int) {
        precondition(positive >= 0 && total >= positive, "0 ≤ positive ≤ total")
        self.positive = positive
        self.total = total
    }

    /// positive / total, or `nil` when there are no answers (never NaN).
    public var fraction: Double? { total == 0 ? nil : Double(positive) / Double(total) }

    /// The exact percentage 0-100, or `nil` when there are no answers.
    public var percent: Double? { fraction.map { $0 * 100 } }

    /// The percentage as reports print it: a whole number rounded half away from zero,
    /// computed from the integers (1280 of 1737 → 74; 1 of 8 → 13).
    public var wholePercent: Int? {
        guard total > 0 else { return nil }
        // round(100·p/t) half up, in integers: floor((200·p + t) / (2·t)).
        return (200 * positive + total) / (2 * total)
    }

    /// A percentage known only as a number (a figure published without counts, a
    /// target, a share of responses) as reports print it: whole, rounded half away
    /// from zero. From counts, ``wholePercent`` is exact (done in integers).
    public static func wholePercent(of percent: Double) -> Int {
        percent.isFinite && abs(percent) < 1e15 ? Int(percent.rounded(.toNearestOrAwayFromZero)) : 0
    }

    /// "74%": ``wholePercent(of:)`` with its sign, as reports print a percentage.
    public static func percentText(_ percent: Double) -> String { "\(wholePercent(of: percent))%" }

    /// The Wilson score interval (fractions 0-1); `nil` when there are no answers.
    package func wilson(z: Double = Wilson.z95) -> Interval? {
        Wilson.interval(positive: positive, total: total, z: z)
    }

    /// Combines counts (e.g. days into a period).
    public static func + (a: Proportion, b: Proportion) -> Proportion {
        Proportion(positive: a.positive + b.positive, total: a.total + b.total)
    }

    /// No answers.
    public static let zero = Proportion(positive: 0, total: 0)
}

/// A confidence interval, as fractions 0-1 (or, for a difference, -1 to 1).
public struct Interval: Sendable, Equatable, Hashable, Codable {
    /// The lower end, as a fraction.
    public var lower: Double
    /// The upper end, as a fraction.
    public var upper: Double

    /// An interval from `lower` to `upper` (fractions).
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` (a fraction) lies within the interval, ends included.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
