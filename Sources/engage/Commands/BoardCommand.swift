import Foundation
import Summaries

/// `engage board`: the board pack.
enum BoardCommand {
    static let spec = CommandSpec(
        path: ["board"], abstract: "The board pack: every KPI and measure quarter by quarter, exceptions first.",
        usage:
            "[--period LABEL] [--quarters N] [--survey ID]... [--audience internal|public] [--format text|markdown|html|json|csv|xlsx] [--output FILE]",
        discussion: """
            For the improvement board and scrutiny committee: one table of every KPI and administrative measure
            over the last N quarters (default 6, 4 to 8) ending with --period (default: the latest quarter with
            answers), each cell the figure, its interval and its rating as it stood at that quarter's end, with
            each KPI's direction over the quarters shown; what changed since the previous quarter; and the
            exceptions first: a KPI or measure newly RED or RED again, actions overdue at the quarter's end, KPIs
            with too few responses to rate; then the actions behind each. Internal by default (marked "do not
            publish" at the top of every format); --audience public withholds small numbers as every public
            output does. HTML prints on A4 landscape; Markdown pastes into a Word report; xlsx (with --output) has
            the quarters, the exceptions and the provenance on sheets of their own.
            """,
        options: [
            .value("--period", "LABEL", "The quarter reported, " + KPICommands.periodHelp + "."),
            .value("--quarters", "N", "How many quarters to show, 4 to 8 (default 6)."),
            .value("--survey", "ID", "Only these surveys (repeatable; default: all with responses).", repeatable: true),
            .audience(),
            .format(["text", "markdown", "html", "json", "csv", "xlsx"]),
            .output(),
        ],
        examples: [
            "engage board", "engage board --period \"2021-22 Q2\" --format html --output board-2021-22-Q2.html",
            "engage board --quarters 8 --format markdown > board-paper.md",
        ],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let context = try ReportContext(invocation)
        defer { context.store.close() }
        let format = invocation.format(default: "text")
        let surveys = context.surveys
        var quarters = 6
        if let text = invocation.value("--quarters") {
            guard let n = Int(text), (4...8).contains(n) else {
                throw UsageError(message: "--quarters \(text): give a whole number from 4 to 8", command: "board")
            }
            quarters = n
        }
        let pack = try BoardPack.build(
            store: context.store, surveys: surveys, settings: context.settings,
            audience: KPICommands.audience(invocation), period: invocation.value("--period"),
            quarters: quarters, engageVersion: Engage.version)
        let output = try OutputFile(invocation.value("--output"), invocation: invocation, workspace: context.workspace)
        if format == "xlsx" {
            try output.write(
                bytes: pack.workbook(provenance: try KPICommands.provenance(context.store)),
                what: "an Excel workbook (--format xlsx)")
        } else {
            try output.write(try pack.render(format))
        }
        try output.commit()
        if let path = output.path {
            Console.err(
                "wrote \(path) (\(format), \(pack.audience.rawValue) audience, \(pack.periods.count) quarters to \(pack.period.label), \(pack.exceptions.count) exceptions)"
            )
        }
        return 0
    }
}
