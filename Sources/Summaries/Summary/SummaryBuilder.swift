import FeedbackStatistics
import Foundation
import ResponseStore
import SurveyDefinition

/// Builds the ``Summary`` from the store: KPI rows and trends (through
/// ``ReportBuilder``, so every figure is decided with its linked periods), themes and
/// quotes from comments, the action log and measures. Order, judged only from what the
/// audience can see: RED, then declining, then figures withheld or too few answers to
/// tell, then AMBER, then the rest; themes not tied to a KPI follow, most mentioned first.
package struct SummaryBuilder {
    /// The store the figures come from.
    package var store: Store
    /// The surveys the summary covers, in the order they are listed.
    package var surveys: [Survey]
    /// The workspace settings that shape the figures.
    package var settings: ReportSettings
    /// Internal (small numbers shown) or public.
    package var audience: ReportAudience
    /// The engage version written into the provenance.
    package var engageVersion: String

    /// A builder of summaries of `surveys` from `store`.
    package init(
        store: Store, surveys: [Survey], settings: ReportSettings, audience: ReportAudience, engageVersion: String
    ) {
        self.store = store
        self.surveys = surveys
        self.settings = settings
        self.audience = audience
        self.engageVersion = engageVersion
    }

    /// The summary for the period given by a label or dates, or (neither) the latest
    /// period of the workspace's scheme with answers. Public: whole reporting periods only.
    /// `changesThrough` (a period label) asks for "what changed since" to go on past the
    /// summary's period, to the end of that period.
    package func build(label: String?, from: String?, to: String?, changesThrough: String? = nil, now: Date = Date())
        throws -> Summary
    {
        var requested: Period?
        var through: Period?
        if let first = surveys.first, label != nil || from != nil || to != nil || changesThrough != nil {
            let builder = try ReportBuilder(store: store, survey: first, settings: settings)
            if label != nil || from != nil || to != nil {
                requested = try builder.period(label: label, from: from, to: to, audience: audience)
            }
            if let changesThrough {
                through = try builder.period(label: changesThrough, from: nil, to: nil, audience: audience)
            }
        }
        return try build(period: requested, changesThrough: through, now: now)
    }

    /// The summary for `period`, or (nil) the latest period of the workspace's scheme with
    /// answers, **as it stood at the period's end**: only answers, actions, progress updates
    /// and measures up to that day, in every figure, trend and test, and each action's
    /// status on that day (overdue when past its due date and not done). Later periods
    /// appear only under "what changed since", and only when `changesThrough` asks.
    package func build(period requested: Period?, changesThrough: Period? = nil, now: Date = Date()) throws -> Summary {
        var items: [SummaryItem] = []
        var period = requested
        let allActions = try store.actions()
        var actions: [Action] = []
        let review = QuoteReview(store: store, surveys: surveys, settings: settings)
        let decisions = try store.quoteDecisions()
        var candidates: [QuoteCandidate] = []
        var linked = Set<Int64>()
        var surveysUsed: [String] = []
        var kpis: [String: KPI] = [:]
        for survey in surveys {
            let builder = try ReportBuilder(store: store, survey: survey, settings: settings)
            guard builder.span != nil else { continue }
            surveysUsed.append(survey.id)
            let thisPeriod = try period ?? builder.period(label: nil, from: nil, to: nil, audience: audience)
            period = thisPeriod
            // Figures come from the period and the baseline, trends stop at the period's end;
            // what the public may see is decided with every public output of the workspace
            // as it is now (a later figure may cause an earlier one to be withheld), so that
            // no past period's summary can be combined with a current table to recover a cell.
            let asOf = thisPeriod.last
            actions = allActions.map { $0.asOf(day: asOf) }
            // Theme counts are decided with the rest of the year, so the year's comments are read.
            let whole = settings.publicPeriods.whole(thisPeriod) != nil
            let read = whole ? settings.publicPeriods.year.period(containing: thisPeriod.first) : thisPeriod
            let yearComments = try review.comments(survey, period: read)
            let comments = yearComments.filter { $0.comment.day.map(thisPeriod.contains(day:)) ?? !whole }
            let themes = themeFindings(survey: survey, period: thisPeriod, comments: yearComments.map(\.comment))
            candidates += review.entries(survey, comments: comments, decisions: decisions).map(\.candidate)
            for kpi in survey.kpis {
                guard let row = try builder.row(kpi, period: thisPeriod, audience: audience) else { continue }
                let mine = actions.filter { $0.kpis.contains(kpi.id) }
                linked.formUnion(mine.map(\.id))
                let trend = try builder.trend(kpi: kpi, scheme: settings.scheme, to: asOf, audience: audience)
                let laterTrend = try changesThrough.flatMap {
                    $0.last > asOf
                        ? try builder.trend(kpi: kpi, scheme: settings.scheme, to: $0.last, audience: audience) : nil
                }
                let (attention, reason) = Self.attention(row)
                kpis[kpi.id] = kpi
                items.append(
                    SummaryItem(
                        id: kpi.id, kind: "kpi", survey: survey.id, title: kpi.title, youSaid: "",
                        quotes: [], weDid: mine.map { ActionValue($0, on: asOf) },
                        whatChanged: whatChanged(
                            after: mine, trend: laterTrend ?? trend, period: changesThrough ?? thisPeriod),
                        attention: attention, attentionReason: reason, kpi: row, trend: trend, theme: nil))
            }
            for finding in themes where finding.mentions > 0 && finding.theme.kpis.isEmpty {
                let mine = actions.filter { $0.themes.contains(finding.theme.id) }
                linked.formUnion(mine.map(\.id))
                let row = themeRow(finding)
                let title = surveys.count > 1 ? "\(finding.theme.title) (\(survey.title))" : finding.theme.title
                items.append(
                    SummaryItem(
                        id: "theme:" + finding.theme.id, kind: "theme", survey: survey.id, title: title,
                        youSaid: youSaid(row, period: thisPeriod), youSaidFrom: "comments", quotes: [],
                        weDid: mine.map { ActionValue($0, on: thisPeriod.last) }, whatChanged: [],
                        attention: 10_000 - (row.mentions.value ?? 0), attentionReason: "raised in comments",
                        kpi: nil, trend: nil, theme: row))
            }
            // Actions linked only to themes shown inside KPI items.
            for theme in survey.themes where !theme.kpis.isEmpty {
                for action in actions where action.themes.contains(theme.id) && !linked.contains(action.id) {
                    if let index = items.firstIndex(where: { $0.kind == "kpi" && theme.kpis.contains($0.id) }) {
                        items[index].weDid.append(ActionValue(action, on: thisPeriod.last))
                        linked.insert(action.id)
                    }
                }
            }
        }
        guard let period else { throw ReportError.noData(survey: surveys.map(\.id).joined(separator: ", ")) }
        // Every verdict the summary shows, counted and allowed for together; then "You said" in words.
        var rows = items.compactMap(\.kpi)
        var trends = items.filter { $0.kpi != nil }.map(\.trend)
        let comparisons = ComparisonsValue.account(rows: &rows, trends: &trends, confidence: settings.confidence)
        var next = 0
        for i in items.indices where items[i].kpi != nil {
            items[i].kpi = rows[next]
            items[i].trend = trends[next]
            items[i].figures = Self.figures(rows[next], includesDontKnow: kpis[rows[next].id]?.dontKnow == .include)
            items[i].youSaid = PlainWords.kpi(
                rows[next], kpi: kpis[rows[next].id], survey: surveys.first { $0.id == items[i].survey })
            next += 1
        }
        // Families' words lead where the action log has them; the figures in words follow.
        for i in items.indices {
            guard let said = items[i].weDid.lazy.compactMap(\.youSaid).first(where: { !$0.isEmpty }) else { continue }
            items[i].surveyShowed = items[i].youSaid
            items[i].youSaid = said
            items[i].youSaidFrom = "action"
        }
        let order = Dictionary(uniqueKeysWithValues: surveys.enumerated().map { ($1.id, $0) })
        items.sort { ($0.attention, order[$0.survey] ?? 0, $0.title) < ($1.attention, order[$1.survey] ?? 0, $1.title) }
        // Quotes last, in that order, so what most needs attention has first pick and no
        // quote is printed twice.
        var picker = QuotePicker(candidates: candidates, audience: audience, approvalRequired: settings.quoteApproval)
        for index in items.indices {
            guard let survey = surveys.first(where: { $0.id == items[index].survey }) else { continue }
            let themes =
                items[index].theme.map { [$0.id] }
                ?? survey.themes.filter { $0.kpis.contains(items[index].id) }.map(\.id)
            items[index].quotes = picker.pick(
                survey: survey.id, themes: Set(themes), count: items[index].kind == "kpi" ? 2 : 1)
        }
        let used = items.flatMap(\.quotes)
        let measures = try MeasureTable.build(
            store: store, surveys: surveys, settings: settings, audience: audience, asOf: period.last)
        let imports = try Provenance.ImportValue.of(surveys: surveysUsed, in: store)
        let rules = Set(surveys.flatMap { $0.kpis.map(\.dontKnow) })
        let dontKnow =
            rules == [.include]
            ? "Don't know counted in the base as not positive"
            : rules.contains(.include)
                ? "Don't know excluded from the base except for KPIs that include it"
                : "Don't know, Not applicable and blank answers excluded from the base"
        let today = CivilTime.today(now: now)
        var provenance = Provenance(
            period: PeriodValue(period), surveys: surveysUsed, imports: imports, dontKnowRule: dontKnow,
            suppression: SuppressionValue(settings.rule), confidence: settings.confidence,
            engageVersion: engageVersion, generated: CivilTime.isoDate(today))
        provenance.quotes = Provenance.QuoteProvenance(
            approvalRequired: settings.quoteApproval, used: used.count,
            approved: used.filter(\.approved).count,
            hidden: candidates.filter(\.isHidden).count)
        return Summary(
            organisation: settings.organisation, period: PeriodValue(period), audience: audience, items: items,
            otherActions: actions.filter { !linked.contains($0.id) }.map { ActionValue($0, on: period.last) },
            measures: measures,
            provenance: provenance, comparisons: comparisons,
            page: PageFurniture(
                settings: settings, period: period, publishedDay: today))
    }

    /// RED 0; clear decline 1; figure withheld or too few answers 2; AMBER 3; no target 4;
    /// GREEN 5: from the published rating and change only, so the order gives nothing away.
    static func attention(_ row: KPIRow) -> (Int, String) {
        guard let rating = row.rating.value, row.figure.value != nil else {
            return (2, "figure withheld or too few answers to tell")
        }
        if rating.rag == RAG.red.rawValue { return (0, "clearly short of target") }
        if row.change?.value.flatMap({ ChangeVerdict(rawValue: $0.verdict) })?.isClearFall == true {
            return (1, "clearly declining")
        }
        if rating.rag == RAG.notEnoughResponses.rawValue || rating.rag == RAG.baselineTooSmall.rawValue {
            return (2, "not enough responses to tell")
        }
        if rating.rag == RAG.amber.rawValue { return (3, "not yet clear, or close to target") }
        if rating.rag == RAG.noTarget.rawValue { return (4, "no target set") }
        return (5, "target clearly met")
    }

    /// The exact figures from the values shown, as a committee reads them: a withheld
    /// figure says why, in plain words; Don't know (and a large Not applicable) in words
    /// beside the figure. (``PlainWords`` writes them for parents.)
    static func figures(_ row: KPIRow, includesDontKnow: Bool = false) -> String {
        guard let f = row.figure.value else {
            return "The figure is withheld (\(row.figure.withheld?.symbol ?? "")): \(row.figure.withheld?.note ?? "")."
        }
        guard f.substantive > 0, f.percent != nil else {
            let others = AnswerWords.others(
                dontKnow: row.dontKnow, notApplicable: row.notApplicable, base: 0, includesDontKnow: false)
            return "No one gave a view on this question in this period" + (others.isEmpty ? "." : "; " + others + ".")
        }
        var s =
            "\(row.title): \(f.percentText) (\(AnswerWords.base(f, dontKnow: row.dontKnow, notApplicable: row.notApplicable, includesDontKnow: includesDontKnow)))."
        if let change = row.change?.value { s += " " + change.sentence }
        if let t = row.target, let assessment = t.assessment.value {
            s += " Target \(t.description): \(assessment.words)."
        }
        if let rating = row.rating.value { s += " Rating: \(rating.words)." }
        return s
    }

    /// The KPI in each period that starts after the first linked action's date, up to the
    /// end of `period`, as the trend shows it, each tested against the last period shown
    /// before that date ("no clear change", never a claim that the action caused it).
    func whatChanged(after actions: [Action], trend: TrendTable?, period: Period) -> [String] {
        guard let trend else { return [] }
        let dates = actions.compactMap { $0.done ?? $0.due }.compactMap(CivilTime.parseISODate)
        guard let start = dates.min() else { return [] }
        let before = trend.points.last { point in
            (CivilTime.parseISODate(point.period.to) ?? Int.max) < start && (point.figure.value?.substantive ?? 0) > 0
        }
        var lines: [String] = []
        for point in trend.points {
            guard let first = CivilTime.parseISODate(point.period.from), first > start, first <= period.last else {
                continue
            }
            if let v = point.figure.value, v.substantive == 0 { continue }
            var line =
                "\(point.period.label): " + point.figure.plain { $0.displayed }
                + (point.figure.value == nil ? " (\(point.figure.withheld?.note ?? ""))" : "")
            if let before, let b = before.figure.value, let v = point.figure.value,
                let change = Change(
                    current: Proportion(positive: v.positive, total: v.substantive),
                    baseline: Proportion(positive: b.positive, total: b.substantive), z: settings.z)
            {
                let points =
                    (Proportion(positive: v.positive, total: v.substantive).wholePercent ?? 0)
                    - (Proportion(positive: b.positive, total: b.substantive).wholePercent ?? 0)
                line +=
                    " (\(PointsText.text(points)) on \(before.period.label), before the action: \(change.verdict.rawValue))"
            }
            lines.append(line)
        }
        return lines
    }

    /// Words the workspace itself uses (organisation, survey, questions, options, KPIs,
    /// themes): capitalised in a comment, they are not taken for a name.
    static func knownWords(survey: Survey, organisation: String) -> Set<String> {
        var texts = [organisation, survey.title] + survey.questions.map(\.text) + survey.kpis.map(\.title)
        texts += survey.questions.flatMap { ($0.options ?? []).map(\.label) }
        texts += survey.themes.flatMap { [$0.title] + $0.keywords }
        return Set(
            texts.flatMap { $0.split(whereSeparator: { !($0.isLetter || $0 == "'" || $0 == "-") }) }.map {
                $0.lowercased()
            })
    }

    /// A theme's counts for the period, each decided by the rule.
    func themeRow(_ finding: ThemeFinding) -> ThemeRow {
        let rule = settings.rule
        let every = rule.applies(.everyFigure)
        let share = Proportion(positive: finding.mentions, total: finding.comments)
        let commentsW = every ? finding.commentsDisclosure.reason.map { Withholding($0, rule: rule) } : nil
        let shareW = every ? finding.mentionsDisclosure.reason.map { Withholding($0, rule: rule) } ?? commentsW : nil
        return ThemeRow(
            id: finding.theme.id, title: finding.theme.title,
            mentions: Published(finding.mentions, shareW, for: audience),
            comments: Published(finding.comments, commentsW, for: audience),
            share: Published(share.percent, shareW, for: audience))
    }

    func youSaid(_ row: ThemeRow, period: Period) -> String {
        guard let mentions = row.mentions.value, let comments = row.comments.value else {
            return
                "Comments in \(period.label) mentioned \(row.title.lowercased()); how many is withheld (\(row.mentions.withheld?.symbol ?? "")): \((row.mentions.withheld ?? row.comments.withheld)?.note ?? "")."
        }
        return "\(mentions) of the \(comments) comments in \(period.label) mentioned \(row.title.lowercased())"
            + (row.share.value.map { " (\(Proportion.percentText($0)))" } ?? "") + "."
    }

    /// Theme mentions in the period, among `comments` (the whole year's for a public
    /// period). The counts are linked like any figure: a theme's mentions in a quarter
    /// and in its year (and the other quarters) are decided together, so the year minus
    /// the shown quarters gives no small count away.
    func themeFindings(survey: Survey, period: Period, comments: [StoredComment]) -> [ThemeFinding] {
        guard !survey.themes.isEmpty else { return [] }
        let matcher = ThemeMatcher(themes: survey.themes)
        let lattice = settings.publicPeriods
        let whole = lattice.whole(period) != nil
        // Per day: comments, and mentions of each theme; each distinct text matched once.
        var perDay: [Int: (comments: Int, mentions: [String: Int])] = [:]
        var mentions: [String: Int] = [:]
        var inPeriod = 0
        var matched: [String: [String]] = [:]
        for comment in comments {
            let themes =
                matched[comment.text]
                ?? {
                    let found = matcher.themes(in: comment.text)
                    matched[comment.text] = found
                    return found
                }()
            if let day = comment.day {
                perDay[day, default: (0, [:])].comments += 1
                for theme in themes { perDay[day, default: (0, [:])].mentions[theme, default: 0] += 1 }
            }
            guard comment.day.map(period.contains(day:)) ?? !whole else { continue }
            inPeriod += 1
            for theme in themes { mentions[theme, default: 0] += 1 }
        }
        func sum(_ a: Int, _ b: Int, _ value: ((comments: Int, mentions: [String: Int])) -> Int) -> Int {
            perDay.reduce(0) { a <= $1.key && $1.key <= b ? $0 + value($1.value) : $0 }
        }
        let year = lattice.year.period(containing: period.first)
        let links = PeriodLinks(
            lattice: lattice, span: whole ? year.first...year.last : nil, extras: [], rule: settings.rule)
        let commentsDecision =
            links.decide(.counts) { a, b in [sum(a, b) { $0.comments }] }[PeriodKey(period)]
            ?? settings.rule.disclosure(ofCount: inPeriod)
        return survey.themes.map { theme in
            let n = mentions[theme.id] ?? 0
            let decision =
                links.decide(.counts) { a, b in
                    let m = sum(a, b) { $0.mentions[theme.id, default: 0] }
                    return [m, sum(a, b) { $0.comments } - m]
                }[PeriodKey(period)] ?? settings.rule.primaryReason([n, inPeriod - n], kind: .counts).map(
                    Disclosure.withheld) ?? .shown
            return ThemeFinding(
                theme: theme, mentions: n, comments: inPeriod, mentionsDisclosure: decision,
                commentsDisclosure: commentsDecision)
        }
    }
}

/// A comment theme's counts in a period, before they are resolved for an audience.
struct ThemeFinding {
    var theme: CommentTheme
    /// Comments that mention the theme.
    var mentions: Int
    /// All comments in the period.
    var comments: Int
    /// What the public may see of the mentions (and the share), decided with the year's other periods.
    var mentionsDisclosure: Disclosure
    /// And of the number of comments.
    var commentsDisclosure: Disclosure
}
