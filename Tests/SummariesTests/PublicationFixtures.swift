import FeedbackStatistics
import ResponseStore
import SurveyDefinition

@testable import Summaries

/// Builds publication models straight from answer counts, without a store: the same
/// ``ReportBuilder`` the commands use, fed by hand-made histories.
enum PublicationFixtures {
    static let survey: Survey = {
        try! SurveyLoader().load(text: StandardSurveys.text(id: "ehcp-parent-carer")!, file: "ehcp-parent-carer.json")
    }()

    /// One answer: day (YYYY-MM-DD), the KPI question's option, the group (stage code or
    /// source; nil for none), how many.
    struct Answer {
        var date: String
        var option: String
        var group: String?
        var count: Int
    }

    static func settings(threshold: Int = 10, scheme: String = "financial-quarter", rule: SuppressionRule? = nil)
        -> ReportSettings
    {
        var s = ReportSettings(
            WorkspaceSettings(
                organisation: "Test council", suppressionThreshold: threshold,
                periodScheme: PeriodScheme(rawValue: scheme)!))
        if let rule { s.rule = rule }
        return s
    }

    /// A builder whose every KPI question has `answers` (the same for each), split by group when `breakdown` is given.
    static func builder(
        _ answers: [Answer], breakdown: ReportBuilder.Breakdown? = nil, settings: ReportSettings = settings(),
        survey: Survey = survey
    ) throws -> ReportBuilder {
        var histories: [String: AnswerHistory] = [:]
        for kpi in survey.kpis {
            let counts = answers.map {
                AnswerCount(day: CivilTime.parseISODate($0.date), option: $0.option, group: $0.group, count: $0.count)
            }
            histories[kpi.question] = AnswerHistory(counts, grouped: breakdown != nil)
        }
        return try ReportBuilder(survey: survey, settings: settings, histories: histories, breakdown: breakdown)
    }

    static func period(_ label: String) -> Period { try! PeriodCalendar.strict.parse(label) }
}
