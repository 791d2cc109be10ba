import FeedbackStatistics
import ResponseStore
import SurveyDefinition

extension Summary {
    /// The page a council publishes as it is: one self-contained, well-formed HTML
    /// document in the organisation's colours, readable on a phone (tables reflow into
    /// cards, charts scale with their text) and printable on A4; the figures as tables
    /// before any chart, every chart with a text alternative, ratings in words as well
    /// as colour; plain words ("July to September 2021", "percentage points") with a
    /// short "how to read this"; provenance (imports and their SHA-256) only in the
    /// closing section. An internal version says "do not publish" above everything.
    package func html() -> String {
        let h = Escaping.html
        let when = PlainDates.period(period)
        var body: [String] = ["<main id=\"main\">"]
        body.append("<h1>You said, we did</h1>")
        body.append(
            "<p class=\"lede\">What families told us about \(h(when)), what we did about it, and what has changed since.</p>"
        )
        body.append(
            HTMLPage.meta(
                page, first: [("Period covered", when), ("Published", PlainDates.long(page.published))]))
        body.append(howToReadHTML())
        body.append("<h2 id=\"at-a-glance\">At a glance</h2>")
        body.append(
            "<table class=\"reflow glance\"><caption>What you told us, the most urgent first</caption><thead><tr><th scope=\"col\">What you told us about</th><th scope=\"col\">Result</th><th scope=\"col\">Change</th><th scope=\"col\">Rating</th><th scope=\"col\">What we did</th></tr></thead><tbody>"
        )
        for (n, item) in items.enumerated() {
            let did = Self.actionsInBrief(item.weDid)
            let (figure, change, rating) = glanceHTML(item)
            body.append(
                "<tr><th scope=\"row\"><a href=\"#item-\(n + 1)\">\(n + 1). \(h(item.title))</a></th><td data-label=\"Result\">\(figure)</td><td data-label=\"Change\">\(change)</td><td data-label=\"Rating\">\(rating)</td><td data-label=\"What we did\">\(h(did))</td></tr>"
            )
        }
        body.append("</tbody></table>")
        body.append("<h2 id=\"you-said-we-did\">You said, we did</h2>")
        for (n, item) in items.enumerated() { body.append(itemHTML(item, number: n + 1)) }
        if !measures.isEmpty {
            body.append("<h2 id=\"measures\">How we are doing on timeliness and reviews</h2>")
            body.append(
                "<table class=\"reflow\"><caption>Figures we record from our own systems</caption><thead><tr><th scope=\"col\">Measure</th><th scope=\"col\">Period</th><th scope=\"col\">Result</th><th scope=\"col\">Compared with</th><th scope=\"col\">Rating</th></tr></thead><tbody>"
            )
            for m in measures {
                for row in m.periods {
                    let compared = row.comparedText
                    body.append(
                        "<tr><th scope=\"row\">\(h(m.title))</th><td data-label=\"Period\">\(h(row.period))</td><td data-label=\"Result\">\(h(row.figure.plain { $0.displayed }))</td><td data-label=\"Compared with\">\(h(compared.isEmpty ? "-" : compared.joined(separator: "; ")))</td><td data-label=\"Rating\">\(Self.ratingHTML(row.rating))</td></tr>"
                    )
                }
            }
            body.append("</tbody></table>")
        }
        if !otherActions.isEmpty {
            body.append("<h2 id=\"other-actions\">Other things we did</h2><ul>")
            for a in otherActions {
                body.append(
                    "<li>"
                        + (a.youSaid.map {
                            "<span class=\"label\">You said:</span> \(h($0)) <span class=\"label\">We did:</span> "
                        } ?? "") + actionHTML(a) + "</li>")
            }
            body.append("</ul>")
        }
        body.append("</main>")
        body.append(aboutHTML())
        return HTMLPage.document(
            title: "You said, we did: \(when) - \(page.organisation)", page: page,
            marker: marking?.notice, body: body.joined(separator: "\n"))
    }

    func howToReadHTML() -> String {
        let s = provenance.suppression
        let level = ConfidenceText.percent(provenance.confidence)
        return """
            <section class="how" aria-labelledby="how-to-read"><h2 id="how-to-read">How to read this page</h2><ul>\
            <li><strong>Result</strong>: the share of people who answered the question and agreed, with how many that is (for example 20 of 40). People who said \u{201C}don\u{2019}t know\u{201D} or \u{201C}not applicable\u{201D} are not counted.</li>\
            <li><strong>Change</strong>: how far the result has moved since the starting point we measure against, in percentage points (from 31% to 50% is up 19 percentage points). \u{201C}Clear\u{201D} means the change is too big to be down to chance alone (we use \(level) confidence).</li>\
            <li><strong>Rating</strong>: <span class="rag rag-GREEN">Green</span> the target has clearly been met; <span class="rag rag-AMBER">Amber</span> not yet clear, or close to the target; <span class="rag rag-RED">Red</span> clearly short of the target. With too few answers we do not rate.</li>\
            <li><strong>c</strong>: a figure we do not show, to protect the privacy of the people who answered: it rests on fewer than \(s.threshold) answers, or could be used to work out one that does.</li>\
            <li>Actions: <strong>completed</strong>, <strong>on track</strong>, <strong>some delay</strong> or <strong>delayed</strong>, as the team responsible reports them.</li>\
            </ul></section>
            """
    }

