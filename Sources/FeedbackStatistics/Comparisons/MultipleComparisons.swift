import SurveyDefinition

/// One test behind a verdict in words ("clear improvement", "clearly met", "clearly
/// improving"), with the p-value that decides it.
public struct TestedComparison: Sendable, Equatable, Codable {
    /// What was compared.
    public enum Kind: String, Sendable, Equatable, Codable {
        /// This period against the baseline.
        case baseline
        /// Against a fixed target.
        case target
        /// A trend over periods.
        case trend
    }

    /// What was compared.
    public var kind: Kind
    /// The p-value of the method that decided the verdict.
    public var p: Double
    /// Whether the verdict is clear on its own, before allowing for other comparisons.
    public var clear: Bool

    /// One test with its p-value and whether its verdict is clear; `alpha` is the report's level.
    public init(kind: Kind, p: Double, clear: Bool, alpha: Double) {
        self.kind = kind
        self.p = p
        // The verdict decides; its p agrees with it except exactly at the boundary.
        self.clear = clear
    }
}

/// Allowing for many comparisons in one report (Holm's step-down method, which keeps
/// the chance of any false "clear" among them at the report's level, 1 − confidence):
/// a verdict that is clear on its own but not once the number of comparisons is
/// allowed for is marked **provisional**. The verdicts themselves are not changed.
public struct MultipleComparisons: Sendable, Equatable {
    /// How many comparisons the report makes.
    public var count: Int
    /// The report's confidence level (0.95): the chance of any false "clear" is at most 1 − this.
    public var confidence: Double
    /// Holm-adjusted p-values, in the order the tests were given.
    package var adjusted: [Double]
    /// Per test: clear on its own, but not once the others are allowed for.
    public var provisional: [Bool]
    /// Per test: clear on its own.
    public var clear: [Bool]

    /// Holm's adjustment of `tests` at `confidence`.
    public init(_ tests: [TestedComparison], confidence: Double) {
        count = tests.count
        self.confidence = confidence
        adjusted = Self.holm(tests.map(\.p))
        clear = tests.map(\.clear)
        let alpha = 1 - confidence
        provisional = zip(tests, adjusted).map { $0.clear && $1 >= alpha }
    }

    /// Holm's adjusted p-values (as statsmodels' `multipletests(method="holm")` and R's
    /// `p.adjust(method = "holm")`): sorted ascending, the i-th smallest (from 1) is
    /// multiplied by m − i + 1, each at least the one before, at most 1; returned in the
    /// given order.
    package static func holm(_ p: [Double]) -> [Double] {
        let m = p.count
        let order = p.indices.sorted { p[$0] < p[$1] || (p[$0] == p[$1] && $0 < $1) }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * p[index]))
            adjusted[index] = running
        }
        return adjusted
    }

    /// Results clear on their own.
    public var clearCount: Int { clear.filter { $0 }.count }
    /// Results that stay clear once every comparison is allowed for.
    public var holdingCount: Int { zip(clear, provisional).filter { $0 && !$1 }.count }

    /// "This report makes 22 comparisons at the 95% level. Allowing for that many
    /// (Holm's method), 1 of the 3 clear results stays clear; the other 2 are marked
    /// provisional." Nothing when the report makes fewer than two.
    public var sentence: String? {
        guard count >= 2 else { return nil }
        var s = "This report makes \(count) comparisons at the \(ConfidenceText.percent(confidence)) level."
        switch (clearCount, clearCount - holdingCount) {
        case (0, _):
            s += " None is clear, so none needs allowing for."
        case (let c, 0):
            s +=
                " Allowing for that many (Holm's method), \(c == 1 ? "the clear result stays" : "all \(c) clear results stay") clear."
        case (let c, let p) where p == c:
            s +=
                " Allowing for that many (Holm's method), none of the \(c) clear result\(c == 1 ? "" : "s") stays clear; "
                + (c == 1 ? "it is" : "all are")
                + " marked provisional: treat \(c == 1 ? "it" : "them") as a lead to check, not a finding."
        case (let c, let p):
            s +=
                " Allowing for that many (Holm's method), \(holdingCount) of the \(c) clear result\(c == 1 ? "" : "s") "
                + "\(holdingCount == 1 ? "stays" : "stay") clear; "
                + (p == 1 ? "the other is" : "the other \(p) are")
                + " marked provisional: treat \(p == 1 ? "it" : "them") as a lead to check, not a finding."
        }
        return s
    }
}

/// Confidence levels as words print them.
public enum ConfidenceText {
    /// "95%", "99.8%", "99.9%".
    public static func percent(_ confidence: Double) -> String {
        NumberText.brief(confidence * 100, places: 1) + "%"
    }
}
