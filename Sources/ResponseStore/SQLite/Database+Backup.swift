internal import CSQLite
import Foundation

extension Database {
    /// Copies this database, as one consistent state, into a new single-file database
    /// at `path` with SQLite's online backup API (writers may go on meanwhile: the copy
    /// is of the state when it began, in WAL mode). The copy uses a rollback journal, so
    /// it is one self-contained file.
    func copy(to path: String) throws(StoreError) {
        var destination: OpaquePointer?
        guard
            sqlite3_open_v2(path, &destination, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
                == SQLITE_OK
        else {
            let message = destination.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot create it"
            sqlite3_close_v2(destination)
            throw .cannotOpen(path: path, message: message)
        }
        defer { sqlite3_close_v2(destination) }
        try Self.runBackup(from: handle, to: destination, path: path)
        if sqlite3_exec(destination, "PRAGMA journal_mode = DELETE", nil, nil, nil) != SQLITE_OK {
            throw .sqlite(
                path: path, code: sqlite3_errcode(destination), message: String(cString: sqlite3_errmsg(destination)))
        }
    }

    /// Replaces this database's whole content with that of the database at `path`, in
    /// one step that other connections see as one commit (the backup API writing into
    /// this connection's file). The file stays in WAL mode.
    func replaceContent(from path: String) throws(StoreError) {
        if fileIsReadOnly { throw .readOnly(path: self.path) }
        var source: OpaquePointer?
        guard sqlite3_open_v2(path, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            let message = source.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open it"
            sqlite3_close_v2(source)
            throw .cannotOpen(path: path, message: message)
        }
        defer { sqlite3_close_v2(source) }
        for statement in cachedStatements { statement.reset() }
        // SQLite cannot copy into a WAL file pages of another size (a backup made by a
        // workspace with 4 KiB pages, restored into one with 16 KiB pages, or the reverse):
        // the copy is then made with a rollback journal, and the file returns to WAL.
        if Self.pageSize(source) != Self.pageSize(handle) {
            guard setJournalMode("delete", waitMilliseconds: busyWait.limitMilliseconds) else {
                throw .busy(path: self.path)
            }
        }
        try Self.runBackup(from: source, to: handle, path: self.path)
        useWriteAheadLog()
    }

    private static func pageSize(_ db: OpaquePointer?) -> Int32 {
        var statement: OpaquePointer?
        defer { sqlite3_finalize(statement) }
        guard sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &statement, nil) == SQLITE_OK,
            sqlite3_step(statement) == SQLITE_ROW
        else { return 0 }
        return sqlite3_column_int(statement, 0)
    }

    /// One whole backup from `source` to `destination`, waiting (by the destination's
    /// busy handler) while another connection writes.
    private static func runBackup(from source: OpaquePointer?, to destination: OpaquePointer?, path: String)
        throws(StoreError)
    {
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw .sqlite(
                path: path, code: sqlite3_errcode(destination), message: String(cString: sqlite3_errmsg(destination)))
        }
        // BUSY comes back only once the destination's busy handler has given up;
        // LOCKED (the source busy on its own connection) is retried for a few seconds.
        var rc = SQLITE_OK
        var lockedTries = 0
        repeat {
            rc = sqlite3_backup_step(backup, -1)
            if rc == SQLITE_LOCKED {
                lockedTries += 1
                sqlite3_sleep(50)
            }
        } while rc == SQLITE_OK || (rc == SQLITE_LOCKED && lockedTries < 200)
        sqlite3_backup_finish(backup)
        if rc == SQLITE_BUSY || rc == SQLITE_LOCKED { throw .busy(path: path) }
        if rc != SQLITE_DONE {
            let code = sqlite3_errcode(destination)
            let message = String(cString: sqlite3_errmsg(destination))
            switch code & 0xFF {
            case SQLITE_FULL: throw .diskFull(path: path)
            case SQLITE_READONLY: throw .readOnly(path: path)
            case SQLITE_CORRUPT, SQLITE_NOTADB: throw .corrupt(path: path, detail: message)
            default: throw .sqlite(path: path, code: code, message: message)
            }
        }
    }
}
