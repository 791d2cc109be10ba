import Foundation

/// The exact (conditional, permutation) version of the Cochran-Armitage test: given how
/// many answered in each period and how many were positive in all, every way those
/// positive answers could have fallen across the periods is weighed by its
/// hypergeometric probability, and p is the probability of a trend statistic at least
/// as far from its expected value as the one observed (two-sided, as StatXact and R's
/// `coin` compute it). No approximation, so it holds at any count.
package enum ExactTrend {
    /// The most steps the enumeration may take; above it the chi-squared test is used
    /// (by then the counts are large and the approximation good).
    static let stepLimit = 30_000_000

    /// The exact two-sided p-value, or `nil` when there is no variation to test, fewer
    /// than two periods have answers, or the enumeration would take more than
    /// ``stepLimit`` steps. `scores` are whole numbers (period positions).
    package static func p(_ periods: [Proportion], scores: [Int]) -> Double? {
        precondition(scores.count == periods.count, "one score per period")
        let used = zip(periods, scores).filter { $0.0.total > 0 }
        guard used.count >= 2 else { return nil }
        let n = used.reduce(0) { $0 + $1.0.total }
        let positive = used.reduce(0) { $0 + $1.0.positive }
        guard positive > 0, positive < n else { return nil }
        // Count whichever of positive and other answers is fewer: the same test.
        let swap = positive > n - positive
        let r = swap ? n - positive : positive
        let low = used.map(\.1).min()!
        let cells = used.map {
            (total: $0.0.total, count: swap ? $0.0.total - $0.0.positive : $0.0.positive, score: $0.1 - low)
        }
        let top = cells.map(\.score).max()!
        let width = r * top + 1
        var steps = 0
        for cell in cells { steps += (r + 1) * width * (min(cell.total, r) + 1) }
        guard steps <= stepLimit else { return nil }

        // f[k * width + s]: weight of k positive answers so far with score sum s.
        var f = [Double](repeating: 0, count: (r + 1) * width)
        f[0] = 1
        // The next period's weights; swapped with f after each period.
        var g = f
        var reachedK = 0
        // The highest score of the periods added so far: k positive answers have a score
        // sum of at most k times it.
        var topSoFar = 0
        for cell in cells {
            let weights = binomialWeights(cell.total, upTo: min(cell.total, r))
            let nextK = min(r, reachedK + cell.total)
            let nextTop = max(topSoFar, cell.score)
            // Only row k's first k * top + 1 score sums can hold weight (k <= nextK after
            // this period; before it, k <= reachedK in f and in g): the rest of both arrays
            // stays 0, so only that triangle is cleared and rescaled.
            let reach = (0...nextK).map { (start: $0 * width, count: min(width, $0 * nextTop + 1)) }
            // Buffer pointers: the loop below runs up to `stepLimit` times, and array
            // subscripts checked the bounds and g's uniqueness at every step (it ran
            // 3 times slower). Every index is in bounds: k + x <= r, and
            // s + x * score <= (k + x) * top <= r * top = width - 1 (so the index sums
            // cannot overflow either, and wrap-around adds are safe).
            g.withUnsafeMutableBufferPointer { g in
                f.withUnsafeBufferPointer { f in
                    for row in reach { for i in row.start..<(row.start + row.count) { g[i] = 0 } }
                    for k in 0...reachedK {
                        let from = k * width
                        let sums = 0...(k * topSoFar)
                        for x in 0...min(cell.total, r - k) {
                            // One contiguous run: every score sum s of row k moves to row
                            // k + x, shifted by x times the period's score. Each cell of g
                            // gets at most one term per k, added in increasing k: the order
                            // of the sums, and so every bit of the result, is that of adding
                            // them one by one.
                            let to = (k + x) * width + x * cell.score
                            let weight = weights[x]
                            for s in sums { g[to &+ s] += f[from &+ s] * weight }
                        }
                    }
                    // Rescale so nothing overflows; only ratios matter.
                    var largest = 0.0
                    for row in reach { for i in row.start..<(row.start + row.count) { largest = max(largest, g[i]) } }
                    if largest > 0 {
                        for row in reach { for i in row.start..<(row.start + row.count) { g[i] /= largest } }
                    }
                }
            }
            reachedK = nextK
            topSoFar = nextTop
            Swift.swap(&f, &g)
        }
        let sumNT = cells.reduce(0.0) { $0 + Double($1.total * $1.score) }
        let expected = Double(r) * sumNT / Double(n)
        let observed = Double(cells.reduce(0) { $0 + $1.count * $1.score })
        let distance = abs(observed - expected)
        var total = 0.0
        var tail = 0.0
        for s in 0..<width {
            let w = f[r * width + s]
            if w == 0 { continue }
            total += w
            // The relative tolerance R's fisher.test uses, so ties count as "as extreme".
            if abs(Double(s) - expected) >= distance * (1 - 1e-7) { tail += w }
        }
        return total > 0 ? min(1, tail / total) : nil
    }

    /// C(n, x) for x in 0...upTo, divided by the largest of them (so no weight overflows).
    static func binomialWeights(_ n: Int, upTo: Int) -> [Double] {
        // log C(n, x) by the recurrence C(n, x + 1) = C(n, x) · (n − x) / (x + 1).
        var logs = [0.0]
        for x in 0..<upTo { logs.append(logs[x] + log(Double(n - x)) - log(Double(x + 1))) }
        let top = logs.max()!
        return logs.map { exp($0 - top) }
    }
}
