import FeedbackStatistics

/// A diverging stacked bar for one Likert question as inline SVG: disagreeing answers
/// to the left of a centre line, agreeing ones to the right, the neutral answer split
/// across it, Don't know apart at the end. Each segment is labelled with its
/// percentage when wide enough, a legend names every colour, and `<title>`/`<desc>`
/// give the figures as text, so colour never carries meaning alone.
package struct DivergingBarChart: Sendable {
    /// One answer option's bar.
    package struct Segment: Sendable {
        /// The option's label.
        package var label: String
        /// How many gave it.
        package var count: Int
        /// -2...2 on the scale (negative left), `nil` for answers shown apart.
        package var position: Int?
        /// Whether the count is withheld (drawn without its number).
        package var withheld: Bool
        /// A bar for `label` with `count` answers at scale `position`.
        package init(label: String, count: Int, position: Int?, withheld: Bool = false) {
            self.label = label
            self.count = count
            self.position = position
            self.withheld = withheld
        }
    }

    /// The chart's title.
    package var title: String
    /// The bars, in scale order.
    package var segments: [Segment]

    /// A chart titled `title` of `segments`.
    package init(title: String, segments: [Segment]) {
        self.title = title
        self.segments = segments
    }

    static let colours: [Int: String] = [-2: "#b2182b", -1: "#ef8a62", 0: "#bdbdbd", 1: "#67a9cf", 2: "#2166ac"]
    static let apartColour = "#f0f0f0"

    /// The SVG element (XHTML-compatible). Drawn on a 360-unit-wide canvas with 13-unit
    /// text, so at a phone's width (about 350 px) the labels are drawn at about 13 px;
    /// the page caps the chart's width so they never grow past about 18 px.
    package func svg(id: String) -> String {
        let width = 360.0
        let barTop = 26.0
        let barHeight = 28.0
        let centre = 180.0
        let fontSize = 13.0
        let total = segments.map(\.count).reduce(0, +)
        guard total > 0, !segments.contains(where: \.withheld) else {
            return
                "<p class=\"chart-note\">Chart not shown: \(segments.contains(where: \.withheld) ? "some answer counts are withheld because too few people gave them" : "no answers").</p>"
        }
        let scale = 170.0 / Double(total)
        func pct(_ n: Int) -> Int { Proportion(positive: n, total: total).wholePercent ?? 0 }
        let onScale = segments.filter { $0.position != nil }
        let neutral = onScale.filter { $0.position == 0 }.map(\.count).reduce(0, +)
        let negatives = onScale.filter { ($0.position ?? 0) < 0 }.sorted { ($0.position ?? 0) > ($1.position ?? 0) }
        let positives = onScale.filter { ($0.position ?? 0) > 0 }.sorted { ($0.position ?? 0) < ($1.position ?? 0) }
        var rects: [String] = []
        func rect(_ x: Double, _ w: Double, _ fill: String, _ s: Segment, textColour: String) {
            guard w > 0 else { return }
            rects.append(
                "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(barTop))\" width=\"\(SVG.number(w))\" height=\"\(SVG.number(barHeight))\" fill=\"\(fill)\" stroke=\"#ffffff\" stroke-width=\"1\"><title>\(Escaping.html(s.label)): \(s.count) (\(pct(s.count))%)</title></rect>"
            )
            if w >= 36 {
                rects.append(
                    "<text x=\"\(SVG.number(x + w / 2))\" y=\"\(SVG.number(barTop + 19))\" text-anchor=\"middle\" font-size=\"\(SVG.number(fontSize))\" fill=\"\(textColour)\">\(pct(s.count))%</text>"
                )
            }
        }
        // Neutral straddles the centre line.
        var left = centre - Double(neutral) * scale / 2
        var right = centre + Double(neutral) * scale / 2
        for s in onScale where s.position == 0 {
            rect(left, Double(s.count) * scale, Self.colours[0]!, s, textColour: "#000000")
        }
        for s in negatives {
            let w = Double(s.count) * scale
            left -= w
            rect(
                left, w, Self.colours[s.position!] ?? "#999999", s, textColour: s.position == -2 ? "#ffffff" : "#000000"
            )
        }
        for s in positives {
            let w = Double(s.count) * scale
            rect(
                right, w, Self.colours[s.position!] ?? "#999999", s, textColour: s.position == 2 ? "#ffffff" : "#000000"
            )
            right += w
        }
        var y = barTop + barHeight + 8
        // Answers shown apart (Don't know, Not applicable), under the bar at the right.
        let apart = segments.filter { $0.position == nil && $0.count > 0 }
        if !apart.isEmpty {
            var apartX = width - 4
            for s in apart {
                let w = max(2, Double(s.count) * scale)
                rects.append(
                    "<rect x=\"\(SVG.number(apartX - w))\" y=\"\(SVG.number(y))\" width=\"\(SVG.number(w))\" height=\"8\" fill=\"#6d6d6d\"><title>\(Escaping.html(s.label)): \(s.count)</title></rect>"
                )
                apartX -= w + 4
            }
            y += 14
        }
        // The legend, in rows that fit the width.
        var legend: [String] = []
        var x = 4.0
        y += 4
        for s in (negatives.reversed() + onScale.filter { $0.position == 0 } + positives) {
            let fill = Self.colours[s.position!] ?? "#999999"
            let itemWidth = 18 + Double(s.label.count) * 7.2 + 14
            if x > 4 && x + itemWidth > width {
                x = 4
                y += 20
            }
            legend.append(
                "<rect x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" width=\"12\" height=\"12\" fill=\"\(fill)\"/><text x=\"\(SVG.number(x + 17))\" y=\"\(SVG.number(y + 11))\" font-size=\"\(SVG.number(fontSize))\">\(Escaping.html(s.label))</text>"
            )
            x += itemWidth
        }
        let height = y + 18
        let description = segments.filter { $0.count > 0 || $0.position != nil }
            .map { "\($0.label) \($0.count) (\(pct($0.count))%)" }.joined(separator: "; ")
        let tick = "stroke=\"#000000\" stroke-width=\"2\""
        return """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="\(id)-title \(id)-desc" viewBox="0 0 \(SVG.number(width)) \(SVG.number(height))" class="chart"><title id="\(id)-title">\(Escaping.html(title)): answers from disagree (left) to agree (right)</title><desc id="\(id)-desc">\(Escaping.html(description)). Total \(total).</desc><text x="\(SVG.number(centre - 6))" y="16" text-anchor="end" font-size="\(SVG.number(fontSize))">disagree</text><text x="\(SVG.number(centre + 6))" y="16" font-size="\(SVG.number(fontSize))">agree</text><line x1="\(SVG.number(centre))" y1="\(SVG.number(barTop - 7))" x2="\(SVG.number(centre))" y2="\(SVG.number(barTop))" \(tick)/>\(rects.joined())<line x1="\(SVG.number(centre))" y1="\(SVG.number(barTop + barHeight))" x2="\(SVG.number(centre))" y2="\(SVG.number(barTop + barHeight + 6))" \(tick)/>\(legend.joined())</svg>
            """
    }
}
