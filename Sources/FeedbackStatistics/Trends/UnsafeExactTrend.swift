import Foundation

// Sharp edges (see docs/internals.md, "Sharp edges").
// What is unchecked: the enumeration's inner loop reads and writes its two weight arrays
// through buffer pointers, with wrap-around index sums (no bounds or overflow checks in
// a release build).
// Why: it runs up to `stepLimit` times a test, and checked subscripts (bounds, overflow
// and the array's uniqueness at every step) made the example workspace's summary and
// kpis by quarter wait on it.
// What keeps it safe: every index is proved in bounds where it is computed (k + x <= r
// and s + x * score <= r * top = width - 1); a debug build still checks each one.
// Guarded by: ExactTrendModelTests (400 random tables against brute-force enumeration;
// dropping one row fails 316 expectations), VerdictTests (R's coin values).

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
        // Answers in the periods after each one: a row k that cannot reach r positive
        // answers with them is left out, since it adds nothing to the result.
        var after = [Int](repeating: 0, count: cells.count)
        for c in cells.indices.dropLast().reversed() { after[c] = after[c + 1] + cells[c + 1].total }
        // The lowest row of f that can still reach r (before the first period, row 0).
        var reachedLow = 0
        for (c, cell) in cells.enumerated() {
            let weights = binomialWeights(cell.total, upTo: min(cell.total, r))
            let nextK = min(r, reachedK + cell.total)
            let nextLow = max(0, r - after[c])
            let nextTop = max(topSoFar, cell.score)
            // Only rows nextLow...nextK matter after this period, and of row k only its
            // first k * nextTop + 1 score sums can hold weight: only that part of g is cleared,
            // filled and rescaled, and only rows reachedLow...reachedK of f are read.
            let reach = (nextLow...nextK).map { (start: $0 * width, count: $0 * nextTop + 1) }
            // Buffer pointers: the loop below runs up to `stepLimit` times, and array
            // subscripts checked the bounds and g's uniqueness at every step (it ran
            // 3 times slower). Every index is in bounds: k + x <= r, and
            // s + x * score <= (k + x) * top <= r * top = width - 1 (so the index sums
            // cannot overflow either, and wrap-around adds are safe).
            g.withUnsafeMutableBufferPointer { g in
                f.withUnsafeBufferPointer { f in
                    for row in reach { for i in row.start..<(row.start + row.count) { g[i] = 0 } }
                    for k in reachedLow...reachedK {
                        let from = k * width
                        let sums = 0...(k * topSoFar)
                        for x in max(0, nextLow - k)...min(cell.total, r - k) {
                            // One contiguous run: every score sum s of row k moves to row
                            // k + x, shifted by x times the period's score.
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
            reachedLow = nextLow
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
