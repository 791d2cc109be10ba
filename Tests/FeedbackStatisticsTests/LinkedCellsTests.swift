import Testing

@testable import FeedbackStatistics

@Suite("Coordinated suppression over linked cells")
struct LinkedCellsTests {
    let rule = SuppressionRule()

    @Test("a total and two groups: the small group is withheld and so is the other, which would give it away")
    func totalAndTwoGroups() {
        let table = LinkedCells(
            kind: .proportion, atoms: [[28, 7], [8, 3]],
            cells: [.init(atoms: [0, 1], fixed: .shown), .init(atoms: [0]), .init(atoms: [1])], lines: [[0, 1, 2]])
        #expect(rule.protect(table) == [.shown, .withheld(.secondary), .withheld(.smallCount)])
    }
}
