internal import CSQLite
import Foundation

/// One connection to an SQLite file: opening with the pragmas engage relies on,
/// a cache of prepared statements, and transactions that roll back on throw.
///
/// Not thread-safe: a connection belongs to one thread at a time, like the store
/// that owns it.
final class Database {
    /// The path of the database file, named in every error message.
    let path: String
    let isReadOnly: Bool
    private(set) var handle: OpaquePointer?
    private var cache: [String: Statement] = [:]
    /// The statements this connection keeps prepared.
    var cachedStatements: Dictionary<String, Statement>.Values { cache.values }
    /// The SQL of every cached statement (tests check their query plans).
    /// Every statement this connection has prepared, cached or not (for tests of query plans).
    private(set) var preparedSQL: Set<String> = []
    private var transactionDepth = 0

    /// How long a writer waits for another: 10 minutes, or `ENGAGE_BUSY_TIMEOUT` seconds
    /// (at most an hour). Readers never wait for a writer (WAL); a writer waits for the
    /// one writing (another import, DB Browser with an open write), saying so after a
    /// second (see ``BusyWait``).
    static let busyTimeoutMilliseconds: Int32 = {
        if let text = ProcessInfo.processInfo.environment["ENGAGE_BUSY_TIMEOUT"], let seconds = Double(text),
            seconds >= 0
        {
            return Int32(min(seconds, 3_600) * 1000)
        }
        return 600_000
    }()

    /// The page cache an import may use, in KiB: 128 MiB, or `ENGAGE_IMPORT_CACHE_MB`
    /// megabytes (at least 1). Less memory means more writes while an import runs.
    static let importCacheKiB: Int = {
        if let text = ProcessInfo.processInfo.environment["ENGAGE_IMPORT_CACHE_MB"], let mb = Int(text), mb >= 1 {
            return min(mb, 65_536) * 1024
        }
        return 131_072
    }()

    /// How this connection waits for a lock (its limit and the notice it gives).
    let busyWait: BusyWait

    /// Whether the file was opened as an immutable copy (see ``init(path:readOnly:onWait:)``).
    private(set) var isImmutableCopy = false

    /// Opens `path`. A read-only connection to a copy that SQLite cannot give its
    /// shared-memory file (a WAL database copied without its `-shm` into a read-only
    /// folder or medium) is opened again as immutable, which needs none, provided no
    /// write-ahead log holds changes the file lacks.
    convenience init(path: String, readOnly: Bool, onWait: (@Sendable (_ limitSeconds: Int) -> Void)? = nil)
        throws(StoreError)
    {
        do {
            try self.init(path: path, readOnly: readOnly, immutable: false, onWait: onWait)
        } catch  where readOnly && Self.needsSharedMemory(error) && Self.hasNoLog(path) {
            try self.init(path: path, readOnly: true, immutable: true, onWait: onWait)
        }
    }

    /// Failures of a read-only open that come from the `-shm` file not being creatable.
    private static func needsSharedMemory(_ error: StoreError) -> Bool {
        switch error {
        case .cannotOpen, .readOnly: return true
        case .sqlite(_, let code, _, _): return code & 0xFF == SQLITE_CANTOPEN || code & 0xFF == SQLITE_READONLY
        default: return false
        }
    }

    /// Whether no write-ahead log with content lies beside the file.
    private static func hasNoLog(_ path: String) -> Bool {
        var info = stat()
        return stat(path + "-wal", &info) != 0 || info.st_size == 0
    }

