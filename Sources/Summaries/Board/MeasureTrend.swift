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
    var survey: String

    enum CodingKeys: String, CodingKey {
        case measure
        case direction
    }

    /// The trend of `table`, a measure of `survey`, marked `marking` when internal.
    init(_ table: MeasureTable, survey: String, settings: ReportSettings, marking: InternalMarking?) {
        measure = table
        self.survey = survey
        self.marking = marking
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
                    TrendTable.csvRow(
                        &writer, survey: survey, id: measure.id, period: row.period, from: row.from, to: row.to,
                        withheld: f.withheld, shown: f.value != nil, positive: f.value?.positive,
                        substantive: f.value?.substantive, percent: f.value?.percent, lower: f.value?.interval?.lower,
                        upper: f.value?.interval?.upper, rag: row.rating.plain { $0.rag })
                }
            }
        }
        return (marking?.textLine ?? "") + measure.text() + "\n  direction: " + direction + "\n"
    }
}

extension Publisher {
    /// `engage trend` for the measure `id` of `survey`; nil when it has no figures table.
    static func measureTrend(
        store: Store, surveys: [Survey], survey: Survey, settings: ReportSettings, id: String,
        audience: ReportAudience, engageVersion: String
    ) throws -> MeasureTrend? {
        guard
            let table = try MeasureTable.build(
                store: store, surveys: surveys, settings: settings, audience: audience, only: id
            ).first
        else {
            return nil
        }
        return MeasureTrend(
            table, survey: survey.id, settings: settings,
            marking: try marking(audience, covers: "every recorded period of \(id)", store, surveys, engageVersion))
    }
}
