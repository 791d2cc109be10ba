import FeedbackStatistics
import ResponseIngestion
import SurveyDefinition

/// One KPI per period, resolved for its audience, with the test for trend.
public struct TrendTable: Sendable, Encodable {
    public var survey: String
    public var kpi: String
    public var title: String
    public var scheme: String
    public var audience: ReportAudience
    public var points: [TrendPoint]
    public var test: TrendTestValue
    /// A fixed target to draw, 0-100.
    public var target: Double?
    /// The level of every interval and of "clear" (0.95).
    public var confidence: Double
}

public struct TrendPoint: Sendable, Equatable, Encodable {
    public var period: PeriodValue
    public var figure: Published<FigureValue>
    /// The period's rating, as a table of that period alone would give it.
    public var rating: Published<RatingValue>?
}

/// The Cochran-Armitage test for trend, computed from what the table shows.
public struct TrendTestValue: Sendable, Equatable, Encodable {
    public var direction: String
    /// "no clear trend (+1.2 points a period; …)".
    public var description: String
    public var slopePointsPerPeriod: Double?
    public var chiSquared: Double?
    /// The deciding two-sided p-value (exact test where counts are small).
    public var p: Double?
    /// "exact" or "chi-squared".
    public var method: String?
    /// Clear on its own, but not once the output's other comparisons are allowed for.
    public var provisional = false
    /// Periods with answers the test used.
    public var periodsUsed: Int
    /// Which periods: "every period with answers", or only those shown.
    public var basis: String
}

extension TrendTable {
    public func text() -> String {
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
    public func csvRows(_ writer: inout CSVWriter) {
        for point in points {
            let f = point.figure
            func num(_ v: Double?) -> CSVWriter.Cell {
                f.value == nil ? .text(f.withheld?.symbol ?? "") : v.map { .number(String($0)) } ?? .empty
            }
            writer.row([
                .text(survey), .text(kpi), .text(point.period.label), .text(point.period.from), .text(point.period.to),
                f.value.map { .number($0.positive) } ?? .text(f.withheld?.symbol ?? ""),
                f.value.map { .number($0.substantive) } ?? .text(f.withheld?.symbol ?? ""),
                num(f.value?.percent), num(f.value?.interval?.lower), num(f.value?.interval?.upper),
                .text(f.withheld == nil ? "no" : "yes"), .optional(f.withheld?.note),
                .optional(point.rating?.plain { $0.rag }),
            ])
        }
    }

    public static let csvHeader = [
        "survey", "kpi", "period", "from", "to", "positive", "substantive", "percent", "lower", "upper",
        "withheld_in_public", "withheld_reason", "rag",
    ]
}

/// Trends of several KPIs (`engage trend`, `engage kpis --by-period`), in every format.
public struct TrendPublication: Sendable, Encodable {
    public var trends: [TrendTable]
    /// With several trends: how many tests they make, allowed for by Holm's method.
    public var comparisons: ComparisonsValue?
    /// An internal output's marking (``InternalMarking``); nil in public.
    package var marking: InternalMarking?

    enum CodingKeys: String, CodingKey {
        case trends
        case comparisons
    }

    /// Several trends' verdicts are counted and allowed for together (``ComparisonsValue``).
    package init(trends: [TrendTable], marking: InternalMarking? = nil) {
        var noRows: [KPIRow] = []
        var all: [TrendTable?] = trends
        if trends.count > 1, let confidence = trends.first?.confidence {
            comparisons = ComparisonsValue.account(rows: &noRows, trends: &all, confidence: confidence)
        }
        self.trends = all.compactMap { $0 }
        self.marking = marking
    }

    public func render(_ format: String) throws -> String {
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
