import ResponseIngestion
import SurveyDefinition

/// Excel workbooks of the KPI publications (`engage kpis --format xlsx`), rendered from
/// the same audience-resolved model as every other format: a withheld figure is the
/// suppression symbol in its cell, never a number. Numbers are numbers (counts as whole
/// numbers, shares as percentages with Excel's `0%` format, the exact value kept), one
/// sheet per table, and the period and provenance on a sheet of their own.
extension KPIPublication {
    /// The workbook's bytes. `provenance` (name, value) pairs head the "About" sheet.
    func workbook(provenance: [(String, String)]) -> [UInt8] {
        var book = WorkbookWriter()
        for table in reports {
            book.beginSheet(
                "\(table.survey) \(table.period.label)", columnWidths: KPIWorkbook.widths,
                freezeHeader: marking == nil)
            KPIWorkbook.mark(&book, marking)
            book.addRow(KPIWorkbook.header.map { .header($0) })
            for k in table.kpis {
                book.addRow(KPIWorkbook.row(k, group: "all", figure: k.figure, table: table))
                for g in k.groups { book.addRow(KPIWorkbook.row(k, group: g.label, figure: g.figure, table: nil)) }
            }
        }
        var about: [(String, String)] = provenance
        for table in reports {
            about.append(("Survey", "\(table.surveyTitle) (\(table.survey))"))
            about.append(("Period", "\(table.period.label): \(table.period.from) to \(table.period.to)"))
            about.append(("Audience", table.audience.rawValue))
            if let breakdown = table.breakdown { about.append(("Split by", breakdown)) }
        }
        var notes: [String] = []
        for table in reports {
            for note in table.methodNotes() + table.withheldNotes where !notes.contains(note) { notes.append(note) }
        }
        for note in notes { about.append(("Note", note)) }
        KPIWorkbook.aboutSheet(&book, about, marking: marking)
        return book.finished()
    }
}

extension TrendPublication {
    /// The workbook's bytes: one sheet per KPI's trend, and the "About" sheet.
    func workbook(provenance: [(String, String)]) -> [UInt8] {
        var book = WorkbookWriter()
        for trend in trends {
            book.beginSheet(
                "\(trend.kpi)", columnWidths: [16, 12, 12, 10, 12, 11, 10, 10, 12, 40], freezeHeader: marking == nil)
            KPIWorkbook.mark(&book, marking)
            book.addRow(
                [
                    "period", "from", "to", "positive", "substantive", "agreement", "lower", "upper",
                    "withheld in public", "reason",
                ].map { .header($0) })
            for point in trend.points {
                let f = point.figure
                var cells: [WorkbookWriter.Cell] = [
                    .text(point.period.label), KPIWorkbook.day(point.period.from), KPIWorkbook.day(point.period.to),
                ]
                cells += KPIWorkbook.figureCells(f)
                cells += [.text(f.withheld == nil ? "no" : "yes"), f.withheld.map { .text($0.note) } ?? .empty]
                book.addRow(cells)
            }
        }
        var about = provenance
        for trend in trends {
            about.append(
                (
                    "Trend: \(trend.kpi)",
                    "\(trend.title) (\(trend.survey)), by \(trend.scheme), \(trend.audience.rawValue): \(trend.test.description); from \(trend.test.basis)"
                ))
        }
        KPIWorkbook.aboutSheet(&book, about, marking: marking)
        return book.finished()
    }
}

/// The columns and cells shared by the KPI workbooks.
enum KPIWorkbook {
    /// An internal workbook's notice, the first row of every sheet (``InternalMarking``).
    static func mark(_ book: inout WorkbookWriter, _ marking: InternalMarking?) {
        if let marking { book.addRow([.header(marking.notice)]) }
    }

    static let header = [
        "kpi", "title", "group", "positive", "substantive", "agreement", "lower", "upper", "don't know",
        "baseline", "baseline agreement", "change (points)", "verdict", "target", "target status", "RAG",
        "withheld in public", "reason",
    ]
    static let widths: [Double] = [22, 40, 16, 10, 12, 11, 10, 10, 11, 26, 12, 10, 28, 28, 18, 8, 12, 40]

    static func row(_ k: KPIRow, group: String, figure: Published<FigureValue>, table: KPITable?) -> [WorkbookWriter
        .Cell]
    {
        var cells: [WorkbookWriter.Cell] = [.text(k.id), .text(k.title), .text(group)]
        cells += figureCells(figure)
        guard table != nil else {
            // A group's row: its own figure only.
            cells += Array(repeating: .empty, count: 8)
            cells += [.text(figure.withheld == nil ? "no" : "yes"), figure.withheld.map { .text($0.note) } ?? .empty]
            return cells
        }
        cells.append(k.dontKnow.value.map { .integer($0) } ?? .text(k.dontKnow.withheld?.symbol ?? ""))
        cells.append(k.baseline.map { .text($0.label) } ?? .empty)
        cells.append(
            k.baseline.map { b in
                b.figure.value.map { v in v.percent.map { .percent($0 / 100) } ?? .empty }
                    ?? .text(b.figure.withheld?.symbol ?? "")
            } ?? .empty)
        cells.append(
            k.change.map { c in
                c.value.map { v in v.points.map { .integer($0) } ?? .empty } ?? .text(c.withheld?.symbol ?? "")
            } ?? .empty)
        cells.append(k.change?.value.map { .text($0.verdict) } ?? .empty)
        cells.append(k.target.map { .text($0.description) } ?? .empty)
        cells.append(
            k.target.map { t in t.assessment.value.map { .text($0.words) } ?? .text(t.assessment.withheld?.symbol ?? "")
            } ?? .empty)
        cells.append(.text(k.rating.plain { $0.rag }))
        cells += [.text(figure.withheld == nil ? "no" : "yes"), figure.withheld.map { .text($0.note) } ?? .empty]
        return cells
    }

    /// positive, substantive, agreement, lower, upper: numbers, or the symbol where withheld.
    static func figureCells(_ f: Published<FigureValue>) -> [WorkbookWriter.Cell] {
        guard let v = f.value else { return Array(repeating: .text(f.withheld?.symbol ?? ""), count: 5) }
        func share(_ percent: Double?) -> WorkbookWriter.Cell { percent.map { .percent($0 / 100) } ?? .empty }
        // The share itself from the counts (percent / 100 would add float noise).
        let agreement: WorkbookWriter.Cell =
            v.substantive > 0 ? .percent(Double(v.positive) / Double(v.substantive)) : .empty
        return [
            .integer(v.positive), .integer(v.substantive), agreement, share(v.interval?.lower),
            share(v.interval?.upper),
        ]
    }

    /// A `YYYY-MM-DD` day as a date cell (text if it is not one).
    static func day(_ text: String) -> WorkbookWriter.Cell {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return .text(text) }
        return .date(day: CivilTime.dayNumber(year: parts[0], month: parts[1], day: parts[2]))
    }

    static func aboutSheet(_ book: inout WorkbookWriter, _ rows: [(String, String)], marking: InternalMarking? = nil) {
        book.beginSheet("About", columnWidths: [22, 100])
        mark(&book, marking)
        for (name, value) in rows { book.addRow([.header(name), .text(value)]) }
    }
}
