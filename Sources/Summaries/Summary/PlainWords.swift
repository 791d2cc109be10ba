import FeedbackStatistics
import SurveyDefinition

/// "You said" in words a parent can read without knowing "RAG", "percentage points" or
/// "substantive": who answered, how many of them said what, in the question's own
/// words, how that compares with before and with the aim, with the exact counts and
/// percentages kept. Built only from the values the audience may see.
enum PlainWords {
    /// "20 of the 40 parents and carers who gave a view (50%) agreed that communication
    /// throughout the process was good; 3 more said Don't know. In autumn 2019: 45%, too
    /// small a difference to be sure of a change. Our aim of an increase is not yet
    /// clearly met."
    static func kpi(_ row: KPIRow, kpi: KPI?, survey: Survey?) -> String {
        guard let f = row.figure.value else {
            return "The figure is withheld (\(row.figure.withheld?.symbol ?? "")): \(row.figure.withheld?.note ?? "")."
        }
        let includesDontKnow = kpi?.dontKnow == .include
        guard f.substantive > 0, let percent = f.percent else {
            let others = AnswerWords.others(
                dontKnow: row.dontKnow, notApplicable: row.notApplicable, base: 0, includesDontKnow: false)
            return "No one gave a view on this question in this period" + (others.isEmpty ? "." : "; " + others + ".")
        }
        let people = survey?.audience.displayName ?? "people"
        let who =
            "\(f.positive) of the \(f.substantive) \(people) who \(includesDontKnow ? "answered" : "gave a view") (\(whole(percent)))"
        var s = who + " " + said(row, kpi: kpi, survey: survey)
        let others = AnswerWords.others(
            dontKnow: row.dontKnow, notApplicable: row.notApplicable, base: f.substantive,
            includesDontKnow: includesDontKnow)
        if includesDontKnow, let dk = row.dontKnow.value, dk > 0 { s += " (\(dk) of them said Don't know)" }
        s += others.isEmpty ? "." : "; " + others + "."
        if let change = change(row) { s += " " + change }
        if let target = target(row) { s += " " + target }
        return s
    }

    /// "agreed that communication throughout the process was good", or, for another
    /// scale, "answered “Very satisfied” or “Satisfied” when asked “How satisfied…?”".
    static func said(_ row: KPIRow, kpi: KPI?, survey: Survey?) -> String {
        let question = survey?.question(row.question)
        let text = question?.text ?? row.title
        let positive = kpi?.positive ?? KPI.defaultPositive
        let labels =
            question.flatMap { survey?.scale(for: $0) }.map { scale in
                scale.options.filter { positive.contains($0.code) }.map(\.label)
            } ?? []
        if (labels.isEmpty || labels.allSatisfy { $0.lowercased().contains("agree") }) && !text.hasSuffix("?") {
            return "agreed that " + statement(text)
        }
        let answers = labels.isEmpty ? "yes" : labels.map { "\u{201C}\($0)\u{201D}" }.joined(separator: " or ")
        return "answered \(answers) when asked \u{201C}\(text)\u{201D}"
    }

    /// A questionnaire's statement as part of a sentence about the people who answered:
    /// "I felt fully involved" as "they felt fully involved", "my child's" as "their
    /// child's", the first letter small unless the word is an abbreviation ("EHC").
    static func statement(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let swaps = [
            "I": "they", "my": "their", "My": "Their", "me": "them", "I'm": "they're", "I've": "they've",
            "myself": "themselves",
        ]
        for i in words.indices {
            let core = words[i].trimmingCharacters(in: .punctuationCharacters)
            guard let swap = swaps[core] else { continue }
            words[i] = words[i].replacingOccurrences(of: core, with: swap)
            if core == "I", i + 1 < words.count {
                words[i + 1] =
                    ["was": "were", "am": "are", "have": "have", "feel": "feel"][words[i + 1]] ?? words[i + 1]
            }
        }
        if var first = words.first, first.count > 1, first.dropFirst().allSatisfy({ !$0.isUppercase }) {
            first = first.prefix(1).lowercased() + first.dropFirst()
            words[0] = first
        }
        var sentence = words.joined(separator: " ")
        while let last = sentence.last, last == "." || last == "!" { sentence.removeLast() }
        return sentence
    }

    /// How the figure compares with the baseline, without "points".
    static func change(_ row: KPIRow) -> String? {
        guard let baseline = row.baseline else { return nil }
        let label = baseline.label
        guard let c = row.change?.value else {
            return row.change?.withheld.map { _ in "How it compares with \(label) is withheld." }
        }
        let before = baseline.figure.value?.percent.map(whole) ?? "-"
        let clearly = c.provisional ? "Probably" : "Clearly"
        let caution = c.provisional ? " (with this many comparisons in one report, it could still be chance)" : ""
        switch ChangeVerdict(rawValue: c.verdict) {
        case .clearImprovement?: return "\(clearly) higher than in \(label) (\(before))\(caution)."
        case .clearDecline?: return "\(clearly) lower than in \(label) (\(before))\(caution)."
        case .noClearChange?: return "In \(label): \(before), too small a difference to be sure of a change."
        case .clearlyAbovePublished?: return "\(clearly) higher than the \(before) published for \(label)\(caution)."
        case .clearlyBelowPublished?: return "\(clearly) lower than the \(before) published for \(label)\(caution)."
        case .notClearlyDifferentFromPublished?: return "Published for \(label): \(before), not clearly different."
        case .cannotBeTested?:
            return "In \(label): \(before) (without its counts, the two cannot be compared more closely)."
        case .baselineTooSmall?: return "Too few answered in \(label) to compare with."
        case nil: return nil
        }
    }

    /// The aim and whether it is met, in words. An aim to increase on the baseline is
    /// judged by the change just described, so it is said in a few words after it.
    static func target(_ row: KPIRow) -> String? {
        guard let t = row.target else { return nil }
        guard let a = t.assessment.value else { return "Whether our aim (\(t.description)) is met is withheld." }
        let maybe = a.provisional ? " (probably)" : ""
        if t.description.hasPrefix("increase") {
            switch TargetStatus(rawValue: a.status) {
            case .clearlyMet?: return "Our aim of an increase is met\(maybe)."
            case .notYetClear?: return "Our aim of an increase is not yet clearly met."
            case .clearlyShort?: return "Our aim of an increase is not met\(maybe)."
            case .baselineTooSmall?: return nil
            default: return "Our aim of an increase: \(a.status)."
            }
        }
        switch TargetStatus(rawValue: a.status) {
        case .clearlyMet?: return "Our aim, \(t.description), is clearly met\(maybe)."
        case .notYetClear?: return "Our aim, \(t.description), is not yet clearly met."
        case .clearlyShort?: return "Our aim, \(t.description), is clearly not met\(maybe)."
        case .metAsPublished?: return "Our aim, \(t.description), is met on the published figures."
        case .shortAsPublished?: return "Our aim, \(t.description), is not met on the published figures."
        default: return "Our aim, \(t.description): \(a.status)."
        }
    }

    static func whole(_ percent: Double) -> String { "\(Int(percent.rounded(.toNearestOrAwayFromZero)))%" }
}
