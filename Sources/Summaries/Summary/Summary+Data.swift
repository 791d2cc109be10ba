import FeedbackStatistics
import ResponseIngestion

extension Summary {
    /// The model as JSON: the typed values, withheld ones `null` with their reason in
    /// public (docs/publication.md).
    package func json() throws -> String {
        try PublicationJSON.text(self, marking: marking)
    }

    /// An internal summary's marking (every format says it first); nil in public.
    var marking: InternalMarking? { audience == .internal ? provenance.marking : nil }

    /// One row per item, formula-safe; a withheld value is the symbol.
    package func csv() -> String {
        var writer = CSVWriter()
        if audience == .internal { provenance.marking.csvRows(&writer) }
        writer.row([
            "period", "from", "to", "order", "kind", "id", "title", "you_said", "positive", "substantive", "percent",
            "change", "rag",
            "we_did", "what_changed", "quote", "withheld_reason", "you_said_from", "survey_showed", "figures",
        ])
        for (n, item) in items.enumerated() {
            var positive: CSVWriter.Cell = .empty
            var substantive: CSVWriter.Cell = .empty
            var percent: CSVWriter.Cell = .empty
            var change: CSVWriter.Cell = .empty
            var rag: CSVWriter.Cell = .empty
            var reason: CSVWriter.Cell = .empty
            if let k = item.kpi {
                let f = k.figure
                let symbol = CSVWriter.Cell.text(f.withheld?.symbol ?? "")
                positive = f.value.map { .number($0.positive) } ?? symbol
                substantive = f.value.map { .number($0.substantive) } ?? symbol
                percent = f.value.map { v in v.percent.map { .number(String($0)) } ?? .empty } ?? symbol
                change = .optional(k.change?.value?.displayed)
                rag = .text(k.rating.plain { $0.rag })
                reason = .optional(f.withheld?.note)
            } else if let t = item.theme {
                positive = t.mentions.value.map { .number($0) } ?? .text(t.mentions.withheld?.symbol ?? "")
                substantive = t.comments.value.map { .number($0) } ?? .text(t.comments.withheld?.symbol ?? "")
                reason = .optional((t.mentions.withheld ?? t.comments.withheld)?.note)
            }
            writer.row([
                .text(period.label), .text(period.from), .text(period.to), .number(n + 1), .text(item.kind),
                .text(item.id), .text(item.title), .text(item.youSaid),
                positive, substantive, percent, change, rag,
                .text(item.weDid.isEmpty ? "no action recorded yet" : item.weDid.map(\.line).joined(separator: " | ")),
                .text(item.whatChanged.joined(separator: "; ")),
                .text(item.quotes.map(\.text).joined(separator: " | ")), reason,
                .text(item.youSaidFrom), .optional(item.surveyShowed), .optional(item.figures),
            ])
        }
        return writer.text
    }
}
