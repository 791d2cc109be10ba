/// Small-number suppression for anything published, after the GP Patient Survey and
/// GSS practice: a figure whose base is below the threshold (default 10 answers) is
/// withheld with its interval and counts; counts of 1 to 4 are never published; and in
/// every additive set (the answer options of a question, groups that sum to a total,
/// periods that sum to a year) a further cell is withheld whenever exactly one is, so
/// that no withheld value can be recovered by subtraction. Withheld values are shown
/// with the GSS symbol `c`.
public struct SuppressionRule: Sendable, Equatable, Codable {
    /// Bases below this are withheld.
    public var threshold: Int
    /// Counts in this range are withheld.
    public var smallCounts: ClosedRange<Int>

    public init(threshold: Int = 10, smallCounts: ClosedRange<Int> = 1...4) {
        self.threshold = threshold
        self.smallCounts = smallCounts
    }

    /// The GSS symbol for a confidential (withheld) value.
    public static let symbol = "c"

    /// Whether a proportion may be published on its own. Its percentage and base give its
    /// counts away, so a small positive or non-positive count withholds it too.
    public func disclosure(of p: Proportion) -> Disclosure {
        if p.total < threshold { return .withheld(.smallBase) }
        if smallCounts.contains(p.positive) || smallCounts.contains(p.total - p.positive) { return .withheld(.smallCount) }
        return .shown
    }

    /// Whether a count may be published on its own.
    public func disclosure(ofCount count: Int) -> Disclosure {
        smallCounts.contains(count) ? .withheld(.smallCount) : .shown
    }

    /// Disclosure of the cells of one additive set whose total is published (e.g. the
    /// answer options of a question and its base): primary suppression of small counts,
    /// then secondary suppression of the smallest other cell while exactly one is withheld.
    /// When `total` is below the threshold everything is withheld.
    public func protect(counts cells: [Int], total: Int) -> [Disclosure] {
        if total < threshold { return cells.map { _ in .withheld(.smallBase) } }
        var result = cells.map { disclosure(ofCount: $0) }
        Self.secondary(&result, sizes: cells)
        return result
    }

    /// Disclosure of groups (segments, sources, periods) whose combined figure is also
    /// published: each group on its own rule, then secondary suppression so a single
    /// withheld group cannot be recovered from the total minus the others.
    public func protect(groups: [Proportion], totalShown: Bool = true) -> [Disclosure] {
        var result = groups.map { disclosure(of: $0) }
        if totalShown { Self.secondary(&result, sizes: groups.map(\.total)) }
        return result
    }

    /// While exactly one cell is withheld, withhold the smallest shown cell (non-zero
    /// first: a zero that is withheld protects nothing when it is known to be zero).
    static func secondary(_ result: inout [Disclosure], sizes: [Int]) {
        while result.filter(\.isWithheld).count == 1 {
            let candidates = result.indices.filter { !result[$0].isWithheld }
            guard !candidates.isEmpty else { return }
            let nonZero = candidates.filter { sizes[$0] > 0 }
            let pool = nonZero.isEmpty ? candidates : nonZero
            let pick = pool.min { (sizes[$0], $0) < (sizes[$1], $1) }!
            result[pick] = .withheld(.secondary)
        }
    }
}

/// Whether a published value is shown or withheld, and why.
public enum Disclosure: Sendable, Equatable, Hashable, Codable {
    case shown
    case withheld(WithholdingReason)

    public var isWithheld: Bool { self != .shown }

    /// A plain-English note for readers.
    public var note: String? {
        switch self {
        case .shown: return nil
        case .withheld(let reason): return reason.note
        }
    }
}

public enum WithholdingReason: String, Sendable, Equatable, Hashable, Codable {
    /// Fewer answers than the threshold.
    case smallBase = "small base"
    /// A count of 1-4 (or a figure that would reveal one).
    case smallCount = "small count"
    /// Withheld so that another withheld value cannot be worked out by subtraction.
    case secondary

    public var note: String {
        switch self {
        case .smallBase: return "c: withheld because too few people answered to publish a reliable figure without risking identifying anyone"
        case .smallCount: return "c: withheld because it would reveal a count of fewer than 5 people"
        case .secondary: return "c: withheld so that another withheld figure cannot be worked out from the total"
        }
    }
}
