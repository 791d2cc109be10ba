import FeedbackStatistics
import SurveyDefinition

/// Every KPI of a survey for one period, resolved for its audience: each figure, count,
/// interval, comparison and rating is a ``Published`` value, shown or withheld with its
/// reason. The JSON (``Encodable``) is a contract documented in docs/publication.md.
package struct KPITable: Sendable, Encodable {
    /// The survey's id.
    package var survey: String
    var surveyTitle: String
    /// The period covered.
    package var period: PeriodValue
    /// Internal or public.
    package var audience: ReportAudience
    /// The segment question or "source" the groups split by, if any.
    package var breakdown: String?
    /// One row per KPI, in the definition's order.
    package var kpis: [KPIRow]
    /// The small-number rule applied.
    package var suppression: SuppressionValue
    /// The confidence level of intervals and verdicts.
    package var confidence: Double
    /// The comparisons behind the table's verdicts, allowed for by Holm's method.
    package var comparisons: ComparisonsValue?
}

/// The rule a table was resolved by.
package struct SuppressionValue: Sendable, Equatable, Encodable {
    /// Bases below this are withheld.
    package var threshold: Int
    /// "1-4".
    package var smallCounts: String
    /// The GSS symbol shown for a withheld value, `c`.
    package var symbol: String

    init(_ rule: SuppressionRule) {
        threshold = rule.threshold
        smallCounts = "\(rule.smallCounts.lowerBound)-\(rule.smallCounts.upperBound)"
        symbol = SuppressionRule.symbol
    }
}

/// One KPI in one period.
package struct KPIRow: Sendable, Encodable {
    /// The KPI's id.
    package var id: String
    /// The KPI's title.
    package var title: String
    /// The question's id.
    package var question: String
    /// Positive answers of the base, with the interval.
    package var figure: Published<FigureValue>
    /// Don't know answers.
    package var dontKnow: Published<Int>
    /// Not applicable answers.
    package var notApplicable: Published<Int>
    /// Don't know answers as a share of those who answered (percent).
    package var dontKnowShare: Published<Double>
    /// The baseline, if the KPI has one.
    package var baseline: BaselineRow?
    /// Against the baseline; `nil` without one.
    package var change: Published<ChangeValue>?
    /// The target, if the KPI has one.
    package var target: TargetRow?
    /// Against each published comparator.
    package var comparators: [ComparatorRow]
    /// The Red/Amber/Green rating.
    package var rating: Published<RatingValue>
    /// The breakdown's groups, when asked for.
    package var groups: [GroupRow]
    /// For a breakdown by source: whether the two largest shown sources clearly differ.
    var groupComparison: String?
    /// The answers for a chart: every option internally; in public, agreed against did
    /// not agree (the figure's own two counts), which no other table splits further.
    package var answers: Published<[AnswerCountValue]>
}

/// A KPI's baseline as published.
package struct BaselineRow: Sendable, Equatable, Encodable {
    /// How reports name it.
    package var label: String
    /// Its figure.
    package var figure: Published<AnyFigureValue>
}

/// The change since the baseline, as published.
package struct ChangeValue: Sendable, Equatable, Encodable {
    /// Whole points between the displayed percentages.
    package var points: Int?
    /// "+31 points".
    package var displayed: String?
    /// The verdict in words ("clear improvement"...).
    package var verdict: String
    /// Exact, in percentage points.
    package var difference: Double?
    /// The change's interval, in points.
    package var interval: IntervalValue?
    /// The p-value that decides the verdict (the change's interval inverted, or the
    /// test against a published figure).
    package var p: Double?
    /// The pooled two-proportion z-test's, for reference.
    package var zTestP: Double?
    /// The pooled z statistic, for reference.
    package var z: Double?
    /// "That is +31 points on autumn 2019 (44%): clear improvement." and the like.
    package var sentence: String
    /// Clear on its own, but not once the output's other comparisons are allowed for.
    package var provisional = false

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

/// A KPI's target as published.
package struct TargetRow: Sendable, Equatable, Encodable {
    /// "at least 75%", "increase on baseline (44%)".
    package var description: String
    /// Where the figure stands against it.
    package var assessment: Published<TargetValue>
}

/// Where a figure stands against its target.
package struct TargetValue: Sendable, Equatable, Encodable {
    /// "clearly met", "not yet clear", "clearly short", …
    package var status: String
    /// Whether the point estimate reaches it.
    package var pointReached: Bool
    /// Whether the target lies outside the interval ("above", "below", "not clearly different").
    package var standing: String?
    /// The p-value that decides the status against a fixed target (the score test the
    /// interval inverts); `nil` for "increase on baseline", which is the change's test.
    package var p: Double?
    /// Clearly met or short on its own, but not once the output's other comparisons are allowed for.
    package var provisional = false

    init(_ t: TargetComparison) {
        status = t.status.rawValue
        pointReached = t.pointReached
        standing = t.standing?.rawValue
        p = t.kind == .increaseOnBaseline ? nil : t.p
    }

    /// "clearly met", "clearly met (provisional)".
    package var words: String { status + (provisional ? " (provisional)" : "") }
}

/// A published comparator and where the figure stands against it.
package struct ComparatorRow: Sendable, Equatable, Encodable {
    /// The comparator's name ("England").
    package var name: String
    /// Its published percentage.
    package var percent: Double
    /// When its figure applies, if stated.
    package var period: String?
    /// The figure against it.
    package var comparison: Published<ComparatorValue>
}

/// The figure against a comparator.
package struct ComparatorValue: Sendable, Equatable, Encodable {
    /// Whole points between the displayed percentages.
    package var points: Int?
    /// The difference as printed ("+28 points").
    package var displayed: String?
    /// Above, below, or not clearly different.
    package var standing: String?
}

/// A Red/Amber/Green rating as published.
package struct RatingValue: Sendable, Equatable, Encodable {
    /// "GREEN", "AMBER", "RED", "not enough responses", "no target".
    package var rag: String
    /// The rating in words.
    package var words: String
    /// Why the rating is what it is, in a sentence.
    package var reason: String
}

/// One group of a breakdown.
package struct GroupRow: Sendable, Equatable, Encodable {
    /// The option code or source; "" for respondents without one.
    package var group: String
    /// The group's label.
    package var label: String
    /// The KPI's figure in the group.
    package var figure: Published<FigureValue>
}

/// How many gave one answer, for a chart.
package struct AnswerCountValue: Sendable, Equatable, Encodable {
    /// The answer's label.
    package var label: String
    /// How many gave it.
    package var count: Int
    /// -2 (strongly disagree) … 2 (strongly agree); `nil` off the scale.
    package var position: Int?
}
