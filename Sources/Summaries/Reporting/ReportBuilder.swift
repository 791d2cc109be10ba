import FeedbackStatistics
import ResponseStore
import SurveyDefinition

/// Builds KPI results for one survey from a workspace's store: reads each KPI's answer
/// counts once, bins them into the requested period, its baseline and trend periods,
/// and evaluates them with FeedbackStatistics. It computes no statistics itself.
public struct ReportBuilder {
    public let survey: Survey
    public let settings: ReportSettings
    private var histories: [String: AnswerHistory] = [:]
    private let store: Store
    public private(set) var breakdown: Breakdown?

    /// How results are split.
    public enum Breakdown: Sendable, Equatable {
        /// By the answer to a segment question (e.g. `stage`).
        case segment(String)
        /// By how responses were collected (portal, telephone...).
        case source
    }

    /// Reads every KPI's answers from the store (split by `breakdown` when given).
    public init(store: Store, survey: Survey, settings: ReportSettings, breakdown: Breakdown? = nil) throws {
        self.store = store
        self.survey = survey
        self.settings = settings
        self.breakdown = breakdown
        if case .segment(let q) = breakdown, survey.question(q)?.role != .segment {
            let segments = survey.segments.map(\.id)
            throw ReportError.notASegment(question: q, survey: survey.id, segments: segments)
        }
        let grouping: AnswerGrouping
        switch breakdown {
        case .segment(let q): grouping = .segment(question: q)
        case .source: grouping = .source
        case nil: grouping = .none
        }
        let questions = Array(Set(survey.kpis.map(\.question)))
        let counts = try store.answerCounts(survey: survey.id, questions: questions, groupBy: grouping)
        for question in questions {
            histories[question] = AnswerHistory(counts[question] ?? [], grouped: breakdown != nil)
        }
    }

    /// The days with answers to any KPI, or `nil` when there are none.
    public var span: ClosedRange<Int>? {
        let spans = histories.values.compactMap(\.span)
        guard let first = spans.map(\.lowerBound).min(), let last = spans.map(\.upperBound).max() else { return nil }
        return first...last
    }

    /// The period asked for: a label, or dates (ISO, inclusive), or by default the
    /// latest period of the workspace's scheme that has answers.
    public func period(label: String?, from: String?, to: String?) throws -> Period {
        if let label { return try PeriodLabels.parse(label, custom: settings.customPeriods) }
        if from != nil || to != nil {
            guard let from, let to else { throw ReportError.halfRange }
            guard let a = CivilTime.parseISODate(from), let b = CivilTime.parseISODate(to), a <= b else {
                throw ReportError.badDates(from: from, to: to)
            }
            return Period(label: "\(from) to \(to)", scheme: nil, first: a, last: b)
        }
        guard let span else { throw ReportError.noData(survey: survey.id) }
        return settings.scheme.period(containing: span.upperBound)
    }

    /// Every KPI for `period`, evaluated, with public disclosure marked.
    public func kpis(period: Period) throws -> KPIReport {
        var results: [KPIResult] = []
        for kpi in survey.kpis {
            guard let question = survey.question(kpi.question), let scale = survey.scale(for: question),
                  let history = histories[kpi.question] else { continue }
            let counts = KPICounts(kpi: kpi, scale: scale, counts: history.counts(from: period.first, to: period.last))
            let evaluation = Evaluation(indicator: Indicator(kpi), figure: .counts(counts.proportion),
                                        baseline: try baselineFigure(kpi.baseline, kpi: kpi, scale: scale, history: history),
                                        minimumAnswers: settings.threshold, confidence: settings.confidence)
            let optionCounts = history.counts(from: period.first, to: period.last)
            let options = scale.options.map { OptionCount(code: $0.code, label: $0.label, count: optionCounts[$0.code, default: 0],
                                                          substantive: $0.substantive, positive: kpi.positive.contains($0.code)) }
            let optionDisclosure = settings.rule.protect(counts: options.map(\.count), total: options.map(\.count).reduce(0, +))
            var groups: [GroupResult] = []
            if breakdown != nil {
                for group in history.groups {
                    let g = KPICounts(kpi: kpi, scale: scale, counts: history.counts(from: period.first, to: period.last, group: group))
                    groups.append(GroupResult(group: group, label: groupLabel(group), counts: g,
                                              interval: g.proportion.wilson(z: settings.z), disclosure: .shown))
                }
                let disclosures = settings.rule.protect(groups: groups.map(\.counts.proportion))
                for i in groups.indices { groups[i].disclosure = disclosures[i] }
            }
            results.append(KPIResult(kpi: kpi, counts: counts, evaluation: evaluation,
                                     disclosure: settings.rule.disclosure(of: counts.proportion),
                                     options: zip(options, optionDisclosure).map { var o = $0; o.disclosure = $1; return o },
                                     groups: groups))
        }
        return KPIReport(survey: survey.id, surveyTitle: survey.title, period: period, results: results,
                         breakdown: breakdownName, settings: settings)
    }

