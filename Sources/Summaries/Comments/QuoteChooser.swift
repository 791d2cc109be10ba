import Foundation

/// Chooses short quotes for a theme: only from respondents who agreed to be quoted,
/// with personal details removed (``Redactor``), trimmed at a word boundary, and the
/// same quotes on every run for the same comments. When in doubt a quote is not used:
/// a comment whose redaction left something that may be personal, or removed much of
/// it, is passed over.
package struct QuoteChooser: Sendable {
    /// Longest quote, in characters, before trimming with an ellipsis.
    var maximumLength = 200
    /// The consent option code that allows quoting.
    var consentCode = "yes"
    /// A quote with more than this share of its visible characters removed is not used.
    var maximumRemovedShare = 0.5
    /// Nor one with fewer words left that say something (``Redaction/wordsLeft``):
    /// "Please contact me at [removed], we live at [removed]." has none.
    var minimumWordsLeft = 2
    /// The redactor with the workspace's `redact` list (staff names, schools, places)
    /// and the words that may be capitalised mid-sentence without doubt (organisation,
    /// surveys, themes).
    package let redactor: Redactor

    /// A chooser redacting the workspace's `listed` words and trusting `knownWords`.
    package init(listed: [String] = [], knownWords: Set<String> = []) {
        redactor = Redactor(listed: listed, knownWords: knownWords)
    }

    /// A comment that may be quoted, with its consent answer and the respondent's names.
    package struct Candidate: Sendable {
        /// The comment as given.
        package var text: String
        /// The consent-to-quote answer's code, if the respondent gave one.
        package var consent: String?
        /// Names the export gives for the respondent, removed from the quote.
        package var names: [String]
        /// A candidate `text` with its `consent` answer and `names`.
        package init(text: String, consent: String?, names: [String]) {
            self.text = text
            self.consent = consent
            self.names = names
        }
    }

    /// Whether a comment may be quoted, and as what.
    package enum Verdict: Sendable, Equatable {
        /// The redacted, trimmed quote, with how many places were removed.
        case usable(String, removals: Int)
        /// The respondent did not agree to be quoted.
        case noConsent
        /// Too short to say anything once redacted.
        case tooShort
        /// Redaction removed this share of it.
        case mostlyRemoved(share: Double)
        /// Something that may be personal is left (the reasons).
        case inDoubt([String])
    }

    /// The verdict on one comment.
    package func review(_ candidate: Candidate) -> Verdict {
        guard candidate.consent == consentCode else { return .noConsent }
        let redaction = redactor.with(names: candidate.names).review(candidate.text)
        if !redaction.doubts.isEmpty { return .inDoubt(redaction.doubts) }
        if redaction.removedShare > maximumRemovedShare
            || (redaction.removals > 0 && redaction.wordsLeft < minimumWordsLeft)
        {
            return .mostlyRemoved(share: redaction.removedShare)
        }
        let quote = trim(redaction.text.split(whereSeparator: { $0.isNewline }).joined(separator: " "))
        guard quote.count >= 12 else { return .tooShort }
        return .usable(quote, removals: redaction.removals)
    }

    /// Up to `count` quotes, preferring ones that read well after redaction (fewest
    /// removals, then a comfortable length), in a stable order.
    package func choose(_ candidates: [Candidate], count: Int = 1) -> [String] {
        best(candidates.map(review), count: count)
    }

    /// The best `count` quotes among verdicts already reached (a summary reviews each
    /// comment once, however many themes it mentions).
    package func best(_ verdicts: [Verdict], count: Int = 1) -> [String] {
        var removals: [String: Int] = [:]
        for verdict in verdicts {
            if case .usable(let quote, let n) = verdict { removals[quote] = min(n, removals[quote] ?? n) }
        }
        let ranked = removals.sorted {
            ($0.value, abs($0.key.count - 90), $0.key) < ($1.value, abs($1.key.count - 90), $1.key)
        }
        return ranked.prefix(count).map(\.key)
    }

    func trim(_ text: String) -> String {
        let clean = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard clean.count > maximumLength else { return clean }
        var cut = String(clean.prefix(maximumLength))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return cut.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:-")) + "…"
    }
}
