import FeedbackStatistics
import Foundation
import ResponseStore
import SurveyDefinition

/// An administrative measure's recorded figures, each evaluated against the measure's
/// baseline, target and comparators, resolved for an audience: a figure recorded with
/// counts is judged by the same small-number rule as a KPI (a measure recorded as 2 of 3
/// is withheld in public), and what rests on it (change, comparisons, rating) with it.
package struct MeasureTable: Sendable, Encodable {
    /// The measure's id.
    package var id: String
    /// The measure's title.
    package var title: String
    /// Oldest period first.
    package var periods: [MeasureRow]

    /// Every measure of `surveys` with at least one recorded figure (or only `only`).
    /// With `asOf` (a day number), only figures for periods that had ended by then: a
    /// report for a past period shows the measures as they stood.
    package static func build(
        store: Store, surveys: [Survey], settings: ReportSettings, audience: ReportAudience,
        only: String? = nil, asOf: Int? = nil
    ) throws -> [MeasureTable] {
        var tables: [MeasureTable] = []
        let rule = settings.rule
        let every = rule.applies(.everyFigure)
        func withholding(_ f: Figure) -> Withholding? {
            guard every, let p = f.proportion else { return nil }
            return rule.disclosure(of: p).reason.map { Withholding($0, rule: rule) }
        }
        for measure in surveys.flatMap(\.measures) where only == nil || measure.id == only {
            let records = try store.measures(measure.id).sorted {
                order($0.period, settings) < order($1.period, settings)
            }
            .filter { record in
                asOf.map { day in (try? settings.calendar.parse(record.period)).map { $0.last <= day } ?? false }
                    ?? true
            }
            guard !records.isEmpty else { continue }
            let baseline = baselineFigure(measure.baseline, records: records, settings: settings)
            let baselineW = baseline.flatMap { withholding($0.figure) }
            let rows = records.map { record -> MeasureRow in
                let figure = figure(record)
                let e = Evaluation(
                    indicator: Indicator(measure), figure: figure, baseline: baseline,
                    minimumAnswers: settings.threshold,
                    confidence: settings.confidence)
                let figureW = withholding(figure)
                let rating = RatingValue(rag: e.rag.rawValue, words: e.ragWords, reason: e.ragReason)
                let dates = try? settings.calendar.parse(record.period)
                return MeasureRow(
                    period: record.period, from: dates?.fromDate, to: dates?.toDate,
                    figure: Published(AnyFigureValue(figure, z: settings.z), figureW, for: audience),
                    baseline: e.baseline.map { b in
                        BaselineRow(
                            label: b.label,
                            figure: Published(AnyFigureValue(b.figure, z: settings.z), baselineW, for: audience))
                    },
                    change: e.baseline.map { b in
                        Published(ChangeValue(b), figureW ?? baselineW, for: audience)
                    },
                    comparators: e.comparators.map { c in
                        ComparatorRow(
                            name: c.name, percent: c.percent, period: c.period,
                            comparison: Published(
                                ComparatorValue(
                                    points: c.points, displayed: c.pointsText, standing: c.standing?.rawValue),
                                figureW, for: audience))
                    },
                    target: e.target.map { t in
                        TargetRow(
                            description: t.description,
                            assessment: Published(TargetValue(t), figureW ?? baselineW, for: audience))
                    },
                    rating: Published(rating, figureW ?? (measure.target != nil ? baselineW : nil), for: audience),
                    note: record.note)
            }
            tables.append(MeasureTable(id: measure.id, title: measure.title, periods: rows))
        }
        return tables
    }

    static func order(_ label: String, _ settings: ReportSettings) -> Int {
        (try? settings.calendar.parse(label).first) ?? Int.max
    }

    static func figure(_ r: MeasureRecord) -> Figure {
        if let n = r.numerator, let d = r.denominator, d > 0 { return .counts(Proportion(positive: n, total: d)) }
        return .percent(r.percent ?? 0)
    }

    static func baselineFigure(_ baseline: Baseline?, records: [MeasureRecord], settings: ReportSettings)
        -> BaselineFigure?
    {
        switch baseline {
        case .published(let percent, let positive, let substantive, let label):
            if let positive, let substantive, substantive > 0 {
                return BaselineFigure(
                    label: label ?? "published", figure: .counts(Proportion(positive: positive, total: substantive)))
            }
            return BaselineFigure(label: label ?? "published", figure: .percent(percent))
        case .period(let label):
            guard let wanted = try? settings.calendar.parse(label),
                let record = records.first(where: { (try? settings.calendar.parse($0.period)) == wanted })
            else { return nil }
            return BaselineFigure(label: label, figure: figure(record))
        default:
            return nil
        }
    }

    /// The latest figure.
    package var latest: MeasureRow? { periods.last }

    /// "  2020 (2020-01-01 to 2020-12-31): 86% (86 of 100); against England 58% (+28 points), …; GREEN: target clearly met".
    package func text() -> String {
        var lines = ["\(title) (\(id))"]
        for row in periods {
            lines.append("  " + row.line)
            if let note = row.note { lines.append("    note: \(note)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// One recorded figure of a measure.
package struct MeasureRow: Sendable, Equatable, Encodable {
    /// The period's label, as recorded.
    package var period: String
    /// The period's first and last days (`YYYY-MM-DD`), when the label names a period.
    package var from: String?
    /// The period's last day.
    package var to: String?
    /// The recorded figure.
    package var figure: Published<AnyFigureValue>
    /// The measure's baseline, if any.
    package var baseline: BaselineRow?
    /// The change since the baseline.
    package var change: Published<ChangeValue>?
    /// Against each published comparator.
    package var comparators: [ComparatorRow]
    /// Against the target, if any.
    package var target: TargetRow?
    /// The Red/Amber/Green rating.
    package var rating: Published<RatingValue>
    /// Where the figure comes from.
    package var note: String?

    /// What the row says against its comparators and baseline.
    var comparedText: [String] {
        comparators.map { c in
            "\(c.name) \(NumberText.plain(c.percent))% (\(c.comparison.plain { $0.displayed ?? "-" }))"
        }
            + (baseline.flatMap { b in change.map { c in ["\(b.label): \(c.plain { $0.displayed ?? "-" })"] } } ?? [])
    }

    var line: String {
        let dates = from.flatMap { f in to.map { " (\(f) to \($0))" } } ?? ""
        var line = "\(period)\(dates): \(figure.text { $0.displayed })"
        if let b = baseline, let c = change, let points = c.value?.displayed { line += "; \(points) on \(b.label)" }
        if !comparators.isEmpty {
            line +=
                "; against "
                + comparators.map { c in
                    "\(c.name) \(NumberText.plain(c.percent))% (\(c.comparison.plain { $0.displayed ?? "-" }))"
                }.joined(separator: ", ")
        }
        line += "; " + rating.plain { $0.words }
        return line
    }
}

/// `engage measure list`, in every format.
package struct MeasurePublication: Sendable, Encodable {
    /// One table per measure.
    package var measures: [MeasureTable]
    /// An internal output's marking (``InternalMarking``); nil in public.
    package var marking: InternalMarking?

    /// The listing of `measures`, marked `marking` when internal.
    package init(measures: [MeasureTable], marking: InternalMarking? = nil) {
        self.measures = measures
        self.marking = marking
    }

    enum CodingKeys: String, CodingKey { case measures }

    /// The listing in `format` (text, markdown, csv, json...).
    package func render(_ format: String) throws -> String {
        if format == "json" { return try PublicationJSON.text(self, marking: marking) }
        return (marking?.textLine ?? "")
            + (measures.isEmpty
                ? "no measures recorded yet: engage measure record MEASURE --period LABEL --numerator N --denominator D\n"
                : measures.map { $0.text() }.joined(separator: "\n\n") + "\n")
    }
}
