import SurveyDefinition

/// What a KPI or an administrative measure is judged against: the parts of its
/// definition that evaluation needs.
public struct Indicator: Sendable, Equatable {
    /// The KPI's or measure's id, as in its definition.
    public var id: String
    /// Its plain-English title.
    public var title: String
    /// The target it must reach, if it has one.
    public var target: Target?
    /// Published figures it is compared with (England, statistical neighbours).
    public var comparators: [Comparator]
    /// How its Red/Amber/Green rating is decided.
    public var rag: RAGRules

    /// An indicator from its parts (tests and callers without a definition).
    public init(
        id: String, title: String, target: Target? = nil, comparators: [Comparator] = [], rag: RAGRules = RAGRules()
    ) {
        self.id = id
        self.title = title
        self.target = target
        self.comparators = comparators
        self.rag = rag
    }

    /// The indicator of a KPI of a survey definition.
    public init(_ kpi: KPI) {
        self.init(id: kpi.id, title: kpi.title, target: kpi.target, comparators: kpi.comparators, rag: kpi.rag)
    }

    /// The indicator of an administrative measure.
    public init(_ measure: Measure) {
        self.init(
            id: measure.id, title: measure.title, target: measure.target, comparators: measure.comparators,
            rag: measure.rag)
    }
}

/// A figure to evaluate: counts (from answers, or recorded for a measure), or a bare
/// published percentage when no counts exist.
public enum Figure: Sendable, Equatable, Codable {
    case counts(Proportion)
    case percent(Double)

    /// The exact percentage 0-100, or `nil` when there are no answers.
    public var percent: Double? {
        switch self {
        case .counts(let p): return p.percent
        case .percent(let value): return value
        }
    }

    /// The whole percentage reports print.
    public var wholePercent: Int? {
        switch self {
        case .counts(let p): return p.wholePercent
        case .percent(let value): return Proportion.wholePercent(of: value)
        }
    }

    /// The counts behind the figure, when it has them (`nil` for a published percentage).
    public var proportion: Proportion? {
        if case .counts(let p) = self { return p }
        return nil
    }
}

/// The baseline a result is compared with, resolved to a figure.
public struct BaselineFigure: Sendable, Equatable, Codable {
    /// How reports name it ("autumn 2019", "2019/20").
    public var label: String
    /// The baseline's figure: counts, or a published percentage.
    public var figure: Figure

    /// A baseline named `label` with its figure.
    public init(label: String, figure: Figure) {
        self.label = label
        self.figure = figure
    }
}
