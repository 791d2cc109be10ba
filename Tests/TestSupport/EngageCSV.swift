/// engage's CSV outputs as a test reads them. An internal one starts with its marking
/// (docs/formats.md): a row with the INTERNAL notice, then a `provenance` row, then the
/// header; a public one starts with the header.
public enum EngageCSV {
    /// Whether `text` starts with an internal output's marking.
    public static func isMarked(_ text: String) -> Bool {
        text.hasPrefix("\"INTERNAL: do not publish.")
    }

    /// The lines of `text` from the header on: an internal output's marking rows dropped.
    public static func lines(_ text: String) -> [Substring] {
        var lines = text.split(whereSeparator: \.isNewline)
        if let first = lines.first, isMarked(String(first)) {
            lines.removeFirst()
            if lines.first?.hasPrefix("provenance,") == true { lines.removeFirst() }
        }
        return lines
    }

    /// Parsed rows from the header on: an internal output's marking rows dropped.
    public static func table(_ rows: [[String]]) -> [[String]] {
        var rows = rows
        // (A sheet converted to CSV may give the notice's row empty cells after it.)
        if let first = rows.first, first.first?.hasPrefix("INTERNAL: do not publish.") == true,
            first.dropFirst().allSatisfy(\.isEmpty)
        {
            rows.removeFirst()
            if rows.first?.first == "provenance" { rows.removeFirst() }
        }
        return rows
    }
}
