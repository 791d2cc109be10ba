import FeedbackStatistics
import Foundation
import ResponseStore
import SurveyDefinition

/// The board pack: every KPI and administrative measure, quarter by quarter, for the
/// improvement board and scrutiny committee. Each cell is the KPI's figure, interval and
/// rating in that quarter, resolved for the audience by ``ReportBuilder`` (so a public
/// pack withholds exactly what every other public output withholds); what changed
/// since the previous quarter; and the exceptions first: a KPI or measure newly RED or
/// RED again, actions overdue at the quarter's end, and KPIs with too few responses to
/// rate. Every value is as it stood at the end of the quarter reported.
package struct BoardPack: Sendable, Encodable {
    /// The organisation's name.
    package var organisation: String
    /// Internal or public.
    package var audience: ReportAudience
    /// The quarter reported (the last column).
    package var period: PeriodValue
    /// The columns, oldest first.
    package var periods: [PeriodValue]
    /// What needs the board's attention, most serious first.
    package var exceptions: [BoardException]
    /// Ratings that moved since the previous quarter.
    package var changes: [RatingChange]
    /// One row per KPI and measure.
    package var rows: [BoardRow]
    /// Where the figures come from and the rules they were resolved by.
    package var provenance: Provenance
    /// The organisation's page furniture.
    package var page: PageFurniture
}

/// One KPI or measure across the quarters.
package struct BoardRow: Sendable, Encodable {
    /// "kpi" or "measure".
    package var kind: String
    /// The KPI's or measure's id.
    package var id: String
    /// The survey's id, for a KPI.
    package var survey: String?
    /// The KPI's or measure's title.
    package var title: String
    /// One per column; `nil` where nothing was recorded (a measure) or no one answered.
    package var cells: [BoardCell?]
    /// A KPI's direction over the quarters shown (the test for trend on what is shown).
    package var direction: TrendTestValue?
    /// The actions linked to it, as they stood at the end of the quarter.
    package var actions: [ActionValue]

    /// The rating in the last column and the one before (`nil` when not rated).
    var current: String? { cells.last.flatMap { $0?.rating.value?.rag } }
    var previous: String? { cells.count >= 2 ? cells[cells.count - 2]?.rating.value?.rag : nil }
}

/// A KPI or measure in one quarter.
package struct BoardCell: Sendable, Encodable {
    /// The measure's own period when it is not the column's ("2020-21"); `nil` for a KPI.
    package var label: String?
    /// The figure in the quarter.
    package var figure: Published<AnyFigureValue>
    /// The rating in the quarter.
    package var rating: Published<RatingValue>
}

/// Something the board should look at first.
package struct BoardException: Sendable, Encodable {
    /// "new RED", "RED again", "overdue action", "too few responses".
    package var kind: String
    /// The KPI, measure or action (`action:7`).
    package var id: String
    /// The KPI's, measure's or action's title.
    package var title: String
    /// "RED: clearly short of target (AMBER in 2021-22 Q1)", "due 2021-06-30; AMBER: some delay"...
    package var detail: String
}

/// A rating that moved since the previous quarter.
package struct RatingChange: Sendable, Encodable {
    /// The KPI's or measure's id.
    package var id: String
    /// Its title.
    package var title: String
    /// The rating in the previous quarter.
    package var from: String
    /// The rating now.
    package var to: String
}

extension BoardPack {
    /// The exception kinds, most serious first.
    static let exceptionOrder = ["new RED", "RED again", "overdue action", "too few responses"]

