import FeedbackStatistics

/// A small trend line for a KPI as inline SVG: one point per period, gaps where a value
/// is withheld or missing (never guessed), an optional dashed target line, and the
/// first and last values written as text. `<title>`/`<desc>` list every value.
struct TrendLineChart: Sendable {
    /// One period on the chart.
    struct Point: Sendable {
        /// The period's label.
        var label: String
        /// Percentage 0-100, or `nil` when withheld or without answers.
        var percent: Double?
    }

    /// The chart's title.
    var title: String
    /// The periods, oldest first.
    var points: [Point]
    /// The target, drawn as a line, if any.
    var target: Double?

    init(title: String, points: [Point], target: Double? = nil) {
        self.title = title
        self.points = points
        self.target = target
    }

    /// Drawn on a 360-unit-wide canvas with 13-unit text (legible at a phone's width).
    func svg(id: String) -> String {
        let width = 360.0
        let height = 150.0
        let left = 48.0
        let right = 12.0
        let top = 12.0
        let bottom = 30.0
        let fontSize = 13.0
        guard points.count >= 2 else { return "" }
        let step = (width - left - right) / Double(points.count - 1)
        func x(_ i: Int) -> Double { left + Double(i) * step }
        func y(_ p: Double) -> Double { top + (100 - p) / 100 * (height - top - bottom) }
        var paths: [String] = []
        var run: [String] = []
        var marks: [String] = []
        for (i, point) in points.enumerated() {
            if let p = point.percent {
                run.append("\(SVG.number(x(i))),\(SVG.number(y(p)))")
                marks.append(
                    "<circle cx=\"\(SVG.number(x(i)))\" cy=\"\(SVG.number(y(p)))\" r=\"3.5\" fill=\"#1b4f8a\"><title>\(Escaping.html(point.label)): \(Proportion.percentText(p))</title></circle>"
                )
            } else {
                if run.count > 1 { paths.append(run.joined(separator: " ")) }
                run = []
            }
        }
        if run.count > 1 { paths.append(run.joined(separator: " ")) }
        let fs = SVG.number(fontSize)
        var parts = [
            "<line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(y(0)))\" x2=\"\(SVG.number(width - right))\" y2=\"\(SVG.number(y(0)))\" stroke=\"#767676\" stroke-width=\"1\"/>",
            "<line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(y(50)))\" x2=\"\(SVG.number(width - right))\" y2=\"\(SVG.number(y(50)))\" stroke=\"#dddddd\" stroke-width=\"1\"/>",
            "<text x=\"\(SVG.number(left - 6))\" y=\"\(SVG.number(y(100) + 5))\" text-anchor=\"end\" font-size=\"\(fs)\">100%</text>",
            "<text x=\"\(SVG.number(left - 6))\" y=\"\(SVG.number(y(50) + 5))\" text-anchor=\"end\" font-size=\"\(fs)\">50%</text>",
            "<text x=\"\(SVG.number(left - 6))\" y=\"\(SVG.number(y(0) + 5))\" text-anchor=\"end\" font-size=\"\(fs)\">0%</text>",
        ]
        if let target {
            parts.append(
                "<line x1=\"\(SVG.number(left))\" y1=\"\(SVG.number(y(target)))\" x2=\"\(SVG.number(width - right))\" y2=\"\(SVG.number(y(target)))\" stroke=\"#000000\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>"
            )
            parts.append(
                "<text x=\"\(SVG.number(width - right))\" y=\"\(SVG.number(y(target) - 4))\" text-anchor=\"end\" font-size=\"\(fs)\">target \(Proportion.percentText(target))</text>"
            )
        }
        parts += paths.map { "<polyline points=\"\($0)\" fill=\"none\" stroke=\"#1b4f8a\" stroke-width=\"2.5\"/>" }
        parts += marks
        parts.append(
            "<text x=\"\(SVG.number(x(0)))\" y=\"\(SVG.number(height - 8))\" font-size=\"\(fs)\">\(Escaping.html(points.first!.label))</text>"
        )
        parts.append(
            "<text x=\"\(SVG.number(x(points.count - 1)))\" y=\"\(SVG.number(height - 8))\" text-anchor=\"end\" font-size=\"\(fs)\">\(Escaping.html(points.last!.label))</text>"
        )
        let description = points.map {
            "\($0.label): " + ($0.percent.map { Proportion.percentText($0) } ?? "not shown")
        }
        .joined(separator: "; ")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="\(id)-title \(id)-desc" viewBox="0 0 \(SVG.number(width)) \(SVG.number(height))" class="chart trend"><title id="\(id)-title">\(Escaping.html(title)) by period</title><desc id="\(id)-desc">\(Escaping.html(description))\(target.map { ". Target \(Proportion.percentText($0))" } ?? "").</desc>\(parts.joined())</svg>
            """
    }
}
