import FeedbackStatistics
import Foundation
import ResponseStore
import SurveyDefinition

/// Who answered: responses per segment group against the population shares in
/// engage.json, and response rates against the eligible counts recorded per period.
public struct ReachReport: Sendable {
    public var survey: String
    public var period: Period
    /// Per segment question.
    public var segments: [(question: String, reach: Reach, labels: [String: String])]
    /// Per period with an eligible count.
    public var rates: [(period: String, rate: ResponseRate)]

    public static func build(store: Store, survey: Survey, period: Period, workspace settings: WorkspaceSettings) throws -> ReachReport {
        var segments: [(String, Reach, [String: String])] = []
        for question in survey.segments {
            guard let scale = survey.scale(for: question) else { continue }
            var counts: [String: Int] = [:]
            for c in try store.answerCounts(survey: survey.id, question: question.id, from: period.fromDate, to: period.toDate) {
                if let option = c.option { counts[option, default: 0] += c.count }
            }
            // Population shares may be keyed by option code or label.
            var shares: [String: Double] = [:]
            for (key, value) in settings.populationShares[question.id] ?? [:] {
                let normalised = AnswerText.normalise(key)
                if let option = scale.options.first(where: { $0.code == key || AnswerText.normalise($0.label) == normalised }) {
                    shares[option.code] = value
                }
            }
            for option in scale.options where counts[option.code] == nil && shares[option.code] != nil { counts[option.code] = 0 }
            let labels = Dictionary(uniqueKeysWithValues: scale.options.map { ($0.code, $0.label) })
            segments.append((question.id, Reach(responses: counts, populationPercent: shares), labels))
        }
        var rates: [(String, ResponseRate)] = []
        let days = try store.responseCounts(survey: survey.id)
        for (label, eligible) in (settings.eligible[survey.id] ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let p = try? ReportSettings(settings).calendar.parse(label) else { continue }
            let responses = days.filter { d in d.date.flatMap(CivilTime.parseISODate).map(p.contains(day:)) ?? false }
                .reduce(0) { $0 + $1.count }
            if let rate = ResponseRate(responses: responses, eligible: eligible) { rates.append((label, rate)) }
        }
        return ReachReport(survey: survey.id, period: period, segments: segments, rates: rates)
    }

    public func text() -> String {
        var lines = ["Who answered: \(survey), \(period.description)"]
        for (question, reach, labels) in segments {
            var table = TextTable(headers: ["\(question)", "responses", "share", "95% interval", "population", "note"],
                                  alignments: [.left, .right, .right, .left, .right, .left])
            for row in reach.rows {
                table.add([labels[row.group] ?? row.group, String(row.responses), row.share.wholePercent.map { "\($0)%" } ?? "-",
                           KPIReport.intervalText(row.interval), row.populationPercent.map { "\(Baseline.format($0))%" } ?? "not set",
                           row.underRepresented ? "under-represented" : ""])
            }
            lines.append("")
            lines.append(table.render())
        }
        if segments.allSatisfy({ $0.reach.rows.allSatisfy { $0.populationPercent == nil } }) {
            lines.append("")
            lines.append("To compare with the population, add shares to engage.json, e.g. \"populationShares\": { \"phase\": { \"Primary\": 45, \"Secondary\": 40 } }")
        }
        if !rates.isEmpty {
            lines.append("")
            var table = TextTable(headers: ["period", "responses", "eligible", "response rate", "95% interval"],
                                  alignments: [.left, .right, .right, .right, .left])
            for (label, rate) in rates {
                table.add([label, String(rate.responses), String(rate.eligible), rate.rate.wholePercent.map { "\($0)%" } ?? "-",
                           KPIReport.intervalText(rate.interval)])
            }
            lines.append(table.render())
        }
        lines.append("")
        lines.append("A group is under-represented when even the top of the 95% interval for its share of responses is below its share of the population.")
        return lines.joined(separator: "\n")
    }

    public func jsonObject() -> [String: Any] {
        ["survey": survey, "period": ["label": period.label, "from": period.fromDate, "to": period.toDate],
         "segments": segments.map { question, reach, labels in
             ["question": question, "groups": reach.rows.map { row in
                 ["group": row.group, "label": labels[row.group] ?? row.group, "responses": row.responses,
                  "share": row.share.percent ?? NSNull(), "populationPercent": row.populationPercent ?? NSNull(),
                  "underRepresented": row.underRepresented] as [String: Any]
             }] as [String: Any]
         },
         "responseRates": rates.map { label, rate in
             ["period": label, "responses": rate.responses, "eligible": rate.eligible, "percent": rate.rate.percent ?? NSNull()] as [String: Any]
         }]
    }
}
