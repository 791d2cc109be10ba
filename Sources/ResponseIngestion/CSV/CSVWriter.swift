/// Writes CSV that spreadsheets open safely: RFC 4180 quoting, CRLF line ends, and
/// text that Excel or LibreOffice would run as a formula (starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) prefixed with `'` so that it shows as text.
///
/// Numbers written with ``number(_:)`` are left as numbers, so `-6` stays a figure.
public struct CSVWriter: Sendable {
    public private(set) var text = ""

    public init() {}

    /// Appends one record.
    public mutating func row(_ cells: [Cell]) {
        text += cells.map(\.encoded).joined(separator: ",")
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

        public static func number(_ value: Int) -> Cell { .number(String(value)) }
        public static func optional(_ value: String?) -> Cell { value.map(Cell.text) ?? .empty }

        var encoded: String {
            switch self {
            case .empty: return ""
            case .number(let n): return n
            case .text(let s): return CSVWriter.escape(s)
            }
        }
    }

    static let special: Set<Unicode.Scalar> = [",", "\"", "\n", "\r", ";", "\t"]

    /// One text cell, quoted when needed and protected against formula injection.
    public static func escape(_ value: String) -> String {
        var s = value
        if let first = s.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            s = "'" + s
        }
        if s.unicodeScalars.contains(where: { Self.special.contains($0) }) || s.hasPrefix(" ") || s.hasSuffix(" ") {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}
