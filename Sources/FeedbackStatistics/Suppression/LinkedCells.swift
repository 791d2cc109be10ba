/// Published cells that share people: a total and its parts, a year and its quarters,
/// a baseline that overlaps them, a breakdown's groups across periods. Each cell is the
/// sum of some "atoms" (the smallest pieces any cell is made of: a stretch of days, or a
/// stretch of days within one group), so a reader who has every shown cell can work
/// out exactly the sums of atoms whose indicator lies in the span of the shown cells.
///
/// ``SuppressionRule/protect(_:)`` decides every cell at once so that nothing of that
/// kind can be worked out: no withheld cell, and no combination of people whose counts
/// would fail the primary rule (a remainder of a total after its shown parts, a year
/// after its shown quarters, a baseline after the quarter inside it). Atoms with no
/// answers are treated as known to be empty: an empty cell never protects another.
public struct LinkedCells: Sendable {
    /// What a cell's counts are.
    public enum Kind: Sendable, Equatable {
        /// `[positive, other]`: a share with its base (the base is their sum).
        case proportion
        /// Counts published on their own (responses, Don't know answers...): each must
        /// be 0 or at least 5.
        case counts
    }

    /// One published cell: the atoms it sums.
    public struct Cell: Sendable, Equatable {
        /// Indices into ``LinkedCells/atoms``.
        public var atoms: [Int]
        /// A decision already taken with another table (e.g. a total decided with its
        /// periods before its breakdown): kept, and never chosen to protect another.
        public var fixed: Disclosure?

        /// A cell summing `atoms`, decided already when `fixed` is given.
        public init(atoms: [Int], fixed: Disclosure? = nil) {
            self.atoms = atoms
            self.fixed = fixed
        }
    }

    /// What the cells' counts are.
    public var kind: Kind
    /// The counts of each atom (all of one length).
    public var atoms: [[Int]]
    /// The published cells, in the order decisions are returned.
    public var cells: [Cell]
    /// Sets of cells whose first is a total of the others (a period and its groups, a
    /// year and its quarters): the remainder of a total after its shown parts is always
    /// checked, however large the table.
    public var lines: [[Int]]
    /// Up to how many atoms with answers a piece of the table may have for every
    /// combination of them to be checked (beyond it: each cell, each shown cell minus
    /// any shown cell inside it or all of them, and each line's remainder).
    public var exhaustiveAtoms: Int

    /// A table of cells over `atoms`, with the `lines` whose first cell totals the others.
    public init(kind: Kind, atoms: [[Int]], cells: [Cell], lines: [[Int]] = [], exhaustiveAtoms: Int = 12) {
        self.kind = kind
        self.atoms = atoms
        self.cells = cells
        self.lines = lines
        self.exhaustiveAtoms = exhaustiveAtoms
    }
}

extension SuppressionRule {
    /// The primary reason to withhold counts of `kind`, or `nil` when they may be shown.
    /// No answers at all is shown ("no answers"): it is known and protects nothing.
    public func primaryReason(_ counts: [Int], kind: LinkedCells.Kind) -> WithholdingReason? {
        switch kind {
        case .proportion:
            let total = counts.reduce(0, +)
            if total == 0 { return nil }
            if applies(.smallBase) && total < threshold { return .smallBase }
            if applies(.smallCounts) && counts.contains(where: smallCounts.contains) { return .smallCount }
            return nil
        case .counts:
            return applies(.smallCounts) && counts.contains(where: smallCounts.contains) ? .smallNumber : nil
        }
    }

