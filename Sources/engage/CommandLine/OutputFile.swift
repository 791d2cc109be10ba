import Foundation
import ResponseStore

/// Where a command's output goes: standard output (no `--output`, or `--output -`), or
/// the file `--output` names, written whole or not at all (see ``OutputTarget``: a
/// temporary file beside it, renamed into place by ``commit()``). The workspace's own
/// files and any SQLite database are refused before anything is written.
final class OutputFile {
    private let target: OutputTarget?
    /// The path as the user gave it, when writing to a file.
    let path: String?

    /// `given` is the `--output` value (`nil` or `-` for standard output).
    init(_ given: String?, invocation: Invocation, workspace: Workspace) throws {
        guard let given, given != "-" else {
            target = nil
            path = nil
            return
        }
        do {
            target = try OutputTarget(
                path: WorkspaceAccess.path(given, invocation), displayName: given, protecting: workspace.ownFiles)
        } catch {
            throw CommandFailure(error.description)
        }
        path = given
    }

    var isFile: Bool { target != nil }

    func write(_ text: String) throws {
        guard let target else { return try Console.writeStandardOutput(text) }
        do { try target.write(text) } catch { throw CommandFailure(error.description) }
    }

    /// Writes binary output (a workbook). To standard output only when it is not a
    /// terminal (a workbook would be gibberish there).
    func write(bytes: [UInt8], what: String) throws {
        guard let target else {
            if isatty(1) != 0 {
                throw CommandFailure(
                    "\(what) is a binary file: give --output FILE (or redirect standard output to a file)")
            }
            if let failure = bytes.withUnsafeBytes({ OutputTarget.writeAll(1, $0) }) {
                throw CommandFailure(
                    "cannot write to standard output (\(OutputTarget.reason(failure))); the output is incomplete")
            }
            return
        }
        do {
            try bytes.withUnsafeBytes { raw in try target.write(raw) }
        } catch let error as OutputError {
            throw CommandFailure(error.description)
        }
    }

    /// Puts the file in place (nothing for standard output). Without it the file is left as it was.
    func commit() throws {
        do { try target?.commit() } catch { throw CommandFailure(error.description) }
    }
}
