import TestSupport
import Testing

@testable import FeedbackStatistics

@Suite("Small-number suppression for published figures")
struct SuppressionTests {
    let rule = SuppressionRule()

    @Test("a base under 10 is withheld; counts of 1-4 are withheld, and so is a percentage that would reveal one")
    func primary() {
        #expect(rule.disclosure(of: Proportion(positive: 3, total: 4)) == .withheld(.smallBase))
        #expect(rule.disclosure(of: Proportion(positive: 9, total: 9)) == .withheld(.smallBase))
        #expect(rule.disclosure(of: Proportion(positive: 30, total: 40)) == .shown)
        #expect(rule.disclosure(of: Proportion(positive: 38, total: 40)) == .withheld(.smallCount))
        #expect(rule.disclosure(of: Proportion(positive: 2, total: 40)) == .withheld(.smallCount))
        #expect(rule.disclosure(of: Proportion(positive: 40, total: 40)) == .shown)
        #expect(rule.disclosure(ofCount: 0) == .shown)
        #expect(rule.disclosure(ofCount: 4) == .withheld(.smallNumber))
        #expect(rule.note(.smallBase) == "fewer than 10 answered")
        #expect(rule.note(.smallCount) == "too few gave one of the answers")
        #expect(rule.disclosure(of: Proportion(positive: 0, total: 0)) == .shown, "no answers is shown as such")
    }

    @Test("one small answer option withholds the next smallest too, so it cannot be recovered from the base")
    func secondary() {
        // 20 + 12 + 3 + 8 + 7 = 50: 3 is withheld, then 7 (the smallest other) as well.
        #expect(
            rule.protect(counts: [20, 12, 3, 8, 7], total: 50)
                == [.shown, .shown, .withheld(.smallNumber), .shown, .withheld(.secondary)])
        // A known zero protects nothing: the smallest non-zero is chosen.
        #expect(
            rule.protect(counts: [0, 3, 40], total: 43) == [.shown, .withheld(.smallNumber), .withheld(.secondary)])
        #expect(rule.protect(counts: [5, 3], total: 8).allSatisfy { $0 == .withheld(.smallBase) })
        // Quarters summing to a year: one small quarter withholds another.
        let quarters = [[30, 10], [5, 3], [20, 10], [25, 20]]
        let year = LinkedCells(
            kind: .proportion, atoms: quarters,
            cells: [.init(atoms: [0, 1, 2, 3])] + (0..<4).map { .init(atoms: [$0]) },
            lines: [[0, 1, 2, 3, 4]])
        #expect(rule.protect(year) == [.shown, .shown, .withheld(.smallBase), .withheld(.secondary), .shown])
    }

    @Test(
        "property: in 5,000 random additive sets no withheld cell can be recovered by subtraction, and no small count is shown"
    )
    func property() {
        var random = SeededGenerator(seed: 7)
        var sets = 0
        var withheldSeen = 0
        for _ in 0..<5_000 {
            let cells = (0..<Int(2 + random.next() % 6)).map { _ in Int(random.next() % 25) }
            let total = cells.reduce(0, +)
            let result = rule.protect(counts: cells, total: total)
            sets += 1
            let withheld = result.indices.filter { result[$0].isWithheld }
            withheldSeen += withheld.count
            // Under the threshold nothing is published, the total included.
            if total < 10 {
                #expect(result.allSatisfy { $0 == .withheld(.smallBase) }, "\(cells)")
                continue
            }
            let reader = Self.whatSubtractionReveals(cells: cells, withheld: Set(withheld))
            for i in withheld {
                #expect(reader.recovered[i] == nil, "cell \(i) of \(cells) can be worked out")
            }
            for (group, people) in reader.groups {
                #expect(!(1...4).contains(people), "\(group) of \(cells) can be worked out: \(people) people")
            }
            for i in result.indices where !result[i].isWithheld {
                #expect(!(1...4).contains(cells[i]), "\(cells)")
            }
        }
        #expect(sets == 5_000 && withheldSeen > 1_000)
    }

    /// The reference for one additive set with its total published: a reader who sees the
    /// total and the shown cells and considers every way of filling in the withheld cells
    /// with counts in `bounds` (by default 0 to what the total leaves) that adds up. For a
    /// group of withheld cells the sums that some filling gives run from
    /// max(group's lowest, left - rest's highest) to min(group's highest, left - rest's
    /// lowest); the group is worked out when that range is one number, a cell recovered
    /// when its group of one is. Independent of ``SuppressionRule/protect(_:)``'s algebra.
    static func whatSubtractionReveals(
        cells: [Int], withheld: Set<Int>, bounds: (Int) -> ClosedRange<Int>? = { _ in nil }
    ) -> (recovered: [Int: Int], groups: [(Set<Int>, Int)]) {
        let hidden = withheld.sorted()
        let left = cells.reduce(0, +) - cells.indices.filter { !withheld.contains($0) }.map { cells[$0] }.reduce(0, +)
        let range = hidden.map { bounds($0) ?? 0...left }
        var recovered: [Int: Int] = [:]
        var groups: [(Set<Int>, Int)] = []
        guard !hidden.isEmpty else { return ([:], []) }
        for mask in 1..<(1 << hidden.count) {
            let inGroup = hidden.indices.map { mask & (1 << $0) != 0 }
            var (groupLow, groupHigh, restLow, restHigh) = (0, 0, 0, 0)
            for k in hidden.indices {
                if inGroup[k] {
                    groupLow += range[k].lowerBound
                    groupHigh += range[k].upperBound
                } else {
                    restLow += range[k].lowerBound
                    restHigh += range[k].upperBound
                }
            }
            let low = max(groupLow, left - restHigh)
            let high = min(groupHigh, left - restLow)
            guard low == high else { continue }
            let members = Set(hidden.indices.filter { inGroup[$0] }.map { hidden[$0] })
            if members.count == 1 { recovered[members.first!] = low }
            groups.append((members, low))
        }
        return (recovered, groups)
    }
}
