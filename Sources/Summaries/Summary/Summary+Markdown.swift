import FeedbackStatistics
import SurveyDefinition

extension Summary {
    /// For committee papers.
    package func markdown() -> String {
        let md = Escaping.markdown
        var out = marking.map { ["> **\(md($0.notice))**", ""] } ?? []
        out += ["# You said, we did: \(md(organisation))", "", "**Period:** \(md(period.description))", ""]
        out.append("| # | finding | figure | change | RAG | we did |")
        out.append("|---:|---|---|---|---|---|")
        for (n, item) in items.enumerated() {
            let g = glance(item)
            let did =
                item.weDid.isEmpty
                ? "no action recorded yet"
                : item.weDid.map { "\($0.title) (\($0.status.uppercased())\($0.overdue ? ", overdue" : ""))" }.joined(
                    separator: "; ")
            out.append(
                "| \(n + 1) | \(md(item.title)) | \(md(g.figure)) | \(md(g.change)) | \(md(g.rating)) | \(md(did)) |")
        }
        out.append("")
        for (n, item) in items.enumerated() {
            out.append("## \(n + 1). \(md(item.title))")
            out.append("")
            out.append("**You said:** \(md(item.youSaidText))")
            if let showed = item.surveyShowed {
                out.append("")
                out.append("**What the survey showed:** \(md(showed))")
            }
            for quote in item.quotes {
                out.append("")
                out.append("> \(md(quote.text))" + (unapprovedMark(quote).map { " *\(md($0))*" } ?? ""))
            }
            out.append("")
            if item.weDid.isEmpty {
                out.append("**We did:** no action recorded yet.")
            } else {
                out.append("**We did:**")
                out.append("")
                for action in item.weDid { out.append("- \(md(action.line))") }
            }
            if !item.whatChanged.isEmpty {
                out.append("")
                out.append("**What changed since:** \(md(item.whatChanged.joined(separator: "; ")))")
            }
            out.append("")
        }
        if !measures.isEmpty {
            out.append("## Measures")
            out.append("")
            for m in measures {
                for line in m.text().split(separator: "\n") {
                    out.append("- \(md(line.trimmingCharacters(in: .whitespaces)))")
                }
            }
            out.append("")
        }
        if !otherActions.isEmpty {
            out.append("## Other things we did")
            out.append("")
            for action in otherActions {
                out.append("- \(md(action.line))" + (action.youSaid.map { " (you said: \(md($0)))" } ?? ""))
            }
            out.append("")
        }
        out.append("---")
        out.append("")
        out.append(contentsOf: provenanceLines().map { "- " + md($0.trimmingCharacters(in: .whitespaces)) })
        return out.joined(separator: "\n") + "\n"
    }
}