    /// The figure, change and rating cells of an item, as HTML.
    func glanceHTML(_ item: SummaryItem) -> (String, String, String) {
        let h = Escaping.html
        if let k = item.kpi {
            let figure =
                k.figure.value.map { v in
                    v.percent == nil ? "no answers" : "\(v.percentText) (\(v.positive) of \(v.substantive))"
                }
                ?? Self.withheldHTML(k.figure.withheld)
            return (figure, Self.changeHTML(k.change, baseline: nil, unit: "points"), Self.ratingHTML(k.rating))
        }
        if let t = item.theme {
            return (
                t.mentions.value.map { "\($0) comment\($0 == 1 ? "" : "s")" } ?? Self.withheldHTML(t.mentions.withheld),
                "-", "-"
            )
        }
        return ("-", "-", h("-"))
    }

    func itemHTML(_ item: SummaryItem, number n: Int) -> String {
        let h = Escaping.html
        // A short item is never split across pages; a long one only between its parts.
        let short = item.quotes.count + item.weDid.count + item.weDid.map(\.updates.count).reduce(0, +) <= 3
        var out = [
            "<section class=\"item\(short ? " keep" : "")\" id=\"item-\(n)\" aria-labelledby=\"item-\(n)-title\"><div class=\"words\"><h3 id=\"item-\(n)-title\">\(n). \(h(item.title))</h3>"
        ]
        // Families' words, then what the survey showed, in one paragraph.
        out.append(
            "<p><span class=\"label\">You said:</span> \(h(item.youSaidText))"
                + (item.surveyShowed.map { " <span class=\"label\">What the survey showed:</span> \(h($0))" } ?? "")
                + "</p>")
        for quote in item.quotes {
            out.append(
                "<blockquote><p>\u{201C}\(h(quote.text))\u{201D}</p>"
                    + (unapprovedMark(quote).map { "<p class=\"unapproved\">\(h($0))</p>" } ?? "") + "</blockquote>")
        }
        if item.weDid.isEmpty {
            out.append("<p><span class=\"label\">We did:</span> no action recorded yet.</p>")
        } else {
            out.append("<p class=\"label\">We did:</p><ul>")
            for a in item.weDid { out.append("<li>\(actionHTML(a))</li>") }
            out.append("</ul>")
        }
        if !item.whatChanged.isEmpty {
            out.append(
                "<p><span class=\"label\">What changed since:</span> \(h(item.whatChanged.joined(separator: "; ")))</p>"
            )
        }
        out.append("</div>")
        if let row = item.kpi { out.append(charts(row, trend: item.trend, id: "c\(n)")) }
        out.append("</section>")
        return out.joined(separator: "\n")
    }

    /// "2 actions: 1 completed, 1 on track" (the items list them in full).
    static func actionsInBrief(_ actions: [ActionValue]) -> String {
        guard !actions.isEmpty else { return "No action recorded yet" }
        var counts: [(String, Int)] = []
        for a in actions {
            let word = actionStatusWord(a.status)
            if let i = counts.firstIndex(where: { $0.0 == word }) { counts[i].1 += 1 } else { counts.append((word, 1)) }
        }
        let head = actions.count == 1 ? "1 action" : "\(actions.count) actions"
        let overdue = actions.filter(\.overdue).count
        return head + ": "
            + (counts.count == 1 ? counts[0].0 : counts.map { "\($0.1) \($0.0)" }.joined(separator: ", "))
            + (overdue == 0 ? "" : actions.count == 1 ? ", overdue" : " (\(overdue) overdue)")
    }

    /// "Completed", "On track"... for an action's RAG status.
    static func actionStatusWord(_ status: String) -> String {
        switch status.lowercased() {
        case "blue": return "completed"
        case "green": return "on track"
        case "amber": return "some delay"
        case "red": return "delayed"
        default: return status
        }
    }

    func actionHTML(_ a: ActionValue) -> String {
        let h = Escaping.html
        var s = "\(h(a.title)) <span class=\"status\">(\(h(Self.actionStatusWord(a.status))))</span>"
        if let done = a.done {
            s += " done \(h(PlainDates.long(done)))"
        } else if let due = a.due {
            s +=
                " due \(h(PlainDates.long(due)))"
                + (a.overdue ? " <strong>(overdue on \(h(PlainDates.long(a.asOf))))</strong>" : "")
        }
        if !a.updates.isEmpty {
            s +=
                "<ul>"
                + a.updates.map { u in
                    "<li>\(h(PlainDates.long(u.date)))" + (u.status.map { " (\(h(Self.actionStatusWord($0))))" } ?? "")
                        + (u.note.map { ": \(h($0))" } ?? "") + "</li>"
                }.joined() + "</ul>"
        }
        return s
    }

