/// Reads one worksheet of a workbook as a stream of rows, each written out as one CSV
/// record, so that a workbook's rows become exactly the records the CSV reader gives.
///
/// A row is written as its cells' text, comma-separated and quoted where needed, with
/// cells missing from the sheet (it stores only cells with content, each with its
/// reference, `C12`) written as empty fields. Cell values become text as Excel shows
/// them when saving CSV, except where that loses information:
/// - text (shared strings, inline strings, formula results) as it is, rich-text runs joined;
/// - numbers as written in the file, up to Excel's 15 significant digits (so a 12-digit
///   respondent id stays whole, never `1.18052E+11`);
/// - numbers whose format is a date or time as `2024-03-05 14:30:00` (year first, so
///   never ambiguous), keeping a time the format hides;
/// - booleans as `TRUE` / `FALSE`, errors as their code (`#N/A`).
/// Rows with no content are skipped and counted; row numbers are the sheet's own, so
/// every message about a row names the row Excel shows.
final class SheetReader {
    let sheet: String
    private let stream: XMLStream
    private let strings: SharedStrings
    private let formats: [CellFormat]
    private let date1904: Bool
    private var started = false
    private var done = false
    private var lastRow = 0
    /// Rows without content (present but empty, or missing between rows with content).
    private(set) var blankRows = 0
    /// Date cells found so far, by column: how many, and the first row with one.
    private(set) var dateCounts: [Int] = []
    private(set) var dateFirstRows: [Int] = []
    private var cell: [UInt8] = []
    /// The most fields a row has had so far (the header's, usually): shorter rows are
    /// padded to it, since a sheet stores no cells after a row's last answer.
    private var width = 0

    static let maximumRowBytes = 64 << 20
    static let maximumCellBytes = 1 << 20
    /// Excel's own limits: 1,048,576 rows and 16,384 columns (XFD).
    static let maximumRow = 1_048_576
    static let maximumColumn = 16_384

    init(stream: XMLStream, sheet: String, strings: SharedStrings, formats: [CellFormat], date1904: Bool) {
        self.stream = stream
        self.sheet = sheet
        self.strings = strings
        self.formats = formats
        self.date1904 = date1904
    }

    private enum Step {
        case row(Int)
        case blank(Int)
        case end
    }

    /// Appends the next row with content to `out` as one CSV record ending in LF, and
    /// returns its row number; `nil` at the end of the sheet.
    func nextRow(into out: inout [UInt8]) throws -> Int? {
        if done { return nil }
        let sheet = self.sheet
        if !started {
            let found: Bool = try stream.scan(
                limit: Self.maximumRowBytes, tooLarge: .malformedXML(part: self.stream.part, detail: "no rows")
            ) { scanner in
                while true {
                    switch try scanner.next() {
                    case .needMore: return nil
                    case .endOfInput: return (false, scanner.position)
                    case .token(.start(let name, _, let empty)) where scanner.named(name, "sheetData"):
                        return (!empty, scanner.position)
                    case .token: continue
                    }
                }
            }
            started = true
            if !found {
                done = true
                return nil
            }
        }
        while true {
            let mark = out.count
            var dates: [Int] = []
            var rowWidth = width
            let step: Step = try stream.scan(
                limit: Self.maximumRowBytes,
                tooLarge: .rowTooLarge(sheet: sheet, row: self.lastRow + 1, limit: Self.maximumRowBytes)
            ) { scanner in
                out.removeSubrange(mark...)
                dates.removeAll(keepingCapacity: true)
                while true {
                    switch try scanner.next() {
                    case .needMore: return nil
                    case .endOfInput:
                        throw WorkbookError.malformedXML(part: scanner.part, detail: "it ends inside the sheet's rows")
                    case .token(.start(let name, let attributes, let empty)):
                        guard scanner.named(name, "row") else {
                            if !empty, !(try scanner.skipElement()) { return nil }
                            continue
                        }
                        var number = lastRow + 1
                        try scanner.attributes(attributes) { n, v throws(WorkbookError) in
                            if scanner.attribute(n, is: "r") {
                                guard let r = scanner.integer(v), r >= 1 else {
                                    throw .badReference(
                                        sheet: sheet, row: lastRow + 1,
                                        detail: "a row numbered \"\(try scanner.string(v))\"")
                                }
                                number = r
                            }
                        }
                        if number <= lastRow {
                            throw WorkbookError.outOfOrder(
                                sheet: sheet, row: number, detail: "it comes after row \(lastRow)")
                        }
                        if number > Self.maximumRow {
                            throw WorkbookError.badReference(
                                sheet: sheet, row: number, detail: "Excel sheets end at row \(Self.maximumRow)")
                        }
                        if empty { return (.blank(number), scanner.position) }
                        guard
                            let hasContent = try readCells(
                                &scanner, row: number, into: &out, dates: &dates, rowWidth: &rowWidth)
                        else { return nil }
                        return (hasContent ? .row(number) : .blank(number), scanner.position)
                    case .token(.end(let name)) where scanner.named(name, "sheetData"):
                        return (.end, scanner.position)
                    case .token:
                        continue
                    }
                }
            }
            switch step {
            case .end:
                done = true
                return nil
            case .blank(let number):
                out.removeSubrange(mark...)
                blankRows += number - lastRow
                lastRow = number
            case .row(let number):
                width = rowWidth
                blankRows += number - lastRow - 1
                lastRow = number
                for column in dates {
                    if column >= dateCounts.count {
                        dateCounts.append(contentsOf: repeatElement(0, count: column + 1 - dateCounts.count))
                        dateFirstRows.append(contentsOf: repeatElement(0, count: column + 1 - dateFirstRows.count))
                    }
                    if dateCounts[column] == 0 { dateFirstRows[column] = number }
                    dateCounts[column] += 1
                }
                return number
            }
        }
    }

