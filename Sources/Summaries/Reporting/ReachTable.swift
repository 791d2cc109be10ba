import FeedbackStatistics
import Foundation
import ResponseIngestion
import ResponseStore
import SurveyDefinition

/// Who answered: responses per segment group against the population shares in
/// engage.json, and response rates against the eligible counts recorded per period,
/// resolved for an audience. Counts are linked like any figure (each group in each
/// period and year, the totals), so in public a count of 1-4 is never shown nor left
/// to be worked out.
package struct ReachTable: Sendable, Encodable {
    /// The survey's id.
    package var survey: String
    /// The period covered.
    package var period: PeriodValue
    /// Internal or public.
    package var audience: ReportAudience
    /// Per segment question.
    package var segments: [ReachSegment]
    /// Per period with an eligible count.
    var responseRates: [ResponseRateRow]
    /// The level of every interval (0.95).
    package var confidence: Double

    /// The reach of `survey` in a period, from the store and the workspace's population shares.
    package static func build(
        store: Store, survey: Survey, period: Period, settings: ReportSettings, workspace: WorkspaceSettings,
        audience: ReportAudience
    ) throws -> ReachTable {
        let rule = settings.rule
        let lattice = settings.publicPeriods
        func withholding(_ d: Disclosure?) -> Withholding? { d?.reason.map { Withholding($0, rule: rule) } }
        var segments: [ReachSegment] = []
        for question in survey.segments {
            guard let scale = survey.scale(for: question) else { continue }
            var days: [Int: [String: Int]] = [:]
            for c in try store.answerCounts(survey: survey.id, question: question.id) {
                if let day = c.day, let option = c.option { days[day, default: [:]][option, default: 0] += c.count }
            }
            func count(_ a: Int, _ b: Int, _ group: String?) -> Int {
                var n = 0
                for (day, options) in days where a <= day && day <= b {
                    n += group.map { options[$0, default: 0] } ?? options.values.reduce(0, +)
                }
                return n
            }
            // Population shares may be keyed by option code or label.
            let shares = workspace.populationShares(for: question, scale: scale)
            var counts: [String: Int] = [:]
            for option in scale.options {
                let n = count(period.first, period.last, option.code)
                if n > 0 || shares[option.code] != nil { counts[option.code] = n }
            }
            let reach = Reach(responses: counts, populationPercent: shares, z: settings.z)
            let span = days.keys.min().flatMap { a in days.keys.max().map { a...$0 } }
            let links = PeriodLinks(lattice: lattice, span: span, extras: [], rule: rule)
            let totals = links.decide(.counts) { a, b in [count(a, b, nil)] }
            let groups = scale.options.map(\.code)
            var decided: [String: Disclosure] = [:]
            if lattice.whole(period) != nil, totals[PeriodKey(period)] != nil {
                let year = lattice.year.period(containing: period.first)
                decided =
                    links.decideGroups(year: year, groups: groups, totals: totals, .counts) { a, b, g in
                        [count(a, b, g)]
                    }[PeriodKey(period)] ?? [:]
            } else {
                let cells =
                    [
                        LinkedCells.Cell(
                            atoms: Array(groups.indices),
                            fixed: rule.disclosure(ofCount: count(period.first, period.last, nil)))
                    ]
                    + groups.indices.map { LinkedCells.Cell(atoms: [$0]) }
                let table = LinkedCells(
                    kind: .counts, atoms: groups.map { [count(period.first, period.last, $0)] }, cells: cells,
                    lines: [Array(0...groups.count)])
                decided = Dictionary(uniqueKeysWithValues: zip(groups, rule.protect(table).dropFirst()))
            }
            let totalW = withholding(
                totals[PeriodKey(period)] ?? rule.disclosure(ofCount: count(period.first, period.last, nil)))
            let labels = Dictionary(uniqueKeysWithValues: scale.options.map { ($0.code, $0.label) })
            let rows = reach.rows.map { row -> ReachRow in
                let w = rule.applies(.everyFigure) ? withholding(decided[row.group]) : nil
                let shareW = w ?? (rule.applies(.everyFigure) ? totalW : nil)
                return ReachRow(
                    group: row.group, label: labels[row.group] ?? row.group,
                    responses: Published(row.responses, w, for: audience),
                    share: Published(row.share.percent, shareW, for: audience),
                    interval: Published(IntervalValue(row.interval), shareW, for: audience),
                    populationPercent: row.populationPercent,
                    underRepresented: Published(row.underRepresented, shareW, for: audience))
            }
            segments.append(
                ReachSegment(
                    question: question.id,
                    total: Published(
                        count(period.first, period.last, nil),
                        rule.applies(.everyFigure) ? totalW : nil, for: audience),
                    groups: rows))
        }
        // Response rates: every response, linked across the periods with eligible counts.
        var responseDays: [Int: Int] = [:]
        for d in try store.responseCounts(survey: survey.id) {
            if let day = d.date.flatMap(CivilTime.parseISODate) { responseDays[day, default: 0] += d.count }
        }
        func responses(_ a: Int, _ b: Int) -> Int {
            responseDays.filter { a <= $0.key && $0.key <= b }.map(\.value).reduce(0, +)
        }
        var ratePeriods: [(String, Period, Int)] = []
        for (label, eligible) in (workspace.eligible[survey.id] ?? [:]).sorted(by: { $0.key < $1.key }) {
            if let p = try? settings.calendar.parse(label) { ratePeriods.append((label, p, eligible)) }
        }
        let span = responseDays.keys.min().flatMap { a in responseDays.keys.max().map { a...$0 } }
        let links = PeriodLinks(lattice: lattice, span: span, extras: ratePeriods.map(\.1), rule: rule)
        let decided = links.decide(.counts) { a, b in [responses(a, b)] }
        let rates = ratePeriods.compactMap { label, p, eligible -> ResponseRateRow? in
            guard let rate = ResponseRate(responses: responses(p.first, p.last), eligible: eligible, z: settings.z)
            else { return nil }
            let w =
                rule.applies(.everyFigure)
                ? withholding(decided[PeriodKey(p)] ?? rule.disclosure(ofCount: rate.responses)) : nil
            return ResponseRateRow(
                period: label, eligible: eligible, responses: Published(rate.responses, w, for: audience),
                percent: Published(rate.rate.percent, w, for: audience),
                interval: Published(IntervalValue(rate.interval), w, for: audience))
        }
        return ReachTable(
            survey: survey.id, period: PeriodValue(period), audience: audience, segments: segments,
            responseRates: rates,
            confidence: settings.confidence)
    }

    /// The table as text.
    package func text() -> String {
        var lines = ["Who answered: \(survey), \(period.description)"]
        var notes: [String] = []
        func note(_ w: Withholding?) {
            if let w, !notes.contains("\(w.symbol) = \(w.note)") { notes.append("\(w.symbol) = \(w.note)") }
        }
        for segment in segments {
            var table = TextTable(
                headers: [
                    "\(segment.question)", "responses", "share", "\(ConfidenceText.percent(confidence)) interval",
                    "population", "note",
                ],
                alignments: [.left, .right, .right, .left, .right, .left])
            for row in segment.groups {
                note(row.responses.withheld)
                note(row.share.withheld)
                table.add([
                    row.label, row.responses.text { String($0) }, row.share.plain { Proportion.percentText($0) },
                    row.interval.plain { $0.displayed },
                    row.populationPercent.map { "\(NumberText.plain($0))%" } ?? "not set",
                    row.underRepresented.plain("") { $0 ? "under-represented" : "" },
                ])
            }
            lines.append("")
            lines.append(table.render())
        }
        if segments.allSatisfy({ $0.groups.allSatisfy { $0.populationPercent == nil } }) {
            lines.append("")
            lines.append(
                "To compare with the population, add shares to engage.json, e.g. \"populationShares\": { \"phase\": { \"Primary\": 45, \"Secondary\": 40 } }"
            )
        }
        if !responseRates.isEmpty {
            lines.append("")
            var table = TextTable(
                headers: [
                    "period", "responses", "eligible", "response rate",
                    "\(ConfidenceText.percent(confidence)) interval",
                ],
                alignments: [.left, .right, .right, .right, .left])
            for rate in responseRates {
                note(rate.responses.withheld)
                table.add([
                    rate.period, rate.responses.text { String($0) }, String(rate.eligible),
                    rate.percent.plain { Proportion.percentText($0) }, rate.interval.plain { $0.displayed },
                ])
            }
            lines.append(table.render())
        }
        lines.append("")
        lines.append(
            "A group is under-represented when even the top of the \(ConfidenceText.percent(confidence)) interval for its share of responses is below its share of the population."
        )
        lines.append(contentsOf: notes)
        return lines.joined(separator: "\n")
    }
}

