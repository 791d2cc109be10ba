/// A survey definition: the questions a form asks, the answer scales they use,
/// the KPIs a service tracks from them, and the comment themes it looks for.
///
/// Definitions are written as JSON (see `Surveys/survey.schema.json`) and loaded
/// with ``SurveyLoader``, which checks every rule and reports problems with the
/// file, line and column.
public struct Survey: Sendable, Equatable, Encodable {
    /// Stable identifier, e.g. `ehcp-parent-carer`. Used on the command line and in the store.
    public var id: String
    /// Human title, e.g. "EHC needs assessment: parent and carer feedback".
    public var title: String
    /// The definition's version, e.g. "1.0". Stored with every import.
    public var version: String
    /// Who answers the survey.
    public var audience: Audience
    /// Answer scales defined by this survey, in addition to the built-in ones.
    public var scales: [AnswerScale]
    /// Questions in the order the form asks them.
    public var questions: [Question]
    /// KPIs computed from the questions.
    public var kpis: [KPI]
    /// Keyword themes looked for in free-text comments.
    public var themes: [CommentTheme]
    /// Administrative measures reported beside the KPIs (figures recorded by hand).
    public var measures: [Measure]

    /// A survey as the definition gives it.
    public init(
        id: String, title: String, version: String, audience: Audience,
        scales: [AnswerScale] = [], questions: [Question], kpis: [KPI] = [], themes: [CommentTheme] = [],
        measures: [Measure] = []
    ) {
        self.id = id
        self.title = title
        self.version = version
        self.audience = audience
        self.scales = scales
        self.questions = questions
        self.kpis = kpis
        self.themes = themes
        self.measures = measures
    }

    /// The question with this id, if any.
    public func question(_ id: String) -> Question? {
        questions.first { $0.id == id }
    }

    /// The KPI with this id, if any.
    public func kpi(_ id: String) -> KPI? {
        kpis.first { $0.id == id }
    }

    /// The answer scale a question uses: its inline options, a scale defined by
    /// this survey, or a built-in scale. `nil` for number, date and free-text questions.
    public func scale(for question: Question) -> AnswerScale? {
        if let options = question.options {
            return AnswerScale(id: question.id, title: nil, options: options)
        }
        if question.type == .yesNo && question.scale == nil {
            return AnswerScale.yesNo
        }
        guard let scaleID = question.scale else { return nil }
        return scales.first { $0.id == scaleID } ?? AnswerScale.builtIn.first { $0.id == scaleID }
    }

    /// Questions that group respondents (stage of the process, school phase...).
    public var segments: [Question] { questions.filter { $0.role == .segment } }

    /// The question that records consent to be quoted, if the survey has one.
    package var consentQuestion: Question? { questions.first { $0.role == .consentToQuote } }
}

/// Who answers a survey.
public enum Audience: String, Sendable, Equatable, Encodable, CaseIterable {
    case parentCarer = "parent-carer"
    case educationSetting = "education-setting"
    case youngPerson = "young-person"
    case other

    /// Plain-English name.
    public var displayName: String {
        switch self {
        case .parentCarer: return "parents and carers"
        case .educationSetting: return "education settings"
        case .youngPerson: return "young people"
        case .other: return "other"
        }
    }
}
