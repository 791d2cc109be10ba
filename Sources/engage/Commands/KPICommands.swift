import FeedbackStatistics
import Foundation
import ResponseIngestion
import ResponseStore
import Summaries
import SurveyDefinition

/// `engage kpis`, `engage trend`, `engage measure record|list`.
enum KPICommands {
    static var specs: [CommandSpec] { [kpis, trend, reach, measureRecord, measureList] }

    static let periodHelp = "LABEL: 2021-22 Q2, 2021 Q3, 2021-07, autumn 2019, 2020/21, 2021-22, 2020, or a name from engage.json's periods"

    static let kpis = CommandSpec(
        path: ["kpis"], abstract: "Each KPI for a period: agreement with counts, interval, change since baseline, target and RAG.",
        usage: "[--survey ID] [--period LABEL | --from DATE --to DATE] [--by SEGMENT|source] [--by-period SCHEME] [--audience internal|public] [--format text|json|csv|markdown]",
        discussion: """
        For each KPI of the survey: the share of substantive answers that are positive (agree or strongly
        agree unless the KPI says otherwise), with the counts and the 95% Wilson interval; the baseline and
        the change in percentage points, with a verdict (clear improvement / clear decline / no clear
        change / cannot be tested); the target and comparators; and the RAG rating (GREEN target met;
        AMBER not met but clearly improved or within 5 points; RED otherwise; "not enough responses"
        below the suppression threshold). The default period is the latest period of the workspace's
        scheme with answers. --by splits by a segment question (e.g. stage) or by source (portal,
        telephone). --by-period gives every KPI per period (financial-quarter, calendar-quarter, month,
        school-term, academic-year, financial-year, calendar-year). The internal audience (default)
        shows everything and marks what a public version withholds; --audience public withholds it.
        """,
        options: [
            .value("--survey", "ID", "Only this survey (default: every survey with responses)."),
            .value("--period", "LABEL", "The period, " + periodHelp + "."),
            .value("--from", "DATE", "First day (YYYY-MM-DD), with --to."),
            .value("--to", "DATE", "Last day (YYYY-MM-DD), inclusive."),
            .value("--by", "SEGMENT", "Split by a segment question or by source."),
            .value("--by-period", "SCHEME", "Every KPI per period of this scheme.", allowed: PeriodScheme.allCases.map(\.rawValue)),
            .value("--audience", "AUDIENCE", "internal (default) or public.", allowed: ReportAudience.allCases.map(\.rawValue)),
            .value("--format", "FORMAT", "Output format.", allowed: ["text", "json", "csv", "markdown"]),
        ],
        examples: ["engage kpis", "engage kpis --period \"2021-22 Q2\"", "engage kpis --by stage --format json",
                   "engage kpis --by-period financial-quarter --format csv"],
        run: runKPIs)

