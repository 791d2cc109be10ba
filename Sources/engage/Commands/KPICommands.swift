import FeedbackStatistics
import Foundation
import ResponseIngestion
import ResponseStore
import Summaries
import SurveyDefinition

/// `engage kpis`, `engage trend`, `engage measure record|list`.
enum KPICommands {
    static var specs: [CommandSpec] { [kpis, trend, reach, measureRecord, measureList] }

    static let periodHelp =
        "LABEL: 2021-22 Q2, 2021 Q3, 2021-07, autumn 2019, AY 2020/21 (academic year), 2021-22 (financial year; 2021/22 as engage.json's slashYears says), 2020, or a name from engage.json's periods"

    static let kpis = CommandSpec(
        path: ["kpis"],
        abstract: "Each KPI for a period: agreement with counts, interval, change since baseline, target and RAG.",
        usage:
            "[--survey ID] [--period LABEL | --from DATE --to DATE] [--by SEGMENT|source] [--by-period SCHEME] [--audience internal|public] [--format text|json|csv|markdown|xlsx] [--output FILE]",
        discussion: """
            For each KPI of the survey: the share of substantive answers that are positive (agree or strongly
            agree unless the KPI says otherwise), with the counts, Don't know and the Wilson interval at the
            workspace's confidenceLevel; the baseline and the change in percentage points, with a verdict
            (clear improvement / clear decline / no clear change; against a baseline published without
            counts, clearly above / below / not clearly different; a baseline under the threshold is too
            small to compare); the target and comparators; and the RAG rating from the interval (GREEN the
            target clearly met; AMBER not yet clear, or clearly short but close or clearly improving; RED
            clearly short; "not enough responses" below the suppression threshold). The notes say how many
            comparisons the table makes and mark as provisional a clear result that does not survive Holm's
            correction for them. The default period is the latest period of the workspace's
            scheme with answers. --by splits by a segment question (e.g. stage) or by source (portal,
            telephone). --by-period gives every KPI per period (financial-quarter, calendar-quarter, month,
            school-term, academic-year, financial-year, calendar-year). The internal audience (default)
            shows everything, marks what a public version withholds and says "INTERNAL: do not publish" first
            in every format (a CSV then has a provenance row, with every import's SHA-256, before its header;
            JSON a top-level "marking"; docs/publication.md); --audience public withholds it
            (docs/statistics.md), and covers whole reporting periods only: a period of the workspace's
            scheme or the year they make up; any other range is refused with the periods you may publish.
            --format xlsx writes an Excel workbook (with --output FILE): one sheet per table (per KPI with
            --by-period), counts as whole numbers and shares as percentages (exact values kept), withheld
            cells as the symbol, and the period, notes and provenance on an "About" sheet.
            """,
        options: [
            .value("--survey", "ID", "Only this survey (default: every survey with responses)."),
            .value("--period", "LABEL", "The period, " + periodHelp + "."),
            .value("--from", "DATE", "First day (YYYY-MM-DD), with --to."),
            .value("--to", "DATE", "Last day (YYYY-MM-DD), inclusive."),
            .value("--by", "SEGMENT", "Split by a segment question or by source."),
            .value(
                "--by-period", "SCHEME", "Every KPI per period of this scheme.",
                allowed: PeriodScheme.allCases.map(\.rawValue)),
            .audience(),
            .format(["text", "json", "csv", "markdown", "xlsx"], "Output format."),
            .output("Write to FILE instead of standard output (needed for xlsx on a terminal)."),
        ],
        examples: [
            "engage kpis", "engage kpis --period \"2021-22 Q2\"", "engage kpis --by stage --format json",
            "engage kpis --by-period financial-quarter --format csv",
            "engage kpis --audience public --format xlsx --output kpis-2021-22-Q2.xlsx",
        ],
        run: runKPIs)

    static func audience(_ invocation: Invocation) -> ReportAudience {
        invocation.value("--audience").flatMap(ReportAudience.init(rawValue:)) ?? .internal
    }

    static func runKPIs(_ invocation: Invocation) throws -> Int32 {
        let context = try ReportContext(invocation)
        defer { context.store.close() }
        let output = try Publisher.kpis(
            store: context.store, surveys: context.surveys, settings: context.settings,
            period: invocation.value("--period"), from: invocation.value("--from"), to: invocation.value("--to"),
            by: invocation.value("--by"),
            byPeriod: invocation.value("--by-period").flatMap(PeriodScheme.init(rawValue:)),
            audience: audience(invocation), engageVersion: Engage.version)
        let destination = try OutputFile(
            invocation.value("--output"), invocation: invocation, workspace: context.workspace)
        if invocation.format(default: "text") == "xlsx", let book = output as? any WorkbookPublication {
            try destination.write(
                bytes: book.workbook(provenance: try provenance(context.store)),
                what: "an Excel workbook (--format xlsx)")
        } else {
            // As shown on a terminal: invisible and control characters made visible.
            let text = InvisibleText.visible(try output.render(invocation.format(default: "text")))
            try destination.write(Console.line(text))
        }
        try destination.commit()
        return 0
    }

