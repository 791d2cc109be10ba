import FeedbackStatistics
import Foundation
import ResponseIngestion
import SurveyDefinition

/// Who an output is for: the public version withholds small numbers; the internal one
/// shows everything and marks what the public version withholds.
public enum ReportAudience: String, Sendable, CaseIterable {
    case `public`
    case `internal`
}

extension KPIReport {
    /// Whole-number percentage of a fraction, half away from zero.
    static func pct(_ fraction: Double) -> String { "\(Int((fraction * 100).rounded(.toNearestOrAwayFromZero)))%" }

    public static func figureText(_ p: Proportion) -> String {
        guard let w = p.wholePercent else { return "no answers" }
        return "\(w)% (\(p.positive) of \(p.total))"
    }

    public static func intervalText(_ i: Interval?) -> String {
        i.map { "\(pct($0.lower)) to \(pct($0.upper))" } ?? "-"
    }

    public static func figureText(_ f: Figure) -> String {
        switch f {
        case .counts(let p): return figureText(p)
        case .percent(let v): return "\(Int(v.rounded(.toNearestOrAwayFromZero)))% (published, no counts)"
        }
    }

    /// "+19 points, no clear change"; "too small to compare".
    static func changeText(_ b: BaselineComparison) -> String {
        b.verdict == .baselineTooSmall ? "too small to compare" : [b.pointsText, b.verdict.rawValue].compactMap { $0 }.joined(separator: ", ")
    }

    /// The withheld marker for a cell in this audience, or `nil` when shown.
    static func withheld(_ d: Disclosure, _ audience: ReportAudience) -> String? {
        guard d.isWithheld else { return nil }
        return audience == .public ? SuppressionRule.symbol : nil
    }

    /// A terminal table: one row per KPI, then notes.
    public func text(audience: ReportAudience = .internal) -> String {
        var lines = ["\(surveyTitle) (\(survey))", "period: \(period.description)", ""]
        var table = TextTable(headers: ["KPI", "agreed", "\(ConfidenceText.percent(settings.confidence)) interval", "baseline", "change", "target", "RAG"])
        var notes: Set<String> = []
        for r in results {
            let e = r.evaluation
            let hidden = Self.withheld(r.disclosure, audience)
            var figure = hidden ?? Self.figureText(r.counts.proportion)
            if hidden == nil, r.disclosure.isWithheld { figure += " [c in public]" }
            if let note = r.disclosure.note { notes.insert(note) }
            let baseline = e.baseline.map { "\($0.label): \(Self.figureText($0.figure))" } ?? "-"
            let change = hidden != nil ? "-" : e.baseline.map(Self.changeText) ?? "-"
            let target = e.target.map(\.sentence) ?? "-"
            table.add([r.kpi.title, figure, hidden ?? Self.intervalText(e.interval), baseline, change, target,
                       hidden != nil && e.rag != .notEnoughResponses ? "withheld" : e.rag.rawValue])
        }
        lines.append(table.render())
        for r in results where !r.groups.isEmpty {
            lines.append("")
            lines.append("\(r.kpi.title) by \(breakdown ?? "group"):")
            var groups = TextTable(headers: ["group", "agreed", "\(ConfidenceText.percent(settings.confidence)) interval"])
            for g in r.groups {
                let hidden = Self.withheld(g.disclosure, audience)
                if let note = g.disclosure.note { notes.insert(note) }
                groups.add([g.label, (hidden ?? Self.figureText(g.counts.proportion)) + (hidden == nil && g.disclosure.isWithheld ? " [c in public]" : ""),
                            hidden ?? Self.intervalText(g.interval)])
            }
            lines.append(groups.render(indent: "  "))
            if let sentence = modeSentence(r, audience: audience) { lines.append("  " + sentence) }
        }
        lines.append("")
        lines.append(contentsOf: methodNotes())
        lines.append(contentsOf: notes.sorted())
        return lines.joined(separator: "\n")
    }

