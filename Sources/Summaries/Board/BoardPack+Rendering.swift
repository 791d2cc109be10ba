import FeedbackStatistics
import ResponseIngestion

extension BoardPack: PublicationOutput {
    /// The board pack in `format` (text, markdown, html, csv, json, xlsx...).
    package func render(_ format: String) throws -> String {
        switch format {
        case "json": return try PublicationJSON.text(self, marking: marking)
        case "csv": return csv()
        case "markdown": return markdown()
        case "html": return html()
        default: return text() + "\n"
        }
    }

    /// An internal pack's marking; nil in public.
    var marking: InternalMarking? { audience == .internal ? provenance.marking : nil }

    /// What an internal pack says before anything else, in every format.
    var marker: String? { marking?.notice }

    /// "50% [34-66] AMBER", or the symbol, or "-" with nothing recorded.
    static func cellText(_ cell: BoardCell?, rating: Bool = true) -> String {
        guard let cell else { return "-" }
        var s = cell.figure.plain { f in
            guard let p = f.percent else { return "no answers" }
            let whole = Int(p.rounded(.toNearestOrAwayFromZero))
            return "\(whole)%"
                + (f.interval.map {
                    " [\(Int($0.lower.rounded(.toNearestOrAwayFromZero)))-\(Int($0.upper.rounded(.toNearestOrAwayFromZero)))]"
                } ?? "")
        }
        if let label = cell.label { s += " (\(label))" }
        if rating, let rag = cell.rating.value?.rag { s += " " + shortRating(rag) }
        return s
    }

    /// "GREEN", "AMBER", "RED", or a short word for the others.
    static func shortRating(_ rag: String) -> String {
        switch rag {
        case "GREEN", "AMBER", "RED": return rag
        case RAG.notEnoughResponses.rawValue: return "too few"
        case RAG.noTarget.rawValue: return "no target"
        default: return "not rated"
        }
    }

    /// The direction in a word or two ("clearly improving").
    static func directionText(_ d: TrendTestValue?) -> String {
        guard let d else { return "-" }
        return d.description.components(separatedBy: " (").first ?? d.description
    }

    func headLines() -> [String] {
        var lines: [String] = []
        if let marker { lines.append(marker) }
        lines.append("Board pack: \(organisation)")
        lines.append(
            "Quarter: \(period.description); \(periods.count) quarters shown, \(periods.first?.label ?? "") to \(periods.last?.label ?? "")"
        )
        lines.append(
            "Figures: % agreeing [\(ConfidenceText.percent(provenance.confidence)) interval] and rating, as each stood at its quarter's end; c = withheld in public."
        )
        return lines
    }

    func provenanceLines() -> [String] {
        var lines = ["About these figures"]
        lines.append(
            "  Period \(provenance.period.description); surveys \(provenance.surveys.joined(separator: ", ")).")
        lines.append(
            "  "
                + (audience == .public
                    ? "Figures based on fewer than \(provenance.suppression.threshold) answers, counts of \(provenance.suppression.smallCounts), and any figure from which one could be worked out are withheld (\(provenance.suppression.symbol))."
                    : "INTERNAL: nothing withheld; do not publish."))
        for i in provenance.imports { lines.append("  import \(i.id): \(i.file) sha256 \(i.sha256)") }
        lines.append("  Made with engage \(provenance.engageVersion) on \(provenance.generated).")
        return lines
    }

    /// For the terminal.
    package func text() -> String {
        var lines = headLines()
        lines.append("")
        lines.append("Exceptions")
        if exceptions.isEmpty { lines.append("  none: no RED, no overdue action, no KPI with too few responses") }
        for e in exceptions { lines.append("  \(e.kind.uppercased()): \(e.title) - \(e.detail)") }
        lines.append("")
        lines.append(
            "Ratings changed since \(periods.count >= 2 ? periods[periods.count - 2].label : "the previous quarter")")
        if changes.isEmpty { lines.append("  none") }
        for c in changes { lines.append("  \(c.title): \(c.from) -> \(c.to)") }
        lines.append("")
        var table = TextTable(headers: ["KPI or measure"] + periods.map(\.label) + ["direction"])
        for row in rows {
            table.add([row.title] + row.cells.map { Self.cellText($0) } + [Self.directionText(row.direction)])
        }
        lines.append(table.render())
        lines.append("")
        lines.append("Actions behind each")
        for row in rows where !row.actions.isEmpty {
            lines.append("  \(row.title)")
            for a in row.actions { lines.append("    - " + a.line) }
        }
        lines.append("")
        lines.append(contentsOf: provenanceLines())
        return lines.joined(separator: "\n")
    }

