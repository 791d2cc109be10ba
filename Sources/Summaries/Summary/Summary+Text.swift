import FeedbackStatistics
import ResponseStore

extension Summary {
    /// For the terminal.
    public func text() -> String {
        var lines = ["You said, we did: \(organisation)", "Period: \(period.description)", ""]
        for (n, item) in items.enumerated() {
            lines.append("\(n + 1). \(item.title) [\(item.attentionReason)]")
            lines.append("   You said: \(item.youSaid)")
            for quote in item.quotes { lines.append("     \u{201C}\(quote)\u{201D}") }
            if item.actions.isEmpty {
                lines.append("   We did: no action recorded yet.")
            } else {
                for action in item.actions { lines.append("   We did: " + Self.actionLine(action)) }
            }
            if !item.whatChanged.isEmpty { lines.append("   What changed since: " + item.whatChanged.joined(separator: "; ")) }
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
                lines.append("  - " + Self.actionLine(action))
                if let said = Self.youSaidOf(action) { lines.append("    (you said: \(said))") }
            }
            lines.append("")
        }
        lines.append(contentsOf: provenanceLines())
        return lines.joined(separator: "\n")
    }

    static func actionLine(_ a: Action) -> String {
        var s = "\(a.title) (\(a.status.rawValue.uppercased()): \(a.status.meaning)"
        if let done = a.done { s += ", done \(done)" } else if let due = a.due { s += ", due \(due)" }
        s += ")"
        if let last = a.updates.last, let note = last.note { s += "; latest update \(last.date): \(note)" }
        return s
    }

    /// The "You said" part of an action imported from a spreadsheet log.
    static func youSaidOf(_ a: Action) -> String? {
        guard let detail = a.detail, detail.hasPrefix("You said: ") else { return nil }
        return String(detail.dropFirst("You said: ".count).split(separator: "\n").first ?? "")
    }

    func provenanceLines() -> [String] {
        var lines = ["About these figures"]
        lines.append("  Period \(provenance.period.description); surveys \(provenance.surveys.joined(separator: ", ")).")
        lines.append("  \(provenance.dontKnowRule); percentages rounded to whole numbers; \(ConfidenceText.percent(provenance.confidence)) intervals (Wilson); changes in percentage points, \"clear\" when the interval for the change excludes 0; a target \"clearly met\" only when the whole interval reaches it.")
        lines.append("  " + (audience == .public
            ? "Figures based on fewer than \(provenance.suppressionThreshold) answers, and counts of 1 to 4, are withheld (shown as c). Quotes only from people who agreed to be quoted, with personal details removed."
            : "INTERNAL: nothing withheld; figures a public version withholds are marked. Do not publish."))
        for i in provenance.imports { lines.append("  import \(i.id): \(i.file) sha256 \(i.sha256)") }
        lines.append("  Made with engage \(provenance.engageVersion) on \(provenance.generated).")
        return lines
    }
}