    /// The kinds of cell (`t` attribute).
    private enum Kind { case number, shared, inline, formulaText, boolean, error, isoDate }

    /// Reads the cells of a row up to `</row>`, writing the CSV record. Returns whether
    /// any cell had content, or `nil` when the bytes ran out first.
    private func readCells(
        _ scanner: inout XMLScanner, row: Int, into out: inout [UInt8], dates: inout [Int],
        rowWidth: inout Int
    ) throws -> Bool? {
        var commas = 0 // fields begun so far, less one
        var nextColumn = 0
        var any = false
        while true {
            guard case .token(let token) = try scanner.next() else { return nil }
            switch token {
            case .end(let name):
                if scanner.named(name, "row") {
                    guard any else { return false }
                    if commas + 1 < width {
                        out.append(contentsOf: repeatElement(UInt8(ascii: ","), count: width - 1 - commas))
                    }
                    rowWidth = max(width, commas + 1)
                    out.append(0x0A)
                    return true
                }
            case .start(let name, let attributes, let empty):
                guard scanner.named(name, "c") else {
                    if !empty, !(try scanner.skipElement()) { return nil }
                    continue
                }
                var column = nextColumn
                var style = 0
                var kind = Kind.number
                var reference: Range<Int>?
                try scanner.attributes(attributes) { n, v throws(WorkbookError) in
                    let l = scanner.local(n)
                    guard l.count == 1 else { return }
                    switch scanner.buffer[l.lowerBound] {
                    case UInt8(ascii: "r"): reference = v
                    case UInt8(ascii: "s"): style = scanner.integer(v) ?? 0
                    case UInt8(ascii: "t"): kind = Self.kind(scanner, v)
                    default: break
                    }
                }
                if let reference {
                    guard let c = Self.column(scanner, reference) else {
                        throw WorkbookError.badReference(
                            sheet: sheet, row: row, detail: "a cell referenced as \"\(try scanner.string(reference))\"")
                    }
                    column = c
                }
                if column < nextColumn {
                    throw WorkbookError.outOfOrder(
                        sheet: sheet, row: row,
                        detail:
                            "cell \(Self.reference(column, row)) comes after cell \(Self.reference(nextColumn - 1, row))"
                    )
                }
                nextColumn = column + 1
                if empty { continue }
                // The cell's value: <v> text, or <is> inline text.
                var value: Range<Int>?
                var inline = false
                cell.removeAll(keepingCapacity: true)
                cellLoop: while true {
                    guard case .token(let inner) = try scanner.next() else { return nil }
                    switch inner {
                    case .start(let innerName, _, let innerEmpty):
                        if scanner.named(innerName, "v") {
                            if innerEmpty { continue }
                            guard case .token(let content) = try scanner.next() else { return nil }
                            switch content {
                            case .text(let r), .cdata(let r):
                                value = r
                                guard case .token(.end) = try scanner.next() else { return nil }
                            case .end:
                                value = nil
                            case .start:
                                throw WorkbookError.malformedXML(
                                    part: scanner.part, detail: "an element inside a cell value in row \(row)")
                            }
                        } else if scanner.named(innerName, "is") {
                            inline = true
                            if !innerEmpty {
                                guard try SharedStrings.readText(&scanner, closing: "is", into: &cell) else {
                                    return nil
                                }
                            }
                        } else if !innerEmpty {
                            guard try scanner.skipElement() else { return nil }
                        }
                    case .end(let innerName):
                        if scanner.named(innerName, "c") { break cellLoop }
                    case .text, .cdata:
                        continue
                    }
                }
                if cell.count > Self.maximumCellBytes || (value?.count ?? 0) > Self.maximumCellBytes {
                    throw WorkbookError.cellTooLarge(
                        sheet: sheet, cell: Self.reference(column, row), limit: Self.maximumCellBytes)
                }
                let before = out.count
                // The separators up to this field.
                if column > commas { out.append(contentsOf: repeatElement(UInt8(ascii: ","), count: column - commas)) }
                let fieldStart = out.count
                switch kind {
                case .inline:
                    Self.appendField(cell, to: &out)
                case _ where inline:
                    Self.appendField(cell, to: &out)
                case .shared:
                    guard let value, let index = scanner.integer(value) else {
                        if value == nil { break }
                        throw WorkbookError.badReference(
                            sheet: sheet, row: row,
                            detail:
                                "cell \(Self.reference(column, row)) refers to shared text \"\(try scanner.string(value!))\""
                        )
                    }
                    guard let range = try strings.range(index) else {
                        throw WorkbookError.missingSharedString(
                            sheet: sheet, cell: Self.reference(column, row), index: index)
                    }
                    if strings.needsQuotes[index] {
                        Self.appendQuoted(strings.text[range], to: &out)
                    } else {
                        out.append(contentsOf: strings.text[range])
                    }
                case .formulaText, .error:
                    guard let value else { break }
                    let bytes = UnsafeBufferPointer(rebasing: scanner.buffer[value])
                    if XMLText.isPlain(bytes, officeEscapes: true) {
                        Self.appendField(bytes, to: &out)
                    } else {
                        cell.removeAll(keepingCapacity: true)
                        try XMLText.decode(bytes, into: &cell, part: scanner.part, officeEscapes: true)
                        Self.appendField(cell, to: &out)
                    }
                case .boolean:
                    guard let value else { break }
                    let b = scanner.integer(value)
                    out.append(contentsOf: b == 1 ? Array("TRUE".utf8) : b == 0 ? Array("FALSE".utf8) : [])
                case .isoDate:
                    guard let value else { break }
                    Self.appendField(UnsafeBufferPointer(rebasing: scanner.buffer[value]), to: &out)
                    dates.append(column)
                case .number:
                    guard let value else { break }
                    let bytes = UnsafeBufferPointer(rebasing: scanner.buffer[value])
                    let format = style < formats.count ? formats[style] : .number
                    if format.isDate, let serial = SheetNumberText.double(bytes),
                        ExcelDate.append(serial: serial, format: format, date1904: date1904, to: &out)
                    {
                        dates.append(column)
                    } else {
                        SheetNumberText.append(bytes, to: &out)
                    }
                }
                if out.count == fieldStart {
                    // No content: no field (nor its separators).
                    out.removeSubrange(before...)
                    if dates.last == column { dates.removeLast() }
                } else {
                    any = true
                    commas = column
                }
            case .text, .cdata:
                continue
            }
        }
    }