    /// For a breakdown by source: whether the two largest sources (portal and telephone,
    /// say) clearly differ, since telephone answers often run more positive.
    func modeSentence(_ r: KPIResult, audience: ReportAudience) -> String? {
        guard breakdown == "source" else { return nil }
        let two = r.groups.filter { !$0.group.isEmpty }.sorted { $0.counts.proportion.total > $1.counts.proportion.total }.prefix(2)
        guard two.count == 2, !(audience == .public && two.contains { $0.disclosure.isWithheld }) else { return nil }
        let a = two[two.startIndex], b = two[two.startIndex + 1]
        return GroupComparison(first: a.label, a.counts.proportion, second: b.label, b.counts.proportion, z: settings.z)?
            .sentence(a.counts.proportion, b.counts.proportion)
    }

    func methodNotes() -> [String] {
        ["\"agreed\" = positive answers of the substantive ones; blank, Don't know and Not applicable answers are not in the base unless a KPI says otherwise.",
         "Percentages are whole numbers rounded half away from zero; changes are in percentage points between the displayed figures; \"clear\" means the \(ConfidenceText.percent(settings.confidence)) interval for the change excludes 0 (Newcombe's method); a target is \"clearly met\" only when the whole interval for the figure reaches it, \"clearly short\" only when the whole interval falls below it, else \"not yet clear\".",
         "Figures based on fewer than \(settings.threshold) answers are withheld in published versions (shown as c)."]
    }

    /// The JSON object scripts read: `{"kpis": [...]}` with exact fractions and counts.
    public func jsonObject(audience: ReportAudience = .internal) -> [String: Any] {
        var kpis: [[String: Any]] = []
        for r in results {
            let e = r.evaluation
            let p = r.counts.proportion
            var k: [String: Any] = ["id": r.kpi.id, "title": r.kpi.title, "question": r.kpi.question, "rag": e.rag.rawValue,
                                    "ragReason": e.ragReason, "dontKnow": r.counts.dontKnow, "notApplicable": r.counts.notApplicable]
            let hide = audience == .public && r.disclosure.isWithheld
            if r.disclosure.isWithheld {
                k["withheldInPublic"] = true
                k["withheldReason"] = r.disclosure.note ?? ""
            }
            if hide {
                k["positive"] = NSNull(); k["substantive"] = NSNull(); k["percent"] = NSNull(); k["interval"] = NSNull()
                k["rag"] = e.rag == .notEnoughResponses ? e.rag.rawValue : "withheld"
            } else {
                k["positive"] = p.positive
                k["substantive"] = p.total
                k["percent"] = p.percent ?? NSNull()
                k["displayed"] = p.wholePercent.map { "\($0)%" } ?? NSNull()
                k["interval"] = e.interval.map { ["lower": $0.lower * 100, "upper": $0.upper * 100] } ?? NSNull()
                k["dontKnowShare"] = r.counts.dontKnowShare.map { $0 * 100 } ?? NSNull()
            }
            if let b = e.baseline {
                var baseline: [String: Any] = ["label": b.label, "percent": b.figure.percent ?? NSNull()]
                if let bp = b.figure.proportion { baseline["positive"] = bp.positive; baseline["substantive"] = bp.total }
                k["baseline"] = baseline
                if !hide {
                    var change: [String: Any] = ["points": b.points ?? NSNull(), "displayed": b.pointsText ?? NSNull(), "verdict": b.verdict.rawValue,
                                                 "p": b.p ?? NSNull()]
                    if let c = b.change {
                        change["difference"] = c.difference * 100
                        change["interval"] = ["lower": c.interval.lower * 100, "upper": c.interval.upper * 100]
                        change["zTestP"] = c.p
                        change["z"] = c.z ?? NSNull()
                    }
                    k["change"] = change
                }
            }
            if let t = e.target {
                k["target"] = ["description": t.description, "percent": t.percent, "status": t.status.rawValue,
                               "standing": hide ? NSNull() : (t.standing?.rawValue ?? NSNull()) as Any]
            }
            if !e.comparators.isEmpty {
                k["comparators"] = e.comparators.map { c in
                    ["name": c.name, "percent": c.percent, "points": hide ? NSNull() : (c.points ?? NSNull()) as Any,
                     "standing": hide ? NSNull() : (c.standing?.rawValue ?? NSNull()) as Any] as [String: Any]
                }
            }
            if !r.groups.isEmpty {
                k["groups"] = r.groups.map { g -> [String: Any] in
                    let hideGroup = audience == .public && g.disclosure.isWithheld
                    var o: [String: Any] = ["group": g.group, "label": g.label]
                    o["positive"] = hideGroup ? NSNull() : g.counts.proportion.positive
                    o["substantive"] = hideGroup ? NSNull() : g.counts.proportion.total
                    o["percent"] = hideGroup ? NSNull() : (g.counts.proportion.percent ?? NSNull()) as Any
                    if g.disclosure.isWithheld { o["withheldInPublic"] = true }
                    return o
                }
            }
            kpis.append(k)
        }
        return ["survey": survey, "period": ["label": period.label, "from": period.fromDate, "to": period.toDate],
                "audience": audience.rawValue, "suppressionThreshold": settings.threshold, "confidence": settings.confidence,
                "kpis": kpis]
    }

