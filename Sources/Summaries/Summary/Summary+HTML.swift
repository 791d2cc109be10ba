import FeedbackStatistics
import ResponseStore
import SurveyDefinition

extension Summary {
    static let stylesheet = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#0b0c0c;background:#ffffff;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;line-height:1.5}
    h1{font-size:2rem;margin-bottom:.25rem}h2{font-size:1.5rem;margin-top:2.5rem;border-bottom:2px solid #0b0c0c}h3{font-size:1.2rem;margin-bottom:.25rem}
    table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:bold;padding:.25rem 0}
    th,td{border:1px solid #b1b4b6;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f3f2f1}td.num{text-align:right;white-space:nowrap}
    .rag{font-weight:bold;padding:0 .35rem;border:2px solid #0b0c0c;white-space:nowrap}.rag-GREEN{background:#cce2d8}.rag-AMBER{background:#fff1c2}.rag-RED{background:#f6d7d2}
    .status{font-weight:bold}blockquote{border-left:4px solid #1d70b8;margin:.5rem 0;padding:.25rem .75rem;background:#f3f2f1}
    section.item{border-top:1px solid #b1b4b6;padding-top:.5rem}.label{font-weight:bold}.note{font-size:.9rem;color:#505a5f}
    .chart{max-width:640px;display:block;margin:.5rem 0}.trend{display:block;margin:.5rem 0}.internal{border:3px solid #d4351c;padding:.5rem;font-weight:bold}
    footer{margin-top:3rem;border-top:2px solid #0b0c0c;font-size:.9rem}
    @media print{body{max-width:none;padding:0}h2{break-after:avoid}section.item,table,svg{break-inside:avoid}a{color:#000000}}
    """

    /// One self-contained, well-formed HTML document: no scripts, fonts or images from
    /// elsewhere; tables before charts; every chart with a text alternative; RAG in words.
    public func html() -> String {
        let h = Escaping.html
        var body: [String] = []
        body.append("<header><h1>You said, we did</h1><p class=\"lede\">\(h(organisation)): what families told us, what we did about it, and what has changed since. Period: <strong>\(h(period.description))</strong>.</p></header>")
        if audience == .internal {
            body.append("<p class=\"internal\">INTERNAL VERSION: small numbers are not withheld. Do not publish; use --audience public.</p>")
        }
        body.append("<main>")
        // The figures first, as a table, so a screen reader meets them before any chart.
        body.append("<h2 id=\"at-a-glance\">At a glance</h2>")
        body.append("<table><caption>What you said, in order of what most needs attention</caption><thead><tr><th scope=\"col\">#</th><th scope=\"col\">You said about</th><th scope=\"col\">Figure</th><th scope=\"col\">Change since baseline</th><th scope=\"col\">Rating</th><th scope=\"col\">We did</th></tr></thead><tbody>")
        for (n, item) in items.enumerated() {
            let g = glance(item)
            let did = item.weDid.isEmpty ? "no action recorded yet" : item.weDid.map { "\($0.title) (\($0.status.uppercased())\($0.overdue ? ", overdue" : ""))" }.joined(separator: "; ")
            let rating = g.rag.map { "<span class=\"rag rag-\(h($0))\">\(h(g.rating))</span>" } ?? h(g.rating)
            body.append("<tr><td class=\"num\">\(n + 1)</td><th scope=\"row\"><a href=\"#item-\(n + 1)\">\(h(item.title))</a></th><td class=\"num\">\(h(g.figure))</td><td>\(h(g.change))</td><td>\(rating)</td><td>\(h(did))</td></tr>")
        }
        body.append("</tbody></table>")
        body.append("<h2 id=\"you-said-we-did\">You said, we did</h2>")
        for (n, item) in items.enumerated() {
            body.append("<section class=\"item\" id=\"item-\(n + 1)\" aria-labelledby=\"item-\(n + 1)-title\"><h3 id=\"item-\(n + 1)-title\">\(n + 1). \(h(item.title))</h3>")
            body.append("<p><span class=\"label\">You said:</span> \(h(item.youSaidText))</p>")
            if let showed = item.surveyShowed { body.append("<p><span class=\"label\">What the survey showed:</span> \(h(showed))</p>") }
            for quote in item.quotes {
                body.append("<blockquote><p>\u{201C}\(h(quote.text))\u{201D}</p>" + (unapprovedMark(quote).map { "<p class=\"internal\">\(h($0))</p>" } ?? "") + "</blockquote>")
            }
            if item.weDid.isEmpty {
                body.append("<p><span class=\"label\">We did:</span> no action recorded yet.</p>")
            } else {
                body.append("<p class=\"label\">We did:</p><ul>")
                for a in item.weDid { body.append("<li>\(actionHTML(a))</li>") }
                body.append("</ul>")
            }
            if !item.whatChanged.isEmpty {
                body.append("<p><span class=\"label\">What changed since:</span> \(h(item.whatChanged.joined(separator: "; ")))</p>")
            }
            if let row = item.kpi { body.append(charts(row, trend: item.trend, id: "c\(n + 1)")) }
            body.append("</section>")
        }
        if !measures.isEmpty {
            body.append("<h2 id=\"measures\">How we are doing on timeliness and reviews</h2>")
            body.append("<table><caption>Administrative measures</caption><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Period</th><th scope=\"col\">Figure</th><th scope=\"col\">Compared with</th><th scope=\"col\">Rating</th></tr></thead><tbody>")
            for m in measures {
                for row in m.periods {
                    let compared = row.comparedText
                    let rag = row.rating.value.flatMap { ["GREEN", "AMBER", "RED"].contains($0.rag) ? $0.rag : nil }
                    let words = row.rating.plain { $0.words }
                    body.append("<tr><th scope=\"row\">\(h(m.title))</th><td>\(h(row.period))</td><td class=\"num\">\(h(row.figure.plain { $0.displayed }))</td><td>\(h(compared.isEmpty ? "-" : compared.joined(separator: "; ")))</td><td>\(rag.map { "<span class=\"rag rag-\($0)\">\(h(words))</span>" } ?? h(words))</td></tr>")
                }
            }
            body.append("</tbody></table>")
        }
        if !otherActions.isEmpty {
            body.append("<h2 id=\"other-actions\">Other things we did</h2><ul>")
            for a in otherActions {
                body.append("<li>" + (a.youSaid.map { "<span class=\"label\">You said:</span> \(h($0)) <span class=\"label\">We did:</span> " } ?? "") + actionHTML(a) + "</li>")
            }
            body.append("</ul>")
        }
        body.append("</main>")
        body.append("<footer><h2 id=\"about\">About these figures</h2><ul>")
        for line in provenanceLines().dropFirst() { body.append("<li>\(h(line.trimmingCharacters(in: .whitespaces)))</li>") }
        body.append("</ul></footer>")
        return """
        <!DOCTYPE html>
        <html lang="en-GB" xmlns="http://www.w3.org/1999/xhtml">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>You said, we did: \(h(organisation)), \(h(period.label))</title>
        <style>\(Self.stylesheet)</style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    func actionHTML(_ a: ActionValue) -> String {
        let h = Escaping.html
        var s = "\(h(a.title)) <span class=\"status\">[\(h(a.status.uppercased())): \(h(a.statusMeaning))]</span>"
        if let done = a.done { s += " done \(h(done))" } else if let due = a.due { s += " due \(h(due))" + (a.overdue ? " <strong>overdue on \(h(a.asOf))</strong>" : "") }
        if !a.updates.isEmpty {
            s += "<ul>" + a.updates.map { u in
                "<li>\(h(u.date))" + (u.status.map { " [\(h($0.uppercased()))]" } ?? "") + (u.note.map { ": \(h($0))" } ?? "") + "</li>"
            }.joined() + "</ul>"
        }
        return s
    }

    /// The answer distribution and the trend, after the figures in words: both drawn
    /// from the values the model shows, gaps where it withholds.
    func charts(_ row: KPIRow, trend: TrendTable?, id: String) -> String {
        var parts: [String] = []
        if let answers = row.answers.value, answers.contains(where: { $0.count > 0 }) {
            let segments = answers.map { DivergingBarChart.Segment(label: $0.label, count: $0.count, position: $0.position) }
            parts.append(DivergingBarChart(title: row.title, segments: segments).svg(id: id + "-bar"))
        } else if let w = row.answers.withheld {
            parts.append("<p class=\"note\">The chart of answers is not shown (\(Escaping.html(w.symbol)): \(Escaping.html(w.note)).</p>")
        }
        if let trend, trend.points.count >= 2 {
            let points = trend.points.map { TrendLineChart.Point(label: $0.period.label, percent: $0.figure.value?.percent) }
            parts.append(TrendLineChart(title: row.title, points: points, target: trend.target).svg(id: id + "-trend"))
            parts.append("<p class=\"note\">Trend: \(Escaping.html(trend.test.description)), from \(Escaping.html(trend.test.basis)).</p>")
        }
        return parts.joined(separator: "\n")
    }
}
