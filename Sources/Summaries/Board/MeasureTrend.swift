import FeedbackStatistics
import ResponseIngestion
import ResponseStore
import SurveyDefinition

/// `engage trend MEASURE`: an administrative measure's recorded figures, oldest first,
/// each with its rating, and its direction: the test for trend over the figures
/// recorded with counts (a published percentage without counts cannot be tested).
struct MeasureTrend: Sendable, Encodable, PublicationOutput {
    /// The measure's figures, period by period.
    var measure: MeasureTable
    /// "clearly improving (...)", or why it cannot be tested.
    var direction: String
    /// An internal output's marking (``InternalMarking``); nil in public.
    var marking: InternalMarking?
    /// The survey that defines the measure (the CSV's first column).
    var survey = ""

    enum CodingKeys: String, CodingKey {
        case measure
        case direction
    }

    init(_ table: MeasureTable, settings: ReportSettings) {
        measure = table
        var used: [(Period, Proportion)] = []
        for row in table.periods {
            guard let f = row.figure.value, let n = f.positive, let d = f.substantive, d > 0,
                let period = try? settings.calendar.parse(row.period)
            else { continue }
            used.append((period, Proportion(positive: n, total: d)))
        }
        direction =
            used.count >= 3
            ? Trend(used, confidence: settings.confidence).description
            : "cannot be tested: \(used.count) of the \(table.periods.count) figures have counts (a test for trend needs three)"
    }

    /// The trend in `format` (text, markdown, csv, json...).
    func render(_ format: String) throws -> String {
        if format == "json" { return try PublicationJSON.text(self, marking: marking) }
        if format == "csv" {
            // The columns of a KPI's trend (docs/formats.md), the measure's id in "kpi".
            return InternalMarking.csv(marking, header: TrendTable.csvHeader) { writer in
                for row in measure.periods {
                    let f = row.figure
                    let symbol = CSVWriter.Cell.text(f.withheld?.symbol ?? "")
                    func num(_ v: Double?) -> CSVWriter.Cell {
                        f.value == nil ? symbol : v.map { .number(String($0)) } ?? .empty
                    }
                    writer.row([
                        .text(survey), .text(measure.id), .text(row.period), .optional(row.from), .optional(row.to),
                        f.value == nil ? symbol : f.value?.positive.map { .number($0) } ?? .empty,
                        f.value == nil ? symbol : f.value?.substantive.map { .number($0) } ?? .empty,
                        num(f.value?.percent), num(f.value?.interval?.lower), num(f.value?.interval?.upper),
                        .text(f.withheld == nil ? "no" : "yes"), .optional(f.withheld?.note),
                        .text(row.rating.plain { $0.rag }),
                    ])
                }
            }
        }
        return (marking?.textLine ?? "") + measure.text() + "\n  direction: " + direction + "\n"
    }
}

extension Publisher {
    /// `engage trend` for a measure id.
    static func measureTrend(
        store: Store, surveys: [Survey], settings: ReportSettings, id: String,
        audience: ReportAudience
    ) throws -> MeasureTrend? {
        guard
            let table = try MeasureTable.build(
                store: store, surveys: surveys, settings: settings, audience: audience, only: id
            ).first
        else {
            return nil
        }
        var trend = MeasureTrend(table, settings: settings)
        trend.survey = surveys.first { $0.measures.contains { $0.id == id } }?.id ?? ""
        return trend
    }
}