    private static func kind(_ scanner: XMLScanner, _ value: Range<Int>) -> Kind {
        let b = scanner.buffer
        switch value.count {
        case 1:
            switch b[value.lowerBound] {
            case UInt8(ascii: "s"): return .shared
            case UInt8(ascii: "b"): return .boolean
            case UInt8(ascii: "e"): return .error
            case UInt8(ascii: "d"): return .isoDate
            default: return .number
            }
        case 3: return b[value.lowerBound] == UInt8(ascii: "s") ? .formulaText : .number
        case 9: return b[value.lowerBound] == UInt8(ascii: "i") ? .inline : .number
        default: return .number
        }
    }

    /// The 0-based column of a reference such as `AB12`; `nil` if it is not one.
    private static func column(_ scanner: XMLScanner, _ range: Range<Int>) -> Int? {
        var column = 0
        var letters = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let b = scanner.buffer[i] | 0x20
            guard b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") else { break }
            // XFD has three letters; a fourth is no column (and must not overflow).
            guard letters < 3 else { return nil }
            column = column * 26 + Int(b - UInt8(ascii: "a")) + 1
            letters += 1
            i += 1
        }
        guard letters >= 1 && letters <= 3 && column <= maximumColumn else { return nil }
        return column - 1
    }

    /// `C12` for column 2, row 12.
    static func reference(_ column: Int, _ row: Int) -> String { columnName(column) + String(row) }

    /// `A`, `B`, ... `Z`, `AA` for a 0-based column, as a spreadsheet labels it.
    static func columnName(_ column: Int) -> String {
        var letters = ""
        var c = column + 1
        while c > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (c - 1) % 26))) + letters
            c = (c - 1) / 26
        }
        return letters
    }

    /// Whether a CSV field holding `bytes` must be quoted: it holds a comma, a quote or a line break.
    static func needsQuotes<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
    }

    /// Appends `field` as a CSV field, quoted if needed.
    private static func appendField<Bytes: Collection<UInt8>>(_ field: Bytes, to out: inout [UInt8]) {
        if needsQuotes(field) {
            appendQuoted(field, to: &out)
        } else {
            out.append(contentsOf: field)
        }
    }

    private static func appendQuoted<C: Collection>(_ bytes: C, to out: inout [UInt8]) where C.Element == UInt8 {
        out.append(UInt8(ascii: "\""))
        for b in bytes {
            out.append(b)
            if b == UInt8(ascii: "\"") { out.append(b) }
        }
        out.append(UInt8(ascii: "\""))
    }
}

