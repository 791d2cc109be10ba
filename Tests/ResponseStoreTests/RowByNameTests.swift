import Foundation
import Testing

@testable import ResponseStore

@Suite("Rows read by column name")
struct RowByNameTests {
    @Test("a column is found by its name or alias wherever the query puts it, and NULL reads as nil")
    func namesFindTheirColumns() throws {
        let path = NSTemporaryDirectory() + "engage-row-names-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let db = try Database(path: path, readOnly: false)
        defer { db.close() }
        let statement = try db.prepare("SELECT 'late' AS note, 7 AS id, NULL AS done, 2.5 AS share")
        #expect(statement.column("id") == 1 && statement.column("note") == 0 && statement.column("share") == 3)
        let row = try statement.firstRow { s in
            (s.int64("id"), s.string("note"), s.optionalString("done"), s.optionalDouble("share"))
        }
        #expect(row?.0 == 7 && row?.1 == "late" && row?.2 == nil && row?.3 == 2.5)
        // The same reader gives the same values when the query lists the columns in another order.
        let reordered = try db.prepare("SELECT 2.5 AS share, NULL AS done, 7 AS id, 'late' AS note").firstRow { s in
            (s.int64("id"), s.string("note"), s.optionalString("done"), s.optionalDouble("share"))
        }
        #expect(reordered?.0 == 7 && reordered?.1 == "late" && reordered?.2 == nil && reordered?.3 == 2.5)
    }
}
