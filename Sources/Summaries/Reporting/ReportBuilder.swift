import FeedbackStatistics
import ResponseStore
import SurveyDefinition

/// Reads one survey's KPI answers from a workspace's store once (split by a breakdown
/// when asked), bins them into any period in memory, and decides, once for each KPI,
/// which of its public cells are shown (``PeriodLinks``). Every public table of the
/// survey (``KPITable``, ``TrendTable``, the summary's items) is built from it, so the
/// same cell gets the same decision in every output. It computes no statistics itself.
package struct ReportBuilder {
    /// The survey reported on.
    package let survey: Survey
    /// The workspace settings that shape the figures.
    package let settings: ReportSettings
    var histories: [String: AnswerHistory] = [:]
    /// The segment or source the groups split by, once set.
    package private(set) var breakdown: Breakdown?
    /// Per KPI id: its linked public periods and their decisions.
    var links: [String: KPILinks] = [:]

    /// How results are split.
    package enum Breakdown: Sendable, Equatable {
        /// By the answer to a segment question (e.g. `stage`).
        case segment(String)
        /// By how responses were collected (portal, telephone...).
        case source
    }

    /// A KPI's public periods and what is shown of each.
    struct KPILinks {
        var periods: PeriodLinks
        /// The figure (positive and other answers).
        var figure: [PeriodKey: Disclosure]
        /// The Don't know and Not applicable counts.
        var others: [PeriodKey: Disclosure]
        /// The baseline's period, when it comes from this workspace's answers.
        var baseline: Period?
        /// The breakdown's groups in each public period, decided a year at a time.
        var groups: [PeriodKey: [String: Disclosure]] = [:]
    }

    /// Reads every KPI's answers from the store (split by `breakdown` when given).
    package init(store: Store, survey: Survey, settings: ReportSettings, breakdown: Breakdown? = nil) throws {
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
        var histories: [String: AnswerHistory] = [:]
        for question in questions {
            histories[question] = AnswerHistory(counts[question] ?? [], grouped: breakdown != nil)
        }
        try self.init(survey: survey, settings: settings, histories: histories, breakdown: breakdown)
    }

    /// From answer histories already read (tests build them directly).
    init(survey: Survey, settings: ReportSettings, histories: [String: AnswerHistory], breakdown: Breakdown?) throws {
        self.survey = survey
        self.settings = settings
        self.histories = histories
        self.breakdown = breakdown
        for kpi in survey.kpis {
            guard let question = survey.question(kpi.question), let scale = survey.scale(for: question),
                let history = histories[kpi.question]
            else { continue }
            let baseline = try baselinePeriod(kpi.baseline)
            let periods = PeriodLinks(
                lattice: settings.publicPeriods, span: history.span, extras: baseline.map { [$0] } ?? [],
                rule: settings.rule)
            func counts(_ a: Int, _ b: Int) -> KPICounts {
                KPICounts(kpi: kpi, scale: scale, counts: history.counts(from: a, to: b))
            }
            let figure = periods.decide(.proportion) { a, b in Self.cellCounts(counts(a, b).proportion) }
            let others = periods.decide(.counts) { a, b in
                let c = counts(a, b)
                return [c.dontKnow, c.notApplicable]
            }
            var decided = KPILinks(periods: periods, figure: figure, others: others, baseline: baseline)
            if breakdown != nil {
                let groups = history.groups
                for year in periods.years {
                    decided.groups.merge(
                        periods.decideGroups(year: year, groups: groups, totals: figure, .proportion) { a, b, g in
                            Self.cellCounts(
                                KPICounts(kpi: kpi, scale: scale, counts: history.counts(from: a, to: b, group: g))
                                    .proportion)
                        }
                    ) { a, _ in a }
                }
            }
            links[kpi.id] = decided
        }
    }

    /// `[positive, other]`, the counts a share's cell is protected by.
    static func cellCounts(_ p: Proportion) -> [Int] { [p.positive, p.total - p.positive] }

    /// The days with answers to any KPI, or `nil` when there are none.
    package var span: ClosedRange<Int>? {
        let spans = histories.values.compactMap(\.span)
        guard let first = spans.map(\.lowerBound).min(), let last = spans.map(\.upperBound).max() else { return nil }
        return first...last
    }

    /// The period asked for: a label, or dates (ISO, inclusive), or by default the
    /// latest period of the workspace's scheme that has answers. For the public, only a
    /// whole reporting period (``PublicPeriods``); anything else is refused with the
    /// periods one may publish.
    package func period(label: String?, from: String?, to: String?, audience: ReportAudience = .internal) throws
        -> Period
    {
        let period: Period
        if let label {
            period = try settings.calendar.parse(label)
        } else if from != nil || to != nil {
            guard let from, let to else { throw ReportError.halfRange }
            guard let a = CivilTime.parseISODate(from), let b = CivilTime.parseISODate(to), a <= b else {
                throw ReportError.badDates(from: from, to: to)
            }
            period = Period(label: "\(from) to \(to)", scheme: nil, first: a, last: b)
        } else {
            guard let span else { throw ReportError.noData(survey: survey.id) }
            period = settings.scheme.period(containing: span.upperBound)
        }
        guard audience == .public, settings.rule.applies(.wholePeriods) else { return period }
        if let whole = settings.publicPeriods.whole(period) { return whole }
        throw ReportError.notAWholePeriod(requested: period.label, allowed: settings.publicPeriods.names(span: span))
    }

    /// A KPI's counts over `period` (for one group, or all).
    func counts(_ kpi: KPI, _ period: Period, group: String? = nil) -> KPICounts? {
        guard let question = survey.question(kpi.question), let scale = survey.scale(for: question),
            let history = histories[kpi.question]
        else { return nil }
        return KPICounts(
            kpi: kpi, scale: scale, counts: history.counts(from: period.first, to: period.last, group: group))
    }

    /// Whether the public may see a KPI's figure for `period`: decided with every linked
    /// period; a period outside them (an internal range) on its own.
    func figureDisclosure(_ kpi: KPI, _ period: Period) -> Disclosure {
        if let d = links[kpi.id]?.figure[PeriodKey(period)] { return d }
        return settings.rule.disclosure(of: counts(kpi, period)?.proportion ?? .zero)
    }

    /// The same for the Don't know and Not applicable counts.
    func othersDisclosure(_ kpi: KPI, _ period: Period) -> Disclosure {
        if let d = links[kpi.id]?.others[PeriodKey(period)] { return d }
        let c = counts(kpi, period)
        return settings.rule.primaryReason([c?.dontKnow ?? 0, c?.notApplicable ?? 0], kind: .counts).map(
            Disclosure.withheld) ?? .shown
    }

    /// The breakdown's groups for `period`, each with its public decision: for a public
    /// period, decided with the whole year's table and the totals; otherwise against the
    /// period's own total.
    func groupDisclosures(_ kpi: KPI, _ period: Period) -> [(group: String, disclosure: Disclosure)] {
        guard breakdown != nil, let history = histories[kpi.question], let links = links[kpi.id] else { return [] }
        let groups = history.groups
        func counts(_ a: Int, _ b: Int, _ g: String) -> [Int] {
            Self.cellCounts(
                self.counts(kpi, Period(label: "", scheme: nil, first: a, last: b), group: g)?.proportion ?? .zero)
        }
        if settings.publicPeriods.whole(period) != nil, let row = links.groups[PeriodKey(period)] {
            return groups.map { ($0, row[$0] ?? .shown) }
        }
        let total = LinkedCells.Cell(atoms: Array(groups.indices), fixed: figureDisclosure(kpi, period))
        let table = LinkedCells(
            kind: .proportion, atoms: groups.map { counts(period.first, period.last, $0) },
            cells: [total] + groups.indices.map { LinkedCells.Cell(atoms: [$0]) }, lines: [Array(0...groups.count)])
        return Array(zip(groups, settings.rule.protect(table).dropFirst()))
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
        if case .segment(let q) = breakdown, let question = survey.question(q), let scale = survey.scale(for: question)
        {
            return scale.option(group)?.label ?? group
        }
        return group
    }

    /// The period of a baseline drawn from this workspace's answers.
    func baselinePeriod(_ baseline: Baseline?) throws -> Period? {
        switch baseline {
        case .period(let label):
            return try settings.calendar.parse(label)
        case .range(let from, let to, let label):
            guard let a = CivilTime.parseISODate(from), let b = CivilTime.parseISODate(to) else { return nil }
            return Period(label: label ?? "\(from) to \(to)", scheme: nil, first: a, last: b)
        default:
            return nil
        }
    }

    /// The baseline as a figure, with what the public may see of it: a baseline from
    /// this workspace's answers is a linked cell; a published figure with counts is
    /// judged by the same rule.
    func baseline(_ kpi: KPI) throws -> (figure: BaselineFigure, disclosure: Disclosure)? {
        switch kpi.baseline {
        case nil:
            return nil
        case .period(let label):
            guard let period = try baselinePeriod(kpi.baseline), let c = counts(kpi, period) else { return nil }
            return (BaselineFigure(label: label, figure: .counts(c.proportion)), figureDisclosure(kpi, period))
        case .range(let from, let to, let label):
            guard let period = try baselinePeriod(kpi.baseline), let c = counts(kpi, period) else { return nil }
            return (
                BaselineFigure(label: label ?? "\(from) to \(to)", figure: .counts(c.proportion)),
                figureDisclosure(kpi, period)
            )
        case .published(let percent, let positive, let substantive, let label):
            if let positive, let substantive, substantive > 0 {
                let p = Proportion(positive: positive, total: substantive)
                return (
                    BaselineFigure(label: label ?? "published", figure: .counts(p)), settings.rule.disclosure(of: p)
                )
            }
            return (BaselineFigure(label: label ?? "published", figure: .percent(percent)), .shown)
        }
    }
}

