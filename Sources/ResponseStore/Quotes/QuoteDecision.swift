/// Which comment a quote comes from, by what a re-import of the same export keeps: the
/// survey, the response's stored identity (the platform's response id, or the
/// fingerprint of an export without ids) and the free-text question.
public struct QuoteKey: Sendable, Hashable, Comparable {
    /// The survey's id.
    public var survey: String
    /// The response's stored identity.
    public var identity: String
    /// The free-text question's id.
    public var question: String

    /// The key of the comment to `question` of the response `identity` of `survey`.
    public init(survey: String, identity: String, question: String) {
        self.survey = survey
        self.identity = identity
        self.question = question
    }

    /// The short id the officer types (`q` and ten hex digits of the key's SHA-256):
    /// the same for the same comment in every run and after every re-import.
    public var id: String {
        "q" + SHA256.hex(of: Array("\(survey)\u{1F}\(identity)\u{1F}\(question)".utf8)).prefix(10)
    }

    /// Keys sort by survey, question, then identity.
    public static func < (a: QuoteKey, b: QuoteKey) -> Bool {
        (a.survey, a.question, a.identity) < (b.survey, b.question, b.identity)
    }

    /// The SHA-256 of a comment's text, kept with a decision: a decision applies to the
    /// words it was made on.
    public static func textHash(_ text: String) -> String {
        SHA256.hex(of: Array(text.utf8))
    }
}

/// The officer's decision on a quote (`engage quotes approve|hide|reset`).
public struct QuoteDecision: Sendable, Equatable {
    /// What was decided.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// May be published.
        case approved
        /// Never used, in any output.
        case hidden
        /// A decision taken back: the quote is to be reviewed again.
        case undecided
    }

    /// The comment decided on.
    public var key: QuoteKey
    /// What was decided.
    public var kind: Kind
    /// Why (for a hidden quote: "names a member of staff").
    public var reason: String?
    /// ``QuoteKey/textHash(_:)`` of the comment as it was when decided.
    public var textSHA256: String
    /// When it was recorded, `YYYY-MM-DDTHH:MM:SSZ` (set by the store).
    public var decidedAt: String

    /// A decision on `key`, made on the text whose SHA-256 is `textSHA256`.
    public init(key: QuoteKey, kind: Kind, reason: String? = nil, textSHA256: String, decidedAt: String = "") {
        self.key = key
        self.kind = kind
        self.reason = reason
        self.textSHA256 = textSHA256
        self.decidedAt = decidedAt
    }

    /// Whether the decision still applies to a comment that now reads `text` (a
    /// re-import that changed the words puts the quote back to be reviewed).
    public func applies(to text: String) -> Bool {
        textSHA256 == QuoteKey.textHash(text)
    }
}
