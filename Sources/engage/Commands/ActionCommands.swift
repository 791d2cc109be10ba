import Foundation
import ResponseStore
import Summaries
import SurveyDefinition

/// `engage actions add|list|update|import`: the "we did" log.
enum ActionCommands {
    static var specs: [CommandSpec] { [add, list, update, importFile] }

    static let statusHelp = "red (not started or significantly delayed), amber (some delay), green (on track), blue (completed and embedded)"

    static let add = CommandSpec(
        path: ["actions", "add"], abstract: "Record something the service did in response to feedback.",
        usage: "--title TEXT [--kpi ID]... [--theme ID]... [--owner NAME] [--due DATE] [--status red|amber|green|blue] [--done DATE] [--detail TEXT]",
        discussion: """
        Adds an action to the workspace's "we did" log. Link it to the KPIs (--kpi) and comment themes
        (--theme) it answers, so that the summary shows it beside what families said and what changed
        after it. Status follows the RAG key: \(statusHelp). Dates are YYYY-MM-DD.
        """,
        options: [
            .value("--title", "TEXT", "What the service did, in a sentence."),
            .value("--detail", "TEXT", "More detail (what was said, what changed)."),
            .value("--kpi", "ID", "A KPI the action answers (repeatable).", repeatable: true),
            .value("--theme", "ID", "A comment theme the action answers (repeatable).", repeatable: true),
            .value("--owner", "NAME", "Who leads it (a role, not a private person's name)."),
            .value("--due", "DATE", "When it is due, YYYY-MM-DD."),
            .value("--status", "STATUS", "RAG status (default red, or blue with --done).", allowed: ActionStatus.allCases.map(\.rawValue)),
            .value("--done", "DATE", "When it was completed, YYYY-MM-DD."),
        ],
        examples: ["engage actions add --title \"Named caseworker for every family\" --kpi communication-good --theme communication --due 2021-09-30 --status green"],
        run: { invocation in
            guard let title = invocation.value("--title") else {
                throw UsageError(message: "'engage actions add' needs --title TEXT", command: "actions add")
            }
            let workspace = try WorkspaceAccess.locate(invocation)
            var action = NewAction(title: title, detail: invocation.value("--detail"), owner: invocation.value("--owner"),
                                   due: invocation.value("--due"), done: invocation.value("--done"),
                                   kpis: invocation.all("--kpi"), themes: invocation.all("--theme"))
            action.status = try invocation.value("--status").map { try ActionStatus.parse($0) } ?? (action.done == nil ? .red : .blue)
            try checkLinks([action], workspace: workspace)
            let store = try WorkspaceAccess.openForWriting(workspace, invocation)
            defer { store.close() }
            let id = try store.addAction(action)
            Console.out("added action \(id): \(action.title) [\(action.status.rawValue.uppercased())]")
            return 0
        })

    static let list = CommandSpec(
        path: ["actions", "list"], abstract: "List the action log with statuses and progress updates.",
        usage: "[--kpi ID] [--theme ID] [--format text|json]",
        options: [
            .value("--kpi", "ID", "Only actions linked to this KPI."),
            .value("--theme", "ID", "Only actions linked to this theme."),
            .value("--format", "FORMAT", "Output format.", allowed: ["text", "json"]),
        ],
        examples: ["engage actions list", "engage actions list --kpi felt-fully-involved"],
        run: { invocation in
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try workspace.openStore(readOnly: true)
            defer { store.close() }
            let actions = try store.actions(kpi: invocation.value("--kpi"), theme: invocation.value("--theme"))
            if invocation.format(default: "text") == "json" {
                Console.out(try JSONOutput.text(["actions": actions.map { a in
                    ["id": a.id, "title": a.title, "detail": a.detail ?? NSNull(), "owner": a.owner ?? NSNull(),
                     "due": a.due ?? NSNull(), "status": a.status.rawValue, "done": a.done ?? NSNull(), "kpis": a.kpis,
                     "themes": a.themes, "updates": a.updates.map { u in
                         ["date": u.date, "status": u.status?.rawValue ?? NSNull(), "note": u.note ?? NSNull()] as [String: Any]
                     }] as [String: Any]
                }]))
                return 0
            }
            if actions.isEmpty {
                Console.out("no actions recorded yet: engage actions add --title \"...\" --kpi ID")
                return 0
            }
            for a in actions {
                var head = "\(a.id). \(a.title) [\(a.status.rawValue.uppercased()): \(a.status.meaning)]"
                if let due = a.due { head += " due \(due)" }
                if let done = a.done { head += " done \(done)" }
                Console.out(head)
                if !a.kpis.isEmpty || !a.themes.isEmpty {
                    Console.out("   answers: " + (a.kpis.map { "KPI \($0)" } + a.themes.map { "theme \($0)" }).joined(separator: ", "))
                }
                if let owner = a.owner { Console.out("   owner: \(owner)") }
                if let detail = a.detail { Console.out("   " + detail.replacingOccurrences(of: "\n", with: "\n   ")) }
                for u in a.updates {
                    Console.out("   \(u.date)" + (u.status.map { " [\($0.rawValue.uppercased())]" } ?? "") + (u.note.map { " \($0)" } ?? ""))
                }
            }
            return 0
        })

