/// The Wilson score interval for a single proportion (Wilson 1927; the method OHID
/// Fingertips prescribes), without continuity correction.
public enum Wilson {
    /// The exact 97.5% normal quantile, for 95% intervals.
    static let z95 = 1.959963984540054

    /// The interval for `positive` of `total`, as fractions, or `nil` when `total` is 0.
    /// Exactly 0 when `positive` is 0 and exactly 1 when it equals `total`.
    package static func interval(positive x: Int, total n: Int, z: Double = z95) -> Interval? {
        guard n > 0 else { return nil }
        let nd = Double(n)
        let xd = Double(x)
        let p = xd / nd
        let q = 1 - p
        let z2 = z * z
        let root = z * (z2 + 4 * xd * q).squareRoot()
        var lower = (2 * xd + z2 - root) / (2 * (nd + z2))
        var upper = (2 * xd + z2 + root) / (2 * (nd + z2))
        if x == 0 { lower = 0 }
        if x == n { upper = 1 }
        return Interval(lower: max(0, lower), upper: min(1, upper))
    }
}
