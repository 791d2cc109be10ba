/// A plain-text table for terminals: columns padded to width, numbers right-aligned.
package struct TextTable: Sendable {
    /// How a column's cells line up.
    package enum Alignment: Sendable { case left, right }

    /// The column headers.
    package var headers: [String]
    /// Each column's alignment.
    package var alignments: [Alignment]
    /// The rows added so far.
    package var rows: [[String]] = []

    /// A table with `headers`, left-aligned unless `alignments` says otherwise.
    package init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.map { _ in .left }
    }

    /// Adds a row (one cell per column).
    package mutating func add(_ row: [String]) {
        rows.append(row)
    }

    /// The table as lines of text, with a rule under the header.
    package func render(indent: String = "") -> String {
        let all = [headers] + rows
        var widths = [Int](repeating: 0, count: headers.count)
        for row in all {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for i in 0..<headers.count {
                let cell = i < row.count ? row[i] : ""
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                let last = i == headers.count - 1
                switch alignments[i] {
                case .left: parts.append(last ? cell : cell + pad)
                case .right: parts.append(pad + cell)
                }
            }
            return indent + parts.joined(separator: "  ")
        }
        var out = [line(headers), indent + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}