    /// One KPI per period of `scheme` over `first...last` (default: all the data).
    public func trend(kpi: KPI, scheme: PeriodScheme, from first: Int? = nil, to last: Int? = nil) -> KPITrend? {
        guard let question = survey.question(kpi.question), let scale = survey.scale(for: question),
              let history = histories[kpi.question], let span = history.span else { return nil }
        let periods = scheme.periods(from: first ?? span.lowerBound, to: last ?? span.upperBound)
        let points = periods.map { p in
            (p, KPICounts(kpi: kpi, scale: scale, counts: history.counts(from: p.first, to: p.last)).proportion)
        }
        let trend = Trend(points, confidence: settings.confidence)
        return KPITrend(kpi: kpi, scheme: scheme, trend: trend, disclosure: settings.rule.protect(groups: points.map(\.1)))
    }

    var breakdownName: String? {
        switch breakdown {
        case .segment(let q): return q
        case .source: return "source"
        case nil: return nil
        }
    }

    func groupLabel(_ group: String) -> String {
        if group.isEmpty { return breakdown == .source ? "source not recorded" : "not answered" }
        if case .segment(let q) = breakdown, let question = survey.question(q), let scale = survey.scale(for: question) {
            return scale.option(group)?.label ?? group
        }
        return group
    }

    /// The baseline as a figure: a period or range of this survey's data, or a published figure.
    func baselineFigure(_ baseline: Baseline?, kpi: KPI, scale: AnswerScale, history: AnswerHistory) throws -> BaselineFigure? {
        switch baseline {
        case nil:
            return nil
        case .period(let label):
            let period = try PeriodLabels.parse(label, custom: settings.customPeriods)
            let counts = KPICounts(kpi: kpi, scale: scale, counts: history.counts(from: period.first, to: period.last))
            return BaselineFigure(label: label, figure: .counts(counts.proportion))
        case .range(let from, let to, let label):
            guard let a = CivilTime.parseISODate(from), let b = CivilTime.parseISODate(to) else { return nil }
            let counts = KPICounts(kpi: kpi, scale: scale, counts: history.counts(from: a, to: b))
            return BaselineFigure(label: label ?? "\(from) to \(to)", figure: .counts(counts.proportion))
        case .published(let percent, let positive, let substantive, let label):
            if let positive, let substantive, substantive > 0 {
                return BaselineFigure(label: label ?? "published", figure: .counts(Proportion(positive: positive, total: substantive)))
            }
            return BaselineFigure(label: label ?? "published", figure: .percent(percent))
        }
    }
}

/// The workspace settings that shape the figures.
public struct ReportSettings: Sendable {
    public var threshold: Int
    public var confidence: Double
    public var scheme: PeriodScheme
    public var customPeriods: [String: (first: Int, last: Int)]
    public var organisation: String

    public var z: Double { Normal.z(confidence: confidence) }
    public var rule: SuppressionRule { SuppressionRule(threshold: threshold) }

    public init(_ settings: WorkspaceSettings) {
        threshold = settings.suppressionThreshold
        confidence = settings.confidenceLevel
        scheme = PeriodScheme(rawValue: settings.periodScheme) ?? .financialQuarter
        organisation = settings.organisation
        var custom: [String: (first: Int, last: Int)] = [:]
        for p in settings.periods {
            if let a = CivilTime.parseISODate(p.from), let b = CivilTime.parseISODate(p.to) { custom[p.name] = (a, b) }
        }
        customPeriods = custom
    }
}

/// Why a report cannot be made.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    case noData(survey: String)
    case halfRange
    case badDates(from: String, to: String)
    case notASegment(question: String, survey: String, segments: [String])
    case unknownKPI(id: String, known: [String])

    public var description: String {
        switch self {
        case .noData(let survey):
            return "no responses to survey \(survey) in this workspace yet: import an export first (engage import FILE.csv)"
        case .halfRange:
            return "give both --from and --to (ISO dates, inclusive), or --period LABEL"
        case .badDates(let from, let to):
            return "--from \(from) --to \(to): write both as YYYY-MM-DD, the first on or before the second"
        case .notASegment(let q, let survey, let segments):
            return "\"\(q)\" is not a segment question of survey \(survey); segments: \(segments.isEmpty ? "none" : segments.joined(separator: ", ")), or use --by source"
        case .unknownKPI(let id, let known):
            return "no KPI \"\(id)\"; KPIs: \(known.joined(separator: ", "))"
        }
    }
}
