/// An ordered list of answer options, e.g. the five-point agreement scale.
public struct AnswerScale: Sendable, Equatable, Encodable {
    /// Identifier that questions use to refer to the scale (`agreement-5`).
    public var id: String
    /// Optional title for display.
    public var title: String?
    /// Options in order, most positive first for the built-in scales.
    public var options: [AnswerOption]

    /// A scale `id` with its options in display order.
    public init(id: String, title: String?, options: [AnswerOption]) {
        self.id = id
        self.title = title
        self.options = options
    }

    /// The option with this code, if any.
    public func option(_ code: String) -> AnswerOption? {
        options.first { $0.code == code }
    }
}

/// One answer a respondent can give.
public struct AnswerOption: Sendable, Equatable, Encodable {
    /// Stable code stored in the database (`strongly-agree`). Never changes once published.
    public var code: String
    /// The label as the form shows it ("Strongly agree").
    public var label: String
    /// Other spellings and numeric codes exports use for this option ("Agree strongly", "5").
    public var synonyms: [String]
    /// Optional numeric value (for means or ordered tests).
    public var value: Double?
    /// Whether the answer expresses a view. "Don't know" and "Not applicable" do not.
    public var substantive: Bool

    /// An option `code` shown as `label`, recognised also by `synonyms`.
    public init(code: String, label: String, synonyms: [String] = [], value: Double? = nil, substantive: Bool = true) {
        self.code = code
        self.label = label
        self.synonyms = synonyms
        self.value = value
        self.substantive = substantive
    }
}