    static func runKPIs(_ invocation: Invocation) throws -> Int32 {
        let context = try ReportContext(invocation)
        defer { context.store.close() }
        let format = invocation.format(default: "text")
        let audience = invocation.value("--audience").flatMap(ReportAudience.init(rawValue:)) ?? .internal
        if let schemeName = invocation.value("--by-period"), let scheme = PeriodScheme(rawValue: schemeName) {
            return try byPeriod(context, scheme: scheme, format: format, audience: audience)
        }
        var breakdown: ReportBuilder.Breakdown?
        if let by = invocation.value("--by") { breakdown = by == "source" ? .source : .segment(by) }
        var reports: [KPIReport] = []
        for survey in context.surveys {
            if case .segment(let q) = breakdown, survey.question(q)?.role != .segment, context.surveys.count > 1,
               context.surveys.contains(where: { $0.question(q)?.role == .segment }) { continue }
            let builder = try ReportBuilder(store: context.store, survey: survey, settings: context.settings, breakdown: breakdown)
            if builder.span == nil && context.surveys.count > 1 { continue }
            let period = try builder.period(label: invocation.value("--period"), from: invocation.value("--from"), to: invocation.value("--to"))
            reports.append(try builder.kpis(period: period))
        }
        switch format {
        case "json":
            let objects: [[String: Any]] = reports.map { $0.jsonObject(audience: audience) }
            let root: Any = objects.count == 1 ? objects[0] : ["reports": objects] as [String: Any]
            Console.out(try JSONOutput.text(root))
        case "csv":
            var text = ""
            for (i, report) in reports.enumerated() {
                let csv = report.csv(audience: audience)
                // One header row for all surveys.
                text += i == 0 ? csv : String(csv.split(separator: "\n", maxSplits: 1).last ?? "")
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        case "markdown":
            Console.out(reports.map { $0.markdown(audience: audience) }.joined(separator: "\n"))
        default:
            Console.out(reports.map { $0.text(audience: audience) }.joined(separator: "\n\n"))
        }
        return 0
    }

    static func runTrend(_ invocation: Invocation) throws -> Int32 {
        let context = try ReportContext(invocation)
        defer { context.store.close() }
        let id = invocation.arguments[0]
        guard let survey = context.surveys.first(where: { $0.kpi(id) != nil }), let kpi = survey.kpi(id) else {
            let known = context.surveys.flatMap { $0.kpis.map(\.id) }
            throw CommandFailure(ReportError.unknownKPI(id: id, known: known).description + StringSuggest.didYouMean(id, among: known))
        }
        let scheme = invocation.value("--by-period").flatMap(PeriodScheme.init(rawValue:)) ?? context.settings.scheme
        let builder = try ReportBuilder(store: context.store, survey: survey, settings: context.settings)
        let first = try invocation.value("--from").map { try day($0, "--from") }
        let last = try invocation.value("--to").map { try day($0, "--to") }
        guard let trend = builder.trend(kpi: kpi, scheme: scheme, from: first, to: last) else {
            throw CommandFailure(ReportError.noData(survey: survey.id).description)
        }
        let audience = invocation.value("--audience").flatMap(ReportAudience.init(rawValue:)) ?? .internal
        let single = ReportContext.TrendOutput(survey: survey, kpi: kpi, trend: trend, audience: audience)
        Console.out(try single.render(invocation.format(default: "text")))
        return 0
    }

    static func runMeasureRecord(_ invocation: Invocation) throws -> Int32 {
        let context = try ReportContext(invocation, writable: true)
        defer { context.store.close() }
        let id = invocation.arguments[0]
        let measures = context.surveys.flatMap(\.measures)
        guard measures.contains(where: { $0.id == id }) else {
            throw CommandFailure("no measure \"\(id)\" in this workspace's surveys.\(StringSuggest.didYouMean(id, among: measures.map(\.id))) Measures: \(measures.map(\.id).joined(separator: ", ")). Define it under \"measures\" in a survey definition.")
        }
        guard let label = invocation.value("--period") else {
            throw UsageError(message: "'engage measure record' needs --period LABEL", command: "measure record")
        }
        let period = try context.settings.calendar.parse(label)
        let numerator = try invocation.value("--numerator").map { try int($0, "--numerator") }
        let denominator = try invocation.value("--denominator").map { try int($0, "--denominator") }
        let percent = try invocation.value("--percent").map { v -> Double in
            guard let p = Double(v) else { throw UsageError(message: "--percent \(v): give a number from 0 to 100", command: "measure record") }
            return p
        }
        guard (numerator != nil && denominator != nil) || percent != nil else {
            throw UsageError(message: "give --numerator and --denominator, or --percent", command: "measure record")
        }
        try context.store.recordMeasure(MeasureRecord(measure: id, period: period.label, numerator: numerator, denominator: denominator,
                                                      percent: percent, note: invocation.value("--note")))
        let figure = numerator.flatMap { n in denominator.map { Proportion(positive: n, total: $0) } }
        Console.out("recorded \(id) for \(period.label): " + (figure.map(KPIReport.figureText) ?? "\(percent ?? 0)%"))
        return 0
    }

    static func runMeasureList(_ invocation: Invocation) throws -> Int32 {
        let context = try ReportContext(invocation)
        defer { context.store.close() }
        let evaluations = try MeasureReport.build(store: context.store, surveys: context.surveys, settings: context.settings,
                                                  only: invocation.arguments.first)
        if invocation.format(default: "text") == "json" {
            Console.out(try JSONOutput.text(["measures": evaluations.map { $0.jsonObject() }]))
        } else {
            Console.out(evaluations.isEmpty ? "no measures recorded yet: engage measure record MEASURE --period LABEL --numerator N --denominator D"
                        : evaluations.map { $0.text() }.joined(separator: "\n\n"))
        }
        return 0
    }

    static func byPeriod(_ context: ReportContext, scheme: PeriodScheme, format: String, audience: ReportAudience) throws -> Int32 {
        var writer = CSVWriter()
        writer.row(["survey", "kpi", "period", "from", "to", "positive", "substantive", "percent", "lower", "upper", "withheld_in_public"])
        var text: [String] = []
        var json: [[String: Any]] = []
        for survey in context.surveys {
            let builder = try ReportBuilder(store: context.store, survey: survey, settings: context.settings)
            for kpi in survey.kpis {
                guard let trend = builder.trend(kpi: kpi, scheme: scheme) else { continue }
                var table = TextTable(headers: ["period", "agreed", "95% interval"], alignments: [.left, .right, .left])
                var points: [[String: Any]] = []
                for (point, disclosure) in zip(trend.trend.points, trend.disclosure) {
                    let hide = audience == .public && disclosure.isWithheld
                    let p = point.proportion
                    func num(_ v: Double?) -> CSVWriter.Cell { hide ? .text("c") : v.map { .number(String($0)) } ?? .empty }
                    writer.row([.text(survey.id), .text(kpi.id), .text(point.period.label), .text(point.period.fromDate), .text(point.period.toDate),
                                hide ? .text("c") : .number(p.positive), hide ? .text("c") : .number(p.total), num(p.percent),
                                num(point.interval.map { $0.lower * 100 }), num(point.interval.map { $0.upper * 100 }),
                                .text(disclosure.isWithheld ? "yes" : "no")])
                    table.add([point.period.label, hide ? "c" : KPIReport.figureText(p), hide ? "c" : KPIReport.intervalText(point.interval)])
                    points.append(["period": point.period.label, "positive": hide ? NSNull() : p.positive, "substantive": hide ? NSNull() : p.total,
                                   "percent": hide ? NSNull() : (p.percent ?? NSNull()) as Any, "withheldInPublic": disclosure.isWithheld])
                }
                text.append("\(kpi.title) (\(survey.id)), by \(scheme.rawValue): \(trend.trend.description)\n" + table.render(indent: "  "))
                json.append(["survey": survey.id, "kpi": kpi.id, "title": kpi.title, "scheme": scheme.rawValue,
                             "direction": trend.trend.direction.rawValue, "chiSquared": trend.trend.test?.chiSquared ?? NSNull(),
                             "p": trend.trend.test?.p ?? NSNull(), "periods": points])
            }
        }
        switch format {
        case "csv": FileHandle.standardOutput.write(Data(writer.text.utf8))
        case "json": Console.out(try JSONOutput.text(["trends": json]))
        default: Console.out(text.joined(separator: "\n\n"))
        }
        return 0
    }

    static let trend = CommandSpec(
        path: ["trend"], abstract: "One KPI per period, with the direction of travel and a test for trend.",
        usage: "[--by-period SCHEME] [--from DATE --to DATE] [--audience internal|public] [--format text|json|csv] KPI",
        discussion: "Shows the KPI in each period (default: the workspace's scheme, e.g. financial quarters) over the data, or --from/--to, and says whether it is clearly improving or declining (Cochran-Armitage chi-squared test for trend over three or more periods).",
        options: [
            .value("--by-period", "SCHEME", "Periods to use.", allowed: PeriodScheme.allCases.map(\.rawValue)),
            .value("--from", "DATE", "First day (YYYY-MM-DD)."),
            .value("--to", "DATE", "Last day (YYYY-MM-DD)."),
            .value("--audience", "AUDIENCE", "internal (default) or public.", allowed: ReportAudience.allCases.map(\.rawValue)),
            .value("--format", "FORMAT", "Output format.", allowed: ["text", "json", "csv"]),
        ],
        arguments: (1, 1), argumentName: "a KPI id",
        examples: ["engage trend felt-fully-involved", "engage trend communication-good --by-period academic-year"],
        run: runTrend)

    static let reach = CommandSpec(
        path: ["reach"], abstract: "Who answered: responses per group against the population, and response rates.",
        usage: "[--survey ID] [--period LABEL | --from DATE --to DATE] [--format text|json]",
        discussion: """
        For each segment question (stage, school phase...), the responses per group and their share, against
        the population shares entered in engage.json ("populationShares"), flagging groups that are clearly
        under-represented; and the response rate for each period with an eligible count in engage.json
        ("eligible": {"SURVEY": {"2021-22 Q2": 120}}). Default period: all the data.
        """,
        options: [
            .value("--survey", "ID", "Only this survey (default: every survey with responses)."),
            .value("--period", "LABEL", "The period, " + periodHelp + "."),
            .value("--from", "DATE", "First day (YYYY-MM-DD), with --to."),
            .value("--to", "DATE", "Last day (YYYY-MM-DD), inclusive."),
            .value("--format", "FORMAT", "Output format.", allowed: ["text", "json"]),
        ],
        examples: ["engage reach", "engage reach --survey ehcp-education-setting --period 2021-22"],
        run: runReach)

    static func runReach(_ invocation: Invocation) throws -> Int32 {
        let context = try ReportContext(invocation)
        defer { context.store.close() }
        var reports: [ReachReport] = []
        for survey in context.surveys {
            let builder = try ReportBuilder(store: context.store, survey: survey, settings: context.settings)
            guard let span = builder.span else { continue }
            let period = invocation.value("--period") == nil && invocation.value("--from") == nil
                ? Period(label: "all responses", scheme: nil, first: span.lowerBound, last: span.upperBound)
                : try builder.period(label: invocation.value("--period"), from: invocation.value("--from"), to: invocation.value("--to"))
            reports.append(try ReachReport.build(store: context.store, survey: survey, period: period, workspace: context.workspace.settings))
        }
        if reports.isEmpty { throw CommandFailure("no responses in this workspace yet: import an export first (engage import FILE.csv)") }
        if invocation.format(default: "text") == "json" {
            Console.out(try JSONOutput.text(["reach": reports.map { $0.jsonObject() }]))
        } else {
            Console.out(reports.map { $0.text() }.joined(separator: "\n\n"))
        }
        return 0
    }

    static func day(_ text: String, _ option: String) throws -> Int {
        guard let d = CivilTime.parseISODate(text) else { throw UsageError(message: "\(option) \(text): write the date as YYYY-MM-DD", command: nil) }
        return d
    }

    static let measureRecord = CommandSpec(
        path: ["measure", "record"], abstract: "Record an administrative measure's figure for a period.",
        usage: "--period LABEL (--numerator N --denominator D | --percent P) [--note TEXT] MEASURE",
        discussion: "Records figures such as \"EHC plans issued within 20 weeks\" (defined under \"measures\" in a survey definition), replacing an earlier figure for the same period. Give the counts when you have them (they make intervals and tests possible), or the published percentage.",
        options: [
            .value("--period", "LABEL", "The period, " + periodHelp + "."),
            .value("--numerator", "N", "How many met the measure."),
            .value("--denominator", "D", "Out of how many."),
            .value("--percent", "P", "The published percentage, when there are no counts."),
            .value("--note", "TEXT", "Where the figure comes from."),
        ],
        arguments: (1, 1), argumentName: "a measure id",
        examples: ["engage measure record plans-within-20-weeks --period 2020 --numerator 86 --denominator 100",
                   "engage measure record annual-reviews-completed --period 2020-21 --numerator 1280 --denominator 1737"],
        run: runMeasureRecord)

    static func int(_ text: String, _ option: String) throws -> Int {
        guard let n = Int(text), n >= 0 else { throw UsageError(message: "\(option) \(text): give a whole number, 0 or more", command: "measure record") }
        return n
    }

    static let measureList = CommandSpec(
        path: ["measure", "list"], abstract: "Administrative measures with their recorded figures, targets, comparators and RAG.",
        usage: "[--format text|json] [MEASURE]",
        options: [.value("--format", "FORMAT", "Output format.", allowed: ["text", "json"])],
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
        if let id = invocation.value("--survey") {
            guard let survey = surveys.first(where: { $0.id == id }) else {
                throw CommandFailure("no survey \"\(id)\" in this workspace.\(StringSuggest.didYouMean(id, among: surveys.map(\.id))) Surveys: \(surveys.map(\.id).joined(separator: ", "))")
            }
            surveys = [survey]
        }
        self.surveys = surveys
        store = try workspace.openStore(readOnly: !writable)
        settings = ReportSettings(workspace.settings)
    }

    struct TrendOutput {
        let survey: Survey
        let kpi: KPI
        let trend: KPITrend
        let audience: ReportAudience

        func render(_ format: String) throws -> String {
            var writer = CSVWriter()
            writer.row(["kpi", "period", "positive", "substantive", "percent", "lower", "upper", "withheld_in_public"])
            var table = TextTable(headers: ["period", "agreed", "95% interval"], alignments: [.left, .right, .left])
            var points: [[String: Any]] = []
            for (point, disclosure) in zip(trend.trend.points, trend.disclosure) {
                let hide = audience == .public && disclosure.isWithheld
                let p = point.proportion
                table.add([point.period.label, hide ? "c" : KPIReport.figureText(p) + (disclosure.isWithheld && !hide ? " [c in public]" : ""),
                           hide ? "c" : KPIReport.intervalText(point.interval)])
                writer.row([.text(kpi.id), .text(point.period.label), hide ? .text("c") : .number(p.positive), hide ? .text("c") : .number(p.total),
                            hide ? .text("c") : p.percent.map { .number(String($0)) } ?? .empty,
                            hide ? .text("c") : point.interval.map { .number(String($0.lower * 100)) } ?? .empty,
                            hide ? .text("c") : point.interval.map { .number(String($0.upper * 100)) } ?? .empty,
                            .text(disclosure.isWithheld ? "yes" : "no")])
                points.append(["period": point.period.label, "from": point.period.fromDate, "to": point.period.toDate,
                               "positive": hide ? NSNull() : p.positive, "substantive": hide ? NSNull() : p.total,
                               "percent": hide ? NSNull() : (p.percent ?? NSNull()) as Any, "withheldInPublic": disclosure.isWithheld])
            }
            switch format {
            case "csv": return writer.text
            case "json":
                return try JSONOutput.text(["kpi": kpi.id, "title": kpi.title, "scheme": trend.scheme.rawValue,
                                            "direction": trend.trend.direction.rawValue, "slopePointsPerPeriod": (trend.trend.test?.slopePerPeriod).map { $0 * 100 } ?? NSNull(),
                                            "chiSquared": trend.trend.test?.chiSquared ?? NSNull(), "p": trend.trend.test?.p ?? NSNull(), "periods": points])
            default:
                return "\(kpi.title) (\(survey.id)), by \(trend.scheme.rawValue)\n\(table.render(indent: "  "))\ntrend: \(trend.trend.description)"
            }
        }
    }
}
