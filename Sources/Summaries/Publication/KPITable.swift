import FeedbackStatistics
import SurveyDefinition

/// Every KPI of a survey for one period, resolved for its audience: each figure, count,
/// interval, comparison and rating is a ``Published`` value, shown or withheld with its
/// reason. The JSON (``Encodable``) is a contract documented in docs/publication.md.
package struct KPITable: Sendable, Encodable {
    package var survey: String
    var surveyTitle: String
    package var period: PeriodValue
    package var audience: ReportAudience
    /// The segment question or "source" the groups split by, if any.
    package var breakdown: String?
    package var kpis: [KPIRow]
    package var suppression: SuppressionValue
    package var confidence: Double
    /// The comparisons behind the table's verdicts, allowed for by Holm's method.
    package var comparisons: ComparisonsValue?
}

/// The rule a table was resolved by.
package struct SuppressionValue: Sendable, Equatable, Encodable {
    package var threshold: Int
    /// "1-4".
    package var smallCounts: String
    package var symbol: String

    init(_ rule: SuppressionRule) {
        threshold = rule.threshold
        smallCounts = "\(rule.smallCounts.lowerBound)-\(rule.smallCounts.upperBound)"
        symbol = SuppressionRule.symbol
    }
}

/// One KPI in one period.
package struct KPIRow: Sendable, Encodable {
    package var id: String
    package var title: String
    package var question: String
    /// Positive answers of the base, with the interval.
    package var figure: Published<FigureValue>
    package var dontKnow: Published<Int>
    package var notApplicable: Published<Int>
    /// Don't know answers as a share of those who answered (percent).
    package var dontKnowShare: Published<Double>
    package var baseline: BaselineRow?
    /// Against the baseline; `nil` without one.
    package var change: Published<ChangeValue>?
    package var target: TargetRow?
    package var comparators: [ComparatorRow]
    package var rating: Published<RatingValue>
    /// The breakdown's groups, when asked for.
    package var groups: [GroupRow]
    /// For a breakdown by source: whether the two largest shown sources clearly differ.
    var groupComparison: String?
    /// The answers for a chart: every option internally; in public, agreed against did
    /// not agree (the figure's own two counts), which no other table splits further.
    package var answers: Published<[AnswerCountValue]>
}

package struct BaselineRow: Sendable, Equatable, Encodable {
    package var label: String
    package var figure: Published<AnyFigureValue>
}

package struct ChangeValue: Sendable, Equatable, Encodable {
    /// Whole points between the displayed percentages.
    package var points: Int?
    /// "+31 points".
    package var displayed: String?
    package var verdict: String
    /// Exact, in percentage points.
    package var difference: Double?
    package var interval: IntervalValue?
    /// The p-value that decides the verdict (the change's interval inverted, or the
    /// test against a published figure).
    package var p: Double?
    /// The pooled two-proportion z-test's, for reference.
    package var zTestP: Double?
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

package struct TargetRow: Sendable, Equatable, Encodable {
    /// "at least 75%", "increase on baseline (44%)".
    package var description: String
    package var assessment: Published<TargetValue>
}

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

package struct ComparatorRow: Sendable, Equatable, Encodable {
    package var name: String
    package var percent: Double
    package var period: String?
    package var comparison: Published<ComparatorValue>
}

package struct ComparatorValue: Sendable, Equatable, Encodable {
    package var points: Int?
    package var displayed: String?
    package var standing: String?
}

package struct RatingValue: Sendable, Equatable, Encodable {
    /// "GREEN", "AMBER", "RED", "not enough responses", "no target".
    package var rag: String
    /// The rating in words.
    package var words: String
    package var reason: String
}

package struct GroupRow: Sendable, Equatable, Encodable {
    /// The option code or source; "" for respondents without one.
    package var group: String
    package var label: String
    package var figure: Published<FigureValue>
}

package struct AnswerCountValue: Sendable, Equatable, Encodable {
    package var label: String
    package var count: Int
    /// -2 (strongly disagree) … 2 (strongly agree); `nil` off the scale.
    package var position: Int?
}
