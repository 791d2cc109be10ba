import ResponseIngestion
import SurveyDefinition

extension BoardPack: WorkbookPublication {
    /// The board pack as an Excel workbook: an internal pack's marker first on every
    /// sheet; "Quarters" (one row per KPI or measure per quarter: counts as whole numbers,
    /// shares and intervals as percentages, withheld cells as the symbol), "Exceptions",
    /// and "About" (provenance, then the period and audience).
    package func workbook(provenance: [(String, String)]) -> [UInt8] {
        var book = WorkbookWriter()
        book.beginSheet(
            "Quarters", columnWidths: [10, 26, 44, 12, 12, 12, 14, 10, 10, 11, 10, 10, 14, 24],
            freezeHeader: marker == nil)
        if let marker { book.addRow([.header(marker)]) }
        book.addRow(
            [
                "kind", "id", "title", "quarter", "from", "to", "recorded period", "positive", "base", "share", "lower",
                "upper",
                "rating", "direction",
            ].map { .header($0) })
        for row in rows {
            for (column, cell) in zip(periods, row.cells) {
                guard let cell else { continue }
                var cells: [WorkbookWriter.Cell] = [
                    .text(row.kind), .text(row.id), .text(row.title), .text(column.label),
                    KPIWorkbook.day(column.from), KPIWorkbook.day(column.to), cell.label.map { .text($0) } ?? .empty,
                ]
                if let f = cell.figure.value {
                    cells += [
                        f.positive.map { .integer($0) } ?? .empty, f.substantive.map { .integer($0) } ?? .empty,
                        f.percent.map { .percent($0 / 100) } ?? .empty,
                        f.interval.map { .percent($0.lower / 100) } ?? .empty,
                        f.interval.map { .percent($0.upper / 100) } ?? .empty,
                    ]
                } else {
                    cells += Array(repeating: .text(cell.figure.withheld?.symbol ?? ""), count: 5)
                }
                cells += [.text(cell.rating.plain { $0.rag }), .text(Self.directionText(row.direction))]
                book.addRow(cells)
            }
        }
        book.beginSheet("Exceptions", columnWidths: [18, 26, 60, 80], freezeHeader: marker == nil)
        if let marker { book.addRow([.header(marker)]) }
        book.addRow(["exception", "id", "title", "detail"].map { .header($0) })
        for e in exceptions { book.addRow([.text(e.kind), .text(e.id), .text(e.title), .text(e.detail)]) }
        var about = (marker.map { [("Marking", $0)] } ?? []) + provenance
        about.append(("Quarter", period.description))
        about.append(("Quarters shown", periods.map(\.label).joined(separator: ", ")))
        about.append(("Audience", audience.rawValue))
        KPIWorkbook.aboutSheet(&book, about)
        return book.finished()
    }
}
