import FeedbackStatistics
import SurveyDefinition

/// Every KPI of a survey for one period, resolved for its audience: each figure, count,
/// interval, comparison and rating is a ``Published`` value, shown or withheld with its
/// reason. The JSON (``Encodable``) is a contract documented in docs/publication.md.
public struct KPITable: Sendable, Encodable {
    public var survey: String
    public var surveyTitle: String
    public var period: PeriodValue
    public var audience: ReportAudience
    /// The segment question or "source" the groups split by, if any.
    public var breakdown: String?
    public var kpis: [KPIRow]
    public var suppression: SuppressionValue
    public var confidence: Double
    /// The comparisons behind the table's verdicts, allowed for by Holm's method.
    public var comparisons: ComparisonsValue?
}

/// The rule a table was resolved by.
public struct SuppressionValue: Sendable, Equatable, Encodable {
    public var threshold: Int
    /// "1-4".
    public var smallCounts: String
    public var symbol: String

    init(_ rule: SuppressionRule) {
        threshold = rule.threshold
        smallCounts = "\(rule.smallCounts.lowerBound)-\(rule.smallCounts.upperBound)"
        symbol = SuppressionRule.symbol
    }
}

/// One KPI in one period.
public struct KPIRow: Sendable, Encodable {
    public var id: String
    public var title: String
    public var question: String
    /// Positive answers of the base, with the interval.
    public var figure: Published<FigureValue>
    public var dontKnow: Published<Int>
    public var notApplicable: Published<Int>
    /// Don't know answers as a share of those who answered (percent).
    public var dontKnowShare: Published<Double>
    public var baseline: BaselineRow?
    /// Against the baseline; `nil` without one.
    public var change: Published<ChangeValue>?
    public var target: TargetRow?
    public var comparators: [ComparatorRow]
    public var rating: Published<RatingValue>
    /// The breakdown's groups, when asked for.
    public var groups: [GroupRow]
    /// For a breakdown by source: whether the two largest shown sources clearly differ.
    public var groupComparison: String?
    /// The answers for a chart: every option internally; in public, agreed against did
    /// not agree (the figure's own two counts), which no other table splits further.
    public var answers: Published<[AnswerCountValue]>
}

public struct BaselineRow: Sendable, Equatable, Encodable {
    public var label: String
    public var figure: Published<AnyFigureValue>
}

public struct ChangeValue: Sendable, Equatable, Encodable {
    /// Whole points between the displayed percentages.
    public var points: Int?
    /// "+31 points".
    public var displayed: String?
    public var verdict: String
    /// Exact, in percentage points.
    public var difference: Double?
    public var interval: IntervalValue?
    /// The p-value that decides the verdict (the change's interval inverted, or the
    /// test against a published figure).
    public var p: Double?
    /// The pooled two-proportion z-test's, for reference.
    public var zTestP: Double?
    public var z: Double?
    /// "That is +31 points on autumn 2019 (44%): clear improvement." and the like.
    public var sentence: String
    /// Clear on its own, but not once the output's other comparisons are allowed for.
    public var provisional = false

    init(_ b: BaselineComparison) {
        points = b.points
        displayed = b.pointsText
        verdict = b.verdict.rawValue
        difference = b.change.map { $0.difference * 100 }
        interval = IntervalValue(b.change?.interval)
        p = b.p
        zTestP = b.change?.p
        z = b.change?.z
        sentence =
            b.verdict == .baselineTooSmall
            ? "The baseline, \(b.label), is too small to compare with." : "That is \(b.sentence)."
    }
}

public struct TargetRow: Sendable, Equatable, Encodable {
    /// "at least 75%", "increase on baseline (44%)".
    public var description: String
    public var assessment: Published<TargetValue>
}

public struct TargetValue: Sendable, Equatable, Encodable {
    /// "clearly met", "not yet clear", "clearly short", …
    public var status: String
    /// Whether the point estimate reaches it.
    public var pointReached: Bool
    /// Whether the target lies outside the interval ("above", "below", "not clearly different").
    public var standing: String?
    /// The p-value that decides the status against a fixed target (the score test the
    /// interval inverts); `nil` for "increase on baseline", which is the change's test.
    public var p: Double?
    /// Clearly met or short on its own, but not once the output's other comparisons are allowed for.
    public var provisional = false

    init(_ t: TargetComparison) {
        status = t.status.rawValue
        pointReached = t.pointReached
        standing = t.standing?.rawValue
        p = t.kind == .increaseOnBaseline ? nil : t.p
    }

    /// "clearly met", "clearly met (provisional)".
    public var words: String { status + (provisional ? " (provisional)" : "") }
}

public struct ComparatorRow: Sendable, Equatable, Encodable {
    public var name: String
    public var percent: Double
    public var period: String?
    public var comparison: Published<ComparatorValue>
}

public struct ComparatorValue: Sendable, Equatable, Encodable {
    public var points: Int?
    public var displayed: String?
    public var standing: String?
}

public struct RatingValue: Sendable, Equatable, Encodable {
    /// "GREEN", "AMBER", "RED", "not enough responses", "no target".
    public var rag: String
    /// The rating in words.
    public var words: String
    public var reason: String
}

public struct GroupRow: Sendable, Equatable, Encodable {
    /// The option code or source; "" for respondents without one.
    public var group: String
    public var label: String
    public var figure: Published<FigureValue>
}

public struct AnswerCountValue: Sendable, Equatable, Encodable {
    public var label: String
    public var count: Int
    /// -2 (strongly disagree) … 2 (strongly agree); `nil` off the scale.
    public var position: Int?
}
