/// Writes CSV that spreadsheets open safely: RFC 4180 quoting, CRLF line ends, no
/// invisible or reordering characters (``InvisibleText``), and text that Excel,
/// LibreOffice or Google Sheets would run as a formula prefixed with `'` so that it
/// shows as text. A cell counts as a formula when it starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return, or with spaces or line breaks and then one of those
/// (some programs trim before they look). The `'` is what Excel itself shows for
/// text typed that way; the one cost is that other tools show it too.
///
/// Numbers written with ``number(_:)`` are left as numbers, so `-6` stays a figure.
public struct CSVWriter: Sendable {
    /// The CSV written so far (CRLF line ends).
    public private(set) var text = ""

    /// An empty CSV.
    public init() {}

    /// Appends one record.
    public mutating func row(_ cells: [Cell]) {
        for (i, cell) in cells.enumerated() {
            if i > 0 { text += "," }
            text += cell.encoded
        }
        text += "\r\n"
    }

    /// Appends one record of text cells.
    public mutating func row(_ cells: [String]) {
        row(cells.map(Cell.text))
    }

    /// A cell: text is protected against formulas; numbers are written as they are.
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(String)
        case empty

        /// A whole number, written as a number.
        public static func number(_ value: Int) -> Cell { .number(String(value)) }
        /// The text, or an empty cell for `nil`.
        public static func optional(_ value: String?) -> Cell { value.map(Cell.text) ?? .empty }

        var encoded: String {
            switch self {
            case .empty: return ""
            case .number(let n): return n
            case .text(let s): return CSVWriter.escape(s)
            }
        }
    }

    /// One text cell, quoted when needed and protected against formula injection.
    /// (Byte checks: every character that matters is ASCII.)
    public static func escape(_ raw: String) -> String {
        let value = InvisibleText.clean(raw)
        let utf8 = value.utf8
        guard let first = utf8.first, let last = utf8.last else { return value }
        let formula = startsFormula(utf8)
        // , " LF CR ; tab, or a leading or trailing space, need quotes.
        let quote =
            first == 0x20 || last == 0x20
            || utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3B || $0 == 0x09 }
        let s = formula ? "'" + value : value
        guard quote else { return s }
        return "\"" + (utf8.contains(0x22) ? s.replacingOccurrences(of: "\"", with: "\"\"") : s) + "\""
    }

    /// = + - @ tab CR first, or after leading spaces and line breaks.
    static func startsFormula(_ utf8: String.UTF8View) -> Bool {
        guard let first = utf8.first else { return false }
        if first == 0x09 || first == 0x0D { return true }
        for byte in utf8 {
            switch byte {
            case 0x20, 0x0A, 0x09, 0x0D: continue
            case 0x3D, 0x2B, 0x2D, 0x40: return true
            default: return false
            }
        }
        return false
    }
}