/// The workspace settings that shape the figures.
package struct ReportSettings: Sendable {
    /// Bases below this are withheld.
    package var threshold: Int
    /// The confidence level of intervals and verdicts.
    package var confidence: Double
    /// How the workspace divides the year into periods.
    package var scheme: PeriodScheme
    /// The workspace's period vocabulary: its named periods and what "2021/22" means.
    package var calendar: PeriodCalendar
    /// The organisation's name.
    package var organisation: String
    /// Names and places removed from every quote (engage.json's `redact`).
    package var redact: [String]
    /// Whether public outputs use only approved quotes (engage.json's `quoteApproval`).
    package var quoteApproval: Bool
    /// How published pages look (engage.json's `publication`).
    package var publication: PublicationSettings
    /// The logo to embed in pages, read by ``init(workspace:)``.
    package var logo: LogoImage?

    /// The small-number rules every public cell is decided by.
    package var rule: SuppressionRule
    /// The periods a public output may cover.
    package var publicPeriods: PublicPeriods { PublicPeriods(scheme: scheme) }

    /// The normal quantile for the confidence level.
    package var z: Double { Normal.z(confidence: confidence) }

    /// The report settings of a workspace's `settings`.
    package init(_ settings: WorkspaceSettings) {
        threshold = settings.suppressionThreshold
        rule = SuppressionRule(threshold: settings.suppressionThreshold)
        confidence = settings.confidenceLevel
        scheme = settings.periodScheme
        organisation = settings.organisation
        redact = settings.redact
        quoteApproval = settings.quoteApproval
        publication = settings.publication
        calendar = settings.calendar
    }
}

