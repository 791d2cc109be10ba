import FeedbackStatistics
import Foundation
import ResponseStore
import SurveyDefinition

/// An administrative measure's recorded figures, each evaluated against the measure's
/// baseline, target and comparators.
public struct MeasureReport: Sendable {
    public var measure: Measure
    /// Oldest period first.
    public var periods: [(record: MeasureRecord, evaluation: Evaluation)]

    /// Every measure of `surveys` with at least one recorded figure (or only `only`).
    public static func build(store: Store, surveys: [Survey], settings: ReportSettings, only: String? = nil) throws -> [MeasureReport] {
        var reports: [MeasureReport] = []
        for measure in surveys.flatMap(\.measures) where only == nil || measure.id == only {
            let records = try store.measures(measure.id).sorted { order($0.period, settings) < order($1.period, settings) }
            guard !records.isEmpty else { continue }
            let baseline = baselineFigure(measure.baseline, records: records, settings: settings)
            let periods = records.map { record in
                (record, Evaluation(indicator: Indicator(measure), figure: figure(record), baseline: baseline,
                                    minimumAnswers: settings.threshold, confidence: settings.confidence))
            }
            reports.append(MeasureReport(measure: measure, periods: periods))
        }
        return reports
    }

    static func order(_ label: String, _ settings: ReportSettings) -> Int {
        (try? PeriodLabels.parse(label, custom: settings.customPeriods).first) ?? Int.max
    }

    static func figure(_ r: MeasureRecord) -> Figure {
        if let n = r.numerator, let d = r.denominator, d > 0 { return .counts(Proportion(positive: n, total: d)) }
        return .percent(r.percent ?? 0)
    }

    static func baselineFigure(_ baseline: Baseline?, records: [MeasureRecord], settings: ReportSettings) -> BaselineFigure? {
        switch baseline {
        case .published(let percent, let positive, let substantive, let label):
            if let positive, let substantive, substantive > 0 {
                return BaselineFigure(label: label ?? "published", figure: .counts(Proportion(positive: positive, total: substantive)))
            }
            return BaselineFigure(label: label ?? "published", figure: .percent(percent))
        case .period(let label):
            guard let wanted = try? PeriodLabels.parse(label, custom: settings.customPeriods),
                  let record = records.first(where: { (try? PeriodLabels.parse($0.period, custom: settings.customPeriods)) == wanted }) else { return nil }
            return BaselineFigure(label: label, figure: figure(record))
        default:
            return nil
        }
    }

    /// The latest figure's evaluation.
    public var latest: Evaluation? { periods.last?.evaluation }

    public func text() -> String {
        var lines = ["\(measure.title) (\(measure.id))"]
        for (record, e) in periods {
            var line = "  \(record.period): \(KPIReport.figureText(e.figure))"
            if let b = e.baseline, let points = b.pointsText { line += "; \(points) on \(b.label)" }
            if !e.comparators.isEmpty {
                line += "; against " + e.comparators.map { c in "\(c.name) \(Baseline.format(c.percent))% (\(c.pointsText ?? "-"))" }.joined(separator: ", ")
            }
            line += "; \(e.ragWords)"
            lines.append(line)
            if let note = record.note { lines.append("    note: \(note)") }
        }
        return lines.joined(separator: "\n")
    }

    public func jsonObject() -> [String: Any] {
        ["id": measure.id, "title": measure.title, "periods": periods.map { record, e -> [String: Any] in
            var o: [String: Any] = ["period": record.period, "percent": e.figure.percent ?? NSNull(), "rag": e.rag.rawValue]
            if let p = e.figure.proportion { o["numerator"] = p.positive; o["denominator"] = p.total }
            if let i = e.interval { o["interval"] = ["lower": i.lower * 100, "upper": i.upper * 100] }
            if let b = e.baseline { o["baseline"] = ["label": b.label, "points": b.points ?? NSNull(), "verdict": b.verdict.rawValue] as [String: Any] }
            o["comparators"] = e.comparators.map { ["name": $0.name, "percent": $0.percent, "points": $0.points ?? NSNull(),
                                                     "standing": $0.standing?.rawValue ?? NSNull()] as [String: Any] }
            if let t = e.target { o["target"] = ["description": t.description, "status": t.status.rawValue] as [String: Any] }
            if let note = record.note { o["note"] = note }
            return o
        }]
    }
}
