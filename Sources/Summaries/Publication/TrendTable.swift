import FeedbackStatistics
import ResponseIngestion
import SurveyDefinition

/// One KPI per period, resolved for its audience, with the test for trend.
package struct TrendTable: Sendable, Encodable {
    /// The survey's id.
    package var survey: String
    /// The KPI's id.
    package var kpi: String
    /// The KPI's title.
    package var title: String
    /// The period scheme of the points ("financial quarter"...).
    package var scheme: String
    /// Internal or public.
    package var audience: ReportAudience
    /// One point per period, oldest first.
    package var points: [TrendPoint]
    /// The test for trend on the points shown.
    package var test: TrendTestValue
    /// A fixed target to draw, 0-100.
    package var target: Double?
    /// The level of every interval and of "clear" (0.95).
    package var confidence: Double
}

/// One period of a trend.
package struct TrendPoint: Sendable, Equatable, Encodable {
    /// The period.
    package var period: PeriodValue
    /// The KPI's figure in it.
    package var figure: Published<FigureValue>
    /// The period's rating, as a table of that period alone would give it.
    package var rating: Published<RatingValue>?
}

/// The Cochran-Armitage test for trend, computed from what the table shows.
package struct TrendTestValue: Sendable, Equatable, Encodable {
    /// "clearly rising", "clearly falling" or "no clear trend".
    package var direction: String
    /// "no clear trend (+1.2 points a period; …)".
    package var description: String
    /// The fitted slope, in percentage points a period.
    var slopePointsPerPeriod: Double?
    /// The test's chi-squared statistic.
    package var chiSquared: Double?
    /// The deciding two-sided p-value (exact test where counts are small).
    package var p: Double?
    /// "exact" or "chi-squared".
    package var method: String?
    /// Clear on its own, but not once the output's other comparisons are allowed for.
    package var provisional = false
    /// Periods with answers the test used.
    var periodsUsed: Int
    /// Which periods: "every period with answers", or only those shown.
    package var basis: String
}

extension TrendTable {
    /// The trend as text.
    package func text() -> String {
        var table = TextTable(
            headers: ["period", "agreed", "\(ConfidenceText.percent(confidence)) interval", "RAG"],
            alignments: [.left, .right, .left, .left])
        for point in points {
            table.add([
                point.period.label, point.figure.text { $0.displayed },
                point.figure.plain { $0.interval?.displayed ?? "-" },
                point.rating?.plain { $0.rag } ?? "-",
            ])
        }
        let range =
            points.first.flatMap { first in points.last.map { ", \(first.period.from) to \($0.period.to)" } } ?? ""
        return
            "\(title) (\(survey)), by \(scheme)\(range)\n\(table.render(indent: "  "))\ntrend: \(test.description); from \(test.basis)"
    }

    /// One row per period.
    func csvRows(_ writer: inout CSVWriter) {
        for point in points {
            let f = point.figure
            Self.csvRow(
                &writer, survey: survey, id: kpi, period: point.period.label, from: point.period.from,
                to: point.period.to, withheld: f.withheld, shown: f.value != nil, positive: f.value?.positive,
                substantive: f.value?.substantive, percent: f.value?.percent, lower: f.value?.interval?.lower,
                upper: f.value?.interval?.upper, rag: point.rating?.plain { $0.rag })
        }
    }

    /// One row of ``csvHeader``'s columns, for a KPI's trend or a measure's (whose
    /// figures may lack counts): a figure not shown has the withheld symbol in each of
    /// its number columns.
    static func csvRow(
        _ writer: inout CSVWriter, survey: String, id: String, period: String, from: String?, to: String?,
        withheld: Withholding?, shown: Bool, positive: Int?, substantive: Int?, percent: Double?, lower: Double?,
        upper: Double?, rag: String?
    ) {
        let symbol = CSVWriter.Cell.text(withheld?.symbol ?? "")
        func count(_ v: Int?) -> CSVWriter.Cell { shown ? v.map { .number($0) } ?? .empty : symbol }
        func num(_ v: Double?) -> CSVWriter.Cell { shown ? v.map { .number(String($0)) } ?? .empty : symbol }
        writer.row([
            .text(survey), .text(id), .text(period), .optional(from), .optional(to), count(positive),
            count(substantive), num(percent), num(lower), num(upper), .text(withheld == nil ? "no" : "yes"),
            .optional(withheld?.note), .optional(rag),
        ])
    }

    /// The CSV's column names.
    package static let csvHeader = [
        "survey", "kpi", "period", "from", "to", "positive", "substantive", "percent", "lower", "upper",
        "withheld_in_public", "withheld_reason", "rag",
    ]
}

/// Trends of several KPIs (`engage trend`, `engage kpis --by-period`), in every format.
struct TrendPublication: Sendable, Encodable {
    /// One trend per KPI.
    var trends: [TrendTable]
    /// With several trends: how many tests they make, allowed for by Holm's method.
    var comparisons: ComparisonsValue?
    /// An internal output's marking (``InternalMarking``); nil in public.
    var marking: InternalMarking?

    enum CodingKeys: String, CodingKey {
        case trends
        case comparisons
    }

    /// Several trends' verdicts are counted and allowed for together (``ComparisonsValue``).
    init(trends: [TrendTable], marking: InternalMarking? = nil) {
        var noRows: [KPIRow] = []
        var all: [TrendTable?] = trends
        if trends.count > 1, let confidence = trends.first?.confidence {
            comparisons = ComparisonsValue.account(rows: &noRows, trends: &all, confidence: confidence)
        }
        self.trends = all.compactMap { $0 }
        self.marking = marking
    }

    /// The listing in `format` (text, markdown, csv, json...).
    func render(_ format: String) throws -> String {
        switch format {
        case "json":
            return try PublicationJSON.text(
                trends.count == 1 ? AnyEncodable(trends[0]) : AnyEncodable(self), marking: marking)
        case "csv":
            return InternalMarking.csv(marking, header: TrendTable.csvHeader) { writer in
                for t in trends { t.csvRows(&writer) }
            }
        default:
            return (marking?.textLine ?? "") + trends.map { $0.text() }.joined(separator: "\n\n")
                + (comparisons?.sentence.map { "\n\n" + $0 } ?? "") + "\n"
        }
    }
}
