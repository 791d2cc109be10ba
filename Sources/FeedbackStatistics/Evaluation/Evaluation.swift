import SurveyDefinition

/// A KPI or measure for one period, judged against its baseline, target and
/// comparators, with its RAG rating: everything a report says about it.
public struct Evaluation: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var figure: Figure
    /// Wilson interval (fractions) when the figure has counts.
    public var interval: Interval?
    public var baseline: BaselineComparison?
    public var target: TargetComparison?
    public var comparators: [ComparatorComparison]
    public var rag: RAG
    /// Why the rating is what it is, in a sentence.
    public var ragReason: String

    /// Evaluates `figure` for `indicator`.
    /// - Parameters:
    ///   - minimumAnswers: the base below which there are "not enough responses" (the
    ///     indicator's own `rag.minimumAnswers` wins); also the suppression threshold.
    public init(indicator: Indicator, figure: Figure, baseline: BaselineFigure?, minimumAnswers: Int = 10,
                z: Double = Wilson.z95) {
        id = indicator.id
        title = indicator.title
        self.figure = figure
        let interval = figure.proportion.flatMap { $0.wilson(z: z) }
        self.interval = interval
        let baselineComparison = baseline.map { BaselineComparison(current: figure, baseline: $0, z: z) }
        self.baseline = baselineComparison
        comparators = indicator.comparators.map { ComparatorComparison(current: figure, interval: interval, comparator: $0) }
        let targetComparison = indicator.target.flatMap { target in
            TargetComparison(target: target, current: figure, interval: interval, baseline: baseline,
                             comparators: indicator.comparators)
        }
        target = targetComparison
        (rag, ragReason) = RAG.rate(figure: figure, target: targetComparison, baseline: baselineComparison, rules: indicator.rag,
                                    minimumAnswers: indicator.rag.minimumAnswers ?? minimumAnswers)
    }
}

/// The change since the baseline.
public struct BaselineComparison: Sendable, Equatable, Codable {
    public var label: String
    public var figure: Figure
    /// The change in whole percentage points between the displayed percentages, so that
    /// a reader's subtraction agrees with the text (74% against 50% is "+24 points").
    public var points: Int?
    /// The exact change, interval and test, when both sides have counts.
    public var change: Change?
    public var verdict: ChangeVerdict

    init(current: Figure, baseline: BaselineFigure, z: Double) {
        label = baseline.label
        figure = baseline.figure
        if let a = current.wholePercent, let b = baseline.figure.wholePercent { points = a - b }
        if let c = current.proportion, let b = baseline.figure.proportion, let change = Change(current: c, baseline: b, z: z) {
            self.change = change
            verdict = change.verdict
        } else {
            verdict = .cannotBeTested
        }
    }

    /// "+28 points", "-6 points", "no change".
    public var pointsText: String? { points.map(PointsText.text) }
}

/// Against a named comparator (England 58%).
public struct ComparatorComparison: Sendable, Equatable, Codable {
    public var name: String
    public var percent: Double
    public var period: String?
    /// Displayed difference in whole points (86% against 58% → +28).
    public var points: Int?
    /// Whether the comparator's figure lies outside the Wilson interval; `nil` without counts.
    public var standing: Standing?

    init(current: Figure, interval: Interval?, comparator: Comparator) {
        name = comparator.name
        percent = comparator.percent
        period = comparator.period
        if let a = current.wholePercent { points = a - Int(comparator.percent.rounded(.toNearestOrAwayFromZero)) }
        standing = interval.map { Standing(interval: $0, figure: comparator.percent) }
    }

    public var pointsText: String? { points.map(PointsText.text) }
}

/// Against the target.
public struct TargetComparison: Sendable, Equatable, Codable {
    /// "at least 75%", "increase on baseline", "at least England (58%)".
    public var description: String
    /// The figure to reach, 0-100.
    public var percent: Double
    /// The point estimate reaches the target (increase on baseline: is above it).
    public var met: Bool
    /// Whether the target lies outside the Wilson interval; `nil` without counts.
    public var standing: Standing?

    init?(target: Target, current: Figure, interval: Interval?, baseline: BaselineFigure?, comparators: [Comparator]) {
        guard let value = current.percent else { return nil }
        switch target {
        case .atLeast(let p):
            description = "at least \(Baseline.format(p))%"
            percent = p
            met = value >= p
        case .increaseOnBaseline:
            guard let b = baseline?.figure.percent else { return nil }
            description = "increase on baseline (\(Baseline.format((b * 10).rounded() / 10))%)"
            percent = b
            met = value > b
        case .atLeastComparator(let name):
            guard let c = comparators.first(where: { $0.name == name }) else { return nil }
            description = "at least \(name) (\(Baseline.format(c.percent))%)"
            percent = c.percent
            met = value >= c.percent
        }
        standing = interval.map { Standing(interval: $0, figure: percent) }
    }
}

/// Red, amber or green, or no colour when there are too few answers to tell.
public enum RAG: String, Sendable, Equatable, Codable {
    case green = "GREEN"
    case amber = "AMBER"
    case red = "RED"
    /// Fewer answers than the minimum: never a colour.
    case notEnoughResponses = "not enough responses"
    /// The indicator has no target, so there is nothing to rate against.
    case noTarget = "no target"

    /// The rules (documented in docs/statistics.md): GREEN when the target is met;
    /// AMBER when it is not met but the figure has clearly improved on its baseline, or
    /// is within `amberWithinPoints` of the target; RED otherwise. Fewer substantive
    /// answers than `minimumAnswers` is "not enough responses".
    static func rate(figure: Figure, target: TargetComparison?, baseline: BaselineComparison?, rules: RAGRules,
                     minimumAnswers: Int) -> (RAG, String) {
        if let p = figure.proportion, p.total < minimumAnswers {
            return (.notEnoughResponses, "\(p.total) answer\(p.total == 1 ? "" : "s"), fewer than the \(minimumAnswers) needed to rate it")
        }
        guard figure.percent != nil else { return (.notEnoughResponses, "no answers in this period") }
        guard let target else { return (.noTarget, "no target set") }
        if target.met { return (.green, "meets the target (\(target.description))") }
        if rules.amberWhenClearlyImproved, baseline?.verdict == .clearImprovement {
            return (.amber, "below the target (\(target.description)) but clearly improved on the baseline")
        }
        if let value = figure.percent, target.percent - value <= rules.amberWithinPoints {
            return (.amber, "below the target (\(target.description)) but within \(Baseline.format(rules.amberWithinPoints)) points of it")
        }
        return (.red, "below the target (\(target.description))")
    }

    /// The rating in words, so colour is never the only carrier of meaning.
    public var words: String {
        switch self {
        case .green: return "GREEN: target met"
        case .amber: return "AMBER: target not met, but improving or close"
        case .red: return "RED: target not met"
        case .notEnoughResponses: return "not enough responses to rate"
        case .noTarget: return "no target"
        }
    }
}

/// Percentage-point changes as reports write them.
public enum PointsText {
    /// "+28 points", "-6 points", "+1 point", "no change".
    public static func text(_ points: Int) -> String {
        if points == 0 { return "no change" }
        return (points > 0 ? "+" : "-") + "\(abs(points)) point" + (abs(points) == 1 ? "" : "s")
    }
}
