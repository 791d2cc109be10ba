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
            target = try OutputTarget(path: WorkspaceAccess.path(given, invocation), displayName: given, protecting: workspace.ownFiles)
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

    /// Puts the file in place (nothing for standard output). Without it the file is left as it was.
    func commit() throws {
        do { try target?.commit() } catch { throw CommandFailure(error.description) }
    }
}
