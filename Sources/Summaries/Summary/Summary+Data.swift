import FeedbackStatistics
import Foundation
import ResponseIngestion
import ResponseStore

extension Summary {
    /// The model as JSON (exact fractions and counts; withheld values null in public).
    public func jsonObject() -> [String: Any] {
        ["organisation": organisation, "audience": audience.rawValue,
         "period": ["label": period.label, "from": period.fromDate, "to": period.toDate],
         "items": items.map(itemObject),
         "measures": measures.map { $0.jsonObject() },
         "otherActions": otherActions.map(Self.actionObject),
         "provenance": ["surveys": provenance.surveys, "dontKnowRule": provenance.dontKnowRule,
                        "suppressionThreshold": provenance.suppressionThreshold, "confidence": provenance.confidence,
                        "engageVersion": provenance.engageVersion, "generated": provenance.generated,
                        "imports": provenance.imports.map { ["id": $0.id, "file": $0.file, "sha256": $0.sha256] as [String: Any] }] as [String: Any]]
    }

    func itemObject(_ item: SummaryItem) -> [String: Any] {
        var o: [String: Any] = ["id": item.id, "survey": item.survey, "title": item.title, "youSaid": item.youSaid, "quotes": item.quotes,
                                "weDid": item.actions.map(Self.actionObject), "whatChanged": item.whatChanged,
                                "attention": item.attentionReason]
        switch item.kind {
        case .kpi(let r, _):
            let hide = audience == .public && r.disclosure.isWithheld
            let p = r.counts.proportion
            o["kind"] = "kpi"
            o["positive"] = hide ? NSNull() : p.positive
            o["substantive"] = hide ? NSNull() : p.total
            o["percent"] = hide ? NSNull() : (p.percent ?? NSNull()) as Any
            o["rag"] = hide && r.evaluation.rag != .notEnoughResponses ? "withheld" : r.evaluation.rag.rawValue
            o["change"] = hide ? NSNull() : (r.evaluation.baseline?.pointsText ?? NSNull()) as Any
            o["verdict"] = hide ? NSNull() : (r.evaluation.baseline?.verdict.rawValue ?? NSNull()) as Any
        case .theme(let t):
            o["kind"] = "theme"
            o["mentions"] = audience == .public && (1...4).contains(t.mentions) ? NSNull() : t.mentions
            o["comments"] = t.comments
        }
        return o
    }

    static func actionObject(_ a: Action) -> [String: Any] {
        ["id": a.id, "title": a.title, "status": a.status.rawValue, "statusMeaning": a.status.meaning,
         "due": a.due ?? NSNull(), "done": a.done ?? NSNull(),
         "updates": a.updates.map { ["date": $0.date, "status": $0.status?.rawValue ?? NSNull(), "note": $0.note ?? NSNull()] as [String: Any] }]
    }

    /// One row per item, formula-safe.
    public func csv() -> String {
        var writer = CSVWriter()
        writer.row(["period", "from", "to", "order", "kind", "id", "title", "you_said", "positive", "substantive", "percent", "change", "rag",
                    "we_did", "what_changed", "quote"])
        for (n, item) in items.enumerated() {
            var positive: CSVWriter.Cell = .empty, substantive: CSVWriter.Cell = .empty, percent: CSVWriter.Cell = .empty
            var change: CSVWriter.Cell = .empty, rag: CSVWriter.Cell = .empty, kind = "theme"
            if case .kpi(let r, _) = item.kind {
                kind = "kpi"
                let hide = audience == .public && r.disclosure.isWithheld
                let p = r.counts.proportion
                positive = hide ? .text("c") : .number(p.positive)
                substantive = hide ? .text("c") : .number(p.total)
                percent = hide ? .text("c") : p.percent.map { .number(String($0)) } ?? .empty
                change = hide ? .empty : .optional(r.evaluation.baseline?.pointsText)
                rag = .text(hide && r.evaluation.rag != .notEnoughResponses ? "withheld" : r.evaluation.rag.rawValue)
            }
            writer.row([.text(period.label), .text(period.fromDate), .text(period.toDate), .number(n + 1), .text(kind), .text(item.id), .text(item.title), .text(item.youSaid),
                        positive, substantive, percent, change, rag,
                        .text(item.actions.isEmpty ? "no action recorded yet" : item.actions.map(Self.actionLine).joined(separator: " | ")),
                        .text(item.whatChanged.joined(separator: "; ")), .text(item.quotes.joined(separator: " | "))])
        }
        return writer.text
    }
}