    /// Where a workbook's figures came from: engage, when, and the workspace's imports.
    static func provenance(_ store: Store) throws -> [(String, String)] {
        var rows: [(String, String)] = [
            ("Written by", "engage \(Engage.version)"),
            ("Written at", ISO8601DateFormatter().string(from: Date())),
            ("Command", (["engage"] + CommandLine.arguments.dropFirst()).joined(separator: " ")),
        ]
        for record in try store.importedFiles() {
            rows.append(
                (
                    "Import \(record.id)",
                    "\(record.fileName) (\(record.survey), \(record.source ?? "no source given"), imported \(record.importedAt) UTC, SHA-256 \(record.sha256))"
                ))
        }
        return rows
    }

    static func runTrend(_ invocation: Invocation) throws -> Int32 {
        let context = try ReportContext(invocation)
        defer { context.store.close() }
        let id = invocation.arguments[0]
        do {
            let output = try Publisher.trend(
                store: context.store, surveys: context.surveys, settings: context.settings, kpi: id,
                scheme: invocation.value("--by-period").flatMap(PeriodScheme.init(rawValue:)),
                from: invocation.value("--from"), to: invocation.value("--to"), audience: audience(invocation),
                engageVersion: Engage.version)
            Console.out(try output.render(invocation.format(default: "text")))
        } catch ReportError.unknownKPI(let id, let known) {
            throw CommandFailure(
                ReportError.unknownKPI(id: id, known: known).description + StringSuggest.didYouMean(id, among: known))
        }
        return 0
    }

    static func runMeasureRecord(_ invocation: Invocation) throws -> Int32 {
        let context = try ReportContext(invocation, writable: true)
        defer { context.store.close() }
        let id = invocation.arguments[0]
        let measures = context.surveys.flatMap(\.measures)
        guard measures.contains(where: { $0.id == id }) else {
            throw CommandFailure(
                "no measure \"\(id)\" in this workspace's surveys.\(StringSuggest.didYouMean(id, among: measures.map(\.id))) Measures: \(measures.map(\.id).joined(separator: ", ")). Define it under \"measures\" in a survey definition."
            )
        }
        guard let label = invocation.value("--period") else {
            throw UsageError(message: "'engage measure record' needs --period LABEL", command: "measure record")
        }
        let period = try context.settings.calendar.parse(label)
        let numerator = try invocation.value("--numerator").map { try int($0, "--numerator") }
        let denominator = try invocation.value("--denominator").map { try int($0, "--denominator") }
        let percent = try invocation.value("--percent").map { v -> Double in
            guard let p = Double(v) else {
                throw UsageError(message: "--percent \(v): give a number from 0 to 100", command: "measure record")
            }
            return p
        }
        guard (numerator != nil && denominator != nil) || percent != nil else {
            throw UsageError(message: "give --numerator and --denominator, or --percent", command: "measure record")
        }
        try context.store.recordMeasure(
            MeasureRecord(
                measure: id, period: period.label, numerator: numerator, denominator: denominator,
                percent: percent, note: invocation.value("--note")))
        Console.out(
            "recorded \(id) for \(period.label): "
                + (numerator.flatMap { n in denominator.map { "\(n) of \($0)" } } ?? "\(percent ?? 0)%"))
        return 0
    }

    static func runMeasureList(_ invocation: Invocation) throws -> Int32 {
        let context = try ReportContext(invocation)
        defer { context.store.close() }
        let output = try Publisher.measures(
            store: context.store, surveys: context.surveys, settings: context.settings,
            only: invocation.arguments.first, audience: audience(invocation), engageVersion: Engage.version)
        Console.out(try output.render(invocation.format(default: "text")))
        return 0
    }

    static let trend = CommandSpec(
        path: ["trend"],
        abstract:
            "One KPI (or administrative measure) per period, with its rating, the direction of travel and a test for trend.",
        usage:
            "[--by-period SCHEME] [--from DATE --to DATE] [--audience internal|public] [--format text|json|csv] KPI|MEASURE",
        discussion:
            "Shows the KPI in each period (default: the workspace's scheme, e.g. financial quarters) over the data, or --from/--to, and says whether it is clearly improving or declining (Cochran-Armitage test for trend over three or more periods: exact where any period's expected count is under 5, chi-squared otherwise; the test named is the one whose p decides). With --audience public: whole periods of the workspace's scheme or its years only, withheld periods shown as c, and the test computed from the periods shown. Each period carries its own rating (RAG), as a table of that period would give it. For an administrative measure (plans-within-20-weeks): its recorded figures with their ratings, and the test for trend over those recorded with counts.",
        options: [
            .value("--by-period", "SCHEME", "Periods to use.", allowed: PeriodScheme.allCases.map(\.rawValue)),
            .value("--from", "DATE", "First day (YYYY-MM-DD)."),
            .value("--to", "DATE", "Last day (YYYY-MM-DD)."),
            .audience(),
            .format(["text", "json", "csv"], "Output format."),
        ],
        arguments: (1, 1), argumentName: "a KPI or measure id",
        examples: [
            "engage trend felt-fully-involved", "engage trend plans-within-20-weeks",
            "engage trend communication-good --by-period academic-year",
        ],
        run: runTrend)