    /// One row per KPI (and group), formula-safe.
    public func csv(audience: ReportAudience = .internal) -> String {
        var writer = CSVWriter()
        writer.row(["survey", "period", "from", "to", "kpi", "group", "positive", "substantive", "percent", "lower", "upper",
                    "baseline", "baseline_percent", "change_points", "verdict", "target", "rag", "withheld_in_public"])
        func add(_ r: KPIResult, group: String, _ p: Proportion, _ interval: Interval?, _ d: Disclosure, withFull: Bool) {
            let hide = audience == .public && d.isWithheld
            let e = r.evaluation
            func num(_ v: Double?) -> CSVWriter.Cell { hide ? .text("c") : v.map { .number(String($0)) } ?? .empty }
            writer.row([.text(survey), .text(period.label), .text(period.fromDate), .text(period.toDate), .text(r.kpi.id), .text(group),
                        hide ? .text("c") : .number(p.positive), hide ? .text("c") : .number(p.total), num(p.percent),
                        num(interval.map { $0.lower * 100 }), num(interval.map { $0.upper * 100 }),
                        withFull ? .optional(e.baseline?.label) : .empty,
                        withFull ? (e.baseline?.figure.percent).map { .number(String($0)) } ?? .empty : .empty,
                        withFull && !hide ? (e.baseline?.points).map { .number($0) } ?? .empty : .empty,
                        withFull && !hide ? .optional(e.baseline?.verdict.rawValue) : .empty,
                        withFull ? .optional(e.target?.description) : .empty,
                        withFull ? .text(hide && e.rag != .notEnoughResponses ? "withheld" : e.rag.rawValue) : .empty,
                        .text(d.isWithheld ? "yes" : "no")])
        }
        for r in results {
            add(r, group: "all", r.counts.proportion, r.evaluation.interval, r.disclosure, withFull: true)
            for g in r.groups { add(r, group: g.label, g.counts.proportion, g.interval, g.disclosure, withFull: false) }
        }
        return writer.text
    }

    /// A Markdown table for committee papers.
    public func markdown(audience: ReportAudience = .public) -> String {
        var lines = ["## \(Escaping.markdown(surveyTitle)): \(Escaping.markdown(period.label))", "",
                     "| KPI | agreed | \(ConfidenceText.percent(settings.confidence)) interval | baseline | change | target | RAG |", "|---|---:|---|---|---|---|---|"]
        var notes: Set<String> = []
        for r in results {
            let e = r.evaluation
            let hidden = Self.withheld(r.disclosure, audience)
            if let note = r.disclosure.note { notes.insert(note) }
            let cells = [r.kpi.title, hidden ?? Self.figureText(r.counts.proportion), hidden ?? Self.intervalText(e.interval),
                         e.baseline.map { "\($0.label): \(Self.figureText($0.figure))" } ?? "-",
                         hidden != nil ? "-" : e.baseline.map(Self.changeText) ?? "-",
                         e.target.map(\.sentence) ?? "-",
                         hidden != nil && e.rag != .notEnoughResponses ? "withheld" : e.ragWords]
            lines.append("| " + cells.map(Escaping.markdown).joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append(contentsOf: (methodNotes() + notes.sorted()).map { "- " + Escaping.markdown($0) })
        return lines.joined(separator: "\n") + "\n"
    }
}
