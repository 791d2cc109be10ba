/// Problems finding, creating or reading a workspace, each naming the folder or file
/// (and field) and saying what to do.
package enum WorkspaceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No engage.json where engage looked. `via` says how the folder was chosen
    /// (`--workspace`, `ENGAGE_WORKSPACE`, or `nil` for the current directory).
    case notFound(directory: String, via: String?)
    /// `create` was asked to make a workspace where one already exists.
    case alreadyExists(directory: String)
    /// engage.json is not valid: `field` is the JSON path ("suppressionThreshold").
    case invalidSettings(file: String, line: Int?, column: Int?, field: String?, message: String)
    /// A survey file name that is not a plain `name.json`.
    case invalidSurveyFileName(String)
    /// Reading or writing a file failed.
    case fileSystem(path: String, message: String)
    /// Writing a file failed; nothing was written.
    case cannotWrite(OutputError)
    /// `engage check` found the database damaged: engage does not write to it.
    case damaged(database: String, since: String)

    /// The message a user reads, with what to do.
    package var description: String {
        switch self {
        case .notFound(let directory, nil):
            return
                "no engage workspace here (no engage.json in \(directory)). Create one with `engage init DIR` or pass --workspace DIR."
        case .notFound(let directory, let via?):
            return
                "no engage workspace at \(directory) (given by \(via)): it has no engage.json. Check the path, or create one with `engage init \(directory)`."
        case .alreadyExists(let directory):
            return
                "\(directory) already holds an engage workspace (engage.json or engage.sqlite exists); engage init never overwrites one. Choose another folder, or use the existing workspace with --workspace \(directory)."
        case .invalidSettings(let file, let line, let column, let field, let message):
            var location = file
            if let line { location += ":\(line)" + (column.map { ":\($0)" } ?? "") }
            return "\(location): " + (field.map { "\($0): " } ?? "") + message
        case .invalidSurveyFileName(let name):
            return
                "\"\(name)\" is not a usable survey file name: give a plain name ending in .json (no folders), e.g. ehcp-parent-carer.json."
        case .fileSystem(let path, let message):
            return "\(path): \(message)"
        case .cannotWrite(let error):
            return error.description
        case .damaged(let database, let since):
            return
                "\(database): \(since). Nothing was changed: engage does not write to a damaged database. Restore the last backup (engage restore), or move engage.sqlite away and import the exports again; if the damage was repaired, run engage check again (a clean check lifts this)."
        }
    }
}