    static let reach = CommandSpec(
        path: ["reach"], abstract: "Who answered: responses per group against the population, and response rates.",
        usage:
            "[--survey ID] [--period LABEL | --from DATE --to DATE] [--audience internal|public] [--format text|json]",
        discussion: """
            For each segment question (stage, school phase...), the responses per group and their share, against
            the population shares entered in engage.json ("populationShares"), flagging groups that are clearly
            under-represented; and the response rate for each period with an eligible count in engage.json
            ("eligible": {"SURVEY": {"2021-22 Q2": 120}}). Default period: all the data (internal), or the latest
            reporting period (public). --audience public covers whole reporting periods only and withholds
            counts of 1-4 and anything from which one could be worked out, as for KPIs.
            """,
        options: [
            .value("--survey", "ID", "Only this survey (default: every survey with responses)."),
            .value("--period", "LABEL", "The period, " + periodHelp + "."),
            .value("--from", "DATE", "First day (YYYY-MM-DD), with --to."),
            .value("--to", "DATE", "Last day (YYYY-MM-DD), inclusive."),
            .audience(),
            .format(["text", "json"], "Output format."),
        ],
        examples: ["engage reach", "engage reach --survey ehcp-education-setting --period 2021-22"],
        run: runReach)

    static func runReach(_ invocation: Invocation) throws -> Int32 {
        let context = try ReportContext(invocation)
        defer { context.store.close() }
        let output = try Publisher.reach(
            store: context.store, surveys: context.surveys, settings: context.settings,
            workspace: context.workspace.settings, period: invocation.value("--period"),
            from: invocation.value("--from"), to: invocation.value("--to"), audience: audience(invocation),
            engageVersion: Engage.version)
        Console.out(try output.render(invocation.format(default: "text")))
        return 0
    }

    static func day(_ text: String, _ option: String) throws -> Int {
        guard let d = CivilTime.parseISODate(text) else {
            throw UsageError(message: "\(option) \(text): write the date as YYYY-MM-DD", command: nil)
        }
        return d
    }

    static let measureRecord = CommandSpec(
        path: ["measure", "record"], abstract: "Record an administrative measure's figure for a period.",
        usage: "--period LABEL (--numerator N --denominator D | --percent P) [--note TEXT] MEASURE",
        discussion:
            "Records figures such as \"EHC plans issued within 20 weeks\" (defined under \"measures\" in a survey definition), replacing an earlier figure for the same period. Give the counts when you have them (they make intervals and tests possible), or the published percentage.",
        options: [
            .value("--period", "LABEL", "The period, " + periodHelp + "."),
            .value("--numerator", "N", "How many met the measure."),
            .value("--denominator", "D", "Out of how many."),
            .value("--percent", "P", "The published percentage, when there are no counts."),
            .value("--note", "TEXT", "Where the figure comes from."),
        ],
        arguments: (1, 1), argumentName: "a measure id",
        examples: [
            "engage measure record plans-within-20-weeks --period 2020 --numerator 86 --denominator 100",
            "engage measure record annual-reviews-completed --period 2020-21 --numerator 1280 --denominator 1737",
        ],
        run: runMeasureRecord)

    static func int(_ text: String, _ option: String) throws -> Int {
        guard let n = Int(text), n >= 0 else {
            throw UsageError(message: "\(option) \(text): give a whole number, 0 or more", command: "measure record")
        }
        return n
    }

    static let measureList = CommandSpec(
        path: ["measure", "list"],
        abstract: "Administrative measures with their recorded figures, targets, comparators and RAG.",
        usage: "[--audience internal|public] [--format text|json] [MEASURE]",
        discussion:
            "In public, a figure recorded with counts is withheld like a KPI's (fewer than the threshold, or 1-4 on either side), with what rests on it.",
        options: [
            .audience(),
            .format(["text", "json"], "Output format."),
        ],
        arguments: (0, 1), argumentName: "a measure id",
        examples: ["engage measure list", "engage measure list plans-within-20-weeks"],
        run: runMeasureList)
}

/// The workspace, its store and surveys, for reporting commands.
struct ReportContext {
    let workspace: Workspace
    let store: Store
    let surveys: [Survey]
    let settings: ReportSettings

    init(_ invocation: Invocation, writable: Bool = false) throws {
        workspace = try WorkspaceAccess.locate(invocation)
        var surveys = try WorkspaceAccess.surveys(of: workspace)
        // Every --survey given (repeatable), each checked; the workspace's order kept.
        let wanted = invocation.all("--survey")
        for id in wanted where !surveys.contains(where: { $0.id == id }) {
            throw CommandFailure(
                "no survey \"\(id)\" in this workspace.\(StringSuggest.didYouMean(id, among: surveys.map(\.id))) Surveys: \(surveys.map(\.id).joined(separator: ", "))"
            )
        }
        if !wanted.isEmpty { surveys = surveys.filter { wanted.contains($0.id) } }
        self.surveys = surveys
        store = try workspace.openStore(readOnly: !writable)
        settings = try ReportSettings(workspace: workspace)
    }
}
