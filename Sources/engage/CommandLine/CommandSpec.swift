import Summaries

/// Describes one command: its name, help text, options and arguments. The parser,
/// `engage help` and the usage errors are all generated from this one description.
struct CommandSpec: Sendable {
    /// Words after `engage`, e.g. ["survey", "show"].
    var path: [String]
    var abstract: String
    /// Usage line after the command path, e.g. "[--format text|json] ID|FILE".
    var usage: String
    var discussion: String = ""
    var options: [OptionSpec] = []
    /// Minimum and maximum number of positional arguments (nil: unlimited).
    var arguments: (min: Int, max: Int?) = (0, 0)
    var argumentName: String = ""
    var examples: [String] = []
    var run: @Sendable (Invocation) throws -> Int32

    var name: String { path.joined(separator: " ") }
}

/// An option such as `--format json` or a flag such as `--replace-changed`.
struct OptionSpec: Sendable {
    var name: String
    /// `nil` for a flag that takes no value.
    var valueName: String?
    var help: String
    var repeatable: Bool = false
    var allowed: [String]? = nil

    static func flag(_ name: String, _ help: String) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help)
    }

    static func value(
        _ name: String, _ valueName: String, _ help: String, repeatable: Bool = false, allowed: [String]? = nil
    ) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, repeatable: repeatable, allowed: allowed)
    }

    /// `--format`, choosing one of `allowed`.
    static func format(_ allowed: [String], _ help: String = "Output format (default text).") -> OptionSpec {
        .value("--format", "FORMAT", help, allowed: allowed)
    }

    /// `--audience` of a reporting command; `help` says which is the default.
    static func audience(_ help: String = "internal (default) or public.") -> OptionSpec {
        .value("--audience", "AUDIENCE", help, allowed: ReportAudience.allCases.map(\.rawValue))
    }

    /// `--output FILE`.
    static func output(_ help: String = "Write to FILE instead of standard output.") -> OptionSpec {
        .value("--output", "FILE", help)
    }

    /// Options every command accepts.
    static let global: [OptionSpec] = [
        .value("--workspace", "DIR", "The workspace folder (default: $ENGAGE_WORKSPACE, else the current folder)."),
        .flag("--help", "Show help for this command."),
    ]
}
