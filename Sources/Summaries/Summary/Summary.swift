import FeedbackStatistics
import ResponseStore
import SurveyDefinition

/// The "You said, we did" summary: what people told us (KPI results with honest numbers,
/// themes from comments with consented quotes), what the service did (the action log),
/// and what changed since. Every renderer works from this one model.
public struct Summary: Sendable {
    public var organisation: String
    public var period: Period
    public var audience: ReportAudience
    /// What most needs attention first.
    public var items: [SummaryItem]
    /// Actions not linked to any item shown (still part of "we did").
    public var otherActions: [Action]
    /// Administrative measures with recorded figures.
    public var measures: [MeasureReport]
    public var provenance: Provenance
}

/// One finding joined to what was done about it.
public struct SummaryItem: Sendable {
    public enum Kind: Sendable {
        case kpi(KPIResult, trend: KPITrend?)
        case theme(ThemeFinding)
    }

    public var kind: Kind
    public var survey: String
    public var title: String
    /// "You said", in a sentence with the numbers (already safe for the audience).
    public var youSaid: String
    /// Short consented, redacted quotes.
    public var quotes: [String]
    /// "We did": the linked actions, oldest first.
    public var actions: [Action]
    /// "What changed": the figure in the periods after the first action's date.
    public var whatChanged: [String]
    /// Lower is more urgent (see ``SummaryBuilder``).
    public var attention: Int
    /// Why it is where it is in the order ("below target", "not enough responses"...).
    public var attentionReason: String

    public var id: String {
        switch kind {
        case .kpi(let r, _): return r.kpi.id
        case .theme(let t): return "theme:" + t.theme.id
        }
    }
}

/// A comment theme in the period.
public struct ThemeFinding: Sendable {
    public var theme: CommentTheme
    /// Comments that mention the theme.
    public var mentions: Int
    /// All comments in the period.
    public var comments: Int
}

/// What a rendering rests on, so anyone can reproduce it.
public struct Provenance: Sendable {
    public var period: Period
    public var surveys: [String]
    public var imports: [(file: String, sha256: String, id: Int64)]
    public var dontKnowRule: String
    public var suppressionThreshold: Int
    public var confidence: Double
    public var engageVersion: String
    public var generated: String
}
