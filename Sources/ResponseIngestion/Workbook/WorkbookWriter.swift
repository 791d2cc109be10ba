import Foundation
import SurveyDefinition

/// Writes an Excel workbook (`.xlsx`) that Excel, LibreOffice and Power BI open: sheets
/// of typed cells written row by row (each sheet's XML deflated as it is written, so a
/// sheet of a million rows needs memory only for its distinct strings), text in a
/// shared-strings table, numbers as numbers with a few fixed formats, and a bold,
/// frozen header row when asked.
///
/// ```swift
/// var book = WorkbookWriter()
/// book.beginSheet("KPIs", columnWidths: [30, 12], freezeHeader: true)
/// book.addRow([.header("KPI"), .header("Agreement")])
/// book.addRow([.text("Felt fully involved"), .percent(0.74)])
/// let bytes = book.finished()
/// ```
package struct WorkbookWriter {
    /// One cell's value and how it is shown.
    package enum Cell: Sendable, Equatable {
        case empty
        case text(String)
        /// Bold text, for header rows.
        case header(String)
        /// A whole number, shown without decimals.
        case integer(Int)
        /// A number shown as Excel's General format shows it.
        case number(Double)
        /// A fraction (0.74) shown as a whole percentage (74%).
        case percent(Double)
        /// A day (days since 1970-01-01), shown as `yyyy-mm-dd`.
        case date(day: Int)
        /// UK wall-clock seconds since 1970 "as if UTC", shown as `yyyy-mm-dd hh:mm:ss`.
        case dateTime(seconds: Int64)
    }

    /// The cell formats of styles.xml, in order (the `s` attribute).
    private enum Style: Int {
        case general = 0
        case integer, percent, date, dateTime, header
    }

    private var zip = ZipWriter()
    private var sheetNames: [String] = []
    private var strings: [String: Int] = [:]
    private var sharedXML: [UInt8] = []
    private var sharedCount = 0
    private var sheetOpen = false
    private var buffer: [UInt8] = []
    private var row = 0
    /// Column letters, made once each (`A`, `B`, ...).
    private var columnNames: [[UInt8]] = []

    /// Excel's limit on a sheet name, and the characters it forbids in one.
    static let maximumSheetName = 31

    /// An empty workbook.
    package init() {
        buffer.reserveCapacity(1 << 17)
    }

    /// Starts a sheet (ending any sheet still open). `name` is made valid and unique
    /// (Excel allows 31 characters and none of `[]:*?/\`).
    package mutating func beginSheet(_ name: String, columnWidths: [Double] = [], freezeHeader: Bool = false) {
        if sheetOpen { endSheet() }
        let clean = Self.sheetName(name, taken: sheetNames)
        sheetNames.append(clean)
        zip.begin("xl/worksheets/sheet\(sheetNames.count).xml")
        sheetOpen = true
        row = 0
        append(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"\(Self.mainNamespace)\" xmlns:r=\"\(Self.relationships)\">"
        )
        if freezeHeader {
            append(
                "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
            )
        }
        if !columnWidths.isEmpty {
            append("<cols>")
            for (i, width) in columnWidths.enumerated() {
                append("<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(width)\" customWidth=\"1\"/>")
            }
            append("</cols>")
        }
        append("<sheetData>")
    }

    /// Adds the next row of the open sheet.
    package mutating func addRow(_ cells: [Cell]) {
        if !sheetOpen { beginSheet("Sheet\(sheetNames.count + 1)") }
        row += 1
        buffer.append(contentsOf: Self.rowStart)
        appendInteger(row)
        buffer.append(contentsOf: Self.tagEnd)
        for (column, cell) in cells.enumerated() {
            switch cell {
            case .empty:
                continue
            case .text(let text), .header(let text):
                openCell(
                    column, style: { if case .header = cell { return .header } else { return .general } }(),
                    type: UInt8(ascii: "s"))
                appendInteger(sharedIndex(text))
            case .integer(let value):
                openCell(column, style: .integer, type: nil)
                appendInteger(value)
            case .number(let value):
                guard value.isFinite else { continue }
                openCell(column, style: .general, type: nil)
                append(NumberText.plain(value))
            case .percent(let value):
                guard value.isFinite else { continue }
                openCell(column, style: .percent, type: nil)
                append(NumberText.plain(value))
            case .date(let day):
                openCell(column, style: .date, type: nil)
                appendInteger(day + Self.serialOf1970)
            case .dateTime(let seconds):
                openCell(column, style: .dateTime, type: nil)
                let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
                let within = seconds - days * 86_400
                append(
                    NumberText.plain(Double(days + Int64(Self.serialOf1970)) + Double(within) / 86_400)
                )
            }
            buffer.append(contentsOf: Self.cellEnd)
        }
        buffer.append(contentsOf: Self.rowEnd)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Ends the open sheet.
    mutating func endSheet() {
        guard sheetOpen else { return }
        append("</sheetData></worksheet>")
        flush()
        zip.end()
        sheetOpen = false
    }

    /// The finished workbook.
    package mutating func finished() -> [UInt8] {
        if sheetNames.isEmpty { beginSheet("Sheet1") }
        endSheet()
        let sheets = sheetNames.indices
        zip.add(
            "[Content_Types].xml",
            Array(
                ("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                """
                    + sheets.map {
                        "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    }.joined()
                    + "</Types>").utf8))
        zip.add(
            "_rels/.rels",
            Array(
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(Self.relationships)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """.utf8))
        zip.add(
            "xl/workbook.xml",
            Array(
                ("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="\(Self.mainNamespace)" xmlns:r="\(Self.relationships)"><sheets>
                """
                    + sheets.map {
                        "<sheet name=\"\(Self.escaped(sheetNames[$0]))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>"
                    }.joined()
                    + "</sheets></workbook>").utf8))
        let count = sheetNames.count
        zip.add(
            "xl/_rels/workbook.xml.rels",
            Array(
                ("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
                """
                    + sheets.map {
                        "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(Self.relationships)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
                    }.joined()
                    + "<Relationship Id=\"rId\(count + 1)\" Type=\"\(Self.relationships)/styles\" Target=\"styles.xml\"/>"
                    + "<Relationship Id=\"rId\(count + 2)\" Type=\"\(Self.relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                    + "</Relationships>").utf8))
        zip.add("xl/styles.xml", Array(Self.styles.utf8))
        zip.begin("xl/sharedStrings.xml")
        zip.write(
            Array(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\"\(Self.mainNamespace)\" count=\"\(sharedCount)\" uniqueCount=\"\(sharedCount)\">"
                    .utf8))
        zip.write(sharedXML)
        zip.write(Array("</sst>".utf8))
        zip.end()
        return zip.finished()
    }

    // MARK: - Writing

    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    /// The namespace of relationship types and of `r:id` (ECMA-376 Part 1); the workbook fuzz input uses it too.
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    /// Excel's serial number of 1970-01-01 (days from 1899-12-30).
    static let serialOf1970 = 25_569

    /// Fonts: Calibri 11 and its bold; number formats: 1 (`0`), 9 (`0%`) and two of our own.
    private static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="6">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """

    private mutating func openCell(_ column: Int, style: Style, type: UInt8?) {
        while columnNames.count <= column { columnNames.append(Array(SheetReader.columnName(columnNames.count).utf8)) }
        buffer.append(contentsOf: Self.cellStart)
        buffer.append(contentsOf: columnNames[column])
        appendInteger(row)
        buffer.append(UInt8(ascii: "\""))
        if style != .general {
            buffer.append(contentsOf: Self.styleAttribute)
            appendInteger(style.rawValue)
            buffer.append(UInt8(ascii: "\""))
        }
        if let type {
            buffer.append(contentsOf: Self.typeAttribute)
            buffer.append(type)
            buffer.append(UInt8(ascii: "\""))
        }
        buffer.append(contentsOf: Self.valueStart)
    }

    private static let rowStart = Array("<row r=\"".utf8)
    private static let tagEnd = Array("\">".utf8)
    private static let rowEnd = Array("</row>".utf8)
    private static let cellStart = Array("<c r=\"".utf8)
    private static let styleAttribute = Array(" s=\"".utf8)
    private static let typeAttribute = Array(" t=\"".utf8)
    private static let valueStart = Array("><v>".utf8)
    private static let cellEnd = Array("</v></c>".utf8)

    /// The index of `text` in the shared strings, adding it the first time.
    private mutating func sharedIndex(_ text: String) -> Int {
        if let index = strings[text] { return index }
        let index = sharedCount
        strings[text] = index
        sharedCount += 1
        sharedXML.append(contentsOf: Array("<si><t xml:space=\"preserve\">".utf8))
        Self.appendEscaped(text, to: &sharedXML)
        sharedXML.append(contentsOf: Array("</t></si>".utf8))
        return index
    }

    private mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    private mutating func appendInteger(_ value: Int) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { room in
            repeat {
                room[19 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            } while v > 0
            buffer.append(contentsOf: room[(20 - count)...])
        }
    }

    private mutating func flush() {
        buffer.withUnsafeBufferPointer { zip.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Text escaped for XML, control characters written as Office's `_xHHHH_` (and a
    /// literal `_x` escaped, so it reads back as written).
    /// The workbook's one escaping layer: invisible and reordering characters removed
    /// (as in every other format: ``InvisibleText``), then XML's specials escaped.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        let utf8 = Array(InvisibleText.clean(text).utf8)
        var i = 0
        while i < utf8.count {
            let b = utf8[i]
            switch b {
            case UInt8(ascii: "&"): out.append(contentsOf: Array("&amp;".utf8))
            case UInt8(ascii: "<"): out.append(contentsOf: Array("&lt;".utf8))
            case UInt8(ascii: ">"): out.append(contentsOf: Array("&gt;".utf8))
            case 0x0A, 0x09: out.append(b)
            case 0..<0x20:
                out.append(contentsOf: Array(String(format4: Int(b)).utf8))
            case UInt8(ascii: "_") where i + 1 < utf8.count && utf8[i + 1] == UInt8(ascii: "x"):
                out.append(contentsOf: Array("_x005F_".utf8))
            default: out.append(b)
            }
            i += 1
        }
    }

    static func escaped(_ text: String) -> String {
        var out: [UInt8] = []
        appendEscaped(text, to: &out)
        return String(decoding: out, as: UTF8.self).replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A valid, unique sheet name.
    static func sheetName(_ wanted: String, taken: [String]) -> String {
        var name = String(wanted.map { "[]:*?/\\".contains($0) ? "-" : $0 }).trimmingCharacters(in: .whitespaces)
        if name.isEmpty { name = "Sheet" }
        if name.hasPrefix("'") { name = String(name.dropFirst()) }
        name = String(name.prefix(maximumSheetName))
        var candidate = name
        var n = 2
        while taken.contains(where: { $0.lowercased() == candidate.lowercased() }) {
            let suffix = " (\(n))"
            candidate = String(name.prefix(maximumSheetName - suffix.count)) + suffix
            n += 1
        }
        return candidate
    }
}

extension String {
    /// `_x000D_` for 13.
    fileprivate init(format4 value: Int) {
        let hex = String(value, radix: 16, uppercase: true)
        self = "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
    }
}
