import FeedbackStatistics
import Foundation
import ResponseStore
import Summaries
import SurveyDefinition

/// `engage quotes [approve|hide|reset]`: the officer's review of the quotes before publishing.
enum QuoteCommands {
    static var specs: [CommandSpec] { [list, approve, hide, reset] }

    static let list = CommandSpec(
        path: ["quotes"],
        abstract: "Review the quotes a summary may use: what each would illustrate, why, and your decision.",
        usage:
            "[--period LABEL | --from DATE --to DATE | --all] [--survey ID] [--decision approved|hidden|to-review] [--format text|json]",
        discussion: """
            Lists the comments that may be quoted in the summary's period (by default the latest, as engage
            summary): only from people who agreed to be quoted, with personal details removed, and only those
            that mention one of the survey's comment themes. Each shows its id, the quote as it would be
            printed, the themes and KPIs it would illustrate and why, and your decision. Approve a quote with
            engage quotes approve ID, keep one out of every output with engage quotes hide ID --reason TEXT.
            When engage.json has "quoteApproval": true (the default for engage init), public summaries use
            only approved quotes; internal ones mark the others as not yet approved. Decisions are kept in the
            workspace and survive re-imports; a comment changed by a re-import is back to review.
            """,
        options: [
            .value("--period", "LABEL", "The period, " + KPICommands.periodHelp + "."),
            .value("--from", "DATE", "First day (YYYY-MM-DD), with --to."),
            .value("--to", "DATE", "Last day (YYYY-MM-DD), inclusive."),
            .flag("--all", "Every period's comments."),
            .value("--survey", "ID", "Only this survey."),
            .value(
                "--decision", "DECISION", "Only quotes with this decision.",
                allowed: ["approved", "hidden", "to-review"]),
            .format(["text", "json"]),
        ],
        examples: [
            "engage quotes", "engage quotes --period \"2021-22 Q2\" --decision to-review",
            "engage quotes --all --format json",
        ],
        run: { invocation in
            let context = try ReportContext(invocation)
            defer { context.store.close() }
            let review = QuoteReview(store: context.store, surveys: context.surveys, settings: context.settings)
            let period =
                invocation.flag("--all")
                ? nil
                : try review.period(
                    label: invocation.value("--period"), from: invocation.value("--from"), to: invocation.value("--to"))
            var quotes = try review.candidates(period: period)
            if let wanted = invocation.value("--decision") {
                quotes = quotes.filter { $0.decision == wanted.replacingOccurrences(of: "-", with: " ") }
            }
            let approval = context.settings.quoteApproval
            if invocation.format(default: "text") == "json" {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                struct Listing: Encodable {
                    var period: String?
                    var approvalRequired: Bool
                    var quotes: [QuoteCandidate]
                }
                let data = try encoder.encode(
                    Listing(period: period?.label, approvalRequired: approval, quotes: quotes))
                Console.out(String(decoding: data, as: UTF8.self))
                return 0
            }
            let scope = period.map { "in \($0.description)" } ?? "in every period"
            if quotes.isEmpty {
                Console.out(
                    "no quotes to review \(scope): a comment is a candidate when the respondent agreed to be quoted and it mentions one of the survey's themes"
                )
                return 0
            }
            let counts = Dictionary(grouping: quotes, by: \.decision).mapValues(\.count)
            Console.out(
                "\(quotes.count) quote\(quotes.count == 1 ? "" : "s") \(scope): "
                    + ["approved", "to review", "hidden"].map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", "))
            Console.out(
                approval
                    ? "Public summaries use only approved quotes (engage.json \"quoteApproval\": true)."
                    : "Public summaries may use quotes not yet approved (engage.json \"quoteApproval\": false; set it to true to require approval)."
            )
            for q in quotes {
                Console.out("")
                var head = "\(q.id)  \(q.decision.uppercased())"
                if let at = q.decidedAt { head += " \(at.prefix(10))" }
                if let reason = q.reason { head += " (\(reason))" }
                if q.changedSinceDecision { head += "  [the comment changed since your decision: review it again]" }
                Console.out(head)
                Console.out("  \u{201C}\(q.quote)\u{201D}")
                Console.out(
                    "  \(q.survey), \(q.question)" + (q.submitted.map { ", \($0)" } ?? "")
                        + "; rank \(q.rank) of \(quotes.filter { $0.survey == q.survey }.count) by how well it reads")
                Console.out("  why: \(q.why)")
            }
            Console.out("")
            Console.out("engage quotes approve ID...  |  engage quotes hide ID... --reason TEXT")
            return 0
        })

    static func decide(_ kind: QuoteDecision.Kind, verb: String, reason: Bool) -> CommandSpec {
        CommandSpec(
            path: ["quotes", verb],
            abstract: kind == .approved
                ? "Approve quotes for publishing."
                : kind == .hidden
                    ? "Keep quotes out of every output (with the reason)."
                    : "Take back a decision: the quotes are to review again.",
            usage: (reason ? "[--reason TEXT] " : "") + "ID...",
            discussion: """
                IDs are those engage quotes lists (q and ten letters or digits); they stay the same across runs and
                re-imports. The decision is recorded in the workspace with its date (and reason), for every
                period's summaries, and the provenance of each summary says how its quotes were chosen.
                """,
            options: reason ? [.value("--reason", "TEXT", "Why (for example: names a member of staff).")] : [],
            arguments: (1, nil), argumentName: "one or more quote ids",
            examples: ["engage quotes \(verb) q3f9a2c1d0" + (reason ? " --reason \"names a member of staff\"" : "")],
            run: { invocation in
                let context = try ReportContext(invocation, writable: true)
                defer { context.store.close() }
                let review = QuoteReview(store: context.store, surveys: context.surveys, settings: context.settings)
                let decided = try review.decide(invocation.arguments, kind, reason: invocation.value("--reason"))
                for q in decided {
                    Console.out(
                        "\(q.id) \(kind == .undecided ? "to review" : kind.rawValue): \u{201C}\(q.quote)\u{201D}")
                }
                return 0
            })
    }

    static let approve = decide(.approved, verb: "approve", reason: false)
    static let hide = decide(.hidden, verb: "hide", reason: true)
    static let reset = decide(.undecided, verb: "reset", reason: false)
}
