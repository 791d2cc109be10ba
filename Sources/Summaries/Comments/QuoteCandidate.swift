import ResponseStore

/// A comment that may be quoted, as the officer reviews it (`engage quotes`): the quote
/// as it would be printed (consented, personal details removed, trimmed), what it would
/// illustrate and why, and the officer's decision on it.
public struct QuoteCandidate: Sendable, Equatable, Encodable {
    /// The short id to approve or hide it by (``QuoteKey/id``), the same after re-imports.
    public var id: String
    public var survey: String
    /// The free-text question it answers.
    public var question: String
    /// The response's submission date, `YYYY-MM-DD`, when known.
    public var submitted: String?
    /// The quote as it would be printed.
    public var quote: String
    /// The comment themes it mentions, with the keyword found.
    public var themes: [ThemeMatch]
    /// The KPIs those themes speak to: the items it could illustrate.
    public var kpis: [String]
    /// How many personal details were removed from it.
    public var detailsRemoved: Int
    /// Its place among the period's candidates by how well it reads (1 best): fewest
    /// details removed, then a comfortable length.
    public var rank: Int
    /// "approved", "hidden" or "to review".
    public var decision: String
    /// The reason given with the decision.
    public var reason: String?
    /// When the decision was recorded.
    public var decidedAt: String?
    /// The comment changed (in a re-import) after a decision on it: to review again.
    public var changedSinceDecision: Bool
    /// Why it is a candidate, in a sentence.
    public var why: String

    /// A theme a quote mentions.
    public struct ThemeMatch: Sendable, Equatable, Encodable {
        public var theme: String
        public var title: String
        /// The theme's keyword found in the comment.
        public var keyword: String
    }

    public var isApproved: Bool { decision == QuoteDecision.Kind.approved.rawValue }
    public var isHidden: Bool { decision == QuoteDecision.Kind.hidden.rawValue }
}
