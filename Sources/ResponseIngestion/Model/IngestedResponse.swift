import SurveyDefinition

/// One accepted response, normalised: answers are question ids with option codes.
public struct IngestedResponse: Sendable, Equatable {
    /// How the response is recognised when it arrives again in a later export.
    public var identity: ResponseIdentity
    /// How precisely the export gave the submitted time: to the second, the minute (a
    /// file re-saved by Excel drops the seconds) or the day (a date only, or `--submitted`).
    /// Declared here, beside `identity`, so that it fills that field's spare bytes: see
    /// `RowInterpreter.Result`'s size in `RowResultLayoutTests`.
    public var submittedPrecision: TimePrecision = .second
    /// When the response was submitted (completed or recorded), never when it was started.
    /// UK wall-clock time (Europe/London, GMT or BST) as seconds since 1970 read as if
    /// UTC, so that `day = submitted / 86400` is the UK civil date; exports with an
    /// explicit offset are converted to UK time. `nil` when the export has no such column.
    public var submitted: Int64?
    /// Line of the source file where the row starts (1-based, counting header lines).
    public var line: Int
    /// Answers in question order; questions left blank are absent.
    public var answers: [Answer]
    /// Hash of the normalised answers, to tell a changed response from a repeated one.
    public var contentHash: String
    /// Personal names from the export's own name columns, used only to redact quotes.
    public var names: [String]

    /// A response read from `line` with its answers.
    public init(
        identity: ResponseIdentity, submitted: Int64?, line: Int, answers: [Answer], contentHash: String,
        names: [String] = []
    ) {
        self.identity = identity
        self.submitted = submitted
        self.line = line
        self.answers = answers
        self.contentHash = contentHash
        self.names = names
    }
}

/// How precisely a time is known.
public enum TimePrecision: Int, Sendable, Equatable, Comparable {
    case second, minute, day

    /// How many seconds a time of this precision may stand for.
    public var span: Int64 {
        switch self {
        case .second: return 1
        case .minute: return 60
        case .day: return 86_400
        }
    }

    /// Coarser precision sorts later: second, then minute, then day.
    public static func < (a: TimePrecision, b: TimePrecision) -> Bool { a.rawValue < b.rawValue }
}

/// How a response is identified across imports.
public enum ResponseIdentity: Sendable, Equatable, Hashable {
    /// The platform's own response id (Respondent ID, ResponseId, ID...).
    case platform(String)
    /// A fingerprint of the submitted time and answers: how engage before schema 7
    /// identified responses without ids (such stored identities are still recognised).
    case fingerprint(String)
    /// A hash of the whole raw row, every cell of it, for exports without ids; a row
    /// identical to an earlier one in a file that gives no time of day is another
    /// respondent, its `occurrence` (from 2) written after a `~` (`row:…~2`).
    case row(UInt64, occurrence: Int = 1)

    /// Text stored in the database: `id:…`, `fp:…` or `row:` and 16 hex digits (and `~n`).
    public var key: String {
        switch self {
        case .platform(let id): return "id:" + id
        case .fingerprint(let hash): return "fp:" + hash
        case .row(let hash, let occurrence): return Self.rowKey(hash, occurrence: occurrence)
        }
    }

    /// `row:` and the hash's 16 lower-case hex digits, built in one allocation (every
    /// response of an export without ids gets one).
    static func rowKey(_ hash: UInt64, occurrence: Int) -> String {
        let key = String(unsafeUninitializedCapacity: 20) { buffer in
            buffer[0] = UInt8(ascii: "r")
            buffer[1] = UInt8(ascii: "o")
            buffer[2] = UInt8(ascii: "w")
            buffer[3] = UInt8(ascii: ":")
            for k in 0..<16 {
                let digit = UInt8(truncatingIfNeeded: hash >> UInt64(60 - 4 * k)) & 0xF
                buffer[4 + k] = digit < 10 ? 0x30 + digit : 0x57 + digit
            }
            return 20
        }
        return occurrence > 1 ? key + "~\(occurrence)" : key
    }

    /// Whether this is the platform's own id (rather than something engage worked out).
    public var isPlatformID: Bool {
        if case .platform = self { return true }
        return false
    }
}

/// One answer to one question.
public struct Answer: Sendable, Equatable {
    /// The question's id.
    public var question: String
    /// Option code for scale and choice questions.
    public var option: String?
    /// The text as given (free text, numbers, dates), or the original label for options.
    public var text: String?
    /// Numeric value, for number questions and options with a value.
    public var value: Double?

    /// An answer to `question`: an option code, text, or a number.
    public init(question: String, option: String? = nil, text: String? = nil, value: Double? = nil) {
        self.question = question
        self.option = option
        self.text = text
        self.value = value
    }
}

/// A data row that was read but not accepted as a response.
public struct RowOutcome: Sendable, Equatable {
    /// What happened to the row.
    public enum Kind: String, Sendable, Equatable {
        /// Kept out of the figures on purpose: incomplete, preview, test, repeated in the file.
        case setAside = "set-aside"
        /// Could not be read as a valid response; needs a person to fix it.
        case rejected
    }
    /// Set aside or rejected.
    public var kind: Kind
    /// Line of the source file where the row starts.
    public var line: Int
    /// The column header concerned, when one is.
    public var column: String?
    /// The offending value, when one is.
    public var value: String?
    /// Plain-English reason ("unknown answer \"Agre\" for I felt fully involved...").
    public var reason: String
    /// Short machine-friendly reason code ("incomplete", "preview", "unknown-answer"...).
    public var code: String
    /// The raw row as read, so nothing is lost.
    public var raw: String

    /// The outcome of the row at `line`, with its reason and raw text.
    public init(
        kind: Kind, line: Int, column: String? = nil, value: String? = nil, reason: String, code: String, raw: String
    ) {
        self.kind = kind
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
        self.code = code
        self.raw = raw
    }
}