    private init(path: String, readOnly: Bool, immutable: Bool, onWait: (@Sendable (_ limitSeconds: Int) -> Void)?)
        throws(StoreError)
    {
        self.path = path
        self.isReadOnly = readOnly
        isImmutableCopy = immutable
        busyWait = BusyWait(limitMilliseconds: Self.busyTimeoutMilliseconds, onWait: onWait)
        var db: OpaquePointer?
        var flags =
            (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX
        var name = path
        if immutable {
            flags |= SQLITE_OPEN_URI
            name = URL(fileURLWithPath: path).absoluteString + "?immutable=1"
        }
        let rc = sqlite3_open_v2(name, &db, flags, nil)
        handle = db
        if rc != SQLITE_OK {
            let error = makeError(rc)
            sqlite3_close_v2(db)
            handle = nil
            throw error
        }
        sqlite3_extended_result_codes(db, 1)
        busyWait.install(on: db)
        do {
            if !readOnly {
                // A new file's page size (ignored for an existing one): 16 KiB pages
                // mean a quarter of the reads and writes of 4 KiB ones for a bulk import,
                // its write-ahead log and checkpoint.
                try execute("PRAGMA page_size = 16384")
                // WAL, always (from the workspace's creation): reports and `check` read while
                // an import writes, and a second writer waits for the first (BusyWait).
                // NORMAL is durable at every checkpoint and safe against corruption (a crash
                // can only lose the last commit).
                useWriteAheadLog()
            }
            try execute("PRAGMA foreign_keys = ON")
            // Touch the file so that "not a database" shows up now, not at the first query.
            do {
                try execute("SELECT count(*) FROM sqlite_schema")
            } catch  where readOnly && sqlite3_extended_errcode(handle) == Self.readOnlyRollback {
                // An import killed part-way left a rollback journal, which a read-only
                // connection cannot play back: let a writable one do it, then read.
                try Self.rollBackInterruptedTransaction(path: path)
                try execute("SELECT count(*) FROM sqlite_schema")
            }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// `SQLITE_READONLY_ROLLBACK`: a read-only connection found a hot journal.
    private static let readOnlyRollback: Int32 = SQLITE_READONLY | (3 << 8)

    /// Opens `path` for writing just long enough for SQLite to roll back the
    /// transaction whose journal it finds there (it does so before the first read).
    private static func rollBackInterruptedTransaction(path: String) throws(StoreError) {
        var db: OpaquePointer?
        defer { sqlite3_close_v2(db) }
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            throw StoreError.readOnly(path: path)
        }
        sqlite3_busy_timeout(db, min(busyTimeoutMilliseconds, 10_000))
        let rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nil, nil, nil)
        if rc != SQLITE_OK {
            throw (rc & 0xFF) == SQLITE_BUSY ? StoreError.busy(path: path) : StoreError.readOnly(path: path)
        }
    }

    /// Switches the file to the write-ahead log (the normal mode) with `synchronous =
    /// NORMAL`, waiting at most `waitMilliseconds` for other connections. Returns
    /// whether the file is now in WAL mode; when another connection holds a lock it is not.
    @discardableResult
    func useWriteAheadLog(waitMilliseconds: Int32 = busyTimeoutMilliseconds) -> Bool {
        guard setJournalMode("wal", waitMilliseconds: waitMilliseconds) else { return false }
        try? execute("PRAGMA synchronous = NORMAL")
        return true
    }

    func setJournalMode(_ mode: String, waitMilliseconds: Int32) -> Bool {
        let limit = busyWait.limitMilliseconds
        busyWait.limitMilliseconds = waitMilliseconds
        defer { busyWait.limitMilliseconds = limit }
        let now = try? prepareUncached("PRAGMA journal_mode = \(mode)").firstRow { $0.string(0) }
        return now?.lowercased() == mode
    }

    /// Writes the open transaction's changed pages out now (to the write-ahead log),
    /// outside any statement. A page SQLite must write out *during* a statement that
    /// may need undoing (a multi-row `INSERT`, `CREATE UNIQUE INDEX`) is first copied
    /// to that statement's journal in WAL mode; a bulk import calls this before it
    /// shrinks the cache to build its indexes, so that its pages are written once.
    func flushCache() throws(StoreError) {
        let rc = sqlite3_db_cacheflush(handle)
        if rc != SQLITE_OK { throw makeError(rc) }
    }

    func close() {
        for statement in cache.values { statement.rewind() }
        cache.removeAll()
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    /// SQLite's busy handler for a connection: waits for a lock with short sleeps up to
    /// its limit, calling `onWait` once when the wait passes a second (the command then
    /// says that it is waiting for another program and for how long at most).
    final class BusyWait: @unchecked Sendable {
        var limitMilliseconds: Int32
        let onWait: (@Sendable (_ limitSeconds: Int) -> Void)?
        private var waited: Int32 = 0
        private var noticed = false

        init(limitMilliseconds: Int32, onWait: (@Sendable (_ limitSeconds: Int) -> Void)?) {
            self.limitMilliseconds = limitMilliseconds
            self.onWait = onWait
        }

        func install(on db: OpaquePointer?) {
            sqlite3_busy_handler(
                db,
                { context, count in
                    guard let context else { return 0 }
                    return Unmanaged<BusyWait>.fromOpaque(context).takeUnretainedValue().wait(count: count) ? 1 : 0
                }, Unmanaged.passUnretained(self).toOpaque())
        }

        /// Whether to try again, having slept a little; `count` is 0 at a new wait.
        private func wait(count: Int32) -> Bool {
            if count == 0 { waited = 0 }
            let delays: [Int32] = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100]
            let delay = delays[min(max(Int(count), 0), delays.count - 1)]
            guard waited + delay <= limitMilliseconds else { return false }
            if waited >= 1_000 && !noticed && limitMilliseconds > 1_000 {
                noticed = true
                onWait?(Int(limitMilliseconds / 1000))
            }
            sqlite3_sleep(delay)
            waited += delay
            return true
        }
    }

    /// Whether SQLite opened the file read-only (asked for, or the file is not writable).
    var fileIsReadOnly: Bool {
        isReadOnly || sqlite3_db_readonly(handle, "main") == 1
    }

    /// Runs one or more statements without parameters (schema, pragmas). Never pass user values.
    func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if let message { sqlite3_free(message) }
        if rc != SQLITE_OK { throw makeError(rc, sql: sql) }
    }