/// Who answered, by the groups of one segment question.
package struct ReachSegment: Sendable, Equatable, Encodable {
    /// The segment question's id.
    package var question: String
    /// Respondents who answered the segment question in the period.
    package var total: Published<Int>
    /// One row per group.
    package var groups: [ReachRow]
}

/// One group of a segment question.
package struct ReachRow: Sendable, Equatable, Encodable {
    /// The option code.
    package var group: String
    /// The option's label.
    package var label: String
    /// Respondents in the group.
    package var responses: Published<Int>
    /// Percent of those who answered the segment question.
    package var share: Published<Double>
    /// The interval of the group's share.
    package var interval: Published<IntervalValue>
    /// The population share from engage.json, 0-100.
    package var populationPercent: Double?
    /// Whether the group answered clearly less than its share of the population.
    package var underRepresented: Published<Bool>
}

/// Responses against those who could have answered, in one period.
package struct ResponseRateRow: Sendable, Equatable, Encodable {
    /// The period's label.
    package var period: String
    /// People who could have answered.
    package var eligible: Int
    /// Responses received.
    package var responses: Published<Int>
    /// The response rate, percent.
    package var percent: Published<Double>
    /// The rate's interval.
    package var interval: Published<IntervalValue>
}

/// `engage reach` for one or more surveys, in every format.
package struct ReachPublication: Sendable, Encodable {
    /// One table per survey.
    package var reach: [ReachTable]
    /// An internal output's marking (``InternalMarking``); nil in public.
    package var marking: InternalMarking?

    /// The listing of `reach`, marked `marking` when internal.
    package init(reach: [ReachTable], marking: InternalMarking? = nil) {
        self.reach = reach
        self.marking = marking
    }

    enum CodingKeys: String, CodingKey { case reach }

    /// The listing in `format` (text, markdown, csv, json...).
    package func render(_ format: String) throws -> String {
        format == "json"
            ? try PublicationJSON.text(self, marking: marking)
            : (marking?.textLine ?? "") + reach.map { $0.text() }.joined(separator: "\n\n") + "\n"
    }
}
