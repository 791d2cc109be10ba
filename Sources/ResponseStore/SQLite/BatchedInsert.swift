/// An `INSERT` of many rows, `rowsPerStatement` to a statement and a last partial
/// batch row by row: one statement step per row would dominate a million-row import.
struct BatchedInsert {
    private let one: Statement
    private let many: Statement
    private let columns: Int32
    let rowsPerStatement: Int

    /// `INSERT INTO table (columns) VALUES (...), (...) suffix` (an `ON CONFLICT`
    /// clause, say), prepared once for one row and once for `rowsPerStatement`.
    ///
    /// `orFail`: `INSERT OR FAIL`, for an insert whose failure ends the whole
    /// transaction anyway (an import rolls back on any error). A failing row then
    /// leaves the statement's earlier rows instead of undoing them, so SQLite keeps no
    /// statement journal for it: in WAL mode, with a cache smaller than the import,
    /// that journal received a copy of every page the cache wrote out during each
    /// statement (a second copy of most of a million-response first load). With
    /// foreign keys checked (a row-by-row import) SQLite still keeps one.
    init(
        db: Database, into table: String, columns: [String], rowsPerStatement: Int = 64, suffix: String = "",
        orFail: Bool = false
    ) throws {
        let head =
            (orFail ? "INSERT OR FAIL INTO " : "INSERT INTO ") + "\(table) (\(columns.joined(separator: ", "))) VALUES "
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        one = try db.prepare(head + row + suffix)
        many = try db.prepare(head + Array(repeating: row, count: rowsPerStatement).joined(separator: ", ") + suffix)
        self.columns = Int32(columns.count)
        self.rowsPerStatement = rowsPerStatement
    }

    /// Inserts rows `0..<count`: `bind(statement, base, row)` binds row `row`'s values
    /// as parameters `base + 1`...`base + columns`, every one of them (bindings are
    /// not cleared between statements).
    func insert(count: Int, bind: (Statement, Int32, Int) -> Void) throws {
        var row = 0
        while count - row >= rowsPerStatement {
            for k in 0..<rowsPerStatement { bind(many, columns * Int32(k), row + k) }
            try many.step()
            many.rewind() // every parameter is bound again
            row += rowsPerStatement
        }
        while row < count {
            bind(one, 0, row)
            try one.step()
            one.rewind()
            row += 1
        }
    }
}
