/// A key performance indicator: the share of substantive answers to one question
/// that are positive, tracked against a baseline, a target and comparators.
public struct KPI: Sendable, Equatable, Encodable {
    /// Stable identifier (`felt-fully-involved`).
    public var id: String
    /// Plain-English title ("Felt fully involved in the process").
    public var title: String
    /// The id of the question the KPI is computed from.
    public var question: String
    /// Option codes that count as positive. Default: strongly agree and agree.
    public var positive: [String]
    /// How "Don't know" answers are treated.
    package var dontKnow: DontKnowRule
    /// Optional baseline to measure change against.
    public var baseline: Baseline?
    /// Optional target.
    public var target: Target?
    /// Published comparator figures (England 58%...).
    public var comparators: [Comparator]
    /// RAG rules for this KPI; defaults apply when absent.
    public var rag: RAGRules

    /// A KPI as the definition gives it.
    package init(
        id: String, title: String, question: String, positive: [String] = KPI.defaultPositive,
        dontKnow: DontKnowRule = .exclude, baseline: Baseline? = nil, target: Target? = nil,
        comparators: [Comparator] = [], rag: RAGRules = RAGRules()
    ) {
        self.id = id
        self.title = title
        self.question = question
        self.positive = positive
        self.dontKnow = dontKnow
        self.baseline = baseline
        self.target = target
        self.comparators = comparators
        self.rag = rag
    }

    /// "Agree" means agree or strongly agree.
    public static let defaultPositive = ["strongly-agree", "agree"]
}

/// An administrative measure reported beside the survey KPIs, such as "New EHC plans
/// issued within 20 weeks": its figures per period are recorded by the officer
/// (`engage measure record`), not computed from answers, and it has the same kind of
/// baseline, target, comparators and RAG rules as a KPI.
public struct Measure: Sendable, Equatable, Encodable {
    /// Stable identifier (`plans-within-20-weeks`).
    public var id: String
    /// Plain-English title.
    public var title: String
    /// The figure it is compared with, if any.
    public var baseline: Baseline?
    /// The target it must reach, if any.
    public var target: Target?
    /// Published figures it is compared with.
    public var comparators: [Comparator]
    /// How its Red/Amber/Green rating is decided.
    public var rag: RAGRules

    /// A measure as the definition gives it.
    public init(
        id: String, title: String, baseline: Baseline? = nil, target: Target? = nil, comparators: [Comparator] = [],
        rag: RAGRules = RAGRules()
    ) {
        self.id = id
        self.title = title
        self.baseline = baseline
        self.target = target
        self.comparators = comparators
        self.rag = rag
    }
}

/// Whether "Don't know" answers are in a KPI's denominator. Applied identically to
/// the baseline and current periods.
package enum DontKnowRule: String, Sendable, Equatable, Encodable {
    /// Excluded from the denominator (the default); their share is reported separately.
    case exclude
    /// Counted in the denominator as not positive.
    case include
}

/// What a KPI's change is measured against.
public enum Baseline: Sendable, Equatable, Encodable {
    /// A period of the survey's own data, by label ("autumn 2019", "2019-20 Q3")
    /// or as an inclusive ISO date range.
    case period(label: String)
    case range(from: String, to: String, label: String?)
    /// A published figure, with its counts when known.
    case published(percent: Double, positive: Int?, substantive: Int?, label: String?)
}

/// What a KPI aims for.
public enum Target: Sendable, Equatable, Encodable {
    /// At least this percentage (0-100).
    case atLeast(percent: Double)
    /// Higher than the baseline.
    case increaseOnBaseline
    /// At least the named comparator's figure.
    case atLeastComparator(name: String)
}

/// A published figure to compare with, e.g. England 58%.
public struct Comparator: Sendable, Equatable, Encodable {
    /// Who the figure is for ("England", "statistical neighbours").
    public var name: String
    /// Percentage, 0-100.
    public var percent: Double
    /// When the figure applies ("2020"), if stated.
    public var period: String?

    /// A comparator `name` at `percent` (0-100), for `period` when stated.
    public init(name: String, percent: Double, period: String? = nil) {
        self.name = name
        self.percent = percent
        self.period = period
    }
}

/// Rules for a KPI's Red/Amber/Green rating.
///
/// Defaults, judged on the interval (docs/statistics.md): GREEN when the target is
/// clearly met; AMBER when it is not yet clear, or when it is clearly short but the KPI has
/// clearly improved on its baseline or is within `amberWithinPoints` of the target; RED
/// when clearly short otherwise. A KPI with fewer than `minimumAnswers` substantive answers is
/// "not enough responses", never a colour.
public struct RAGRules: Sendable, Equatable, Encodable {
    /// A KPI short of its target by at most this many points is AMBER, not RED.
    public var amberWithinPoints: Double
    /// Whether a KPI clearly improved on its baseline is AMBER rather than RED.
    public var amberWhenClearlyImproved: Bool
    /// `nil` means the workspace's suppression threshold.
    public var minimumAnswers: Int?

    /// The rules, with the defaults described above.
    public init(amberWithinPoints: Double = 5, amberWhenClearlyImproved: Bool = true, minimumAnswers: Int? = nil) {
        self.amberWithinPoints = amberWithinPoints
        self.amberWhenClearlyImproved = amberWhenClearlyImproved
        self.minimumAnswers = minimumAnswers
    }
}

/// A theme looked for in free-text comments, by keywords and phrases.
public struct CommentTheme: Sendable, Equatable, Encodable {
    /// Stable identifier of the theme (`communication`).
    public var id: String
    /// Plain-English title.
    public var title: String
    /// Words or phrases; matching ignores case and punctuation.
    public var keywords: [String]
    /// KPIs the theme relates to, so a summary can place a quote beside them.
    public var kpis: [String]

    /// A theme found by `keywords`, related to `kpis`.
    public init(id: String, title: String, keywords: [String], kpis: [String] = []) {
        self.id = id
        self.title = title
        self.keywords = keywords
        self.kpis = kpis
    }
}