    /// Builds the pack for the quarter given by `label` (default: the latest quarter of
    /// the workspace's scheme with answers), with `quarters` columns (4 to 8) ending there.
    package static func build(
        store: Store, surveys: [Survey], settings: ReportSettings, audience: ReportAudience,
        period label: String?, quarters: Int = 6, engageVersion: String, now: Date = Date()
    ) throws -> BoardPack {
        let count = min(8, max(4, quarters))
        var builders: [(Survey, ReportBuilder)] = []
        for survey in surveys {
            let builder = try ReportBuilder(store: store, survey: survey, settings: settings)
            if builder.span != nil { builders.append((survey, builder)) }
        }
        guard let first = builders.first?.1 else {
            throw ReportError.noData(survey: surveys.map(\.id).joined(separator: ", "))
        }
        let reported: Period
        if let label {
            reported = try first.period(label: label, from: nil, to: nil, audience: audience)
        } else {
            let last = builders.compactMap { $0.1.span?.upperBound }.max() ?? 0
            reported = settings.scheme.period(containing: last)
        }
        // The columns: the reported period and the ones before it in the same scheme.
        let scheme = reported.scheme ?? settings.scheme
        var columns = [reported]
        while columns.count < count, let earliest = columns.first {
            columns.insert(scheme.period(containing: earliest.first - 1), at: 0)
        }
        let asOf = reported.last
        let actions = try store.actions().map { $0.asOf(day: asOf) }
        func linked(_ id: String) -> [ActionValue] {
            actions.filter { $0.kpis.contains(id) }.map { ActionValue($0, on: asOf) }
        }

        var rows: [BoardRow] = []
        for (survey, builder) in builders {
            for kpi in survey.kpis {
                var cells: [BoardCell?] = []
                for column in columns {
                    guard let row = try builder.row(kpi, period: column, audience: audience),
                        row.figure.value.map({ $0.substantive > 0 }) ?? true
                    else {
                        cells.append(nil)
                        continue
                    }
                    let figure: Published<AnyFigureValue> = row.figure.map { v in
                        AnyFigureValue(.counts(Proportion(positive: v.positive, total: v.substantive)), z: settings.z)
                    }
                    cells.append(BoardCell(label: nil, figure: figure, rating: row.rating))
                }
                let trend = try builder.trend(
                    kpi: kpi, scheme: scheme, from: columns[0].first, to: asOf, audience: audience)
                rows.append(
                    BoardRow(
                        kind: "kpi", id: kpi.id, survey: survey.id, title: kpi.title, cells: cells,
                        direction: trend?.test, actions: linked(kpi.id)))
            }
        }
        // Measures: each recorded figure in the column in which its own period ended.
        for table in try MeasureTable.build(
            store: store, surveys: surveys, settings: settings, audience: audience, asOf: asOf)
        {
            var cells = [BoardCell?](repeating: nil, count: columns.count)
            var latestBefore: [Int: MeasureRow] = [:]
            for row in table.periods {
                guard let end = row.to.flatMap(CivilTime.parseISODate) else { continue }
                if let index = columns.firstIndex(where: { $0.contains(day: end) }) {
                    cells[index] = BoardCell(label: row.period, figure: row.figure, rating: row.rating)
                }
                for (i, column) in columns.enumerated() where end <= column.last { latestBefore[i] = row }
            }
            // The ratings compared are the latest figures recorded by each quarter's end.
            var row = BoardRow(
                kind: "measure", id: table.id, survey: nil, title: table.title, cells: cells, direction: nil,
                actions: linked(table.id))
            let last = columns.count - 1
            if cells[last] == nil, let latest = latestBefore[last] {
                row.cells[last] = BoardCell(label: latest.period, figure: latest.figure, rating: latest.rating)
            }
            if last >= 1, row.cells[last - 1] == nil, let before = latestBefore[last - 1] {
                row.cells[last - 1] = BoardCell(label: before.period, figure: before.figure, rating: before.rating)
            }
            rows.append(row)
        }

        let previousLabel = columns.count >= 2 ? columns[columns.count - 2].label : ""
        var exceptions: [BoardException] = []
        var changes: [RatingChange] = []
        for row in rows {
            let now = row.current
            let before = row.previous
            if let now, let before, now != before, Self.isColour(now) || Self.isColour(before) {
                changes.append(RatingChange(id: row.id, title: row.title, from: before, to: now))
            }
            let words = row.cells.last??.rating.value?.words ?? ""
            if now == RAG.red.rawValue {
                if before == RAG.red.rawValue {
                    var run = 0
                    for cell in row.cells.reversed() {
                        if cell?.rating.value?.rag == RAG.red.rawValue { run += 1 } else { break }
                    }
                    exceptions.append(
                        BoardException(
                            kind: "RED again", id: row.id, title: row.title,
                            detail: "\(words); RED for \(run) quarters running"))
                } else {
                    exceptions.append(
                        BoardException(
                            kind: "new RED", id: row.id, title: row.title,
                            detail: words + (before.map { "; \($0) in \(previousLabel)" } ?? "")))
                }
            }
            if row.kind == "kpi", let cell = row.cells.last ?? nil,
                cell.rating.value?.rag == RAG.notEnoughResponses.rawValue
            {
                let base =
                    cell.figure.value?.substantive.map { "\($0) answered" } ?? cell.figure.withheld.map {
                        "\($0.symbol): \($0.note)"
                    } ?? ""
                exceptions.append(
                    BoardException(
                        kind: "too few responses", id: row.id, title: row.title,
                        detail: "not enough responses to rate" + (base.isEmpty ? "" : " (\(base))")))
            }
        }
        for action in actions where action.isOverdue(on: asOf) {
            let value = ActionValue(action, on: asOf)
            let about = rows.filter { action.kpis.contains($0.id) }.map(\.title)
            exceptions.append(
                BoardException(
                    kind: "overdue action", id: "action:\(action.id)", title: action.title,
                    detail:
                        "due \(action.due ?? "-"), not done by \(CivilTime.isoDate(asOf)); \(value.status.uppercased()): \(value.statusMeaning)"
                        + (about.isEmpty ? "" : "; for " + about.joined(separator: ", "))))
        }
        exceptions.sort {
            (Self.exceptionOrder.firstIndex(of: $0.kind) ?? 9) < (Self.exceptionOrder.firstIndex(of: $1.kind) ?? 9)
        }

        let used = builders.map(\.0.id)
        let imports = try Provenance.ImportValue.of(surveys: used, in: store)
        let today = CivilTime.today(now: now)
        let provenance = Provenance(
            period: PeriodValue(reported), surveys: used, imports: imports,
            dontKnowRule:
                "Don't know, Not applicable and blank answers excluded from the base unless a KPI says otherwise",
            suppression: SuppressionValue(settings.rule), confidence: settings.confidence,
            engageVersion: engageVersion, generated: CivilTime.isoDate(today))
        return BoardPack(
            organisation: settings.organisation, audience: audience, period: PeriodValue(reported),
            periods: columns.map(PeriodValue.init), exceptions: exceptions, changes: changes, rows: rows,
            provenance: provenance, page: PageFurniture(settings: settings, period: reported, publishedDay: today))
    }

    static func isColour(_ rag: String) -> Bool { ["GREEN", "AMBER", "RED"].contains(rag) }
}
