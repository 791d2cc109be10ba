import Foundation
import Testing

@testable import ResponseIngestion

@Suite("Workbooks engage writes")
struct WorkbookWriterTests {
    typealias S = WorkbookTestSupport

    @Test(
        "what the writer writes reads back cell for cell: text with markup and control characters, numbers, percentages, dates"
    )
    func roundTrip() throws {
        var book = WorkbookWriter()
        book.beginSheet("KPIs: 2021/22 [draft]", columnWidths: [20, 10], freezeHeader: true)
        book.addRow([.header("KPI"), .header("Agreement"), .header("Base"), .header("Day"), .header("When")])
        book.addRow([
            .text("Felt <involved> & \"heard\"\r\nline _x000D_ kept\u{1}\u{202E}"), .percent(0.7369), .integer(1737),
            .date(day: 18_628), .dateTime(seconds: 1_609_502_400 + 3_600),
        ])
        book.addRow([.empty, .number(0.1), .integer(-4), .empty, .text("")])
        book.beginSheet("KPIs: 2021/22 [draft]")
        book.addRow([.text("second sheet, same name")])
        let path = try S.file(book.finished())
        let first = try S.records(path)
        #expect(first.map(\.0) == [1, 2, 3])
        #expect(first[0].1 == ["KPI", "Agreement", "Base", "Day", "When"])
        // A control character becomes a space and a bidi override goes, as in every
        // other format engage writes (InvisibleText); markup and line breaks survive.
        #expect(
            first[1].1 == [
                "Felt <involved> & \"heard\"\r\nline _x000D_ kept ", "0.7369", "1737", "2021-01-01",
                "2021-01-01 13:00:00",
            ])
        #expect(first[2].1 == ["", "0.1", "-4", "", ""])
        let archive = try ZipArchive(bytes: RandomAccessBytes(path: path, displayName: "book.xlsx"))
        let workbook = try Workbook(archive: archive)
        #expect(workbook.sheets.map(\.name) == ["KPIs- 2021-22 -draft-", "KPIs- 2021-22 -draft- (2)"])
        let second = try S.records(path, selection: ExportSelection(sheet: "KPIs- 2021-22 -draft- (2)"))
        #expect(second.map(\.1) == [["second sheet, same name"]])
        // Percentages carry Excel's 0% format, integers 0, dates their own.
        let styles = String(decoding: try S.member(archive, "xl/styles.xml"), as: UTF8.self)
        #expect(
            styles.contains("<xf numFmtId=\"9\"") && styles.contains("<xf numFmtId=\"1\"")
                && styles.contains("formatCode=\"yyyy-mm-dd\""))
        let sheet = String(decoding: try S.member(archive, "xl/worksheets/sheet1.xml"), as: UTF8.self)
        #expect(sheet.contains("<c r=\"B2\" s=\"2\"><v>0.7369</v></c>"))
        #expect(sheet.contains("<c r=\"C2\" s=\"1\"><v>1737</v></c>"))
        #expect(sheet.contains("state=\"frozen\""))
    }

    @Test("a long sheet is written as a stream and reads back whole")
    func long() throws {
        var book = WorkbookWriter()
        book.beginSheet("Responses")
        for i in 0..<20_000 {
            book.addRow([
                .integer(i), .text(i % 3 == 0 ? "Agree" : "Comment \(i), with a comma"),
                .dateTime(seconds: Int64(i) * 3_600),
            ])
        }
        let rows = try S.records(try S.file(book.finished()))
        #expect(rows.count == 20_000)
        #expect(rows[19_999].1 == ["19999", "Comment 19999, with a comma", "1972-04-13 07:00:00"])
    }
}
