import FeedbackStatistics
import Foundation
import ResponseIngestion
import ResponseStore
import SurveyDefinition

/// How an internal output says so at its very top, in every format, with where its
/// figures came from: the one implementation behind the summary, the board pack,
/// `kpis`, `trend`, `reach` and `measure list`. A public output carries none.
///
/// - Text: the notice is the first line.
/// - Markdown: the notice, bold in a block quote, is the first line.
/// - CSV: a row with the notice, then a `provenance` row (what the figures cover,
///   the engage version and date, every import with its SHA-256), then the header.
/// - JSON: a top-level `marking` object (`notice`, `covers`, `engage`, `generated`,
///   `imports`) beside the model's own keys.
package struct InternalMarking: Sendable, Equatable, Encodable {
    /// The first line or element of every internal output.
    package static let notice =
        "INTERNAL: do not publish. Small numbers are shown; use --audience public for anything published."

    /// The notice printed first.
    package var notice = Self.notice
    /// What the figures cover: "period 2021-22 Q2 (2021-07-01 to 2021-09-30)",
    /// "periods 2020-21 Q1 to 2021-22 Q2", "every recorded period".
    package var covers: String
    /// The engage version that wrote it.
    package var engage: String
    /// The day it was written (YYYY-MM-DD).
    var generated: String
    /// Every import the figures rest on.
    package var imports: [Provenance.ImportValue]

    /// The marking of an output covering `covers`, made by `engage` on `generated` from `imports`.
    package init(covers: String, engage: String, generated: String, imports: [Provenance.ImportValue]) {
        self.covers = covers
        self.engage = engage
        self.generated = generated
        self.imports = imports
    }

    /// "period 2021-22 Q2 (2021-07-01 to 2021-09-30)".
    static func covering(_ period: PeriodValue) -> String {
        "period \(period.label) (\(period.from) to \(period.to))"
    }

    /// "periods A to B" over periods in order (one period: as ``covering(_:)``).
    static func covering(_ periods: [PeriodValue]) -> String {
        guard let first = periods.first, let last = periods.last else { return "no period" }
        return first == last ? covering(first) : "periods \(first.label) to \(last.label) (\(first.from) to \(last.to))"
    }

    /// The marking of an output for `surveys` made now, or nil for a public one.
    package static func make(
        audience: ReportAudience, covers: String, store: Store, surveys: [String], engageVersion: String,
        now: Date = Date()
    ) throws -> InternalMarking? {
        guard audience == .internal else { return nil }
        let imports = try Provenance.ImportValue.of(surveys: surveys, in: store)
        return InternalMarking(
            covers: covers, engage: engageVersion,
            generated: CivilTime.isoDate(CivilTime.today(now: now)), imports: imports)
    }

    /// The notice as the first line of a text output.
    var textLine: String { notice + "\n" }

    /// The notice as the first lines of a Markdown output.
    var markdownLines: String { "> **\(Escaping.markdown(notice))**\n\n" }

    /// The two rows that head an internal CSV, before its header: the notice, then the provenance.
    func csvRows(_ writer: inout CSVWriter) {
        writer.row([.text(notice)])
        writer.row([
            .text("provenance"), .text(covers), .text("engage \(engage) on \(generated)"),
            .text(imports.map { "import \($0.id) \($0.file) sha256 \($0.sha256)" }.joined(separator: "; ")),
        ])
    }

    /// A CSV: the marking's rows (when there is one), then the header and `rows`.
    package static func csv(
        _ marking: InternalMarking?, header: [String], rows: (inout CSVWriter) -> Void
    ) -> String {
        var writer = CSVWriter()
        marking?.csvRows(&writer)
        writer.row(header)
        rows(&writer)
        return writer.text
    }
}

extension Provenance {
    /// The marking of an internal output with this provenance.
    package var marking: InternalMarking {
        InternalMarking(
            covers: InternalMarking.covering(period), engage: engageVersion, generated: generated, imports: imports)
    }
}

extension PublicationJSON {
    /// The model as JSON, with a top-level `marking` beside its keys when it is internal.
    package static func text<T: Encodable>(_ value: T, marking: InternalMarking?) throws -> String {
        guard let marking else { return try text(value) }
        return try text(Marked(value: value, marking: marking))
    }

    struct Marked<T: Encodable>: Encodable {
        var value: T
        var marking: InternalMarking
        enum Key: String, CodingKey { case marking }
        func encode(to encoder: Encoder) throws {
            try value.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(marking, forKey: .marking)
        }
    }
}
