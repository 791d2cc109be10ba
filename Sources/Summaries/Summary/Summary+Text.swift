import FeedbackStatistics
import SurveyDefinition

extension Summary {
    /// For the terminal.
    package func text() -> String {
        var lines = marking.map { [$0.notice] } ?? []
        lines += ["You said, we did: \(organisation)", "Period: \(period.description)", ""]
        for (n, item) in items.enumerated() {
            lines.append("\(n + 1). \(item.title) [\(item.attentionReason)]")
            lines.append("   You said: \(item.youSaidText)")
            if let showed = item.surveyShowed { lines.append("   The survey showed: \(showed)") }
            if let figures = item.figures { lines.append("   In figures: \(figures)") }
            for quote in item.quotes {
                lines.append("     \u{201C}\(quote.text)\u{201D}" + (unapprovedMark(quote).map { " " + $0 } ?? ""))
            }
            if item.weDid.isEmpty {
                lines.append("   We did: no action recorded yet.")
            } else {
                for action in item.weDid { lines.append("   We did: " + action.line) }
            }
            if !item.whatChanged.isEmpty {
                lines.append("   What changed since: " + item.whatChanged.joined(separator: "; "))
            }
            lines.append("")
        }
        if !measures.isEmpty {
            lines.append("Measures")
            for m in measures { lines.append(m.text()) }
            lines.append("")
        }
        if !otherActions.isEmpty {
            lines.append("Other things we did")
            for action in otherActions {
                lines.append("  - " + action.line)
                if let said = action.youSaid { lines.append("    (you said: \(said))") }
            }
            lines.append("")
        }
        lines.append(contentsOf: provenanceLines())
        return Escaping.text(lines.joined(separator: "\n"))
    }

    /// The figure, change and rating of an item, for the tables at the top.
    func glance(_ item: SummaryItem) -> (figure: String, change: String, rating: String, rag: String?) {
        if let k = item.kpi {
            return (
                k.figure.plain { $0.displayed },
                k.change?.plain { c in
                    c.verdict == ChangeVerdict.baselineTooSmall.rawValue
                        ? "too small to compare" : c.displayed.map { "\($0), \(c.verdict)" } ?? "-"
                } ?? "-",
                k.rating.plain { $0.words }, k.rating.value?.rag
            )
        }
        if let t = item.theme {
            return (t.mentions.plain { "\($0) comment\($0 == 1 ? "" : "s")" }, "-", "-", nil)
        }
        return ("-", "-", "-", nil)
    }

    /// "[not yet approved: engage quotes approve q…]" for a quote the officer has not
    /// approved, in an internal output; nothing in a public one.
    func unapprovedMark(_ quote: QuoteValue) -> String? {
        guard audience == .internal, !quote.approved else { return nil }
        return "[not yet approved" + (quote.id.map { ": engage quotes approve \($0)" } ?? "") + "]"
    }

    func provenanceLines() -> [String] {
        var lines = ["About these figures"]
        lines.append(
            "  Period \(provenance.period.description); surveys \(provenance.surveys.joined(separator: ", ")).")
        lines.append(
            "  \(provenance.dontKnowRule); percentages rounded to whole numbers; \(ConfidenceText.percent(provenance.confidence)) intervals (Wilson); changes in percentage points, \"clear\" when the interval for the change excludes 0; a target \"clearly met\" only when the whole interval reaches it."
        )
        if let sentence = comparisons?.sentence { lines.append("  " + sentence) }
        lines.append(
            "  Figures, trends, actions and measures as they stood on \(provenance.period.to), the end of the period; \"what changed since\" compares periods and does not say what caused a change."
        )
        let s = provenance.suppression
        lines.append(
            "  "
                + (audience == .public
                    ? "Figures based on fewer than \(s.threshold) answers, counts of \(s.smallCounts), and any figure from which one could be worked out are withheld (shown as \(s.symbol)). Quotes only from people who agreed to be quoted, with personal details removed."
                    : "INTERNAL: nothing withheld; figures a public version withholds are marked. Do not publish."))
        lines.append("  " + provenance.quotes.sentence)
        for i in provenance.imports { lines.append("  import \(i.id): \(i.file) sha256 \(i.sha256)") }
        lines.append("  Made with engage \(provenance.engageVersion) on \(provenance.generated).")
        return lines
    }
}
