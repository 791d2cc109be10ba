import FeedbackStatistics
import ResponseIngestion

/// `engage kpis` for one or more surveys, in every format.
struct KPIPublication: Sendable, Encodable {
    /// One table per survey.
    var reports: [KPITable]
    /// An internal output's marking (``InternalMarking``); nil in public.
    var marking: InternalMarking?

    /// The listing of `reports`, marked `marking` when internal.
    init(reports: [KPITable], marking: InternalMarking? = nil) {
        self.reports = reports
        self.marking = marking
    }

    enum CodingKeys: String, CodingKey { case reports }

    /// The listing in `format` (text, markdown, csv, json, xlsx...).
    func render(_ format: String) throws -> String {
        switch format {
        case "json":
            return try PublicationJSON.text(
                reports.count == 1 ? AnyEncodable(reports[0]) : AnyEncodable(self), marking: marking)
        case "csv":
            return InternalMarking.csv(marking, header: KPITable.csvHeader) { writer in
                for r in reports { r.csvRows(&writer) }
            }
        case "markdown":
            return (marking?.markdownLines ?? "") + reports.map { $0.markdown() }.joined(separator: "\n")
        default:
            return (marking?.textLine ?? "") + reports.map { $0.text() }.joined(separator: "\n\n") + "\n"
        }
    }
}

extension KPITable {
    /// The notes for what is withheld in this table, each once.
    var withheldNotes: [String] {
        var seen: [String] = []
        func add(_ w: Withholding?) {
            if let w, !seen.contains("\(w.symbol) = \(w.note)") { seen.append("\(w.symbol) = \(w.note)") }
        }
        for k in kpis {
            add(k.figure.withheld)
            add(k.dontKnow.withheld)
            add(k.baseline?.figure.withheld)
            add(k.change?.withheld)
            add(k.rating.withheld)
            for g in k.groups { add(g.figure.withheld) }
        }
        return seen
    }

    func methodNotes() -> [String] {
        [
            "\"agreed\" = positive answers of the substantive ones; blank, Don't know and Not applicable answers are not in the base unless a KPI says otherwise.",
            "Percentages are whole numbers rounded half away from zero; changes are in percentage points between the displayed figures; \"clear\" means the \(ConfidenceText.percent(confidence)) interval for the change excludes 0 (Newcombe's method); a target is \"clearly met\" only when the whole interval for the figure reaches it, \"clearly short\" only when it falls below, else \"not yet clear\".",
            comparisons?.sentence,
            audience == .public
                ? "Published figures withhold (as \(suppression.symbol)) any figure based on fewer than \(suppression.threshold) answers or on \(suppression.smallCounts) people, and any figure from which one could be worked out."
                : "INTERNAL: nothing withheld; \"[\(suppression.symbol) in public]\" marks what a published version withholds. Do not publish.",
        ].compactMap { $0 }
    }

    static func baselineText(_ b: BaselineRow?) -> String {
        b.map { "\($0.label): " + $0.figure.text { $0.displayed } } ?? "-"
    }

    static func changeText(_ c: Published<ChangeValue>?) -> String {
        c?.plain {
            $0.verdict == ChangeVerdict.baselineTooSmall.rawValue
                ? "too small to compare"
                : [$0.displayed, $0.verdict + ($0.provisional ? " (provisional)" : "")].compactMap { $0 }.joined(
                    separator: ", ")
        } ?? "-"
    }

    /// "12 (50%)": how many said Don't know, and their share of those who answered.
    static func dontKnowText(_ k: KPIRow) -> String {
        k.dontKnow.text { n in
            "\(n)" + (n > 0 ? k.dontKnowShare.value.map { " (\(Proportion.percentText($0)))" } ?? "" : "")
        }
    }

    static func targetText(_ t: TargetRow?) -> String {
        t.map { "\($0.description): " + $0.assessment.plain { $0.words } } ?? "-"
    }

