import FeedbackStatistics

extension BoardPack {
    /// The board paper: exceptions first, what changed, then one table of every KPI and
    /// measure by quarter (figure, interval, rating in words and colour), the actions
    /// behind each, and the provenance; printed on A4 landscape.
    package func html() -> String {
        let h = Escaping.html
        var body: [String] = ["<main id=\"main\">", "<h1>Board pack: \(h(PlainDates.period(period)))</h1>"]
        body.append(
            "<p class=\"lede\">Every KPI and measure for the \(periods.count) quarters to \(h(period.description)), as each stood at its quarter's end; exceptions first.</p>"
        )
        body.append("<h2 id=\"exceptions\">Exceptions</h2>")
        if exceptions.isEmpty {
            body.append("<p>None: no RED rating, no overdue action, no KPI with too few responses to rate.</p>")
        } else {
            body.append(
                "<table class=\"reflow\"><caption>What needs the board's attention, most serious first</caption><thead><tr><th scope=\"col\">Exception</th><th scope=\"col\">KPI, measure or action</th><th scope=\"col\">Detail</th></tr></thead><tbody>"
            )
            for e in exceptions {
                let badge =
                    e.kind.contains("RED")
                    ? "<span class=\"rag rag-RED\">\(h(e.kind))</span>" : "<strong>\(h(e.kind))</strong>"
                body.append(
                    "<tr><td data-label=\"Exception\">\(badge)</td><th scope=\"row\">\(h(e.title))</th><td data-label=\"Detail\">\(h(e.detail))</td></tr>"
                )
            }
            body.append("</tbody></table>")
        }
        let previous = periods.count >= 2 ? periods[periods.count - 2].label : "the previous quarter"
        body.append("<h2 id=\"changes\">Ratings changed since \(h(previous))</h2>")
        if changes.isEmpty {
            body.append("<p>None.</p>")
        } else {
            body.append(
                "<ul>"
                    + changes.map { "<li>\(h($0.title)): \(Self.badge($0.from)) to \(Self.badge($0.to))</li>" }.joined()
                    + "</ul>")
        }
        body.append("<h2 id=\"quarters\">Quarter by quarter</h2>")
        body.append(
            "<div class=\"scroll\" role=\"region\" aria-labelledby=\"board-caption\" tabindex=\"0\"><table class=\"board\"><caption id=\"board-caption\">Per cent agreeing (or meeting the measure), \(h(ConfidenceText.percent(provenance.confidence))) interval and rating</caption><thead><tr><th scope=\"col\">KPI or measure</th>"
        )
        body.append(
            periods.map { "<th scope=\"col\">\(h($0.label))</th>" }.joined()
                + "<th scope=\"col\">Direction</th></tr></thead><tbody>")
        for row in rows {
            var tr = "<tr><th scope=\"row\">\(h(row.title))</th>"
            for cell in row.cells { tr += "<td>\(Self.cellHTML(cell))</td>" }
            tr += "<td>\(h(Self.directionText(row.direction)))</td></tr>"
            body.append(tr)
        }
        body.append("</tbody></table></div>")
        body.append("<h2 id=\"actions\">Actions behind each</h2>")
        for row in rows where !row.actions.isEmpty {
            body.append("<section class=\"actions\"><h3>\(h(row.title))</h3><ul>")
            for a in row.actions {
                body.append(
                    "<li>\(h(a.title)) \(Self.badge(a.status.uppercased())) \(h(a.statusMeaning))"
                        + (a.done.map { ", done \(h($0))" } ?? a.due.map { ", due \(h($0))" } ?? "")
                        + (a.overdue ? " <strong>overdue</strong>" : "")
                        + (a.updates.last.flatMap { u in u.note.map { "<br/>Latest update \(h(u.date)): \(h($0))" } }
                            ?? "") + "</li>")
            }
            body.append("</ul></section>")
        }
        body.append("</main>")
        body.append(
            "<footer class=\"page-foot\"><h2 id=\"about\">About these figures</h2><ul>"
                + provenanceLines().dropFirst().map {
                    "<li class=\"hash\">\(h($0.trimmingCharacters(in: .whitespaces)))</li>"
                }.joined() + "</ul></footer>")
        return HTMLPage.document(
            title: "Board pack: \(period.label) - \(organisation)", page: page, marker: marker,
            body: body.joined(separator: "\n"), extraStyle: Self.style)
    }

    static let style = """
        table.board td,table.board th{font-size:1rem;padding:.35rem .4rem}table.board td{white-space:nowrap}
        table.board .fig{display:block;font-weight:700}table.board .counts{font-weight:400;color:#505a5f}table.board .ci{display:block;color:#505a5f}
        .page-foot li.hash{font-family:inherit}
        @page{size:A4 landscape;margin:10mm}
        @media print{table.board td,table.board th{font-size:8pt;padding:.15rem .25rem}.scroll{overflow:visible}section.actions{break-inside:avoid}}
        """

    static func badge(_ rag: String) -> String {
        ["GREEN", "AMBER", "RED", "BLUE"].contains(rag)
            ? "<span class=\"rag rag-\(rag)\">\(Escaping.html(rag.prefix(1) + rag.dropFirst().lowercased()))</span>"
            : Escaping.html(rag)
    }

    static func cellHTML(_ cell: BoardCell?) -> String {
        guard let cell else { return "-" }
        let h = Escaping.html
        guard let f = cell.figure.value else {
            return
                "<span class=\"fig\">\(h(cell.figure.withheld?.symbol ?? "-"))</span><span class=\"ci\">\(h(cell.figure.withheld?.note ?? ""))</span>"
        }
        var s =
            "<span class=\"fig\">"
            + h(f.percent.map { "\(Int($0.rounded(.toNearestOrAwayFromZero)))%" } ?? "no answers")
        if let n = f.positive, let d = f.substantive { s += " <span class=\"counts\">(\(n)/\(d))</span>" }
        s += "</span>"
        if let i = f.interval { s += "<span class=\"ci\">\(h(i.displayed))</span>" }
        if let label = cell.label { s += "<span class=\"ci\">\(h(label))</span>" }
        if let r = cell.rating.value {
            s += badge(r.rag) == h(r.rag) ? "<span class=\"ci\">\(h(shortRating(r.rag)))</span>" : badge(r.rag)
        }
        return s
    }
}
