/// Picks the quotes a summary prints, from the officer's review (``QuoteReview``):
///
/// - a quote the officer hid is never used, in any output;
/// - when the workspace asks for approval (`"quoteApproval": true` in engage.json), a
///   public output uses only quotes the officer approved; an internal one also shows
///   the others, marked as not yet approved;
/// - a quote illustrates only an item whose theme it mentions (a KPI item's themes are
///   those that name the KPI);
/// - a quote (and the same words from another respondent) is used at most once per
///   summary: items are served in order, most in need of attention first;
/// - approved quotes come first, then the best-reading ones.
package struct QuotePicker: Sendable {
    /// The period's candidate quotes, best first.
    package var candidates: [QuoteCandidate]
    /// Internal or public (public quotes need approval when it is required).
    package var audience: ReportAudience
    /// Whether a quote must be approved before it is published.
    package var approvalRequired: Bool
    private var used = Set<String>()

    /// A picker over `candidates` for `audience`.
    package init(candidates: [QuoteCandidate], audience: ReportAudience, approvalRequired: Bool) {
        self.candidates = candidates
        self.audience = audience
        self.approvalRequired = approvalRequired
    }

    /// Whether `candidate` may appear in this output at all.
    package func allows(_ candidate: QuoteCandidate) -> Bool {
        if candidate.isHidden { return false }
        if audience == .public && approvalRequired { return candidate.isApproved }
        return true
    }

    /// Up to `count` quotes of `survey` that mention one of `themes`, not used before in
    /// this summary; they are then used.
    package mutating func pick(survey: String, themes: Set<String>, count: Int) -> [QuoteValue] {
        var picked: [QuoteValue] = []
        let eligible = candidates.filter { c in
            c.survey == survey && allows(c) && c.themes.contains { themes.contains($0.theme) }
        }
        for c in eligible.filter(\.isApproved) + eligible.filter({ !$0.isApproved }) where picked.count < count {
            guard !used.contains(c.id), !used.contains(c.quote) else { continue }
            used.insert(c.id)
            used.insert(c.quote)
            picked.append(QuoteValue(text: c.quote, approved: c.isApproved, id: audience == .internal ? c.id : nil))
        }
        return picked
    }
}

/// A quote as a summary prints it.
package struct QuoteValue: Sendable, Equatable, Encodable {
    /// The words, consented and with personal details removed.
    package var text: String
    /// Whether the officer approved it (`engage quotes approve`).
    package var approved: Bool
    /// Its review id, in internal outputs only (never published).
    package var id: String?
}
