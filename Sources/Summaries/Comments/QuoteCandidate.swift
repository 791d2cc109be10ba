import ResponseStore

/// A comment that may be quoted, as the officer reviews it (`engage quotes`): the quote
/// as it would be printed (consented, personal details removed, trimmed), what it would
/// illustrate and why, and the officer's decision on it.
package struct QuoteCandidate: Sendable, Equatable, Encodable {
    /// The short id to approve or hide it by (``QuoteKey/id``), the same after re-imports.
    package var id: String
    /// The survey's id.
    package var survey: String
    /// The free-text question it answers.
    package var question: String
    /// The response's submission date, `YYYY-MM-DD`, when known.
    package var submitted: String?
    /// The quote as it would be printed.
    package var quote: String
    /// The comment themes it mentions, with the keyword found.
    package var themes: [ThemeMatch]
    /// The KPIs those themes speak to: the items it could illustrate.
    package var kpis: [String]
    /// How many personal details were removed from it.
    package var detailsRemoved: Int
    /// Its place among the period's candidates by how well it reads (1 best): fewest
    /// details removed, then a comfortable length.
    package var rank: Int
    /// "approved", "hidden" or "to review".
    package var decision: String
    /// The reason given with the decision.
    package var reason: String?
    /// When the decision was recorded.
    package var decidedAt: String?
    /// The comment changed (in a re-import) after a decision on it: to review again.
    package var changedSinceDecision: Bool
    /// Why it is a candidate, in a sentence.
    package var why: String

    /// A theme a quote mentions.
    package struct ThemeMatch: Sendable, Equatable, Encodable {
        /// The theme's id.
        package var theme: String
        /// The theme's title.
        package var title: String
        /// The theme's keyword found in the comment.
        package var keyword: String
    }

    var isApproved: Bool { decision == QuoteDecision.Kind.approved.rawValue }
    var isHidden: Bool { decision == QuoteDecision.Kind.hidden.rawValue }
}