    /// A prepared statement for `sql`, reused across calls: reset and with bindings cleared.
    func prepare(_ sql: String) throws(StoreError) -> Statement {
        if let cached = cache[sql] {
            cached.reset()
            return cached
        }
        let statement = try prepareUncached(sql)
        cache[sql] = statement
        return statement
    }

    /// A prepared statement that is not cached; finalized when released.
    func prepareUncached(_ sql: String) throws(StoreError) -> Statement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw makeError(rc, sql: sql) }
        preparedSQL.insert(sql)
        return Statement(stmt, database: self)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE (not counting cascades).
    var changes: Int { Int(sqlite3_changes(handle)) }

    /// The rowid of the last row inserted.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// Writes use BEGIN IMMEDIATE, so a second writer waits for the busy timeout at the
    /// start instead of failing half-way. Nested calls join the outer transaction.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        if fileIsReadOnly { throw StoreError.readOnly(path: path) }
        try execute("BEGIN IMMEDIATE")
        transactionDepth = 1
        do {
            let result = try body()
            transactionDepth = 0
            do {
                try execute("COMMIT")
            } catch {
                sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
                throw error
            }
            return result
        } catch {
            transactionDepth = 0
            // Reset cached statements first so none holds the transaction open.
            for statement in cache.values { statement.reset() }
            if sqlite3_get_autocommit(handle) == 0 {
                sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            }
            throw error
        }
    }

    /// Maps an SQLite result code to a ``StoreError`` naming this database file and,
    /// for an error with no meaning of its own, the statement `sql` that failed.
    func makeError(_ rc: Int32, sql: String? = nil) -> StoreError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
        switch rc & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy(path: path)
        case SQLITE_READONLY: return .readOnly(path: path)
        case SQLITE_FULL: return .diskFull(path: path)
        case SQLITE_CORRUPT: return .corrupt(path: path, detail: message)
        case SQLITE_NOTADB: return .notADatabase(path: path)
        case SQLITE_CANTOPEN: return .cannotOpen(path: path, message: message)
        case SQLITE_IOERR:
            // SQLITE_IOERR_WRITE (10 | 3 << 8) and SQLITE_IOERR_FSYNC (10 | 4 << 8): usually no space left.
            if rc == 778 || rc == 1034 { return .diskFull(path: path) }
            return .sqlite(path: path, code: rc, message: message, sql: sql ?? "")
        default: return .sqlite(path: path, code: rc, message: message, sql: sql ?? "")
        }
    }
}
