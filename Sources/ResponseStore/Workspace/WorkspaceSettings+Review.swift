import Foundation
import SurveyDefinition

/// The checks of engage.json that need the workspace's surveys: entries that read as
/// valid JSON but cannot mean what was meant, so they would be silently ignored.
extension WorkspaceSettings {
    /// The workspace's period vocabulary: its named periods and what "2021/22" means.
    public var calendar: PeriodCalendar {
        var named: [String: ClosedRange<Int>] = [:]
        for p in periods {
            if let a = CivilTime.parseISODate(p.from), let b = CivilTime.parseISODate(p.to) { named[p.name] = a...b }
        }
        return PeriodCalendar(named: named, slashYears: slashYears)
    }

    /// The option of a segment's scale that a `populationShares` key names: its code, or
    /// its label ignoring case, spacing and apostrophes ("Post-16" is not "Post 16").
    public static func option(named key: String, in scale: AnswerScale) -> AnswerOption? {
        let normalised = AnswerText.normalise(key)
        return scale.options.first { $0.code == key || AnswerText.normalise($0.label) == normalised }
    }

    /// The population shares of a segment question by option code, for the options the
    /// settings name (entries naming no option are left out: ``review(_:file:surveys:)`` warns of them).
    public func populationShares(for question: Question, scale: AnswerScale) -> [String: Double] {
        var shares: [String: Double] = [:]
        for (key, value) in populationShares[question.id] ?? [:] {
            if let option = Self.option(named: key, in: scale) { shares[option.code] = value }
        }
        return shares
    }

    /// Warnings about engage.json's `text` against the workspace's `surveys`, each as
    /// `file:line:column: field: warning: …` with the nearest valid name:
    /// - a `populationShares` segment that is no segment question, or a group that no
    ///   option of the segment has ("Post 16" where the option is "Post-16");
    /// - a segment's shares that do not add up to 100% (more than 100.5, or, when
    ///   every option has one, further than 0.5 from 100);
    /// - an `eligible` survey that is not in the workspace, or a period label that names
    ///   no period ("2021/22 Q3": did you mean "2021-22 Q3"?).
    /// Empty when the text does not parse (reading the settings reports that).
    public static func review(_ text: String, file: String, surveys: [Survey]) -> [String] {
        guard let root = try? JSONParser.parse(text), let settings = try? decode(text, file: file) else { return [] }
        var warnings: [String] = []
        func warn(_ position: SourcePosition, _ field: String, _ message: String) {
            warnings.append("\(file):\(position.line):\(position.column): \(field): warning: \(message)")
        }
        func didYouMean(_ word: String, _ candidates: [String]) -> String {
            // The nearest spelling, else the one name that begins with what was written ("ehcp-parent").
            let begins = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) }
            let best = StringDistance.suggestion(for: word, among: candidates) ?? (begins.count == 1 ? begins[0] : nil)
            return best.map { " Did you mean \"\($0)\"?" } ?? ""
        }
        let segments = surveys.flatMap { survey in
            survey.segments.compactMap { q in survey.scale(for: q).map { (question: q, scale: $0) } }
        }
        for group in root["populationShares"]?.objectMembers ?? [] {
            let field = "populationShares.\(group.key)"
            let matching = segments.filter { $0.question.id == group.key }
            guard !matching.isEmpty else {
                let ids = Array(Set(segments.map(\.question.id))).sorted()
                warn(
                    group.keyPosition, field,
                    "no survey in the workspace has a segment question \"\(group.key)\", so these shares are not used.\(didYouMean(group.key, ids))"
                        + (ids.isEmpty
                            ? " The workspace's surveys have no segment questions."
                            : " Segment questions: \(ids.joined(separator: ", ")).")
                        + " Fix it with: engage config set")
                continue
            }
            // A segment may be asked in several surveys, with more options in some.
            var labels: [String] = []
            for label in matching.flatMap({ $0.scale.options.map(\.label) }) where !labels.contains(label) {
                labels.append(label)
            }
            var named = Set<String>()
            var total = 0.0
            for share in group.value.objectMembers ?? [] {
                guard let value = share.value.numberValue else { continue }
                guard let option = matching.lazy.compactMap({ option(named: share.key, in: $0.scale) }).first else {
                    warn(
                        share.keyPosition, "\(field).\(share.key)",
                        "no option of the segment \"\(group.key)\" is \"\(share.key)\", so its share is not used (reach shows \"not set\").\(didYouMean(share.key, labels)) Options: \(labels.joined(separator: ", "))."
                    )
                    continue
                }
                named.insert(option.code)
                total += value
            }
            let all = matching.contains { $0.scale.options.allSatisfy { named.contains($0.code) } }
            if total > 100.5 || (all && abs(total - 100) > 0.5) {
                warn(
                    group.keyPosition, field,
                    "the shares add up to \(NumberText.brief(total, places: 1))%, not 100%: check them (each is the group's percentage of the whole population)."
                )
            }
        }
        let ids = surveys.map(\.id)
        let calendar = settings.calendar
        for survey in root["eligible"]?.objectMembers ?? [] {
            let field = "eligible.\(survey.key)"
            if !surveys.isEmpty && !ids.contains(survey.key) {
                warn(
                    survey.keyPosition, field,
                    "no survey \"\(survey.key)\" in this workspace, so these counts are not used.\(didYouMean(survey.key, ids)) Surveys: \(ids.joined(separator: ", "))."
                )
            }
            for period in survey.value.objectMembers ?? [] where calendar.problem(period.key) != nil {
                let hint = didYouMean(period.key, Self.periodLabels(near: period.key, scheme: settings.periodScheme))
                warn(
                    period.keyPosition, "\(field).\(period.key)",
                    "\"\(period.key)\" names no period, so its response rate is not shown.\(hint) Periods are written like \"\(settings.periodScheme.period(containing: CivilTime.dayNumber(year: 2021, month: 8, day: 1)).label)\"."
                )
            }
        }
        return warnings
    }

    /// Labels of every scheme's periods in the years a label mentions (and either side),
    /// for a did-you-mean.
    static func periodLabels(near label: String, scheme: PeriodScheme) -> [String] {
        let years = label.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.filter {
            (1900...2200).contains($0)
        }
        guard let year = years.first else { return [] }
        let first = CivilTime.dayNumber(year: year - 1, month: 1, day: 1)
        let last = CivilTime.dayNumber(year: year + 1, month: 12, day: 31)
        var labels: [String] = []
        for s in [scheme] + PeriodScheme.allCases.filter({ $0 != scheme }) {
            labels += s.periods(from: first, to: last).map(\.label)
        }
        return labels
    }
}