    static let update = CommandSpec(
        path: ["actions", "update"], abstract: "Record a dated progress update on an action.",
        usage: "[--status red|amber|green|blue] [--note TEXT] [--date DATE] [--done DATE] ID",
        discussion: "Updates are kept with their dates, like the quarterly progress updates of an action plan; a new status becomes the action's current one. --date defaults to today.",
        options: [
            .value("--status", "STATUS", "The new RAG status.", allowed: ActionStatus.allCases.map(\.rawValue)),
            .value("--note", "TEXT", "What happened."),
            .value("--date", "DATE", "The date of the update, YYYY-MM-DD (default today)."),
            .value("--done", "DATE", "The date the action was completed."),
        ],
        arguments: (1, 1), argumentName: "an action number",
        examples: ["engage actions update 3 --status amber --note \"Recruitment delayed to October\""],
        run: { invocation in
            guard let id = Int64(invocation.arguments[0]), id > 0 else {
                throw UsageError(message: "'\(invocation.arguments[0])' is not an action number; 'engage actions list' shows them", command: "actions update")
            }
            let status = try invocation.value("--status").map { try ActionStatus.parse($0) }
            guard status != nil || invocation.value("--note") != nil || invocation.value("--done") != nil else {
                throw UsageError(message: "'engage actions update' needs --status, --note or --done", command: "actions update")
            }
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try WorkspaceAccess.openForWriting(workspace, invocation)
            defer { store.close() }
            let date = invocation.value("--date") ?? CivilTime.isoDate(CivilTime.day(wallClock: Int64(Date().timeIntervalSince1970)))
            try store.updateAction(id: id, date: date, status: status, note: invocation.value("--note"), done: invocation.value("--done"))
            Console.out("updated action \(id) on \(date)" + (status.map { ": now \($0.rawValue.uppercased())" } ?? ""))
            return 0
        })

    static let importFile = CommandSpec(
        path: ["actions", "import"], abstract: "Import an action log kept in a spreadsheet (CSV).",
        usage: "FILE.csv",
        discussion: """
        The first row names the columns (any order, any case): title (or "we did"; required), you said,
        detail, owner, due, status (\(statusHelp)), done, kpis and themes (several separated by ;).
        Dates as YYYY-MM-DD or DD/MM/YYYY. Every problem is listed with its line and column, and then
        nothing is imported; otherwise all the actions are added in one transaction.
        """,
        arguments: (1, 1), argumentName: "a CSV file",
        examples: ["engage actions import action-plan.csv"],
        run: { invocation in
            let workspace = try WorkspaceAccess.locate(invocation)
            let argument = invocation.arguments[0]
            let actions = try ActionLogFile.read(path: WorkspaceAccess.path(argument, invocation), displayName: argument)
            try checkLinks(actions, workspace: workspace)
            let store = try WorkspaceAccess.openForWriting(workspace, invocation)
            defer { store.close() }
            let ids = try store.importActions(actions)
            Console.out("imported \(ids.count) action\(ids.count == 1 ? "" : "s") from \(argument)" + (ids.isEmpty ? "" : " (numbers \(ids.first!)-\(ids.last!))"))
            return 0
        })

    /// KPI and theme ids must exist in the workspace's surveys, so that a typo does not
    /// leave an action unlinked.
    static func checkLinks(_ actions: [NewAction], workspace: Workspace) throws {
        let surveys = try WorkspaceAccess.surveys(of: workspace)
        let kpis = surveys.flatMap { $0.kpis.map(\.id) }
        let themes = surveys.flatMap { $0.themes.map(\.id) }
        var problems: [String] = []
        for action in actions {
            for kpi in action.kpis where !kpis.contains(kpi) {
                problems.append("\"\(action.title)\": no KPI \"\(kpi)\" in this workspace's surveys.\(StringSuggest.didYouMean(kpi, among: kpis)) KPIs: \(kpis.joined(separator: ", "))")
            }
            for theme in action.themes where !themes.contains(theme) {
                problems.append("\"\(action.title)\": no comment theme \"\(theme)\" in this workspace's surveys.\(StringSuggest.didYouMean(theme, among: themes)) Themes: \(themes.joined(separator: ", "))")
            }
        }
        if !problems.isEmpty { throw CommandFailure(problems.joined(separator: "\n") + "\nnothing recorded.") }
    }
}
