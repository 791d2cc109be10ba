import Foundation
import ResponseStore
import Summaries
import SurveyDefinition

/// `engage actions add|list|update|edit|delete|history|import|updates import`: the "we did" log.
enum ActionCommands {
    static var specs: [CommandSpec] { [add, list, update, edit, delete, history, importFile, importUpdates] }

    static let statusHelp =
        "red (not started or significantly delayed), amber (some delay), green (on track), blue (completed and embedded)"

    static let add = CommandSpec(
        path: ["actions", "add"], abstract: "Record something the service did in response to feedback.",
        usage:
            "--title TEXT [--you-said TEXT] [--kpi ID]... [--theme ID]... [--owner NAME] [--due DATE] [--status red|amber|green|blue] [--done DATE] [--detail TEXT]",
        discussion: """
            Adds an action to the workspace's "we did" log. Give what families said in their own words
            (--you-said): the summary leads the item with it. Link the action to the KPIs (--kpi) and comment
            themes (--theme) it answers, so that the summary shows it beside what families said and what changed
            after it. Status follows the RAG key, in any case: \(statusHelp). Dates as YYYY-MM-DD or DD/MM/YYYY.
            The log keeps every change with its date (engage actions history).
            """,
        options: [
            .value("--title", "TEXT", "What the service did, in a sentence."),
            .value("--you-said", "TEXT", "What people said that the action answers, in their words."),
            .value("--detail", "TEXT", "More detail about what was done."),
            .value("--kpi", "ID", "A KPI the action answers (repeatable).", repeatable: true),
            .value("--theme", "ID", "A comment theme the action answers (repeatable).", repeatable: true),
            .value("--owner", "NAME", "Who leads it (a role, not a private person's name)."),
            .value("--due", "DATE", "When it is due, YYYY-MM-DD or DD/MM/YYYY."),
            .value(
                "--status", "STATUS", "RAG status (default red, or blue with --done).",
                allowed: ActionStatus.allCases.map(\.rawValue)),
            .value("--done", "DATE", "When it was completed, YYYY-MM-DD or DD/MM/YYYY."),
        ],
        examples: [
            "engage actions add --title \"Named caseworker for every family\" --you-said \"Nobody called back\" --kpi communication-good --theme communication --due 30/09/2021 --status Green"
        ],
        run: { invocation in
            guard let title = invocation.value("--title") else {
                throw UsageError(message: "'engage actions add' needs --title TEXT", command: "actions add")
            }
            let workspace = try WorkspaceAccess.locate(invocation)
            var action = NewAction(
                title: title, youSaid: invocation.value("--you-said"), detail: invocation.value("--detail"),
                owner: invocation.value("--owner"), due: try date(invocation, "--due"),
                done: try date(invocation, "--done"),
                kpis: invocation.all("--kpi"), themes: invocation.all("--theme"))
            action.status =
                try invocation.value("--status").map { try ActionStatus.parse($0) }
                ?? (action.done == nil ? .red : .blue)
            try checkLinks([(action.title, action.kpis, action.themes)], workspace: workspace)
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
            .format(["text", "json"], "Output format."),
        ],
        examples: ["engage actions list", "engage actions list --kpi felt-fully-involved"],
        run: { invocation in
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try workspace.openStore(readOnly: true)
            defer { store.close() }
            let actions = try store.actions(kpi: invocation.value("--kpi"), theme: invocation.value("--theme"))
            if invocation.format(default: "text") == "json" {
                Console.out(
                    try JSONOutput.text([
                        "actions": actions.map { a in
                            [
                                "id": a.id, "title": a.title, "youSaid": a.youSaid ?? NSNull(),
                                "detail": a.detail ?? NSNull(),
                                "owner": a.owner ?? NSNull(), "due": a.due ?? NSNull(), "status": a.status.rawValue,
                                "done": a.done ?? NSNull(),
                                "created": a.createdAt, "kpis": a.kpis, "themes": a.themes,
                                "updates": a.updates.map { u in
                                    [
                                        "date": u.date, "status": u.status?.rawValue ?? NSNull(),
                                        "note": u.note ?? NSNull(), "recorded": u.recordedAt,
                                    ] as [String: Any]
                                }, "changes": a.changes.map(changeJSON),
                            ] as [String: Any]
                        }
                    ]))
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
                    Console.out(
                        "   answers: "
                            + (a.kpis.map { "KPI \($0)" } + a.themes.map { "theme \($0)" }).joined(separator: ", "))
                }
                if let said = a.youSaid { Console.out("   you said: \(said)") }
                if let owner = a.owner { Console.out("   owner: \(owner)") }
                if let detail = a.detail { Console.out("   " + detail.replacingOccurrences(of: "\n", with: "\n   ")) }
                for u in a.updates {
                    Console.out(
                        "   \(u.date)" + (u.status.map { " [\($0.rawValue.uppercased())]" } ?? "")
                            + (u.note.map { " \($0)" } ?? ""))
                }
            }
            return 0
        })

    static let update = CommandSpec(
        path: ["actions", "update"], abstract: "Record a dated progress update on an action.",
        usage: "[--status red|amber|green|blue] [--note TEXT] [--date DATE] [--done DATE] ID",
        discussion: """
            Updates are kept with their dates, like the quarterly progress updates of an action plan; a new status
            (any case) becomes the action's current one unless a later-dated update already set one. --date
            defaults to today's date in the UK (BST in summer). To record many at once from a spreadsheet: engage
            actions updates import FILE.csv.
            """,
        options: [
            .value("--status", "STATUS", "The new RAG status.", allowed: ActionStatus.allCases.map(\.rawValue)),
            .value("--note", "TEXT", "What happened."),
            .value("--date", "DATE", "The date of the update, YYYY-MM-DD or DD/MM/YYYY (default today, the UK date)."),
            .value("--done", "DATE", "The date the action was completed, YYYY-MM-DD or DD/MM/YYYY."),
        ],
        arguments: (1, 1), argumentName: "an action number",
        examples: ["engage actions update 3 --status amber --note \"Recruitment delayed to October\""],
        run: { invocation in
            let id = try number(invocation)
            let status = try invocation.value("--status").map { try ActionStatus.parse($0) }
            guard status != nil || invocation.value("--note") != nil || invocation.value("--done") != nil else {
                throw UsageError(
                    message: "'engage actions update' needs --status, --note or --done", command: "actions update")
            }
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try WorkspaceAccess.openForWriting(workspace, invocation)
            defer { store.close() }
            let date =
                try ActionCommands.date(invocation, "--date")
                ?? CivilTime.isoDate(CivilTime.today())
            try store.updateAction(
                id: id, date: date, status: status, note: invocation.value("--note"),
                done: try ActionCommands.date(invocation, "--done"))
            Console.out("updated action \(id) on \(date)" + (status.map { ": now \($0.rawValue.uppercased())" } ?? ""))
            return 0
        })

    static let importFile = CommandSpec(
        path: ["actions", "import"], abstract: "Import an action log kept in a spreadsheet (CSV).",
        usage: "FILE.csv",
        discussion: """
            The first row names the columns (any order, any case): title (or "we did"; required), you said,
            detail, owner, due, status (\(statusHelp)), done, kpis and themes (several separated by ;).
            Dates as YYYY-MM-DD or DD/MM/YYYY; status in any case. Every problem is listed with its line and
            column, and then nothing is imported; otherwise all the actions are added in one transaction.
            Progress updates (action, date, status, note) have their own command: engage actions updates import.
            """,
        arguments: (1, 1), argumentName: "a CSV file",
        examples: ["engage actions import action-plan.csv"],
        run: { invocation in
            let workspace = try WorkspaceAccess.locate(invocation)
            let argument = invocation.arguments[0]
            let actions = try ActionLogFile.read(
                path: WorkspaceAccess.path(argument, invocation), displayName: argument)
            try checkLinks(actions.map { ($0.title, $0.kpis, $0.themes) }, workspace: workspace)
            let store = try WorkspaceAccess.openForWriting(workspace, invocation)
            defer { store.close() }
            let ids = try store.importActions(actions)
            Console.out(
                "imported \(ids.count) action\(ids.count == 1 ? "" : "s") from \(argument)"
                    + (ids.isEmpty ? "" : " (numbers \(ids.first!)-\(ids.last!))"))
            return 0
        })

    static let edit = CommandSpec(
        path: ["actions", "edit"], abstract: "Correct an action: its title, you-said, KPIs, themes, owner or dates.",
        usage:
            "[--title TEXT] [--you-said TEXT] [--detail TEXT] [--owner NAME] [--due DATE] [--done DATE] [--kpi ID]... [--theme ID]... [--add-kpi ID]... [--remove-kpi ID]... [--add-theme ID]... [--remove-theme ID]... ID",
        discussion: """
            Changes only what is given; an empty value (--owner "") clears a field. --kpi and --theme replace the
            action's links; --add-… and --remove-… change one link at a time. Every change is kept with its date
            and the old value (engage actions history ID), so the forum can see what was promised and when it
            changed. Progress and status belong in dated updates: engage actions update.
            """,
        options: [
            .value("--title", "TEXT", "What the service did, in a sentence."),
            .value("--you-said", "TEXT", "What people said that the action answers, in their words."),
            .value("--detail", "TEXT", "More detail about what was done."),
            .value("--owner", "NAME", "Who leads it (a role)."),
            .value("--due", "DATE", "When it is due, YYYY-MM-DD or DD/MM/YYYY."),
            .value("--done", "DATE", "When it was completed, YYYY-MM-DD or DD/MM/YYYY."),
            .value("--kpi", "ID", "The KPIs it answers, replacing its links.", repeatable: true),
            .value("--theme", "ID", "The themes it answers, replacing its links.", repeatable: true),
            .value("--add-kpi", "ID", "Link one more KPI.", repeatable: true),
            .value("--remove-kpi", "ID", "Unlink a KPI.", repeatable: true),
            .value("--add-theme", "ID", "Link one more theme.", repeatable: true),
            .value("--remove-theme", "ID", "Unlink a theme.", repeatable: true),
        ],
        arguments: (1, 1), argumentName: "an action number",
        examples: [
            "engage actions edit 3 --due 31/12/2021 --you-said \"Nobody called back after the plan was issued\"",
            "engage actions edit 3 --add-kpi felt-fully-involved",
        ],
        run: { invocation in
            let id = try number(invocation)
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try WorkspaceAccess.openForWriting(workspace, invocation)
            defer { store.close() }
            guard let before = try store.action(id: id) else {
                throw StoreError.actionNotFound(path: store.path, id: id)
            }
            var change = ActionEdit(
                title: invocation.value("--title"), youSaid: invocation.value("--you-said"),
                detail: invocation.value("--detail"), owner: invocation.value("--owner"))
            for (option, assign) in [
                ("--due", { (d: String) in change.due = d }), ("--done", { (d: String) in change.done = d }),
            ] as [(String, (String) -> Void)] {
                guard let text = invocation.value(option) else { continue }
                assign(text.isEmpty ? "" : try ActionLogFile.date(text, field: option))
            }
            func links(_ replace: String, _ add: String, _ remove: String, _ current: [String]) -> [String]? {
                let given =
                    invocation.values[replace] != nil || invocation.values[add] != nil
                    || invocation.values[remove] != nil
                guard given else { return nil }
                let base = invocation.values[replace] != nil ? invocation.all(replace) : current
                return (base + invocation.all(add)).filter { !invocation.all(remove).contains($0) }
            }
            change.kpis = links("--kpi", "--add-kpi", "--remove-kpi", before.kpis)
            change.themes = links("--theme", "--add-theme", "--remove-theme", before.themes)
            guard !change.isEmpty else {
                throw UsageError(
                    message:
                        "'engage actions edit' needs something to change: --title, --you-said, --detail, --owner, --due, --done, --kpi or --theme",
                    command: "actions edit")
            }
            try checkLinks(
                [
                    (
                        before.title, invocation.all("--kpi") + invocation.all("--add-kpi"),
                        invocation.all("--theme") + invocation.all("--add-theme")
                    )
                ], workspace: workspace)
            let changes = try store.editAction(id: id, change)
            if changes.isEmpty {
                Console.out("action \(id) already says that: nothing changed")
            } else {
                Console.out(
                    "edited action \(id): "
                        + changes.map {
                            "\($0.field ?? "") \($0.oldValue.map { "\"\($0)\"" } ?? "(none)") -> \($0.newValue.map { "\"\($0)\"" } ?? "(none)")"
                        }.joined(separator: "; "))
            }
            return 0
        })

    static let delete = CommandSpec(
        path: ["actions", "delete"],
        abstract: "Delete an action, with its links and progress updates (its history is kept).",
        usage: "ID",
        discussion: """
            Removes the action from the log and the summaries, with its KPI and theme links and its progress updates,
            and says what it removed. The history of the action stays, ending with its deletion
            (engage actions history ID), so the forum can see what was once promised. To correct an action rather
            than remove it, use engage actions edit.
            """,
        arguments: (1, 1), argumentName: "an action number",
        examples: ["engage actions delete 4"],
        run: { invocation in
            let id = try number(invocation)
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try WorkspaceAccess.openForWriting(workspace, invocation)
            defer { store.close() }
            let change = try store.deleteAction(id: id)
            Console.out("deleted action \(id): \(change.oldValue ?? "")")
            Console.out("its history is kept: engage actions history \(id)")
            return 0
        })

    static let history = CommandSpec(
        path: ["actions", "history"],
        abstract: "Show every dated change to the action log (or to one action), deleted actions included.",
        usage: "[--format text|json] [ID]",
        discussion:
            "Each line is a change with the date it was recorded: added, a field corrected (old and new value), a progress update, or a deletion with what it removed.",
        options: [.format(["text", "json"], "Output format.")],
        arguments: (0, 1), argumentName: "an action number",
        examples: ["engage actions history", "engage actions history 3 --format json"],
        run: { invocation in
            let id = invocation.arguments.isEmpty ? nil : try number(invocation)
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try workspace.openStore(readOnly: true)
            defer { store.close() }
            let changes = try store.actionHistory(id: id)
            if let id, changes.isEmpty { throw StoreError.actionNotFound(path: store.path, id: id) }
            if invocation.format(default: "text") == "json" {
                Console.out(try JSONOutput.text(["changes": changes.map(changeJSON)]))
                return 0
            }
            if changes.isEmpty { Console.out("no actions recorded yet") }
            for change in changes { Console.out("action \(change.action): \(change.sentence)") }
            return 0
        })

    static let importUpdates = CommandSpec(
        path: ["actions", "updates", "import"], abstract: "Import dated progress updates kept in a spreadsheet (CSV).",
        usage: "FILE.csv",
        discussion: """
            The first row names the columns (any order, any case): action (the action's number, as engage actions
            list shows it; required), date (required), status (\(statusHelp), any case), note, done. Dates as
            YYYY-MM-DD or DD/MM/YYYY. Every problem is listed with its line and column, and then nothing is
            imported; otherwise every update is recorded in one transaction, in date order (the latest-dated
            status becomes the action's current one). An update already recorded is not recorded twice, so
            importing the same file again changes nothing.
            """,
        arguments: (1, 1), argumentName: "a CSV file",
        examples: ["engage actions updates import action-updates.csv"],
        run: { invocation in
            let workspace = try WorkspaceAccess.locate(invocation)
            let argument = invocation.arguments[0]
            let updates = try ActionUpdatesFile.read(
                path: WorkspaceAccess.path(argument, invocation), displayName: argument)
            let store = try WorkspaceAccess.openForWriting(workspace, invocation)
            defer { store.close() }
            let (recorded, already) = try store.importActionUpdates(updates)
            Console.out(
                "imported \(recorded) progress update\(recorded == 1 ? "" : "s") from \(argument)"
                    + (already > 0 ? " (\(already) already recorded, not repeated)" : ""))
            return 0
        })

    /// The action number argument.
    static func number(_ invocation: Invocation) throws -> Int64 {
        let text = invocation.arguments[0]
        guard let id = Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text), id > 0 else {
            throw UsageError(
                message: "'\(text)' is not an action number; 'engage actions list' shows them",
                command: invocation.spec.name)
        }
        return id
    }

    /// A date option, as YYYY-MM-DD or DD/MM/YYYY (like the spreadsheet import).
    static func date(_ invocation: Invocation, _ option: String) throws -> String? {
        try invocation.value(option).map { text throws(StoreError) in try ActionLogFile.date(text, field: option) }
    }

    static func changeJSON(_ c: ActionChange) -> [String: Any] {
        [
            "action": c.action, "recorded": c.changedAt, "change": c.kind.rawValue, "field": c.field ?? NSNull(),
            "old": c.oldValue ?? NSNull(), "new": c.newValue ?? NSNull(), "sentence": c.sentence,
        ]
    }

    /// KPI and theme ids must exist in the workspace's surveys, so that a typo does not
    /// leave an action unlinked.
    static func checkLinks(_ actions: [(title: String, kpis: [String], themes: [String])], workspace: Workspace) throws
    {
        let surveys = try WorkspaceAccess.surveys(of: workspace)
        let kpis = surveys.flatMap { $0.kpis.map(\.id) }
        let themes = surveys.flatMap { $0.themes.map(\.id) }
        var problems: [String] = []
        for action in actions {
            for kpi in action.kpis where !kpis.contains(kpi) {
                problems.append(
                    "\"\(action.title)\": no KPI \"\(kpi)\" in this workspace's surveys.\(StringSuggest.didYouMean(kpi, among: kpis)) KPIs: \(kpis.joined(separator: ", "))"
                )
            }
            for theme in action.themes where !themes.contains(theme) {
                problems.append(
                    "\"\(action.title)\": no comment theme \"\(theme)\" in this workspace's surveys.\(StringSuggest.didYouMean(theme, among: themes)) Themes: \(themes.joined(separator: ", "))"
                )
            }
        }
        if !problems.isEmpty { throw CommandFailure(problems.joined(separator: "\n") + "\nnothing recorded.") }
    }
}
