import Foundation
import ResponseIngestion

/// A parsed command line, plus the process environment a command may consult.
struct Invocation: Sendable {
    var spec: CommandSpec
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    var arguments: [String] = []
    var environment: [String: String]
    var currentDirectory: String

    func value(_ name: String) -> String? { values[name]?.last }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The `--format` value, checked against what the command offers.
    func format(default fallback: String) -> String { value("--format") ?? fallback }
}

/// A mistake in how a command was called: exit status 64 with a one-line hint.
struct UsageError: Error, CustomStringConvertible {
    var message: String
    var command: String?

    var description: String {
        let help = command.map { "engage help \($0)" } ?? "engage help"
        return "engage: \(message)\nRun '\(help)' for usage."
    }
}

/// A failure the user must act on (bad input, missing file): exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Standard error and standard output writers.
enum Console {
    /// Text for the terminal: invisible and control characters from a file or a
    /// definition are shown as `<U+202E>` (``InvisibleText/visible(_:)``), never sent.
    static func out(_ text: String) {
        let shown = InvisibleText.visible(text)
        FileHandle.standardOutput.write(Data((shown.hasSuffix("\n") ? shown : shown + "\n").utf8))
    }

    static func err(_ text: String) {
        let shown = InvisibleText.visible(text)
        FileHandle.standardError.write(Data((shown.hasSuffix("\n") ? shown : shown + "\n").utf8))
    }

    /// True when stderr is a terminal and colour is allowed.
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    static func useColour(environment: [String: String]) -> Bool {
        stderrIsTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }
}
