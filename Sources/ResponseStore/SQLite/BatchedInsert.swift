/// An `INSERT` of many rows, `rowsPerStatement` to a statement and a last partial
/// batch row by row: one statement step per row would dominate a million-row import.
struct BatchedInsert {
    private let one: Statement
    private let many: Statement
    private let columns: Int32
    let rowsPerStatement: Int

    /// `INSERT INTO table (columns) VALUES (...), (...) suffix` (an `ON CONFLICT`
    /// clause, say), prepared once for one row and once for `rowsPerStatement`.
    init(db: Database, into table: String, columns: [String], rowsPerStatement: Int = 64, suffix: String = "") throws {
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
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
