import SurveyDefinition

/// How ``Store/answerCounts(survey:question:from:to:groupBy:)`` splits its counts
/// beyond day and option.
public enum AnswerGrouping: Sendable, Equatable {
    /// Only by day and option.
    case none
    /// Also by the respondent's answer to a segment question (e.g. `stage`);
    /// respondents who left it blank have group `nil`.
    case segment(question: String)
    /// Also by how the response was collected (portal, telephone...).
    case source
}

/// The number of answers given on one day with one option (and one group).
public struct AnswerCount: Sendable, Equatable {
    /// The UK civil date the responses were submitted, as days since 1970-01-01;
    /// `nil` for responses without a submitted time.
    public var day: Int?
    /// The option code; `nil` for answers without one (free text, numbers).
    public var option: String?
    /// The segment option code or source, when grouped; otherwise `nil`.
    public var group: String?
    /// How many answers.
    public var count: Int

    /// A count of answers on `day` with `option`, in `group`.
    public init(day: Int?, option: String?, group: String?, count: Int) {
        self.day = day
        self.option = option
        self.group = group
        self.count = count
    }

    /// `day` as `YYYY-MM-DD`.
    public var date: String? { day.map(CivilTime.isoDate) }
}

/// The number of responses submitted on one day.
package struct ResponseDayCount: Sendable, Equatable {
    /// `YYYY-MM-DD` (UK civil date); `nil` for responses without a submitted time.
    package var date: String?
    /// How many responses.
    package var count: Int
}

/// A free-text answer with what is needed to decide whether it may be quoted.
public struct StoredComment: Sendable, Equatable {
    /// The store's number for the response.
    public var responseID: Int64
    /// UK civil date of submission, days since 1970-01-01.
    public var day: Int?
    /// The comment as given.
    public var text: String
    /// The option code the respondent gave to the survey's consent-to-quote question
    /// (e.g. `yes`), or `nil` when not answered or the survey has none.
    public var consent: String?
    /// Names from the export's own name columns, to remove from quotes.
    public var names: [String]
    /// The response's stored identity (`id:…` or `fp:…`), which re-imports keep:
    /// quote decisions are keyed by it (``QuoteKey``).
    public var identity: String = ""
}
