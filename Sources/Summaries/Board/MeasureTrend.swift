import FeedbackStatistics
import ResponseStore
import SurveyDefinition

/// `engage trend MEASURE`: an administrative measure's recorded figures, oldest first,
/// each with its rating, and its direction: the test for trend over the figures
/// recorded with counts (a published percentage without counts cannot be tested).
package struct MeasureTrend: Sendable, Encodable, PublicationOutput {
    package var measure: MeasureTable
    /// "clearly improving (...)", or why it cannot be tested.
    package var direction: String

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

    package func render(_ format: String) throws -> String {
        if format == "json" { return try PublicationJSON.text(self) }
        return measure.text() + "\n  direction: " + direction + "\n"
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
        return MeasureTrend(table, settings: settings)
    }
}
