/// The officer's quote decisions, kept as a dated history: the latest for a quote is the
/// one in force. Keyed by ``QuoteKey``, so they survive re-imports.
extension Store {
    /// Records decisions, all in one transaction; each gets the current time.
    public func recordQuoteDecisions(_ decisions: [QuoteDecision]) throws {
        let now = nowTimestamp
        try db.transaction {
            for d in decisions {
                try db.prepare(
                    """
                    INSERT INTO quote_decisions (survey, identity, question, decision, reason, text_sha256, decided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """
                ).run([
                    .text(d.key.survey), .text(d.key.identity), .text(d.key.question), .text(d.kind.rawValue),
                    .string(Self.cleaned(d.reason)), .text(d.textSHA256), .text(now),
                ])
            }
        }
    }

    /// The decision in force for each quote that has one (`undecided` ones left out).
    public func quoteDecisions() throws -> [QuoteKey: QuoteDecision] {
        var latest: [QuoteKey: QuoteDecision] = [:]
        for decision in try quoteDecisionHistory() { latest[decision.key] = decision }
        return latest.filter { $0.value.kind != .undecided }
    }

    /// Every decision ever recorded, oldest first.
    func quoteDecisionHistory() throws -> [QuoteDecision] {
        try db.prepare(
            """
            SELECT survey, identity, question, decision, reason, text_sha256, decided_at FROM quote_decisions ORDER BY id
            """
        ).rows { s in
            QuoteDecision(
                key: QuoteKey(
                    survey: s.string("survey"), identity: s.string("identity"), question: s.string("question")),
                kind: QuoteDecision.Kind(rawValue: s.string("decision")) ?? .undecided,
                reason: s.optionalString("reason"), textSHA256: s.string("text_sha256"),
                decidedAt: s.string("decided_at"))
        }
    }
}
