import Foundation
import ResponseStore
import SurveyDefinition

/// `engage config [show|check|get|set|unset]`: the workspace's settings without editing JSON.
enum ConfigCommands {
    static var specs: [CommandSpec] { [show, check, get, set, unset] }

    static let names =
        "organisation, surveys, suppressionThreshold, periodScheme, slashYears, confidenceLevel, periods.NAME, populationShares.SEGMENT.GROUP, eligible.SURVEY.PERIOD, redact, quoteApproval"

    static let show = CommandSpec(
        path: ["config"], abstract: "Show the workspace's settings (engage.json) and any problem with them.",
        usage: "[--format text|json]",
        discussion: """
            Prints engage.json as engage reads it (every setting, defaults included), then the warnings engage
            gives on every command: a key given twice, a population-share group that no option of the segment
            has ("Post 16" where the option is "Post-16"), shares that do not add up to 100%, an eligible count
            for a survey the workspace does not have or under a period label that names no period ("2021/22 Q3"),
            each with its line and the nearest valid name. Change a setting with engage config set NAME VALUE.
            Settings: \(names).
            """,
        options: [.format(["text", "json"])],
        examples: [
            "engage config", "engage config get populationShares.phase", "engage config set suppressionThreshold 10",
        ],
        run: { invocation in
            let workspace = try locateQuietly(invocation)
            let warnings = WorkspaceAccess.settingsWarnings(workspace)
            if invocation.format(default: "text") == "json" {
                Console.out(workspace.settings.encoded().trimmingCharacters(in: .newlines))
            } else {
                Console.out("\(workspace.settingsPath):")
                Console.out(workspace.settings.encoded().trimmingCharacters(in: .newlines))
                Console.out(
                    warnings.isEmpty
                        ? "no problems found" : "\(warnings.count) problem\(warnings.count == 1 ? "" : "s"):")
            }
            for warning in warnings { Console.err(warning) }
            return 0
        })

    static let check = CommandSpec(
        path: ["config", "check"],
        abstract: "Check engage.json against the workspace's surveys; exit status 1 if anything is wrong.",
        usage: "",
        discussion:
            "The same checks every command makes (see engage help config), as a step you can run on its own or in a script.",
        examples: ["engage config check"],
        run: { invocation in
            let workspace = try locateQuietly(invocation)
            let warnings = WorkspaceAccess.settingsWarnings(workspace)
            for warning in warnings { Console.err(warning) }
            Console.out(
                warnings.isEmpty
                    ? "\(workspace.settingsPath): no problems found"
                    : "\(workspace.settingsPath): \(warnings.count) problem\(warnings.count == 1 ? "" : "s"); fix them with engage config set or engage config unset"
            )
            return warnings.isEmpty ? 0 : 1
        })

    static let get = CommandSpec(
        path: ["config", "get"], abstract: "Print one setting.",
        usage: "NAME",
        discussion: "NAME is one of: \(names). A list prints one item a line; a group prints NAME: VALUE lines.",
        arguments: (1, 1), argumentName: "a setting's name",
        examples: [
            "engage config get suppressionThreshold", "engage config get populationShares.phase",
            "engage config get eligible.ehcp-parent-carer",
        ],
        run: { invocation in
            let workspace = try WorkspaceAccess.locate(invocation)
            let text = try workspace.settings.value(of: invocation.arguments[0], file: workspace.settingsPath)
            if !text.isEmpty { Console.out(text) }
            return 0
        })

    static let set = CommandSpec(
        path: ["config", "set"], abstract: "Change one setting; engage.json is checked before it is written.",
        usage: "[--force] NAME VALUE...",
        discussion: """
            NAME is one of: \(names). Lists (surveys, redact) take every value given. A share may be written
            45 or 45%; a confidence level 0.95 or 95%. The new settings are checked as engage reads them, and
            against the workspace's surveys: a group no segment option has, a period label that names no
            period, shares over 100% or a survey the workspace lacks is refused with the nearest valid name
            (--force writes it all the same). Nothing is written when the value is refused.
            """,
        options: [
            .flag(
                "--force", "Write the setting even if it names a group, survey or period the workspace does not have.")
        ],
        arguments: (2, nil), argumentName: "a setting's name and its value",
        examples: [
            "engage config set populationShares.phase.Post-16 8",
            "engage config set \"eligible.ehcp-parent-carer.2021-22 Q3\" 170",
            "engage config set periods.baseline 2019-09-01..2019-12-31", "engage config set quoteApproval true",
            "engage config set redact \"Sarah Jones\" \"Woodside Academy\"",
        ],
        run: { invocation in
            var workspace = try locateQuietly(invocation)
            let name = invocation.arguments[0]
            let before = WorkspaceAccess.settingsWarnings(workspace)
            workspace.settings = try workspace.settings.setting(
                name, to: Array(invocation.arguments.dropFirst()), file: workspace.settingsPath)
            try save(workspace, name: name, before: before, force: invocation.flag("--force"))
            Console.out(
                "\(name) = "
                    + (try workspace.settings.value(of: name, file: workspace.settingsPath)).replacingOccurrences(
                        of: "\n", with: ", "))
            return 0
        })

    static let unset = CommandSpec(
        path: ["config", "unset"], abstract: "Remove a setting (back to its default), or one entry of a group.",
        usage: "NAME",
        discussion:
            "Removes a named period, a segment's or group's population share, or a survey's or period's eligible count; a top-level setting goes back to its default. Settings: \(names).",
        arguments: (1, 1), argumentName: "a setting's name",
        examples: [
            "engage config unset \"populationShares.phase.Post 16\"",
            "engage config unset \"eligible.ehcp-parent-carer.2021/22 Q3\"",
        ],
        run: { invocation in
            var workspace = try locateQuietly(invocation)
            let name = invocation.arguments[0]
            let before = WorkspaceAccess.settingsWarnings(workspace)
            workspace.settings = try workspace.settings.removing(name, file: workspace.settingsPath)
            try save(workspace, name: name, before: before, force: true)
            Console.out("removed \(name)")
            return 0
        })

    /// The workspace, without printing its warnings (the config commands print them themselves).
    static func locateQuietly(_ invocation: Invocation) throws -> Workspace {
        try Workspace.locate(
            explicit: invocation.value("--workspace"), environment: invocation.environment,
            currentDirectory: invocation.currentDirectory)
    }

    /// Writes the settings unless they bring a new warning (without --force); prints the warnings left.
    static func save(_ workspace: Workspace, name: String, before: [String], force: Bool) throws {
        var workspace = workspace
        // Rewritten whole, the file has no key twice.
        workspace.settings.warnings = []
        let loader = Definitions.loader(customPeriods: workspace.settings.periods.map(\.name))
        let surveys = workspace.surveyPaths.compactMap { try? loader.load(path: $0) }
        let after = WorkspaceSettings.review(
            workspace.settings.encoded(), file: workspace.settingsPath, surveys: surveys)
        // Warnings carry line numbers, which move when the file is rewritten: compare what follows them.
        func message(_ w: String) -> String { w.split(separator: " ", maxSplits: 1).last.map(String.init) ?? w }
        let new = after.filter { w in !before.map(message).contains(message(w)) }
        if !new.isEmpty && !force {
            throw CommandFailure(
                (new + ["\(name) not set: nothing was written (add --force to write it all the same)."]).joined(
                    separator: "\n"))
        }
        try workspace.saveSettings()
        for warning in WorkspaceAccess.settingsWarnings(workspace) { Console.err(warning) }
    }
}
