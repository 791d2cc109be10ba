/// One row of the tidy long export: one response × one answer, with the response's
/// segment answers repeated on every row so that each row stands alone in Power BI, R
/// or DuckDB.
public struct ExportRow: Sendable, Equatable {
    /// The survey's id.
    public var survey: String
    /// The store's number for the response.
    public var responseID: Int64
    /// How the response is recognised across exports (`id:…` or `fp:…`).
    public var identity: String
    /// `YYYY-MM-DDTHH:MM:SSZ` (UTC), when the export had a submitted time.
    public var submitted: String?
    /// The UK civil date of `submitted`, `YYYY-MM-DD`.
    public var submittedDate: String?
    /// Where the response came from (a `--source` name), if given.
    public var source: String?
    /// The question's id.
    public var question: String
    /// The option's code, for an option answer.
    public var optionCode: String?
    /// The option's label, for an option answer.
    public var optionLabel: String?
    /// The option's value, or the number given for a number question.
    public var value: Double?
    /// Free text, a number or date as given; `nil` for option answers.
    public var text: String?
    /// The response's answers to segment questions, in question order.
    package var segments: [SegmentAnswer]
}

/// A response's answer to a segment (grouping) question, e.g. stage = annual-review.
package struct SegmentAnswer: Sendable, Equatable {
    /// The segment question's id.
    package var question: String
    /// The option's code.
    package var optionCode: String
    /// The option's label.
    package var optionLabel: String
}