    /// Decides every cell: the primary rule for each, then, while a withheld cell or a
    /// combination that fails the primary rule can be worked out from the shown cells,
    /// withholds one more shown cell (the smallest that stops it; a part rather than a
    /// total). Only cells that are not ``LinkedCells/Cell/fixed`` are ever added.
    public func protect(_ table: LinkedCells) -> [Disclosure] {
        let width = table.atoms.first?.count ?? 0
        func sum(_ atoms: [Int]) -> [Int] {
            var total = [Int](repeating: 0, count: width)
            for a in atoms { for k in 0..<width { total[k] += table.atoms[a][k] } }
            return total
        }
        let sums = table.cells.map { sum($0.atoms) }
        var result: [Disclosure] = table.cells.indices.map { i in
            if let fixed = table.cells[i].fixed { return fixed }
            return primaryReason(sums[i], kind: table.kind).map(Disclosure.withheld) ?? .shown
        }
        guard applies(.secondary) else { return result }
        // Atoms with answers; empty ones are known zeros and drop out of every sum.
        let occupied = table.atoms.indices.filter { table.atoms[$0].contains { $0 != 0 } }
        guard !occupied.isEmpty else { return result }
        var column = [Int: Int]()
        for (k, a) in occupied.enumerated() { column[a] = k }
        let cellColumns = table.cells.map { Set($0.atoms.compactMap { column[$0] }) }
        // Independent pieces: atoms linked through cells.
        var parent = Array(occupied.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for columns in cellColumns {
            if let first = columns.first { for c in columns { parent[find(c)] = find(first) } }
        }
        var components: [Int: [Int]] = [:]
        for c in occupied.indices { components[find(c), default: []].append(c) }
        let columnCounts = occupied.map { table.atoms[$0] }

        for members in components.values.sorted(by: { $0[0] < $1[0] }) {
            let local = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
            let cellsHere = table.cells.indices.filter {
                !cellColumns[$0].isEmpty && cellColumns[$0].allSatisfy { local[$0] != nil }
            }
            func vector(_ columns: Set<Int>) -> [Double] {
                var v = [Double](repeating: 0, count: members.count)
                for c in columns { if let l = local[c] { v[l] = 1 } }
                return v
            }
            func counts(_ columns: Set<Int>) -> [Int] {
                var total = [Int](repeating: 0, count: width)
                for c in columns { for k in 0..<width { total[k] += columnCounts[c][k] } }
                return total
            }
            func space(without excluded: Set<Int> = []) -> RowSpace {
                var s = RowSpace(width: members.count)
                for i in cellsHere where !excluded.contains(i) && !result[i].isWithheld {
                    s.add(vector(cellColumns[i]))
                }
                return s
            }
            // A cell counting exactly the people another counts is the same figure (a
            // year with answers in one quarter only): they are withheld together.
            func twins(_ i: Int) -> Set<Int> {
                Set(
                    cellsHere.filter {
                        !result[$0].isWithheld && table.cells[$0].fixed == nil && cellColumns[$0] == cellColumns[i]
                    })
            }
            // What a reader could try to work out: each withheld cell, each shown cell
            // minus any shown cell inside it and minus all of them, each line's withheld
            // remainder, and (when small enough) every combination of atoms.
            func candidates() -> [Set<Int>] {
                var list: [Set<Int>] = cellsHere.filter { result[$0].isWithheld }.map { cellColumns[$0] }
                let shown = cellsHere.filter { !result[$0].isWithheld }
                for a in shown {
                    // Everything shown inside it, and apart the cells decided with this
                    // table and those decided before (the parts of one kind).
                    var inside = [Set<Int>(), Set<Int>(), Set<Int>()]
                    for b in shown where b != a && cellColumns[b].isStrictSubset(of: cellColumns[a]) {
                        list.append(cellColumns[a].subtracting(cellColumns[b]))
                        inside[0].formUnion(cellColumns[b])
                        inside[table.cells[b].fixed == nil ? 1 : 2].formUnion(cellColumns[b])
                    }
                    for set in inside where !set.isEmpty { list.append(cellColumns[a].subtracting(set)) }
                }
                for line in table.lines where line.allSatisfy({ cellsHere.contains($0) }) {
                    let hidden = line.dropFirst().filter { result[$0].isWithheld }
                    if !hidden.isEmpty {
                        list.append(hidden.reduce(into: Set<Int>()) { $0.formUnion(cellColumns[$1]) })
                    }
                }
                if members.count <= table.exhaustiveAtoms {
                    for mask in 1..<(1 << members.count) {
                        list.append(Set(members.indices.filter { mask & (1 << $0) != 0 }.map { members[$0] }))
                    }
                }
                return list
            }
            var unfixable: Set<Set<Int>> = []
            while true {
                let shown = space()
                guard
                    let leak = candidates().first(where: { set in
                        !set.isEmpty && !unfixable.contains(set) && primaryReason(counts(set), kind: table.kind) != nil
                            && shown.contains(vector(set))
                    })
                else { break }
                let options = cellsHere.filter {
                    !result[$0].isWithheld && table.cells[$0].fixed == nil
                        && counts(cellColumns[$0]).contains { $0 != 0 }
                }
                .sorted { a, b in
                    // Parts before totals, then the smallest.
                    let ka = (cellColumns[a].isSuperset(of: leak) ? 1 : 0, counts(cellColumns[a]).reduce(0, +), a)
                    let kb = (cellColumns[b].isSuperset(of: leak) ? 1 : 0, counts(cellColumns[b]).reduce(0, +), b)
                    return ka < kb
                }
                if let pick = options.first(where: { !space(without: twins($0)).contains(vector(leak)) }) {
                    for i in twins(pick) { result[i] = .withheld(.secondary) }
                } else if let pick = options.first(where: { i in
                    table.lines.contains { line in
                        line.contains(i)
                            && line.contains { result[$0].isWithheld && !cellColumns[$0].isDisjoint(with: leak) }
                    }
                }) ?? options.first {
                    // No one cell stops it: withhold the smallest part beside it and look again.
                    for i in twins(pick) { result[i] = .withheld(.secondary) }
                } else {
                    unfixable.insert(leak)
                }
            }
        }
        return result
    }
}

/// The span of some 0/1 vectors, kept in reduced row echelon form, to tell whether a
/// sum of atoms can be worked out from shown cells. Entries stay small rationals, so
/// doubles with a tolerance are exact enough.
struct RowSpace {
    private var rows: [[Double]] = []
    private var pivots: [Int] = []
    let width: Int

    init(width: Int) { self.width = width }

    private func reduced(_ v: [Double]) -> [Double] {
        var v = v
        for (row, pivot) in zip(rows, pivots) where abs(v[pivot]) > 1e-9 {
            let f = v[pivot]
            for k in 0..<width { v[k] -= f * row[k] }
        }
        return v
    }

    mutating func add(_ v: [Double]) {
        var r = reduced(v)
        guard let pivot = r.indices.first(where: { abs(r[$0]) > 1e-9 }) else { return }
        let f = r[pivot]
        for k in 0..<width { r[k] /= f }
        for i in rows.indices where abs(rows[i][pivot]) > 1e-9 {
            let g = rows[i][pivot]
            for k in 0..<width { rows[i][k] -= g * r[k] }
        }
        rows.append(r)
        pivots.append(pivot)
    }

    func contains(_ v: [Double]) -> Bool { reduced(v).allSatisfy { abs($0) <= 1e-9 } }
}
