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
            // Never exactly one withheld cell beside a published total.
            #expect(withheld.count != 1, "\(cells)")
            // The withheld cells' sum is all a reader can learn; unless all are known zero,
            // more than one assignment fits, so none is recovered.
            if withheld.count >= 2 {
                let unknownSum = withheld.map { cells[$0] }.reduce(0, +)
                #expect(unknownSum > 0 || withheld.allSatisfy { cells[$0] == 0 }, "\(cells)")
            }
            for i in result.indices where !result[i].isWithheld {
                #expect(!(1...4).contains(cells[i]), "\(cells)")
            }
        }
        #expect(sets == 5_000 && withheldSeen > 1_000)
    }
}
