import FeedbackStatistics
import SurveyDefinition

/// Every KPI of a survey for one period.
public struct KPIReport: Sendable {
    public var survey: String
    public var surveyTitle: String
    public var period: Period
    public var results: [KPIResult]
    /// The segment question or "source" the groups split by, if any.
    public var breakdown: String?
    public var settings: ReportSettings
}

/// One KPI in one period, with what the public version may show.
public struct KPIResult: Sendable {
    public var kpi: KPI
    public var counts: KPICounts
    public var evaluation: Evaluation
    /// Whether the figure, its interval and counts may be published.
    public var disclosure: Disclosure
    /// The answers to the KPI's question, option by option (for charts), each with its
    /// own disclosure.
    public var options: [OptionCount]
    /// The breakdown's groups, when asked for.
    public var groups: [GroupResult]
}

/// One answer option's count.
public struct OptionCount: Sendable, Equatable {
    public var code: String
    public var label: String
    public var count: Int
    public var substantive: Bool
    public var positive: Bool
    public var disclosure: Disclosure = .shown
}

/// A KPI for one group (a segment option or a source).
public struct GroupResult: Sendable {
    /// The option code or source; "" for respondents without one.
    public var group: String
    public var label: String
    public var counts: KPICounts
    public var interval: Interval?
    public var disclosure: Disclosure
}

/// A KPI per period.
public struct KPITrend: Sendable {
    public var kpi: KPI
    public var scheme: PeriodScheme
    public var trend: Trend
    /// Per period, for publication (periods sum to the whole).
    public var disclosure: [Disclosure]
}
