import Foundation
import ResponseIngestion
import ResponseStore

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
    /// Writes a line to standard output (see ``write(_:)``): text for the terminal, so
    /// invisible and control characters from a file or a definition are shown as
    /// `<U+202E>` (``InvisibleText/visible(_:)``), never sent.
    static func out(_ text: String) {
        let shown = InvisibleText.visible(text)
        write(line(shown))
    }

    /// `text` ending in one line break: a "\n" added unless it already ends in one.
    /// Checked by bytes: "\r\n" (how CSV ends its records) is one `Character`, so
    /// `hasSuffix("\n")` would not see it and a blank line would follow.
    static func line(_ text: String) -> String {
        text.utf8.last == UInt8(ascii: "\n") ? text : text + "\n"
    }

    /// Writes to standard output as it is. When standard output cannot be written (a
    /// full disk, `> /dev/full`, a closed pipe) engage stops at once with exit status 1
    /// and says so on standard error: nothing more could be shown, and nothing is left
    /// half done, since commands print after their work has committed.
    static func write(_ text: String) {
        do {
            try writeStandardOutput(text)
        } catch {
            err("engage: \(error)")
            exit(1)
        }
    }

    /// Writes to standard output, throwing when it cannot be written.
    static func writeStandardOutput(_ text: String) throws(CommandFailure) {
        var text = text
        let failure = text.withUTF8 { OutputTarget.writeAll(1, UnsafeRawBufferPointer($0)) }
        if let failure {
            throw CommandFailure(
                "cannot write to standard output (\(OutputTarget.reason(failure))); the output is incomplete")
        }
    }

    /// Writes a line to standard error; a failure there is ignored (there is nowhere left to report it).
    static func err(_ text: String) {
        let shown = InvisibleText.visible(text)
        errRaw(line(shown))
    }

    /// Writes to standard error as it is (progress lines).
    static func errRaw(_ text: String) {
        var text = text
        _ = text.withUTF8 { OutputTarget.writeAll(2, UnsafeRawBufferPointer($0)) }
    }

    /// Makes sure descriptors 0, 1 and 2 are open, so that no file engage opens can
    /// take their place (a database opened as descriptor 1 would receive the output).
    /// Returns false when standard output was closed (`>&-`).
    static func claimStandardDescriptors() -> Bool {
        var stdoutWasOpen = true
        for fd: Int32 in [0, 1, 2] where fcntl(fd, F_GETFD) == -1 {
            if fd == 1 { stdoutWasOpen = false }
            // Read-only, so that writing to a closed stream fails instead of vanishing.
            let opened = open("/dev/null", O_RDONLY)
            if opened >= 0 && opened != fd {
                dup2(opened, fd)
                close(opened)
            }
        }
        return stdoutWasOpen
    }

    /// True when stderr is a terminal and colour is allowed.
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    static func useColour(environment: [String: String]) -> Bool {
        stderrIsTerminal && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
    }
}
