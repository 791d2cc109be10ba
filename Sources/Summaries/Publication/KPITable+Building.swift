import FeedbackStatistics
import SurveyDefinition

extension ReportBuilder {
    /// Every KPI of the survey for `period`, resolved for `audience`.
    /// Its verdicts are counted and allowed for together (``ComparisonsValue``).
    package func table(period: Period, audience: ReportAudience) throws -> KPITable {
        var rows = try survey.kpis.compactMap { try row($0, period: period, audience: audience) }
        var noTrends: [TrendTable?] = []
        let comparisons = ComparisonsValue.account(rows: &rows, trends: &noTrends, confidence: settings.confidence)
        return KPITable(
            survey: survey.id, surveyTitle: survey.title, period: PeriodValue(period), audience: audience,
            breakdown: breakdownName, kpis: rows, suppression: SuppressionValue(settings.rule),
            confidence: settings.confidence,
            comparisons: comparisons)
    }

    func withholding(_ d: Disclosure) -> Withholding? { d.reason.map { Withholding($0, rule: settings.rule) } }

    /// One KPI for `period`: every value it shows comes only from cells the public may
    /// see (a change needs both figures, a target assessment the figure, a rating every
    /// figure it rests on), so nothing withheld can be read back from it.
    func row(_ kpi: KPI, period: Period, audience: ReportAudience) throws -> KPIRow? {
        guard let c = counts(kpi, period) else { return nil }
        let every = settings.rule.applies(.everyFigure)
        let z = settings.z
        let figureDecision = figureDisclosure(kpi, period)
        let figureW = withholding(figureDecision)
        let base = try baseline(kpi)
        let baselineW = every ? base.flatMap { withholding($0.disclosure) } : nil
        let evaluation = Evaluation(
            indicator: Indicator(kpi), figure: .counts(c.proportion), baseline: base?.figure,
            minimumAnswers: settings.threshold, confidence: settings.confidence)
        // Don't know and Not applicable: counts of their own, linked across periods; with
        // Don't know in the base, never apart from it.
        var othersW = every ? withholding(othersDisclosure(kpi, period)) : nil
        if every && kpi.dontKnow == .include && c.dontKnow > 0 {
            othersW = othersW ?? Withholding(.secondary, rule: settings.rule)
        }
        let shareW = every ? (othersW ?? figureW) : nil
        let baselineRow = base.map { b in
            BaselineRow(
                label: b.figure.label,
                figure: Published(AnyFigureValue(b.figure.figure, z: z), baselineW, for: audience))
        }
        let change = evaluation.baseline.map { b in
            Published(ChangeValue(b), every ? figureW ?? baselineW : nil, for: audience)
        }
        let onBaseline = kpi.target == .increaseOnBaseline
        let target = evaluation.target.map { t in
            // "increase on autumn 2019 (31%)" would show a withheld baseline.
            TargetRow(
                description: audience == .public && onBaseline && baselineW != nil
                    ? "increase on \(base?.figure.label ?? "the baseline")" : t.description,
                assessment: Published(
                    TargetValue(t), every ? figureW ?? (onBaseline ? baselineW : nil) : nil, for: audience))
        }
        let comparators = evaluation.comparators.map { cmp in
            ComparatorRow(
                name: cmp.name, percent: cmp.percent, period: cmp.period,
                comparison: Published(
                    ComparatorValue(points: cmp.points, displayed: cmp.pointsText, standing: cmp.standing?.rawValue),
                    every ? figureW : nil, for: audience))
        }
        let full = RatingValue(rag: evaluation.rag.rawValue, words: evaluation.ragWords, reason: evaluation.ragReason)
        // A rating rests on the figure and, with a target, on the baseline. A public
        // "not enough responses" beside a withheld figure would say how few answered,
        // a bound the figure's one public reason does not give: withheld with it.
        let rating = Published(full, every ? figureW ?? (kpi.target != nil ? baselineW : nil) : nil, for: audience)
        let groups = groupDisclosures(kpi, period).map { g in
            GroupRow(
                group: g.group, label: groupLabel(g.group),
                figure: Published(
                    FigureValue(counts(kpi, period, group: g.group)?.proportion ?? .zero, z: z),
                    withholding(g.disclosure),
                    for: audience))
        }
        return KPIRow(
            id: kpi.id, title: kpi.title, question: kpi.question,
            figure: Published(FigureValue(c.proportion, z: z), figureW, for: audience),
            dontKnow: Published(c.dontKnow, othersW, for: audience),
            notApplicable: Published(c.notApplicable, othersW, for: audience),
            dontKnowShare: Published(c.dontKnowShare.map { $0 * 100 }, shareW, for: audience),
            baseline: baselineRow, change: change, target: target, comparators: comparators, rating: rating,
            groups: groups, groupComparison: groupComparison(groups),
            answers: answers(kpi, period, figure: figureW, audience: audience))
    }

