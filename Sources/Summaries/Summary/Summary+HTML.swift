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
            var figure = "-", change = "-", rag = "-", ragClass = ""
            if case .kpi(let r, _) = item.kind {
                let hide = audience == .public && r.disclosure.isWithheld
                figure = hide ? SuppressionRule.symbol : KPIReport.figureText(r.counts.proportion)
                change = hide ? "-" : r.evaluation.baseline.map(KPIReport.changeText) ?? "-"
                rag = hide && r.evaluation.rag != .notEnoughResponses ? "withheld" : r.evaluation.ragWords
                ragClass = hide ? "" : r.evaluation.rag.rawValue
            } else if case .theme(let t) = item.kind {
                figure = audience == .public && (1...4).contains(t.mentions) ? "fewer than 5 comments" : "\(t.mentions) comment\(t.mentions == 1 ? "" : "s")"
            }
            let did = item.actions.isEmpty ? "no action recorded yet" : item.actions.map { "\($0.title) (\($0.status.rawValue.uppercased()))" }.joined(separator: "; ")
            body.append("<tr><td class=\"num\">\(n + 1)</td><th scope=\"row\"><a href=\"#item-\(n + 1)\">\(h(item.title))</a></th><td class=\"num\">\(h(figure))</td><td>\(h(change))</td><td>\(ragClass.isEmpty ? h(rag) : "<span class=\"rag rag-\(ragClass)\">\(h(rag))</span>")</td><td>\(h(did))</td></tr>")
        }
        body.append("</tbody></table>")
        body.append("<h2 id=\"you-said-we-did\">You said, we did</h2>")
        for (n, item) in items.enumerated() {
            body.append("<section class=\"item\" id=\"item-\(n + 1)\" aria-labelledby=\"item-\(n + 1)-title\"><h3 id=\"item-\(n + 1)-title\">\(n + 1). \(h(item.title))</h3>")
            body.append("<p><span class=\"label\">You said:</span> \(h(item.youSaid))</p>")
            for quote in item.quotes { body.append("<blockquote><p>\u{201C}\(h(quote))\u{201D}</p></blockquote>") }
            if item.actions.isEmpty {
                body.append("<p><span class=\"label\">We did:</span> no action recorded yet.</p>")
            } else {
                body.append("<p class=\"label\">We did:</p><ul>")
                for a in item.actions { body.append("<li>\(actionHTML(a))</li>") }
                body.append("</ul>")
            }
            if !item.whatChanged.isEmpty {
                body.append("<p><span class=\"label\">What changed since:</span> \(h(item.whatChanged.joined(separator: "; ")))</p>")
            }
            if case .kpi(let r, let trend) = item.kind { body.append(charts(r, trend: trend, id: "c\(n + 1)")) }
            body.append("</section>")
        }
        if !measures.isEmpty {
            body.append("<h2 id=\"measures\">How we are doing on timeliness and reviews</h2>")
            body.append("<table><caption>Administrative measures</caption><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Period</th><th scope=\"col\">Figure</th><th scope=\"col\">Compared with</th><th scope=\"col\">Rating</th></tr></thead><tbody>")
            for m in measures {
                for (record, e) in m.periods {
                    let compared = e.comparators.map { "\($0.name) \(Baseline.format($0.percent))% (\($0.pointsText ?? "-"))" }
                        + (e.baseline.flatMap { b in b.pointsText.map { ["\(b.label): \($0)"] } } ?? [])
                    let rag = e.rag
                    body.append("<tr><th scope=\"row\">\(h(m.measure.title))</th><td>\(h(record.period))</td><td class=\"num\">\(h(KPIReport.figureText(e.figure)))</td><td>\(h(compared.isEmpty ? "-" : compared.joined(separator: "; ")))</td><td>\([.green, .amber, .red].contains(rag) ? "<span class=\"rag rag-\(rag.rawValue)\">\(h(rag.words))</span>" : h(rag.words))</td></tr>")
                }
            }
            body.append("</tbody></table>")
        }
        if !otherActions.isEmpty {
            body.append("<h2 id=\"other-actions\">Other things we did</h2><ul>")
            for a in otherActions {
                body.append("<li>" + (Self.youSaidOf(a).map { "<span class=\"label\">You said:</span> \(h($0)) <span class=\"label\">We did:</span> " } ?? "") + actionHTML(a) + "</li>")
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

    func actionHTML(_ a: Action) -> String {
        let h = Escaping.html
        var s = "\(h(a.title)) <span class=\"status\">[\(a.status.rawValue.uppercased()): \(h(a.status.meaning))]</span>"
        if let done = a.done { s += " done \(h(done))" } else if let due = a.due { s += " due \(h(due))" }
        if !a.updates.isEmpty {
            s += "<ul>" + a.updates.map { u in
                "<li>\(h(u.date))" + (u.status.map { " [\($0.rawValue.uppercased())]" } ?? "") + (u.note.map { ": \(h($0))" } ?? "") + "</li>"
            }.joined() + "</ul>"
        }
        return s
    }

    /// The answers to chart. In public, when an answer option was given by too few people,
    /// options are merged (disagree, neither, agree; then "did not agree" and agree) until
    /// no cell is withheld, the usual way to publish a distribution without small cells.
    func chartSegments(_ r: KPIResult, positions: [String: Int]) -> [DivergingBarChart.Segment]? {
        guard r.counts.proportion.total > 0, r.options.contains(where: { positions[$0.code] != nil }) else { return nil }
        let full = r.options.map {
            DivergingBarChart.Segment(label: $0.label, count: $0.count, position: $0.substantive ? positions[$0.code] : nil)
        }
        guard audience == .public else { return full }
        if r.disclosure.isWithheld { return nil }
        let rule = SuppressionRule(threshold: provenance.suppressionThreshold)
        let onScale = full.filter { $0.position != nil }
        func count(_ test: (Int) -> Bool) -> Int { onScale.filter { test($0.position!) }.map(\.count).reduce(0, +) }
        let levels: [[DivergingBarChart.Segment]] = [
            onScale,
            [.init(label: "Disagree (all)", count: count { $0 < 0 }, position: -1), .init(label: "Neither", count: count { $0 == 0 }, position: 0),
             .init(label: "Agree (all)", count: count { $0 > 0 }, position: 1)],
            [.init(label: "Did not agree", count: count { $0 <= 0 }, position: -1), .init(label: "Agreed", count: count { $0 > 0 }, position: 1)],
        ]
        for level in levels {
            let total = level.map(\.count).reduce(0, +)
            if !rule.protect(counts: level.map(\.count), total: total).contains(where: \.isWithheld) { return level }
        }
        return nil
    }

    /// The answer distribution and the trend, after the figures in words.
    func charts(_ r: KPIResult, trend: KPITrend?, id: String) -> String {
        let positions: [String: Int] = ["strongly-disagree": -2, "disagree": -1, "neither": 0, "agree": 1, "strongly-agree": 2,
                                        "very-dissatisfied": -2, "dissatisfied": -1, "very-satisfied": 2, "satisfied": 1]
        var parts: [String] = []
        if let segments = chartSegments(r, positions: positions) {
            parts.append(DivergingBarChart(title: r.kpi.title, segments: segments).svg(id: id + "-bar"))
        } else if audience == .public && !r.disclosure.isWithheld {
            parts.append("<p class=\"note\">The chart of answers is not shown because some answers were given by too few people to publish.</p>")
        }
        if let trend, trend.trend.points.count >= 2 {
            let points = zip(trend.trend.points, trend.disclosure).map { point, disclosure in
                TrendLineChart.Point(label: point.period.label,
                                     percent: audience == .public && disclosure.isWithheld ? nil : point.proportion.percent)
            }
            let target = r.evaluation.target?.percent
            parts.append(TrendLineChart(title: r.kpi.title, points: points, target: target).svg(id: id + "-trend"))
            parts.append("<p class=\"note\">Trend: \(Escaping.html(trend.trend.description)).</p>")
        }
        return parts.joined(separator: "\n")
    }
}
