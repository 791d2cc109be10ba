import Foundation
import ResponseStore
import Summaries

/// `engage publish`: adds a quarter's public page and its data to a static site.
enum PublishCommand {
    static let spec = CommandSpec(
        path: ["publish"],
        abstract: "Add a quarter's public page, with its data as CSV and JSON, to a static site of every quarter.",
        usage: "--into DIR [--period LABEL] [--survey ID]...",
        discussion: """
            Writes the public "You said, we did" page for the period (default: the latest period of the
            workspace's scheme with answers) into DIR/<period>/index.html, with the data behind it as
            data.csv and data.json (public: small numbers withheld), and rewrites DIR/index.html, the listing of
            every quarter published there, newest first (like a council's "We asked, you said, we did" page).
            A quarter once published is frozen as it stood: publishing adds quarters and never changes an
            earlier one, and publishing the same quarter again is refused. Copy DIR to the website as it is.
            """,
        options: [
            .value("--into", "DIR", "The site's folder (created if need be)."),
            .value("--period", "LABEL", "The period, " + KPICommands.periodHelp + "."),
            .value("--survey", "ID", "Only these surveys (repeatable; default: all with responses).", repeatable: true),
        ],
        examples: ["engage publish --into site", "engage publish --into site --period \"2021-22 Q2\""],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        guard let into = invocation.value("--into") else {
            throw UsageError(message: "'engage publish' needs --into DIR, the site's folder", command: "publish")
        }
        let context = try ReportContext(invocation)
        defer { context.store.close() }
        let surveys = context.surveys
        let summary = try SummaryBuilder(
            store: context.store, surveys: surveys, settings: context.settings, audience: .public,
            engageVersion: Engage.version
        )
        .build(label: invocation.value("--period"), from: nil, to: nil)
        do {
            let (entry, listing) = try PublicationArchive.publish(
                summary, into: WorkspaceAccess.path(into, invocation), protecting: context.workspace.ownFiles)
            Console.out(
                "published \(entry.label) into \(into)/\(entry.folder)/ (page, data.csv, data.json); \(into)/index.html lists \(listing.count) quarter\(listing.count == 1 ? "" : "s")"
            )
        } catch let error as PublicationArchive.ArchiveError {
            throw CommandFailure(error.description)
        }
        return 0
    }
}