    /// For a breakdown by source: whether the two largest sources the reader can see
    /// (portal and telephone, say) clearly differ, since telephone answers often run
    /// more positive.
    func groupComparison(_ groups: [GroupRow]) -> String? {
        guard breakdown == .source else { return nil }
        let shown = groups.filter { !$0.group.isEmpty }.compactMap { g in
            g.figure.value.map { (g.label, Proportion(positive: $0.positive, total: $0.substantive)) }
        }
        let two = shown.sorted { $0.1.total > $1.1.total }.prefix(2)
        guard two.count == 2 else { return nil }
        let a = two[two.startIndex]
        let b = two[two.startIndex + 1]
        return GroupComparison(first: a.0, a.1, second: b.0, b.1, z: settings.z)?.sentence(a.1, b.1)
    }

    /// Positions of the usual scale codes, from disagree (left) to agree (right).
    static let positions: [String: Int] = [
        "strongly-disagree": -2, "disagree": -1, "neither": 0, "agree": 1, "strongly-agree": 2,
        "very-dissatisfied": -2, "dissatisfied": -1, "very-satisfied": 2, "satisfied": 1,
    ]

    /// The answers to chart: internally every option; in public the figure's own two
    /// counts, since the options of each period, year and group would be further
    /// linked tables.
    func answers(_ kpi: KPI, _ period: Period, figure: Withholding?, audience: ReportAudience) -> Published<
        [AnswerCountValue]
    > {
        guard let question = survey.question(kpi.question), let scale = survey.scale(for: question),
            let history = histories[kpi.question]
        else { return .shown(nil) }
        let counts = history.counts(from: period.first, to: period.last)
        if audience == .public {
            guard let c = self.counts(kpi, period), c.proportion.total > 0 else { return .shown(nil) }
            let p = c.proportion
            return Published(
                [
                    AnswerCountValue(label: "Did not agree", count: p.total - p.positive, position: -1),
                    AnswerCountValue(label: "Agreed", count: p.positive, position: 1),
                ], figure, for: audience)
        }
        return Published(
            scale.options.map { o in
                AnswerCountValue(
                    label: o.label, count: counts[o.code, default: 0],
                    position: o.substantive ? Self.positions[o.code] : nil)
            }, figure, for: audience)
    }

    /// One KPI per period of `scheme` over `first...last` (default: all the data). In
    /// public only the reporting scheme or its years, and the test for trend uses only
    /// the periods shown, so it gives nothing withheld away.
    package func trend(
        kpi: KPI, scheme: PeriodScheme, from first: Int? = nil, to last: Int? = nil,
        audience: ReportAudience
    ) throws -> TrendTable? {
        if audience == .public && settings.rule.applies(.wholePeriods) && !settings.publicPeriods.allows(scheme) {
            throw ReportError.notAPublicScheme(
                scheme: scheme.rawValue, allowed: settings.publicPeriods.names(span: span))
        }
        guard let history = histories[kpi.question], let span = history.span else { return nil }
        let periods = scheme.periods(from: first ?? span.lowerBound, to: last ?? span.upperBound)
        // Each period with its own rating (the board's RAG per quarter), decided like the period's row.
        let points = try periods.map { p in
            TrendPoint(
                period: PeriodValue(p),
                figure: Published(
                    FigureValue(counts(kpi, p)?.proportion ?? .zero, z: settings.z),
                    withholding(figureDisclosure(kpi, p)), for: audience),
                rating: try row(kpi, period: p, audience: audience)?.rating)
        }
        let fromShown = audience == .public && settings.rule.applies(.trendFromShown)
        let used: [(Period, Proportion)] = zip(periods, points).compactMap { period, point in
            if fromShown && point.figure.value == nil { return nil }
            return (period, counts(kpi, period)?.proportion ?? .zero)
        }
        let trend = Trend(used, confidence: settings.confidence)
        let withAnswers = used.filter { $0.1.total > 0 }.count
        let test = TrendTestValue(
            direction: trend.direction.rawValue, description: trend.description,
            slopePointsPerPeriod: trend.test.map { $0.slopePerPeriod * 100 },
            chiSquared: trend.test?.chiSquared, p: trend.p, method: trend.method?.rawValue, periodsUsed: withAnswers,
            basis: fromShown && used.count < periods.count
                ? "the \(withAnswers) periods shown (the test leaves out the periods withheld)"
                : "every period with answers")
        return TrendTable(
            survey: survey.id, kpi: kpi.id, title: kpi.title, scheme: scheme.rawValue, audience: audience,
            points: points, test: test,
            target: kpi.target.flatMap { t in
                if case .atLeast(let p) = t { return p }
                return nil
            }, confidence: settings.confidence)
    }
}
