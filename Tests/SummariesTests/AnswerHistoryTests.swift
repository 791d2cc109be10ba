import ResponseStore
import TestSupport
import Testing

@testable import Summaries

/// `AnswerHistory` keeps running totals; these tests compare every range it is asked
/// for with the plain sum over the counts it was given.
struct AnswerHistoryTests {
    /// Counts on random days (with repeats, blanks and unanswered rows), in random order.
    static func randomCounts(seed: UInt64) -> [AnswerCount] {
        var random = SeededGenerator(seed: seed)
        let options: [String?] = ["1", "2", "3", "4", "5", "dk", nil]
        let groups: [String?] = ["a", "b", nil]
        return (0..<400).map { _ in
            AnswerCount(
                day: Int.random(in: 0..<20, using: &random) == 0
                    ? nil : 20_000 + Int.random(in: 0..<120, using: &random),
                option: options.randomElement(using: &random)!, group: groups.randomElement(using: &random)!,
                count: Int.random(in: 1...9, using: &random))
        }
    }

    /// The plain model: sum the counts whose day is in the range, per option.
    static func model(_ counts: [AnswerCount], from first: Int, to last: Int, group: String?) -> [String: Int] {
        var total: [String: Int] = [:]
        for c in counts {
            guard let day = c.day, let option = c.option, first <= day, day <= last else { continue }
            if let group, (c.group ?? "") != group { continue }
            total[option, default: 0] += c.count
        }
        return total
    }

    @Test("every day range of every group counts what the plain sum counts", arguments: [1, 2, 3] as [UInt64])
    func rangesMatchThePlainSum(seed: UInt64) {
        let counts = Self.randomCounts(seed: seed)
        let history = AnswerHistory(counts, grouped: true)
        #expect(history.groups == ["", "a", "b"])
        for group in [nil, "", "a", "b"] as [String?] {
            for first in stride(from: 19_995, through: 20_125, by: 7) {
                for last in stride(from: first - 3, through: 20_130, by: 11) {
                    #expect(
                        history.counts(from: first, to: last, group: group)
                            == Self.model(counts, from: first, to: last, group: group),
                        "days \(first)...\(last), group \(group ?? "all")")
                }
            }
        }
        let days = counts.filter { $0.option != nil }.compactMap(\.day)
        #expect(history.span == days.min()!...days.max()!)
    }

    @Test("an ungrouped history has only the whole, and an empty one has no span")
    func ungroupedAndEmpty() {
        let counts = Self.randomCounts(seed: 9)
        let history = AnswerHistory(counts, grouped: false)
        #expect(history.groups.isEmpty)
        #expect(history.counts(from: 20_010, to: 20_050, group: "a").isEmpty)
        #expect(history.counts(from: 20_010, to: 20_050) == Self.model(counts, from: 20_010, to: 20_050, group: nil))
        let empty = AnswerHistory([], grouped: true)
        #expect(empty.span == nil)
        #expect(empty.counts(from: 0, to: 99_999).isEmpty)
    }
}
