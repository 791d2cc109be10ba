import Foundation

/// The Cochran-Armitage chi-squared test for a linear trend in proportions over
/// ordered periods (Armitage's form, as R's prop.trend.test), with the slope in
/// proportion per period.
package struct CochranArmitage: Sendable, Equatable, Codable {
    /// The test statistic (positive for a rising proportion).
    package var z: Double
    /// z squared, the chi-squared statistic with one degree of freedom.
    package var chiSquared: Double
    /// Two-sided p-value (1 df).
    package var p: Double
    /// Weighted least-squares change in the proportion per unit of score (per period).
    package var slopePerPeriod: Double

    /// `nil` with fewer than three periods with answers, or no variation to test.
    package init?(_ periods: [Proportion], scores: [Double]? = nil) {
        let scores = scores ?? periods.indices.map { Double($0 + 1) }
        precondition(scores.count == periods.count, "one score per period")
        let used = zip(periods, scores).filter { $0.0.total > 0 }
        guard used.count >= 3 else { return nil }
        let n = Double(used.reduce(0) { $0 + $1.0.total })
        let r = Double(used.reduce(0) { $0 + $1.0.positive })
        let pBar = r / n
        var t = 0.0
        var sumNT = 0.0
        var sumNT2 = 0.0
        for (prop, score) in used {
            t += score * (Double(prop.positive) - Double(prop.total) * pBar)
            sumNT += Double(prop.total) * score
            sumNT2 += Double(prop.total) * score * score
        }
        let spread = sumNT2 - sumNT * sumNT / n
        let variance = pBar * (1 - pBar) * spread
        guard variance > 0 else { return nil }
        z = t / variance.squareRoot()
        chiSquared = z * z
        p = Normal.twoSidedP(z)
        slopePerPeriod = t / spread
    }
}