/// Numbers as a sheet stores them (`<v>118052219061</v>`, `<v>0.30000000000000004</v>`,
/// `<v>1.5E-3</v>`) turned into the text Excel shows in General format: at most 15
/// significant digits, no exponent for whole numbers below 10^15.
enum SheetNumberText {
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        // The usual case: plain digits with at most 15 significant ones.
        var digits = 0
        var dot = -1
        var plain = !bytes.isEmpty
        for (i, b) in bytes.enumerated() {
            if b >= 0x30 && b <= 0x39 {
                if digits > 0 || b != 0x30 { digits += 1 }
            } else if b == UInt8(ascii: ".") && dot < 0 {
                dot = i
            } else if !(b == UInt8(ascii: "-") && i == 0) {
                plain = false
                break
            }
        }
        if plain && digits <= 15 {
            var end = bytes.count
            if dot >= 0 {
                while end > dot + 1 && bytes[end - 1] == 0x30 { end -= 1 }
                if end == dot + 1 { end = dot }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<end]))
            return
        }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else {
            out.append(contentsOf: bytes)
            return
        }
        if value == value.rounded() && abs(value) < 1e15 {
            out.append(contentsOf: String(Int64(value)).utf8)
            return
        }
        // 15 significant digits, as Excel shows them.
        let rounded = Double(String(format: "%.15g", value)) ?? value
        var text = "\(rounded)"
        if text.hasSuffix(".0") { text.removeLast(2) }
        out.append(contentsOf: text.utf8)
    }

    /// The value of a number as a sheet stores it.
    static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        // Plain "45123.5208333333" quickly; anything else through the standard parser.
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var scale: Double = 1
        var i = 0
        var digits = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, digits < 15 {
            whole = whole * 10 + Int64(bytes[i] - 0x30)
            i += 1
            digits += 1
        }
        if i < bytes.count && bytes[i] == UInt8(ascii: ".") {
            i += 1
            var fractionDigits = 0
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                if fractionDigits < 17 {
                    fraction = fraction * 10 + Int64(bytes[i] - 0x30)
                    scale *= 10
                    fractionDigits += 1
                }
                i += 1
            }
        }
        if i == bytes.count && digits > 0 { return Double(whole) + Double(fraction) / scale }
        return Double(String(decoding: bytes, as: UTF8.self))
    }
}
