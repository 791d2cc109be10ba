internal import CSQLite

/// A prepared SQL statement with typed binding (1-based, like SQLite) and typed
/// column reading, by name (``column(_:)``) or, on the import's fast path, by position
/// (0-based). Values are always bound, never spliced into SQL.
final class Statement {
    let handle: OpaquePointer
    unowned let database: Database

    init(_ handle: OpaquePointer, database: Database) {
        self.handle = handle
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Resets the statement so it can run again, clearing its bindings.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Resets the statement so it can run again, keeping its bindings (for a caller
    /// that binds every parameter each time). This also ends a read left unfinished,
    /// which holds a lock until then; the statement is finalized only when released.
    func rewind() {
        sqlite3_reset(handle)
    }

    private static var transient: sqlite3_destructor_type {
        unsafeBitCast(-1 as Int, to: sqlite3_destructor_type.self)
    }

    // MARK: Binding

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Int?) {
        bind(index, value.map(Int64.init))
    }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Bool?) {
        bind(index, value.map { $0 ? Int64(1) : 0 })
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            return
        }
        if value.isEmpty {
            // An empty buffer has no base address; bind "" rather than NULL.
            sqlite3_bind_text(handle, index, "", 0, Self.transient)
            return
        }
        value.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), Self.transient)
            }
        }
    }

    /// Binds the text `span` of `arena` without SQLite copying it: the arena's bytes
    /// must stay where they are until the statement has run (see ``TextArena``).
    func bind(_ index: Int32, _ span: TextArena.Span, in arena: UnsafeBufferPointer<UInt8>) {
        if span.length < 0 {
            sqlite3_bind_null(handle, index)
        } else if span.length == 0 {
            sqlite3_bind_text(handle, index, "", 0, Self.transient)
        } else {
            let start = UnsafeRawPointer(arena.baseAddress! + Int(span.offset)).assumingMemoryBound(to: CChar.self)
            sqlite3_bind_text(handle, index, start, span.length, nil) // nil: SQLITE_STATIC
        }
    }

    func bindNull(_ index: Int32) {
        sqlite3_bind_null(handle, index)
    }

    /// Binds values by position for the less frequent statements.
    func bind(_ values: [SQLValue]) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .integer(let v): bind(index, v)
            case .real(let v): bind(index, v)
            case .text(let v): bind(index, v)
            case .null: bindNull(index)
            }
        }
    }

    // MARK: Stepping

    /// Advances to the next row: `true` when a row is available, `false` when done.
    @discardableResult
    func step() throws(StoreError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let error = database.makeError(rc, sql: sqlite3_sql(handle).map { String(cString: $0) })
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Binds `values`, runs the statement to completion and resets it.
    func run(_ values: [SQLValue] = []) throws(StoreError) {
        reset()
        bind(values)
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Binds `values` and returns every row, mapped by `row`.
    func rows<T>(_ values: [SQLValue] = [], _ row: (Statement) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEachRow(values) { result.append(try row($0)) }
        return result
    }

    /// Binds `values` and calls `body` for every row, keeping nothing.
    func forEachRow(_ values: [SQLValue] = [], _ body: (Statement) throws -> Void) throws {
        reset()
        bind(values)
        defer { sqlite3_reset(handle) }
        while try step() { try body(self) }
    }

    /// Binds `values` and returns the first row, if any.
    func firstRow<T>(_ values: [SQLValue] = [], _ row: (Statement) throws -> T) throws -> T? {
        reset()
        bind(values)
        defer { sqlite3_reset(handle) }
        return try step() ? try row(self) : nil
    }

    // MARK: Columns

    /// The result columns' names (the column's name or its `AS` alias), by position; a
    /// name the query returns twice is blanked, so reading it fails rather than picking
    /// one. Searched in order: a query returns a handful of columns, and comparing short
    /// names costs less than hashing one per value read.
    private lazy var columnNames: [String] = {
        let names = (0..<sqlite3_column_count(handle)).map {
            sqlite3_column_name(handle, $0).map { String(cString: $0) } ?? ""
        }
        return names.map { name in names.filter { $0 == name }.count == 1 ? name : "" }
    }()

    /// The position of the result column named `name`. Rows are read by name, so a
    /// SELECT can be reordered or grown without its readers changing; a name the query
    /// does not return (or returns twice) is a mistake in engage, stopped here.
    func column(_ name: String) -> Int32 {
        guard !name.isEmpty, let column = columnNames.firstIndex(of: name) else {
            let sql = sqlite3_sql(handle).map { String(cString: $0) } ?? "?"
            preconditionFailure("the query does not return one column named \(name): \(sql)")
        }
        return Int32(column)
    }

    func int64(_ name: String) -> Int64 { int64(column(name)) }
    func int(_ name: String) -> Int { int(column(name)) }
    func optionalInt64(_ name: String) -> Int64? { optionalInt64(column(name)) }
    func optionalInt(_ name: String) -> Int? { optionalInt(column(name)) }
    func optionalDouble(_ name: String) -> Double? { optionalDouble(column(name)) }
    func optionalString(_ name: String) -> String? { optionalString(column(name)) }
    func string(_ name: String) -> String { string(column(name)) }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    func int(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func optionalInt64(_ column: Int32) -> Int64? {
        isNull(column) ? nil : int64(column)
    }

    func optionalInt(_ column: Int32) -> Int? {
        isNull(column) ? nil : int(column)
    }

    func optionalDouble(_ column: Int32) -> Double? {
        isNull(column) ? nil : sqlite3_column_double(handle, column)
    }

    func optionalString(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    func string(_ column: Int32) -> String {
        optionalString(column) ?? ""
    }

    /// Calls `body` with a text column's bytes where SQLite keeps them (valid only
    /// inside `body`); `nil` for NULL.
    func withText<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return try body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))))
    }
}

/// A value to bind to a statement parameter.
enum SQLValue {
    case integer(Int64)
    case real(Double)
    case text(String)
    case null

    static func int(_ v: Int?) -> SQLValue { v.map { .integer(Int64($0)) } ?? .null }
    static func int64(_ v: Int64?) -> SQLValue { v.map { .integer($0) } ?? .null }
    static func string(_ v: String?) -> SQLValue { v.map { .text($0) } ?? .null }
    static func double(_ v: Double?) -> SQLValue { v.map { .real($0) } ?? .null }
}
