/// `engage help [COMMAND]`: the overview, or one command's help.
enum HelpCommand {
    static let spec = CommandSpec(
        path: ["help"], abstract: "Show help for engage or for one command.",
        usage: "[COMMAND...]", arguments: (0, 3), argumentName: "COMMAND",
        examples: ["engage help", "engage help import", "engage help survey show"],
        run: { invocation in
            if invocation.arguments.isEmpty {
                Console.out(overview())
                return 0
            }
            let parser = CommandLineParser(commands: Engage.commands)
            guard let (spec, consumed) = parser.command(for: invocation.arguments),
                consumed == invocation.arguments.count
            else {
                let group = Engage.commands.filter { $0.path[0] == invocation.arguments[0] && $0.path.count > 1 }
                if invocation.arguments.count == 1 && !group.isEmpty {
                    Console.out(groupHelp(invocation.arguments[0], group))
                    return 0
                }
                let hint = StringSuggest.didYouMean(
                    invocation.arguments.joined(separator: " "), among: Engage.commands.map(\.name))
                throw UsageError(
                    message: "no command '\(invocation.arguments.joined(separator: " "))'.\(hint)", command: nil)
            }
            Console.out(help(for: spec))
            return 0
        })

    static func overview() -> String {
        var lines = [
            "engage \(Engage.version): survey and engagement feedback analytics, and \"You said, we did\" summaries.",
            "",
            "USAGE: engage <command> [options] [arguments]",
            "",
            "COMMANDS:",
        ]
        let width = (Engage.commands.map(\.name.count).max() ?? 10) + 2
        for spec in Engage.commands {
            lines.append("  " + spec.name.padding(toLength: width, withPad: " ", startingAt: 0) + spec.abstract)
        }
        lines += [
            "",
            "OPTIONS:",
            "  --workspace DIR   The workspace folder (default: $ENGAGE_WORKSPACE, else the current folder).",
            "  --help            Show help (also: engage help COMMAND).",
            "  --version         Show the version.",
            "",
            "Exit status: 0 success, 1 input rejected or a problem to fix, 64 usage error.",
        ]
        return lines.joined(separator: "\n")
    }

    static func groupHelp(_ group: String, _ specs: [CommandSpec]) -> String {
        var lines = ["USAGE: engage \(group) <subcommand> [options]", "", "SUBCOMMANDS:"]
        for spec in specs {
            lines.append("  " + spec.name.padding(toLength: 22, withPad: " ", startingAt: 0) + spec.abstract)
        }
        lines.append("")
        lines.append("See 'engage help \(group) <subcommand>' for details.")
        return lines.joined(separator: "\n")
    }

    static func help(for spec: CommandSpec) -> String {
        var lines = ["OVERVIEW: \(spec.abstract)", "", "USAGE: engage \(spec.name) \(spec.usage)"]
        if !spec.discussion.isEmpty {
            lines += ["", spec.discussion]
        }
        let options = spec.options + OptionSpec.global
        lines += ["", "OPTIONS:"]
        for option in options {
            let left = option.valueName.map { "\(option.name) \($0)" } ?? option.name
            let allowed = option.allowed.map { " (\($0.joined(separator: "|")))" } ?? ""
            let repeatable = option.repeatable ? " May be repeated." : ""
            lines.append(
                "  " + left.padding(toLength: 26, withPad: " ", startingAt: 0) + option.help + allowed + repeatable)
        }
        if !spec.examples.isEmpty {
            lines += ["", "EXAMPLES:"]
            lines += spec.examples.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}
