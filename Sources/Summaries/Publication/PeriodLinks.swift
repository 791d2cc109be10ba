import FeedbackStatistics
import SurveyDefinition

/// Identifies a period by its days (labels differ: `2021 Q3` is `2021-22 Q2`).
struct PeriodKey: Hashable, Sendable {
    var first: Int
    var last: Int
    init(_ p: Period) {
        first = p.first
        last = p.last
    }
}

/// Every public period of one figure over a workspace's data, linked: the years, their
/// parts, and extra periods that overlap them (a baseline such as autumn 2019 in a
/// workspace reporting in financial quarters). Decides, once, which of their cells are
/// shown, with ``SuppressionRule/protect(_:)``: whatever a command asks for, the answer
/// for a cell is the same, so no two public outputs can be set against each other.
struct PeriodLinks: Sendable {
    let rule: SuppressionRule
    let years: [Period]
    let parts: [Period]
    let extras: [Period]

    init(lattice: PublicPeriods, span: ClosedRange<Int>?, extras: [Period], rule: SuppressionRule) {
        self.rule = rule
        var low = span?.lowerBound
        var high = span?.upperBound
        let lattice = { (a: Int, b: Int) in lattice.lattice(from: a, to: b) }
        let linkedExtras = extras
        for e in linkedExtras {
            low = min(low ?? e.first, e.first)
            high = max(high ?? e.last, e.last)
        }
        if let low, let high {
            (years, parts) = lattice(low, high)
        } else {
            (years, parts) = ([], [])
        }
        let known = Set((years + parts).map(PeriodKey.init))
        var seen = Set<PeriodKey>()
        self.extras = linkedExtras.filter { !known.contains(PeriodKey($0)) && seen.insert(PeriodKey($0)).inserted }
    }

    var all: [Period] { years + parts + extras }

    /// The smallest pieces the periods are made of.
    static func atoms(_ periods: [Period]) -> [(first: Int, last: Int)] {
        let cuts = Set(periods.flatMap { [$0.first, $0.last + 1] }).sorted()
        return zip(cuts, cuts.dropFirst()).map { ($0, $1 - 1) }
    }

    static func overlaps(_ p: Period, _ first: Int, _ last: Int) -> Bool { p.first <= last && first <= p.last }

    /// Each period's cell, decided together. `counts` gives the counts of a stretch of days.
    func decide(_ kind: LinkedCells.Kind, counts: (Int, Int) -> [Int]) -> [PeriodKey: Disclosure] {
        let periods = all
        guard !periods.isEmpty else { return [:] }
        let atoms = Self.atoms(periods)
        let atomCounts = atoms.map { counts($0.first, $0.last) }
        func cell(_ p: Period, fixed: Disclosure? = nil) -> LinkedCells.Cell {
            LinkedCells.Cell(
                atoms: atoms.indices.filter { p.first <= atoms[$0].first && atoms[$0].last <= p.last }, fixed: fixed)
        }
        var result: [PeriodKey: Disclosure] = [:]
        if rule.applies(.coordination) {
            let index = Dictionary(periods.enumerated().map { (PeriodKey($1), $0) }, uniquingKeysWith: { a, _ in a })
            let lines = years.map { y in
                [index[PeriodKey(y)]!]
                    + parts.filter { y.first <= $0.first && $0.last <= y.last }.map { index[PeriodKey($0)]! }
            }
            let decided = rule.protect(
                LinkedCells(kind: kind, atoms: atomCounts, cells: periods.map { cell($0) }, lines: lines))
            for (p, d) in zip(periods, decided) { result[PeriodKey(p)] = d }
        } else {
            // Table by table: the periods of a trend against their sum, and each year
            // and baseline on its own.
            let whole = Period(
                label: "", scheme: nil, first: periods.map(\.first).min()!, last: periods.map(\.last).max()!)
            let decided = rule.protect(
                LinkedCells(
                    kind: kind, atoms: atomCounts, cells: [cell(whole, fixed: .shown)] + parts.map { cell($0) },
                    lines: [Array(0...parts.count)]))
            for (p, d) in zip(parts, decided.dropFirst()) { result[PeriodKey(p)] = d }
            for p in years + extras {
                result[PeriodKey(p)] =
                    rule.primaryReason(counts(p.first, p.last), kind: kind).map(Disclosure.withheld) ?? .shown
            }
        }
        return result
    }

    /// The cells of a breakdown (each group in each period of `year`, and in the year),
    /// decided together with the totals already decided (`totals`, never changed).
    /// `counts(first, last, group)` gives a group's counts over a stretch of days.
    func decideGroups(
        year: Period, groups: [String], totals: [PeriodKey: Disclosure], _ kind: LinkedCells.Kind,
        counts: (Int, Int, String) -> [Int]
    ) -> [PeriodKey: [String: Disclosure]] {
        let rows = parts.filter { year.first <= $0.first && $0.last <= year.last } + [year]
        var result: [PeriodKey: [String: Disclosure]] = [:]
        guard !groups.isEmpty else { return result }
        guard rule.applies(.coordination) else {
            // Table by table: each period's groups against its total as if shown.
            for row in rows {
                let table = LinkedCells(
                    kind: kind, atoms: groups.map { counts(row.first, row.last, $0) },
                    cells: [LinkedCells.Cell(atoms: Array(groups.indices), fixed: .shown)]
                        + groups.indices.map { LinkedCells.Cell(atoms: [$0]) },
                    lines: [Array(0...groups.count)])
                result[PeriodKey(row)] = Dictionary(uniqueKeysWithValues: zip(groups, rule.protect(table).dropFirst()))
            }
            return result
        }
        // Every total that shares days with the year (a baseline reaching into it too).
        var low = year.first
        var high = year.last
        for e in extras where Self.overlaps(e, low, high) {
            low = min(low, e.first)
            high = max(high, e.last)
        }
        let linked = all.filter { Self.overlaps($0, low, high) }
        let times = Self.atoms(linked + rows)
        let g = groups.count
        var atomCounts: [[Int]] = []
        for t in times { for group in groups { atomCounts.append(counts(t.first, t.last, group)) } }
        func inside(_ p: Period) -> [Int] {
            times.indices.filter { p.first <= times[$0].first && times[$0].last <= p.last }
        }
        var cells: [LinkedCells.Cell] = linked.map { p in
            LinkedCells.Cell(
                atoms: inside(p).flatMap { t in (0..<g).map { t * g + $0 } }, fixed: totals[PeriodKey(p)] ?? .shown)
        }
        let totalIndex = Dictionary(linked.enumerated().map { (PeriodKey($1), $0) }, uniquingKeysWith: { a, _ in a })
        var groupIndex: [PeriodKey: [Int]] = [:]
        for row in rows {
            groupIndex[PeriodKey(row)] = (0..<g).map { k in
                cells.append(LinkedCells.Cell(atoms: inside(row).map { $0 * g + k }))
                return cells.count - 1
            }
        }
        var lines: [[Int]] = rows.compactMap { row in
            totalIndex[PeriodKey(row)].map { [$0] + groupIndex[PeriodKey(row)]! }
        }
        for k in 0..<g {
            lines.append([groupIndex[PeriodKey(year)]![k]] + rows.dropLast().map { groupIndex[PeriodKey($0)]![k] })
        }
        let decided = rule.protect(
            LinkedCells(kind: kind, atoms: atomCounts, cells: cells, lines: lines, exhaustiveAtoms: 0))
        for row in rows {
            result[PeriodKey(row)] = Dictionary(
                uniqueKeysWithValues: zip(groups, groupIndex[PeriodKey(row)]!.map { decided[$0] }))
        }
        return result
    }
}