    /// For a committee paper (pastes into Word via any Markdown converter).
    package func markdown() -> String {
        let md = Escaping.markdown
        var out: [String] = []
        if let marker { out += ["> **\(md(marker))**", ""] }
        out += ["# Board pack: \(md(organisation))", "", "**Quarter:** \(md(period.description))", ""]
        out += ["## Exceptions", ""]
        if exceptions.isEmpty { out.append("None: no RED, no overdue action, no KPI with too few responses.") }
        for e in exceptions { out.append("- **\(md(e.kind.uppercased()))** \(md(e.title)): \(md(e.detail))") }
        out += [
            "",
            "## Ratings changed since \(md(periods.count >= 2 ? periods[periods.count - 2].label : "the previous quarter"))",
            "",
        ]
        if changes.isEmpty { out.append("None.") }
        for c in changes { out.append("- \(md(c.title)): \(md(c.from)) to \(md(c.to))") }
        out += [
            "", "## Quarter by quarter", "",
            "| KPI or measure | " + periods.map { md($0.label) }.joined(separator: " | ") + " | direction |",
            "|---|" + periods.map { _ in "---|" }.joined() + "---|",
        ]
        for row in rows {
            out.append(
                "| "
                    + ([row.title] + row.cells.map { Self.cellText($0) } + [Self.directionText(row.direction)]).map(md)
                    .joined(separator: " | ") + " |")
        }
        out += [
            "",
            "Figures: % agreeing [\(ConfidenceText.percent(provenance.confidence)) interval] and rating, as each stood at its quarter's end; c = withheld in public.",
            "",
        ]
        out += ["## Actions behind each", ""]
        for row in rows where !row.actions.isEmpty {
            out.append("**\(md(row.title))**")
            out.append("")
            for a in row.actions { out.append("- " + md(a.line)) }
            out.append("")
        }
        out += ["---", ""]
        out += provenanceLines().map { "- " + md($0.trimmingCharacters(in: .whitespaces)) }
        return out.joined(separator: "\n") + "\n"
    }

    /// One row per KPI or measure per quarter; an internal pack starts with its marker
    /// and provenance rows.
    package func csv() -> String {
        var writer = CSVWriter()
        marking?.csvRows(&writer)
        writer.row([
            "kind", "id", "title", "quarter", "from", "to", "recorded_period", "positive", "base", "percent", "lower",
            "upper",
            "rating", "withheld_reason",
        ])
        for row in rows {
            for (column, cell) in zip(periods, row.cells) {
                guard let cell else { continue }
                let f = cell.figure
                let symbol = CSVWriter.Cell.text(f.withheld?.symbol ?? "")
                func num(_ v: Double?) -> CSVWriter.Cell {
                    f.value == nil ? symbol : v.map { .number(String($0)) } ?? .empty
                }
                writer.row([
                    .text(row.kind), .text(row.id), .text(row.title), .text(column.label), .text(column.from),
                    .text(column.to),
                    .optional(cell.label), f.value.map { v in v.positive.map { .number($0) } ?? .empty } ?? symbol,
                    f.value.map { v in v.substantive.map { .number($0) } ?? .empty } ?? symbol,
                    num(f.value?.percent), num(f.value?.interval?.lower), num(f.value?.interval?.upper),
                    .text(cell.rating.plain { $0.rag }), .optional(f.withheld?.note),
                ])
            }
        }
        return writer.text
    }
}
