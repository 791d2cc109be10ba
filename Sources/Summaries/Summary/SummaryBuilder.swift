import FeedbackStatistics
import Foundation
import ResponseStore
import SurveyDefinition

/// Builds the ``Summary`` from the store: KPI results (through ``ReportBuilder``),
/// themes and quotes from comments, the action log and measures. Order: RED, then
/// declining, then not enough responses to tell, then AMBER, then the rest; themes
/// not tied to a KPI follow, most mentioned first.
public struct SummaryBuilder {
    public var store: Store
    public var surveys: [Survey]
    public var settings: ReportSettings
    public var audience: ReportAudience
    public var engageVersion: String

    public init(store: Store, surveys: [Survey], settings: ReportSettings, audience: ReportAudience, engageVersion: String) {
        self.store = store
        self.surveys = surveys
        self.settings = settings
        self.audience = audience
        self.engageVersion = engageVersion
    }

    /// The summary for `period`, or (nil) the latest period of the workspace's scheme with answers.
    public func build(period requested: Period?, now: Date = Date()) throws -> Summary {
        var items: [SummaryItem] = []
        var period = requested
        let actions = try store.actions()
        var linked = Set<Int64>()
        var surveysUsed: [String] = []
        for survey in surveys {
            let builder = try ReportBuilder(store: store, survey: survey, settings: settings)
            guard builder.span != nil else { continue }
            surveysUsed.append(survey.id)
            let thisPeriod = try period ?? builder.period(label: nil, from: nil, to: nil)
            period = thisPeriod
            let report = try builder.kpis(period: thisPeriod)
            let (themes, quotesByTheme) = try themeFindings(survey: survey, period: thisPeriod)
            for result in report.results {
                let mine = actions.filter { $0.kpis.contains(result.kpi.id) }
                linked.formUnion(mine.map(\.id))
                let trend = builder.trend(kpi: result.kpi, scheme: settings.scheme)
                let quotes = survey.themes.filter { $0.kpis.contains(result.kpi.id) }.flatMap { quotesByTheme[$0.id] ?? [] }
                let (attention, reason) = Self.attention(result)
                items.append(SummaryItem(kind: .kpi(result, trend: trend), survey: survey.id, title: result.kpi.title,
                                         youSaid: youSaid(result), quotes: Array(quotes.prefix(2)), actions: mine,
                                         whatChanged: whatChanged(after: mine, trend: trend, period: thisPeriod),
                                         attention: attention, attentionReason: reason))
            }
            for finding in themes where finding.mentions > 0 && finding.theme.kpis.isEmpty {
                let mine = actions.filter { $0.themes.contains(finding.theme.id) }
                linked.formUnion(mine.map(\.id))
                let share = Proportion(positive: finding.mentions, total: finding.comments)
                let count = audience == .public && settings.rule.disclosure(ofCount: finding.mentions).isWithheld
                    ? "fewer than 5" : "\(finding.mentions)"
                let said = "\(count) of the \(finding.comments) comments in \(thisPeriod.label) mentioned \(finding.theme.title.lowercased())"
                    + (share.wholePercent.map { count == "fewer than 5" ? "" : " (\($0)%)" } ?? "") + "."
                let title = surveys.count > 1 ? "\(finding.theme.title) (\(survey.title))" : finding.theme.title
                items.append(SummaryItem(kind: .theme(finding), survey: survey.id, title: title, youSaid: said,
                                         quotes: quotesByTheme[finding.theme.id] ?? [], actions: mine, whatChanged: [],
                                         attention: 10_000 - finding.mentions, attentionReason: "raised in comments"))
            }
            // Actions linked only to themes shown inside KPI items.
            for theme in survey.themes where !theme.kpis.isEmpty {
                for action in actions where action.themes.contains(theme.id) && !linked.contains(action.id) {
                    if let index = items.firstIndex(where: { item in
                        if case .kpi(let r, _) = item.kind { return theme.kpis.contains(r.kpi.id) }
                        return false
                    }) {
                        items[index].actions.append(action)
                        linked.insert(action.id)
                    }
                }
            }
        }
        guard let period else { throw ReportError.noData(survey: surveys.map(\.id).joined(separator: ", ")) }
        let order = Dictionary(uniqueKeysWithValues: surveys.enumerated().map { ($1.id, $0) })
        items.sort { ($0.attention, order[$0.survey] ?? 0, $0.title) < ($1.attention, order[$1.survey] ?? 0, $1.title) }
        let measures = try MeasureReport.build(store: store, surveys: surveys, settings: settings)
        let imports = try store.listImports().filter { surveysUsed.contains($0.survey) }.map { (file: $0.fileName, sha256: $0.sha256, id: $0.id) }
        let rules = Set(surveys.flatMap { $0.kpis.map(\.dontKnow) })
        let dontKnow = rules == [.include] ? "Don't know counted in the base as not positive"
            : rules.contains(.include) ? "Don't know excluded from the base except for KPIs that include it"
            : "Don't know, Not applicable and blank answers excluded from the base"
        let provenance = Provenance(period: period, surveys: surveysUsed, imports: imports, dontKnowRule: dontKnow,
                                    suppressionThreshold: settings.threshold, confidence: settings.confidence,
                                    engageVersion: engageVersion, generated: CivilTime.isoDate(Int(now.timeIntervalSince1970 / 86_400)))
        return Summary(organisation: settings.organisation, period: period, audience: audience, items: items,
                       otherActions: actions.filter { !linked.contains($0.id) }, measures: measures, provenance: provenance)
    }