extension ReportSettings {
    /// The workspace's settings with its logo read, for pages.
    package init(workspace: Workspace) throws {
        self.init(workspace.settings)
        logo = try workspace.logo()
    }
}

/// Why a report cannot be made.
package enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    case noData(survey: String)
    case halfRange
    case badDates(from: String, to: String)
    case notASegment(question: String, survey: String, segments: [String])
    case unknownKPI(id: String, known: [String])
    case notAWholePeriod(requested: String, allowed: String)
    case notAPublicScheme(scheme: String, allowed: String)

    /// The message a user reads, with what to do.
    package var description: String {
        switch self {
        case .noData(let survey):
            return
                "no responses to survey \(survey) in this workspace yet: import an export first (engage import FILE.csv)"
        case .halfRange:
            return "give both --from and --to (ISO dates, inclusive), or --period LABEL"
        case .badDates(let from, let to):
            return "--from \(from) --to \(to): write both as YYYY-MM-DD, the first on or before the second"
        case .notASegment(let q, let survey, let segments):
            return
                "\"\(q)\" is not a segment question of survey \(survey); segments: \(segments.isEmpty ? "none" : segments.joined(separator: ", ")), or use --by source"
        case .unknownKPI(let id, let known):
            return "no KPI \"\(id)\"; KPIs: \(known.joined(separator: ", "))"
        case .notAWholePeriod(let requested, let allowed):
            return
                "a public output covers whole reporting periods only, and \"\(requested)\" is not one (two ranges a day apart would give away the answers of whoever answered on the day between). Periods you may publish: \(allowed). For any other range use --audience internal, which is not for publication."
        case .notAPublicScheme(let scheme, let allowed):
            return
                "a public output by \(scheme) is not possible: public figures cover whole reporting periods only, that is \(allowed). Use one of those, or --audience internal."
        }
    }
}
