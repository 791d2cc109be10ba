import Foundation
import TestSupport
import Testing

@testable import ResponseIngestion

@Suite("Workbook sheets read as the records a CSV gives")
struct WorkbookReaderTests {
    typealias S = WorkbookTestSupport

    static func read(
        _ sheet: String, strings: [String]? = nil, numberFormats: [(Int, String)] = [], cellFormats: [Int] = [0],
        date1904: Bool = false, prefix: String = "", chunk: Int? = nil
    ) throws -> [(Int, [String])] {
        try S.records(
            S.file(
                S.workbook(
                    sheet: sheet, sharedStrings: strings, numberFormats: numberFormats, cellFormats: cellFormats,
                    date1904: date1904, prefix: prefix)), chunk: chunk)
    }

    @Test(
        "shared, inline and rich text, numbers, booleans and errors become fields; missing cells are empty fields; rows keep the sheet's numbers"
    )
    func cells() throws {
        let strings = [
            "<si><t>Timestamp</t></si>", "<si><t xml:space=\"preserve\">Answer, with comma </t></si>",
            "<si><r><rPr><b/></rPr><t>Rich </t></r><r><t>text</t></r><rPh sb=\"0\" eb=\"1\"><t>ルビ</t></rPh></si>",
            "<si><t>Line&#10;two &amp; &quot;quoted&quot;_x000D_</t></si>",
        ]
        let sheet = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>Fourth</t></is></c></row>
            <row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>118052219061</v></c><c r="C3" t="b"><v>1</v></c><c r="D3" t="e"><v>#N/A</v></c></row>
            <row r="4" spans="1:4"><c r="B4" t="s"><v>3</v></c><c r="C4" t="str"><f>A1&amp;"x"</f><v>Timestampx</v></c></row>
            <row r="5"><c r="A5" s="0"/></row>
            <row r="6"><c r="C6" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>
            """
        let rows = try Self.read(sheet, strings: strings)
        #expect(rows.map(\.0) == [1, 3, 4, 6])
        #expect(rows[0].1 == ["Timestamp", "Answer, with comma ", "", "Fourth"])
        #expect(rows[1].1 == ["Rich text", "118052219061", "TRUE", "#N/A"])
        #expect(rows[2].1 == ["", "Line\ntwo & \"quoted\"\r", "Timestampx", ""])
        #expect(rows[3].1 == ["", "", "inline", ""])
    }

    @Test(
        "a comma, a quote, a line feed or a carriage return alone in a cell comes back whole, from shared, inline or formula text"
    )
    func eachCharacterThatNeedsQuotes() throws {
        // Each cell holds just one of the four characters, so each must be caught by itself.
        let texts = ["a,b", "\"hi\" she said", "line\nfeed", "carriage\rreturn", "plain"]
        let xml = ["a,b", "&quot;hi&quot; she said", "line&#10;feed", "carriage_x000D_return", "plain"]
        let strings = xml.map { "<si><t>\($0)</t></si>" }
        func cell(_ c: Int, _ r: Int, _ body: String) -> String {
            "<c r=\"\(String(UnicodeScalar(UInt8(65 + c))))\(r)\"\(body)</c>"
        }
        let shared = (0..<5).map { cell($0, 1, " t=\"s\"><v>\($0)</v>") }.joined()
        let inline = (0..<5).map { cell($0, 2, " t=\"inlineStr\"><is><t>\(xml[$0])</t></is>") }.joined()
        let formula = (0..<5).map { cell($0, 3, " t=\"str\"><f>A1</f><v>\(xml[$0])</v>") }.joined()
        // A formula's text without escapes is copied straight from the sheet's bytes.
        let raw =
            cell(0, 4, " t=\"str\"><f>A1</f><v>a,b</v>") + cell(1, 4, " t=\"str\"><f>A1</f><v>\"hi\" she said</v>")
        let sheet = [shared, inline, formula, raw].enumerated().map { "<row r=\"\($0.0 + 1)\">\($0.1)</row>" }
            .joined()
        let rows = try Self.read(sheet, strings: strings)
        #expect(rows.map(\.0) == [1, 2, 3, 4])
        for row in rows.prefix(3) { #expect(row.1 == texts, "row \(row.0)") }
        #expect(rows.last?.1 == ["a,b", "\"hi\" she said", "", "", ""])
    }

    @Test("the same sheet read through tiny buffers gives the same records", arguments: [1, 3, 17, 64])
    func tinyBuffers(chunk: Int) throws {
        let strings = (0..<30).map { "<si><t>text \($0), \"q\"</t></si>" }
        let sheet = (1...40).map { r in
            "<row r=\"\(r)\"><c r=\"A\(r)\" t=\"s\"><v>\(r % 30)</v></c><c r=\"C\(r)\"><v>\(r).5</v></c></row>"
        }.joined()
        let whole = try Self.read(sheet, strings: strings)
        let pieces = try Self.read(sheet, strings: strings, chunk: chunk)
        #expect(whole.count == 40)
        #expect(pieces.map(\.0) == whole.map(\.0))
        #expect(pieces.map(\.1) == whole.map(\.1))
        #expect(whole[4].1 == ["text 5, \"q\"", "", "5.5"])
    }

    @Test("namespace prefixes (x:row, x:c) read like plain names")
    func prefixes() throws {
        let rows = try Self.read(
            "<x:row r=\"2\"><x:c r=\"B2\" t=\"s\"><x:v>0</x:v></x:c></x:row>", strings: ["<x:si><x:t>Hi</x:t></x:si>"],
            prefix: "x")
        #expect(rows.count == 1 && rows[0].0 == 2 && rows[0].1 == ["", "Hi"])
    }

    // Serials checked against Python: datetime(1899, 12, 30) + timedelta(days=serial) for
    // serials from 61, and Excel's documented 1900-01-01 = 1, 1900-02-29 = 60 below that.
    @Test("date cells become year-first text: the 1900 system with its leap-year bug, and the 1904 system")
    func dates() throws {
        let serials = ["1", "59", "60", "61", "45000", "45000.5", "45000.999999", "44287.604166666664"]
        let sheet =
            "<row r=\"1\">" + serials.enumerated().map { "<c s=\"1\"><v>\($0.element)</v></c>" }.joined() + "</row>"
        let rows = try Self.read(sheet, cellFormats: [0, 14])
        #expect(
            rows[0].1 == [
                "1900-01-01", "1900-02-28", "1900-02-29", "1900-03-01", "2023-03-15", "2023-03-15 12:00:00",
                "2023-03-16", "2021-04-01 14:30:00",
            ])
        let old = try Self.read(
            "<row r=\"1\"><c s=\"1\"><v>0</v></c><c s=\"1\"><v>1461</v></c><c s=\"1\"><v>43826.25</v></c></row>",
            cellFormats: [0, 22], date1904: true)
        #expect(old[0].1 == ["1904-01-01 00:00:00", "1908-01-01 00:00:00", "2023-12-28 06:00:00"])
    }

    @Test(
        "custom number formats decide what is a date, a time or a number",
        arguments: [
            ("dd/mm/yyyy", CellFormat.date), ("m/d/yy h:mm AM/PM", .dateTime), ("[h]:mm:ss", .time), ("mm:ss", .time),
            ("\"Day \"d", .date), ("[Red]0.00", .number), ("0.00%", .number), ("General", .number),
            ("0.00E+00", .number),
            ("[$-F800]dddd, mmmm dd, yyyy", .date), ("#,##0 \"days\"", .number), ("yyyy-mm-dd hh:mm:ss", .dateTime),
            ("@", .number),
            ("h:mm;@", .time), ("mmm-yy", .date), ("[$£-809]#,##0.00", .number),
        ])
    func formats(code: String, expected: CellFormat) {
        #expect(CellFormat.classify(code) == expected)
    }

    @Test("cells formatted as dates by a custom format are read as dates; times of day stay times")
    func customDates() throws {
        let sheet =
            "<row r=\"1\"><c s=\"1\"><v>44380.75</v></c><c s=\"2\"><v>0.75</v></c><c s=\"3\"><v>0.75</v></c></row>"
        let rows = try Self.read(
            sheet, numberFormats: [(164, "dd/mm/yyyy hh:mm"), (165, "0.00%")], cellFormats: [0, 164, 20, 165])
        #expect(rows[0].1 == ["2021-07-03 18:00:00", "18:00:00", "0.75"])
    }

    @Test(
        "numbers read as Excel shows them: whole ids stay whole, float noise goes",
        arguments: [
            ("118052219061", "118052219061"), ("0.30000000000000004", "0.3"), ("1.5E-3", "0.0015"), ("5.0", "5"),
            ("1.18052219061E+11", "118052219061"), ("-2.50", "-2.5"), ("12345678901234567890", "1.23456789012346e+19"),
        ])
    func numbers(stored: String, shown: String) {
        var out: [UInt8] = []
        Array(stored.utf8).withUnsafeBufferPointer { SheetNumberText.append($0, to: &out) }
        #expect(String(decoding: out, as: UTF8.self) == shown)
    }

    @Test("XML with a document type declaration or an unknown entity is refused; nothing is expanded")
    func hostileXML() throws {
        let laughs = """
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
            <sst><si><t>&lol2;</t></si></sst>
            """
        var zip = ZipWriter()
        let parts = WorkbookTestSupport.workbook(
            sheet: "<row r=\"1\"><c t=\"s\"><v>0</v></c></row>", sharedStrings: ["<si><t>x</t></si>"])
        let archive = try ZipArchive(bytes: RandomAccessBytes(bytes: parts))
        for entry in archive.entries where entry.name != "xl/sharedStrings.xml" {
            zip.add(entry.name, try S.member(archive, entry.name))
        }
        zip.add("xl/sharedStrings.xml", Array(laughs.utf8))
        #expect(throws: S.refused(WorkbookError.declaration(part: "xl/sharedStrings.xml"))) {
            try S.records(S.file(zip.finished()))
        }
        #expect(throws: S.refused(WorkbookError.entity(part: "xl/sharedStrings.xml", name: "lol"))) {
            try Self.read("<row r=\"1\"><c t=\"s\"><v>0</v></c></row>", strings: ["<si><t>&lol;</t></si>"])
        }
    }

    @Test("damaged and hostile sheets are refused with the sheet, row and cell named")
    func refusals() throws {
        #expect(throws: S.refused(WorkbookError.outOfOrder(sheet: "Form1", row: 2, detail: "it comes after row 5"))) {
            try Self.read("<row r=\"5\"><c><v>1</v></c></row><row r=\"2\"><c><v>1</v></c></row>")
        }
        #expect(
            throws: S.refused(WorkbookError.outOfOrder(sheet: "Form1", row: 1, detail: "cell A1 comes after cell C1"))
        ) {
            try Self.read("<row r=\"1\"><c r=\"C1\"><v>1</v></c><c r=\"A1\"><v>1</v></c></row>")
        }
        #expect(throws: S.refused(WorkbookError.missingSharedString(sheet: "Form1", cell: "B1", index: 7))) {
            try Self.read("<row r=\"1\"><c r=\"B1\" t=\"s\"><v>7</v></c></row>", strings: ["<si><t>only</t></si>"])
        }
        #expect(
            throws: S.refused(
                WorkbookError.badReference(sheet: "Form1", row: 2_000_000, detail: "Excel sheets end at row 1048576"))
        ) {
            try Self.read("<row r=\"2000000\"><c><v>1</v></c></row>")
        }
        // Random letters: a run of one letter would be refused first as a zip bomb.
        var g = SeededGenerator(seed: 3)
        let huge = String(
            decoding: (0...SheetReader.maximumCellBytes).map { _ in UInt8.random(in: 0x61...0x7A, using: &g) },
            as: UTF8.self)
        #expect(
            throws: S.refused(
                WorkbookError.cellTooLarge(sheet: "Form1", cell: "A1", limit: SheetReader.maximumCellBytes))
        ) {
            try Self.read("<row r=\"1\"><c t=\"inlineStr\"><is><t>\(huge)</t></is></c></row>")
        }
        #expect(
            throws: S.refused(
                WorkbookError.cellTooLarge(
                    sheet: "shared strings", cell: "item 1", limit: SharedStrings.maximumStringBytes))
        ) {
            try Self.read("<row r=\"1\"><c t=\"s\"><v>0</v></c></row>", strings: ["<si><t>\(huge)</t></si>"])
        }
    }
}