    /// RED 0; clear decline 1; not enough responses (or a baseline too small) 2; AMBER 3; no target 4; GREEN 5.
    static func attention(_ r: KPIResult) -> (Int, String) {
        let e = r.evaluation
        if e.rag == .red { return (0, "clearly short of target") }
        if e.baseline?.verdict.isClearFall == true { return (1, "clearly declining") }
        if e.rag == .notEnoughResponses || e.rag == .baselineTooSmall || r.disclosure == .withheld(.smallBase) { return (2, "not enough responses to tell") }
        if e.rag == .amber { return (3, "not yet clear, or close to target") }
        if e.rag == .noTarget { return (4, "no target set") }
        return (5, "target clearly met")
    }

    func hidden(_ r: KPIResult) -> Bool { audience == .public && r.disclosure.isWithheld }

    func youSaid(_ r: KPIResult) -> String {
        let e = r.evaluation
        let p = r.counts.proportion
        if hidden(r) || p.total == 0 {
            return p.total == 0 ? "No one answered this question in this period."
                : "Too few people answered this question in this period to publish a figure (\(SuppressionRule.symbol))."
        }
        var s = "\(r.kpi.title): \(p.wholePercent ?? 0)% (\(p.positive) of the \(p.total) who answered)."
        if let b = e.baseline {
            s += b.verdict == .baselineTooSmall ? " The baseline, \(b.label), is too small to compare with." : " That is \(b.sentence)."
        }
        if let t = e.target {
            s += " Target \(t.sentence)."
        }
        s += " RAG: \(e.ragWords)."
        return s
    }

    /// The KPI in each period that starts after the first linked action's date.
    func whatChanged(after actions: [Action], trend: KPITrend?, period: Period) -> [String] {
        guard let trend else { return [] }
        let dates = actions.compactMap { $0.done ?? $0.due }.compactMap(CivilTime.parseISODate)
        guard let start = dates.min() else { return [] }
        var lines: [String] = []
        for (point, disclosure) in zip(trend.trend.points, trend.disclosure) where point.period.first > start && point.period.first <= period.last {
            let p = point.proportion
            if p.total == 0 { continue }
            if audience == .public && disclosure.isWithheld {
                lines.append("\(point.period.label): \(SuppressionRule.symbol) (too few answers to publish)")
            } else {
                lines.append("\(point.period.label): \(KPIReport.figureText(p))")
            }
        }
        return lines
    }

    /// Theme mentions and chosen quotes for the period.
    func themeFindings(survey: Survey, period: Period) throws -> ([ThemeFinding], [String: [String]]) {
        guard !survey.themes.isEmpty else { return ([], [:]) }
        let matcher = ThemeMatcher(themes: survey.themes)
        var comments: [StoredComment] = []
        for question in survey.questions where question.type == .freeText {
            comments += try store.comments(survey: survey.id, question: question.id, from: period.fromDate, to: period.toDate)
        }
        var mentions: [String: [StoredComment]] = [:]
        for comment in comments {
            for theme in matcher.themes(in: comment.text) { mentions[theme, default: []].append(comment) }
        }
        let chooser = QuoteChooser()
        var quotes: [String: [String]] = [:]
        for theme in survey.themes {
            let candidates = (mentions[theme.id] ?? []).map { QuoteChooser.Candidate(text: $0.text, consent: $0.consent, names: $0.names) }
            quotes[theme.id] = chooser.choose(candidates, count: 1)
        }
        return (survey.themes.map { ThemeFinding(theme: $0, mentions: mentions[$0.id]?.count ?? 0, comments: comments.count) }, quotes)
    }
}
