/// A figure per period over a range, its direction of travel and the test for trend.
public struct Trend: Sendable, Equatable, Codable {
    public struct Point: Sendable, Equatable, Codable {
        public var period: Period
        public var proportion: Proportion
        public var interval: Interval?
    }

    public var points: [Point]
    /// Cochran-Armitage over the periods with answers; `nil` with fewer than three.
    public var test: CochranArmitage?
    public var direction: Direction

    public init(_ periods: [(Period, Proportion)], z: Double = Wilson.z95) {
        points = periods.map { Point(period: $0.0, proportion: $0.1, interval: $0.1.wilson(z: z)) }
        test = CochranArmitage(periods.map(\.1))
        if let test, test.p < 0.05 {
            direction = test.slopePerPeriod > 0 ? .improving : .declining
        } else if test != nil {
            direction = .noClearTrend
        } else {
            direction = .tooFewPeriods
        }
    }

    public enum Direction: String, Sendable, Equatable, Codable {
        case improving = "clearly improving"
        case declining = "clearly declining"
        case noClearTrend = "no clear trend"
        /// Fewer than three periods with answers: a trend cannot be tested.
        case tooFewPeriods = "too few periods to test a trend"
    }

    /// "clearly improving (+3.2 points a period, χ² = 10.8, p = 0.001)".
    public var description: String {
        guard let test else { return direction.rawValue }
        let slope = test.slopePerPeriod * 100
        let slopeText = (slope >= 0 ? "+" : "") + String(format1: slope)
        return "\(direction.rawValue) (\(slopeText) points a period; chi-squared for trend \(String(format1: test.chiSquared)), \(PValue.clause(test.p)))"
    }
}

/// p-values as reports print them.
public enum PValue {
    /// "p = 0.003", "p < 0.001".
    public static func clause(_ p: Double) -> String {
        let t = text(p)
        return t.hasPrefix("<") ? "p " + t : "p = " + t
    }

    /// "0.003", "< 0.001", "0.21".
    public static func text(_ p: Double) -> String {
        if p < 0.001 { return "< 0.001" }
        if p < 0.01 { return String(format3: p) }
        return String(format2: p)
    }
}

extension String {
    init(format1 value: Double) { self = Self.fixed(value, 1) }
    init(format2 value: Double) { self = Self.fixed(value, 2) }
    init(format3 value: Double) { self = Self.fixed(value, 3) }

    /// Fixed decimals, rounded half away from zero, without Foundation's locale.
    static func fixed(_ value: Double, _ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        let whole = Int(scaled / scale)
        var fraction = String(Int(scaled) - whole * Int(scale))
        while fraction.count < places { fraction = "0" + fraction }
        return (value < 0 && scaled > 0 ? "-" : "") + "\(whole)" + (places > 0 ? "." + fraction : "")
    }
}
