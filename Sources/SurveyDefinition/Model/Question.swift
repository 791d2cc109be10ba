/// A question on a form.
public struct Question: Sendable, Equatable, Encodable {
    /// Stable identifier (`involved`), used as a column name in exports and the store.
    public var id: String
    /// The text as asked on the form.
    public var text: String
    /// Other header texts under which exports show this question.
    public var alternativeTexts: [String]
    /// The kind of answer expected.
    public var type: QuestionType
    /// The id of the answer scale (built-in or defined by the survey), for scale questions.
    public var scale: String?
    /// Inline options, for single- and multiple-choice questions.
    public var options: [AnswerOption]?
    /// Whether the question is an ordinary answer, a grouping, or consent to be quoted.
    package var role: QuestionRole

    /// A question as the definition gives it.
    package init(
        id: String, text: String, alternativeTexts: [String] = [], type: QuestionType,
        scale: String? = nil, options: [AnswerOption]? = nil, role: QuestionRole = .answer
    ) {
        self.id = id
        self.text = text
        self.alternativeTexts = alternativeTexts
        self.type = type
        self.scale = scale
        self.options = options
        self.role = role
    }
}

/// The kind of answer a question expects.
public enum QuestionType: String, Sendable, Equatable, Encodable, CaseIterable {
    case scale
    case singleChoice = "single-choice"
    case multipleChoice = "multiple-choice"
    case yesNo = "yes-no"
    case number
    case date
    case freeText = "free-text"

    /// Whether answers are option codes from a scale or option list.
    var hasOptions: Bool {
        switch self {
        case .scale, .singleChoice, .multipleChoice, .yesNo: return true
        case .number, .date, .freeText: return false
        }
    }
}

/// What a question is for, beyond being answered.
package enum QuestionRole: String, Sendable, Equatable, Encodable, CaseIterable {
    /// An ordinary question.
    case answer
    /// A grouping such as stage of the process or school phase, used for breakdowns.
    case segment
    /// The respondent's consent to have their comments quoted.
    case consentToQuote = "consent-to-quote"
}
