/// Small-number suppression for anything published, after the GP Patient Survey and
/// GSS practice: a figure whose base is below the threshold (default 10 answers) is
/// withheld with its interval and counts; counts of 1 to 4 are never published; and
/// across every set of linked cells (the answer options of a question, groups that sum
/// to a total, quarters that sum to a year, a baseline overlapping them) further cells
/// are withheld until no withheld value, and no combination of people that would fail
/// these rules, can be worked out from what is shown (``protect(_:)``). Withheld values
/// are shown with the GSS symbol `c` and a plain-English ``note(_:)``.
public struct SuppressionRule: Sendable, Equatable {
    /// Bases below this are withheld.
    public var threshold: Int
    /// Counts in this range are withheld.
    public var smallCounts: ClosedRange<Int>

    /// Rules switched off, only ever by tests (see ``Check``).
    var switchedOff: Set<Check> = []

    /// A rule with the GSS defaults: bases under 10 and counts of 1-4 withheld.
    public init(threshold: Int = 10, smallCounts: ClosedRange<Int> = 1...4) {
        self.threshold = threshold
        self.smallCounts = smallCounts
    }

    /// The GSS symbol for a confidential (withheld) value.
    public static let symbol = "c"

    /// Whether a proportion may be published on its own. Its percentage and base give its
    /// counts away, so a small positive or non-positive count withholds it too.
    /// No answers at all is shown as such ("no answers"): it reveals nobody.
    public func disclosure(of p: Proportion) -> Disclosure {
        primaryReason([p.positive, p.total - p.positive], kind: .proportion).map(Disclosure.withheld) ?? .shown
    }

    /// Whether a count may be published on its own.
    public func disclosure(ofCount count: Int) -> Disclosure {
        primaryReason([count], kind: .counts).map(Disclosure.withheld) ?? .shown
    }

    /// Disclosure of the cells of one additive set whose total is published (e.g. the
    /// answer options of a question and its base): through ``protect(_:)``, so no
    /// withheld cell and no combination of them failing the rule can be worked out from
    /// the total and the shown cells. When `total` is below the threshold everything is
    /// withheld.
    public func protect(counts cells: [Int], total: Int) -> [Disclosure] {
        if applies(.smallBase) && total < threshold { return cells.map { _ in .withheld(.smallBase) } }
        let table = LinkedCells(
            kind: .counts, atoms: cells.map { [$0] },
            cells: [LinkedCells.Cell(atoms: Array(cells.indices), fixed: .shown)]
                + cells.indices.map { LinkedCells.Cell(atoms: [$0]) },
            lines: [Array(0...cells.count)])
        return Array(protect(table).dropFirst())
    }

    /// The rules a test may switch off one at a time, to show that each is needed
    /// (engage itself always applies them all).
    public enum Check: String, Sendable, CaseIterable, Codable {
        /// Bases below the threshold are withheld.
        case smallBase
        /// Counts of 1-4 are withheld.
        case smallCounts
        /// Nothing withheld, and no combination failing the rule, can be worked out
        /// from what is shown.
        case secondary
        /// Linked tables are decided together (a total with each breakdown, a year with
        /// its quarters, a baseline with the periods it overlaps).
        case coordination
        /// Public outputs cover whole reporting periods only.
        case wholePeriods
        /// Trend statistics come only from the periods shown.
        case trendFromShown
        /// Baselines, Don't know counts, RAG reasons, targets, measures, reach and
        /// themes go through the same rules as the figures.
        case everyFigure
    }

    /// Whether `check` is in force (always, outside tests).
    public func applies(_ check: Check) -> Bool { !switchedOff.contains(check) }

    /// Plain English for readers, after the GSS symbol.
    public func note(_ reason: WithholdingReason) -> String {
        switch reason {
        case .smallBase: return "fewer than \(threshold) answered"
        case .smallCount: return "too few gave one of the answers"
        case .smallNumber: return "fewer than \(smallCounts.upperBound + 1) people"
        case .secondary: return "withheld so that another withheld figure cannot be worked out from the published ones"
        case .confidential:
            return "fewer than \(threshold) answered or fewer than \(smallCounts.upperBound + 1) people,"
                + " or it could be used to work out a figure that is"
        }
    }
}

/// Whether a published value is shown or withheld, and why.
public enum Disclosure: Sendable, Equatable, Hashable, Codable {
    case shown
    case withheld(WithholdingReason)

    /// Whether the value is withheld.
    public var isWithheld: Bool { self != .shown }

    /// Why, when withheld.
    public var reason: WithholdingReason? {
        if case .withheld(let reason) = self { return reason }
        return nil
    }
}

/// Why a value is withheld (its code is written in data outputs).
public enum WithholdingReason: String, Sendable, Equatable, Hashable, Codable {
    /// Fewer answers than the threshold.
    case smallBase = "small-base"
    /// One of the answers (agreed, or did not) was given by 1-4 people.
    case smallCount = "small-count"
    /// A count published on its own (responses, Don't know answers, mentions) of 1-4.
    case smallNumber = "small-number"
    /// Withheld so that another withheld value cannot be worked out.
    case secondary
    /// The one reason a public output gives for every withheld value. A reason per value
    /// would bound it: "fewer than 5 people" on two withheld cells whose sum (8) can be
    /// worked out says both are 4. Internal outputs keep the reasons above.
    case confidential
}
