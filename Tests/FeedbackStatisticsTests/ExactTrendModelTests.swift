import Foundation
import TestSupport
import Testing

@testable import FeedbackStatistics

/// `ExactTrend` against the test's definition, enumerated by brute force: every way the
/// positive answers could have fallen across the periods, weighed by the product of
/// binomial coefficients, and p the share of those at least as far from the expected
/// score sum as the one observed.
struct ExactTrendModelTests {
    static func bruteForce(_ periods: [Proportion], scores: [Int]) -> Double? {
        let used = zip(periods, scores).filter { $0.0.total > 0 }
        guard used.count >= 2 else { return nil }
        let n = used.reduce(0) { $0 + $1.0.total }
        let r = used.reduce(0) { $0 + $1.0.positive }
        guard r > 0, r < n else { return nil }
        func choose(_ t: Int, _ x: Int) -> Double {
            (0..<x).reduce(1.0) { $0 * Double(t - $1) / Double($1 + 1) }
        }
        let expected = Double(r) * Double(used.reduce(0) { $0 + $1.0.total * $1.1 }) / Double(n)
        let distance = abs(Double(used.reduce(0) { $0 + $1.0.positive * $1.1 }) - expected)
        var total = 0.0
        var tail = 0.0
        func visit(_ i: Int, left: Int, weight: Double, sum: Int) {
            guard i < used.count else {
                guard left == 0 else { return }
                total += weight
                if abs(Double(sum) - expected) >= distance * (1 - 1e-7) { tail += weight }
                return
            }
            let t = used[i].0.total
            for x in 0...min(t, left) {
                visit(i + 1, left: left - x, weight: weight * choose(t, x), sum: sum + x * used[i].1)
            }
        }
        visit(0, left: r, weight: 1, sum: 0)
        return tail / total
    }

    @Test("on 400 random small tables the exact trend p is the brute-force enumeration's, to 1e-12")
    func matchesBruteForce() throws {
        var random = SeededGenerator(seed: 25)
        var compared = 0
        for _ in 0..<400 {
            let m = Int.random(in: 2...6, using: &random)
            let periods = (0..<m).map { _ in
                let total = Int.random(in: 0...9, using: &random)
                return Proportion(positive: Int.random(in: 0...total, using: &random), total: total)
            }
            // Scores with gaps sometimes (a missing quarter), starting anywhere.
            var scores: [Int] = []
            var score = Int.random(in: 0...3, using: &random)
            for _ in 0..<m {
                scores.append(score)
                score += Int.random(in: 1...2, using: &random)
            }
            let model = Self.bruteForce(periods, scores: scores)
            let p = ExactTrend.p(periods, scores: scores)
            #expect((model == nil) == (p == nil), "\(periods) \(scores)")
            if let model, let p {
                #expect(abs(p - model) <= 1e-12 * max(1, model), "\(periods) \(scores): \(p) against \(model)")
                compared += 1
            }
        }
        #expect(compared > 300)
    }
}
