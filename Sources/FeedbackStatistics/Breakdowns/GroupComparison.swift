/// Two groups compared, e.g. telephone against online answers, with a sentence a
/// reader can take at face value.
public struct GroupComparison: Sendable, Equatable, Codable {
    /// The first group's name ("telephone").
    public var first: String
    /// The second group's name ("online").
    public var second: String
    /// first − second.
    public var change: Change
    /// Displayed difference in whole points.
    public var points: Int

    /// Compares `a` (of `first`) with `b` (of `second`); `nil` when either has no answers.
    package init?(first: String, _ a: Proportion, second: String, _ b: Proportion, z: Double = Wilson.z95) {
        guard let change = Change(current: a, baseline: b, z: z), let pa = a.wholePercent, let pb = b.wholePercent
        else { return nil }
        self.first = first
        self.second = second
        self.change = change
        points = pa - pb
    }

    /// Whether the two clearly differ (the interval for the difference excludes 0).
    package var differClearly: Bool { change.verdict == .clearImprovement || change.verdict == .clearDecline }

    /// "telephone answers were clearly more positive than portal answers (82% against 61%, +21 points)".
    public func sentence(_ a: Proportion, _ b: Proportion) -> String {
        let figures = "(\(a.wholePercent ?? 0)% against \(b.wholePercent ?? 0)%, \(PointsText.text(points)))"
        switch change.verdict {
        case .clearImprovement: return "\(first) answers were clearly more positive than \(second) answers \(figures)"
        case .clearDecline: return "\(first) answers were clearly less positive than \(second) answers \(figures)"
        default: return "no clear difference between \(first) and \(second) answers \(figures)"
        }
    }
}
