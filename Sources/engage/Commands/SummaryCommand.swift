import FeedbackStatistics
import Foundation
import Summaries
import SurveyDefinition

/// `engage summary`: the "You said, we did" summary.
enum SummaryCommand {
    static let spec = CommandSpec(
        path: ["summary"], abstract: "The \"You said, we did\" summary: findings, actions and what changed since.",
        usage:
            "[--period LABEL | --from DATE --to DATE] [--changes-through LABEL] [--survey ID]... [--format text|markdown|html|json|csv] [--audience public|internal] [--output FILE]",
        discussion: """
            Joins what people said (each KPI with its counts, interval, change since baseline and RAG; comment
            themes with short quotes from people who agreed to be quoted, personal details removed) to what
            the service did (the action log, with dates and RAG status) and to what changed since (the KPI in
            the periods after each action, each tested against the period before it). The summary is the
            period as it stood at its end: only answers, actions, updates and measures up to that day, each
            action's status on that day (overdue when past due and not done); --changes-through LABEL adds
            later periods under "what changed since". What most needs attention comes first. --audience public (the
            default for html and markdown) withholds figures based on fewer answers than the workspace's
            threshold, counts of 1-4 and anything from which one could be worked out, and covers whole
            reporting periods only; internal shows everything and is marked "do not publish". The HTML
            is one self-contained file with accessible SVG charts. Every rendering ends with its provenance:
            period, imports with SHA-256, settings and engage version.
            """,
        options: [
            .value("--period", "LABEL", "The period, " + KPICommands.periodHelp + "."),
            .value("--from", "DATE", "First day (YYYY-MM-DD), with --to."),
            .value("--to", "DATE", "Last day (YYYY-MM-DD), inclusive."),
            .value("--changes-through", "LABEL", "Show \"what changed since\" up to the end of this later period."),
            .value("--survey", "ID", "Only these surveys (repeatable; default: all with responses).", repeatable: true),
            .format(["text", "markdown", "html", "json", "csv"]),
            .audience("public or internal (default: public for html and markdown, else internal)."),
            .output(),
        ],
        examples: [
            "engage summary", "engage summary --period \"2021-22 Q2\" --format html --output you-said-we-did.html",
            "engage summary --format markdown --audience public > committee-paper.md",
        ],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let context = try ReportContext(invocation)
        defer { context.store.close() }
        let format = invocation.format(default: "text")
        let audience =
            invocation.value("--audience").flatMap(ReportAudience.init(rawValue:))
            ?? (format == "html" || format == "markdown" ? .public : .internal)
        let surveys = context.surveys
        let summary = try SummaryBuilder(
            store: context.store, surveys: surveys, settings: context.settings, audience: audience,
            engageVersion: Engage.version
        )
        .build(
            label: invocation.value("--period"), from: invocation.value("--from"), to: invocation.value("--to"),
            changesThrough: invocation.value("--changes-through"))
        let text = try summary.render(format)
        let output = try OutputFile(invocation.value("--output"), invocation: invocation, workspace: context.workspace)
        try output.write(text)
        try output.commit()
        if let path = output.path {
            Console.err(
                "wrote \(path) (\(format), \(audience.rawValue) audience, period \(summary.period.label), \(summary.items.count) items)"
            )
        }
        return 0
    }
}