    /// "c" with its reason for a screen reader and a hover.
    static func withheldHTML(_ w: Withholding?) -> String {
        guard let w else { return "-" }
        return
            "<abbr title=\"\(Escaping.html(w.note))\">\(Escaping.html(w.symbol))</abbr> <span class=\"note\">(\(Escaping.html(w.note)))</span>"
    }

    /// "Up 19 percentage points since autumn 2019: no clear change".
    static func changeHTML(_ c: Published<ChangeValue>?, baseline: BaselineRow?, unit: String = "percentage points")
        -> String
    {
        guard let c else { return "-" }
        guard let v = c.value else { return withheldHTML(c.withheld) }
        if v.verdict == ChangeVerdict.baselineTooSmall.rawValue { return "Starting point too small to compare" }
        var s = ""
        if let points = v.points {
            s =
                points == 0
                ? "No change"
                : "\(points > 0 ? "Up" : "Down") \(abs(points)) \(abs(points) == 1 ? String(unit.dropLast()) : unit)"
            if let label = baseline?.label { s += " since \(label)" }
            s += ": "
        }
        return Escaping.html(s + v.verdict)
    }

    /// A coloured badge with the rating's word, then what it means.
    static func ratingHTML(_ r: Published<RatingValue>) -> String {
        guard let v = r.value else { return withheldHTML(r.withheld) }
        let rags = ["GREEN": "Green", "AMBER": "Amber", "RED": "Red"]
        guard let word = rags[v.rag] else { return Escaping.html(v.words.prefix(1).uppercased() + v.words.dropFirst()) }
        var meaning = v.words
        if meaning.hasPrefix(v.rag + ":") {
            meaning = String(meaning.dropFirst(v.rag.count + 1)).trimmingCharacters(in: .whitespaces)
        }
        return "<span class=\"rag rag-\(v.rag)\">\(word)</span> \(Escaping.html(meaning))"
    }

    /// The closing section: how the figures were made and what they rest on.
    func aboutHTML() -> String {
        let h = Escaping.html
        let s = provenance.suppression
        var items = [
            h(
                "Covers \(PlainDates.period(provenance.period)) (\(provenance.period.label)); surveys: \(provenance.surveys.joined(separator: ", ")))."
            ),
            h(
                "\(provenance.dontKnowRule). Percentages are rounded to whole numbers. Each result has a \(ConfidenceText.percent(provenance.confidence)) confidence interval (Wilson's method); changes are in percentage points and called clear when their interval excludes 0; a target is clearly met only when the whole interval reaches it."
            ),
            h(
                audience == .public
                    ? "Figures based on fewer than \(s.threshold) answers, counts of \(s.smallCounts), and any figure from which one of those could be worked out are not shown (\(s.symbol)). Quotes are used only from people who agreed to be quoted, with personal details removed."
                    : "INTERNAL: nothing is withheld here; a public version withholds small numbers. Do not publish."),
        ]
        items.append(h(provenance.quotes.sentence))
        items += provenance.imports.map {
            "Import \($0.id): \(h($0.file)), SHA-256 <span class=\"hash\">\(h($0.sha256))</span>"
        }
        items.append(h("Made with engage \(provenance.engageVersion) on \(PlainDates.long(provenance.generated))."))
        return "<footer class=\"page-foot\"><h2 id=\"about\">About these figures</h2><ul>"
            + items.map { "<li>\($0)</li>" }.joined() + "</ul></footer>"
    }

    /// The answer distribution and the trend, after the figures in words: both drawn
    /// from the values the model shows, gaps where it withholds.
    func charts(_ row: KPIRow, trend: TrendTable?, id: String) -> String {
        var parts: [String] = []
        if let answers = row.answers.value, answers.contains(where: { $0.count > 0 }) {
            let segments = answers.map {
                DivergingBarChart.Segment(label: $0.label, count: $0.count, position: $0.position)
            }
            parts.append(
                "<figure class=\"answers\">"
                    + DivergingBarChart(title: row.title, segments: segments).svg(id: id + "-bar")
                    + "<figcaption>How people answered</figcaption></figure>")
        } else if let w = row.answers.withheld {
            parts.append(
                "<p class=\"note\">The chart of answers is not shown (\(Escaping.html(w.symbol)): \(Escaping.html(w.note)).</p>"
            )
        }
        if let trend, trend.points.count >= 2 {
            let points = trend.points.map {
                TrendLineChart.Point(
                    label: PlainDates.period($0.period, short: true), percent: $0.figure.value?.percent)
            }
            let test =
                audience == .public
                ? trend.test.description.components(separatedBy: " (").first ?? trend.test.description
                : "\(trend.test.description), from \(trend.test.basis)"
            parts.append(
                "<figure>"
                    + TrendLineChart(title: row.title, points: points, target: trend.target).svg(id: id + "-trend")
                    + "<figcaption>Over time: \(Escaping.html(test))</figcaption></figure>")
        }
        return parts.isEmpty ? "" : "<div class=\"charts\">" + parts.joined(separator: "\n") + "</div>"
    }
}