    /// A terminal table: one row per KPI, then groups and notes.
    package func text() -> String {
        var lines = ["\(surveyTitle) (\(survey))", "period: \(period.description)", ""]
        var table = TextTable(headers: [
            "KPI", "agreed", "Don't know", "\(ConfidenceText.percent(confidence)) interval", "baseline", "change",
            "target", "RAG",
        ])
        for k in kpis {
            table.add([
                k.title, k.figure.text { $0.displayed }, Self.dontKnowText(k),
                k.figure.plain { $0.interval?.displayed ?? "-" },
                Self.baselineText(k.baseline), Self.changeText(k.change), Self.targetText(k.target),
                k.rating.plain { $0.rag },
            ])
        }
        lines.append(table.render())
        for k in kpis where !k.groups.isEmpty {
            lines.append("")
            lines.append("\(k.title) by \(breakdown ?? "group"):")
            var groups = TextTable(headers: ["group", "agreed", "\(ConfidenceText.percent(confidence)) interval"])
            for g in k.groups {
                groups.add([g.label, g.figure.text { $0.displayed }, g.figure.plain { $0.interval?.displayed ?? "-" }])
            }
            lines.append(groups.render(indent: "  "))
            if let sentence = k.groupComparison { lines.append("  " + sentence) }
        }
        lines.append("")
        lines.append(contentsOf: methodNotes())
        lines.append(contentsOf: withheldNotes)
        return lines.joined(separator: "\n")
    }

    /// A Markdown table for committee papers.
    package func markdown() -> String {
        var lines = [
            "## \(Escaping.markdown(surveyTitle)): \(Escaping.markdown(period.description))", "",
            "| KPI | agreed | Don't know | \(ConfidenceText.percent(confidence)) interval | baseline | change | target | RAG |",
            "|---|---:|---:|---|---|---|---|---|",
        ]
        for k in kpis {
            let cells = [
                k.title, k.figure.text { $0.displayed }, Self.dontKnowText(k),
                k.figure.plain { $0.interval?.displayed ?? "-" },
                Self.baselineText(k.baseline), Self.changeText(k.change), Self.targetText(k.target),
                k.rating.plain { $0.words },
            ]
            lines.append("| " + cells.map(Escaping.markdown).joined(separator: " | ") + " |")
        }
        for k in kpis where !k.groups.isEmpty {
            lines += [
                "", "**\(Escaping.markdown(k.title)) by \(Escaping.markdown(breakdown ?? "group"))**", "",
                "| group | agreed | \(ConfidenceText.percent(confidence)) interval |", "|---|---:|---|",
            ]
            for g in k.groups {
                lines.append(
                    "| "
                        + [g.label, g.figure.text { $0.displayed }, g.figure.plain { $0.interval?.displayed ?? "-" }]
                        .map(Escaping.markdown).joined(separator: " | ") + " |")
            }
        }
        lines.append("")
        lines.append(contentsOf: (methodNotes() + withheldNotes).map { "- " + Escaping.markdown($0) })
        return lines.joined(separator: "\n") + "\n"
    }

    static let csvHeader = [
        "survey", "period", "from", "to", "kpi", "group", "positive", "substantive", "percent", "lower", "upper",
        "baseline", "baseline_percent", "change_points", "verdict", "target", "rag", "withheld_in_public",
        "withheld_reason",
    ]

    /// One row per KPI (and group), formula-safe; a withheld value is the symbol.
    func csvRows(_ writer: inout CSVWriter) {
        func figureCells(_ f: Published<FigureValue>) -> [CSVWriter.Cell] {
            guard let v = f.value else { return Array(repeating: .text(f.withheld?.symbol ?? ""), count: 5) }
            func num(_ d: Double?) -> CSVWriter.Cell { d.map { .number(String($0)) } ?? .empty }
            return [
                .number(v.positive), .number(v.substantive), num(v.percent), num(v.interval?.lower),
                num(v.interval?.upper),
            ]
        }
        let head: [CSVWriter.Cell] = [.text(survey), .text(period.label), .text(period.from), .text(period.to)]
        for k in kpis {
            let baselinePercent: CSVWriter.Cell =
                k.baseline.map { b in
                    b.figure.value.map { v in v.percent.map { .number(String($0)) } ?? .empty }
                        ?? .text(b.figure.withheld?.symbol ?? "")
                } ?? .empty
            writer.row(
                head + [.text(k.id), .text("all")] + figureCells(k.figure) + [
                    .optional(k.baseline?.label), baselinePercent,
                    k.change.map { c in
                        c.value.map { v in v.points.map { .number($0) } ?? .empty } ?? .text(c.withheld?.symbol ?? "")
                    } ?? .empty,
                    .optional(k.change?.value?.verdict), .optional(k.target?.description),
                    .text(k.rating.plain { $0.rag }),
                    .text(k.figure.withheld == nil ? "no" : "yes"), .optional(k.figure.withheld?.note),
                ])
            for g in k.groups {
                writer.row(
                    head + [.text(k.id), .text(g.label)] + figureCells(g.figure)
                        + [
                            .empty, .empty, .empty, .empty, .empty, .empty,
                            .text(g.figure.withheld == nil ? "no" : "yes"), .optional(g.figure.withheld?.note),
                        ])
            }
        }
    }
}
