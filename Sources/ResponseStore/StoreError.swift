/// What can go wrong with a workspace's database, each with a message that names the
/// file and says what to do.
package enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another engage (or a program such as DB Browser) held a write lock for longer than the busy timeout.
    case busy(path: String)
    /// The file, its folder or its `-wal`/`-shm` companions cannot be written.
    case readOnly(path: String)
    /// The disk (or quota) is full.
    case diskFull(path: String)
    /// SQLite found damage inside the file.
    case corrupt(path: String, detail: String)
    /// The file is not an SQLite database at all.
    case notADatabase(path: String)
    /// The file is there but empty (0 bytes): not a database engage made.
    case emptyFile(path: String)
    /// The file or its folder could not be opened.
    case cannotOpen(path: String, message: String)
    /// The file was written by a newer engage whose schema this build does not know.
    case newerSchema(path: String, found: Int, known: Int)
    /// No import with this number.
    case importNotFound(path: String, id: Int64)
    /// The import with this number was undone (its number is never given to another).
    case importUndone(path: String, id: Int64, fileName: String, undoneAt: String)
    /// No action with this number.
    case actionNotFound(path: String, id: Int64)
    /// A value the store was asked to record is not acceptable.
    case invalidValue(field: String, value: String, expected: String)
    /// Any other SQLite error: its (extended) result code, SQLite's own message and
    /// the SQL statement that failed ("" when none was running). The SQL is engage's
    /// own, with `?` where values were bound: no answer text is ever in it.
    case sqlite(path: String, code: Int32, message: String, sql: String = "")

    static func waitText(_ milliseconds: Int32) -> String {
        milliseconds >= 120_000 ? "\(milliseconds / 60_000) minutes" : "\(milliseconds / 1000) s"
    }

    /// Whether the file itself cannot be read as a database (damaged, not one, empty).
    var isUnreadableFile: Bool {
        switch self {
        case .corrupt, .notADatabase, .emptyFile: return true
        default: return false
        }
    }

    /// The message a user reads, with what to do.
    package var description: String {
        switch self {
        case .busy(let path):
            return
                "\(path): the database is locked by another program (another engage command, DB Browser or a BI tool with an open write). Waited \(Self.waitText(Database.busyTimeoutMilliseconds)) (set ENGAGE_BUSY_TIMEOUT to seconds to wait longer); close the other program or try again when it has finished."
        case .readOnly(let path):
            return
                "\(path): the database is read-only. engage needs to write to the file and to its folder (for the -wal and -shm files); check the permissions, or copy the workspace somewhere writable."
        case .diskFull(let path):
            return
                "\(path): the disk is full (or the quota is used up), so nothing was written. Free some space and run the command again."
        case .corrupt(let path, let detail):
            return
                "\(path): the database is damaged (\(detail)). Restore engage.sqlite from a backup, or move it away and re-import the exports into a fresh one."
        case .notADatabase(let path):
            return
                "\(path): this file is not an engage database (SQLite says it is not a database, or it is encrypted). Check the --workspace folder, or move the file away and run `engage init` to start a new workspace."
        case .emptyFile(let path):
            return
                "\(path): the database file is empty (0 bytes), so the workspace's responses are not in it; engage has not touched it. Restore it from a backup (engage restore), or, to start again with an empty database, delete it and import the exports again."
        case .cannotOpen(let path, let message):
            return
                "\(path): cannot open the database (\(message)). Check that the folder exists and that you may read and write it."
        case .newerSchema(let path, let found, let known):
            return
                "\(path): this workspace was written by a newer engage (schema \(found); this engage knows up to \(known)): update engage"
        case .importUndone(let path, let id, let fileName, let undoneAt):
            return
                "\(path): import \(id) (\(fileName)) was undone at \(undoneAt); nothing was changed. Import numbers are never reused: `engage imports` lists the imports there are."
        case .importNotFound(let path, let id):
            return "\(path): there is no import \(id). `engage imports` lists the imports and their numbers."
        case .actionNotFound(let path, let id):
            return "\(path): there is no action \(id). `engage actions list` lists the actions and their numbers."
        case .invalidValue(let field, let value, let expected):
            return "\(field): \"\(value)\" is not valid; expected \(expected)."
        case .sqlite(let path, let code, let message, let sql):
            let statement = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let shown = statement.count > 300 ? statement.prefix(300) + "..." : statement[...]
            return "\(path): database error \(SQLiteResultCode.name(code)) (\(code)): \(message)"
                + (shown.isEmpty ? "" : "; the statement was: \(shown)")
        }
    }
}
