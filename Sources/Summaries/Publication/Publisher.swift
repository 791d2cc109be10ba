import FeedbackStatistics
import ResponseStore
import SurveyDefinition

/// Something a reporting command prints: a model of the publication, rendered in the
/// format asked for. Rendering decides nothing; the model already holds what the
/// audience may see.
package protocol PublicationOutput: Sendable {
    func render(_ format: String) throws -> String
}

extension KPIPublication: PublicationOutput, WorkbookPublication {}
extension TrendPublication: PublicationOutput, WorkbookPublication {}

/// A publication that can also be an Excel workbook (`--format xlsx`).
package protocol WorkbookPublication: Sendable {
    /// The `.xlsx` bytes; `provenance` (name, value) pairs head its "About" sheet.
    func workbook(provenance: [(String, String)]) -> [UInt8]
}
extension ReachPublication: PublicationOutput {}
extension MeasurePublication: PublicationOutput {}

extension Summary: PublicationOutput {
    /// The page in `format` (html, markdown, text, json...).
    package func render(_ format: String) throws -> String {
        switch format {
        case "html": return html()
        case "markdown": return markdown()
        case "json": return try json()
        case "csv": return csv()
        default: return text() + "\n"
        }
    }
}

/// The one library call behind each reporting command: reads what it needs, builds the
/// publication model for the audience, and returns it for printing.
package enum Publisher {
    /// `engage kpis`: every KPI of each survey for a period (split by a segment question
    /// or by source), or every KPI per period of a scheme.
    package static func kpis(
        store: Store, surveys: [Survey], settings: ReportSettings, period label: String?, from: String?, to: String?,
        by: String?, byPeriod: PeriodScheme?, audience: ReportAudience, engageVersion: String
    ) throws -> any PublicationOutput {
        if let scheme = byPeriod {
            var trends: [TrendTable] = []
            for survey in surveys {
                let builder = try ReportBuilder(store: store, survey: survey, settings: settings)
                for kpi in survey.kpis {
                    if let t = try builder.trend(kpi: kpi, scheme: scheme, audience: audience) { trends.append(t) }
                }
            }
            return TrendPublication(
                trends: trends,
                marking: try marking(
                    audience, covers: InternalMarking.covering(periods(trends)), store, surveys, engageVersion))
        }
        let breakdown: ReportBuilder.Breakdown? = by.map { $0 == "source" ? .source : .segment($0) }
        var reports: [KPITable] = []
        for survey in surveys {
            if case .segment(let q) = breakdown, survey.question(q)?.role != .segment, surveys.count > 1,
                surveys.contains(where: { $0.question(q)?.role == .segment })
            {
                continue
            }
            let builder = try ReportBuilder(store: store, survey: survey, settings: settings, breakdown: breakdown)
            if builder.span == nil && surveys.count > 1 { continue }
            let period = try builder.period(label: label, from: from, to: to, audience: audience)
            reports.append(try builder.table(period: period, audience: audience))
        }
        return KPIPublication(
            reports: reports,
            marking: try marking(
                audience, tables: reports.map { ($0.survey, InternalMarking.covering($0.period)) }, store,
                engageVersion))
    }

    /// `engage trend`: one KPI per period of `scheme` (default: the workspace's).
    package static func trend(
        store: Store, surveys: [Survey], settings: ReportSettings, kpi id: String, scheme: PeriodScheme?,
        from: String?, to: String?, audience: ReportAudience, engageVersion: String
    ) throws -> any PublicationOutput {
        guard let survey = surveys.first(where: { $0.kpi(id) != nil }), let kpi = survey.kpi(id) else {
            // An administrative measure: its recorded figures and their direction.
            if let defining = surveys.first(where: { $0.measures.contains { $0.id == id } }),
                let measure = try measureTrend(
                    store: store, surveys: surveys, survey: defining, settings: settings, id: id, audience: audience,
                    engageVersion: engageVersion)
            {
                return measure
            }
            throw ReportError.unknownKPI(id: id, known: surveys.flatMap { $0.kpis.map(\.id) + $0.measures.map(\.id) })
        }
        func day(_ text: String?) throws -> Int? {
            guard let text else { return nil }
            guard let d = CivilTime.parseISODate(text) else {
                throw ReportError.badDates(from: from ?? text, to: to ?? text)
            }
            return d
        }
        let builder = try ReportBuilder(store: store, survey: survey, settings: settings)
        guard
            let trend = try builder.trend(
                kpi: kpi, scheme: scheme ?? settings.scheme, from: try day(from), to: try day(to), audience: audience)
        else {
            throw ReportError.noData(survey: survey.id)
        }
        return TrendPublication(
            trends: [trend],
            marking: try marking(
                audience, covers: InternalMarking.covering(trend.points.map(\.period)), store, [survey],
                engageVersion))
    }

    /// `engage reach`: who answered in a period (default: internally all the data;
    /// publicly the latest reporting period).
    package static func reach(
        store: Store, surveys: [Survey], settings: ReportSettings, workspace: WorkspaceSettings, period label: String?,
        from: String?, to: String?, audience: ReportAudience, engageVersion: String
    ) throws -> ReachPublication {
        var tables: [ReachTable] = []
        var covered: [(survey: String, covers: String)] = []
        let allData = label == nil && from == nil && to == nil && audience == .internal
        for survey in surveys {
            let builder = try ReportBuilder(store: store, survey: survey, settings: settings)
            guard let span = builder.span else { continue }
            let period =
                allData
                ? Period(label: "all responses", scheme: nil, first: span.lowerBound, last: span.upperBound)
                : try builder.period(label: label, from: from, to: to, audience: audience)
            let table = try ReachTable.build(
                store: store, survey: survey, period: period, settings: settings, workspace: workspace,
                audience: audience)
            tables.append(table)
            // Over all the data there is no period to name: "all responses (from to to)".
            let covers =
                allData
                ? "\(table.period.label) (\(table.period.from) to \(table.period.to))"
                : InternalMarking.covering(table.period)
            covered.append((survey.id, covers))
        }
        if tables.isEmpty { throw ReportError.noData(survey: surveys.map(\.id).joined(separator: ", ")) }
        return ReachPublication(reach: tables, marking: try marking(audience, tables: covered, store, engageVersion))
    }

    /// `engage measure list`.
    package static func measures(
        store: Store, surveys: [Survey], settings: ReportSettings, only: String?,
        audience: ReportAudience, engageVersion: String
    ) throws -> MeasurePublication {
        MeasurePublication(
            measures: try MeasureTable.build(
                store: store, surveys: surveys, settings: settings, audience: audience, only: only),
            marking: try marking(audience, covers: "every recorded period", store, surveys, engageVersion))
    }

    /// An internal output's marking, over the imports of `surveys`; nil in public.
    static func marking(
        _ audience: ReportAudience, covers: String, _ store: Store, _ surveys: [Survey], _ engageVersion: String
    ) throws -> InternalMarking? {
        try InternalMarking.make(
            audience: audience, covers: covers, store: store, surveys: surveys.map(\.id),
            engageVersion: engageVersion)
    }

    /// The marking of an output made of tables, each of one survey covering what
    /// `covers` says (each saying once).
    static func marking(
        _ audience: ReportAudience, tables: [(survey: String, covers: String)], _ store: Store,
        _ engageVersion: String
    ) throws -> InternalMarking? {
        var covered: [String] = []
        for table in tables where !covered.contains(table.covers) { covered.append(table.covers) }
        return try InternalMarking.make(
            audience: audience, covers: covered.joined(separator: "; "), store: store, surveys: tables.map(\.survey),
            engageVersion: engageVersion)
    }

    /// The periods of `trends`, in order, each once.
    static func periods(_ trends: [TrendTable]) -> [PeriodValue] {
        var seen: [PeriodValue] = []
        for point in trends.flatMap(\.points) where !seen.contains(point.period) { seen.append(point.period) }
        return seen.sorted { $0.from < $1.from }
    }
}
