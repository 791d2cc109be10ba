import FeedbackStatistics
import ResponseStore
import SurveyDefinition

/// One question's answer counts per day (and per group), read from the store once and
/// then binned into any period in memory: the current period, the baseline and every
/// period of a trend come from the same read.
struct AnswerHistory {
    /// day → option code → count, per group (`nil` key: all groups together).
    private(set) var days: [String?: [Int: [String: Int]]] = [:]

    init(_ counts: [AnswerCount], grouped: Bool) {
        for c in counts {
            guard let day = c.day, let option = c.option else { continue }
            days[nil, default: [:]][day, default: [:]][option, default: 0] += c.count
            if grouped { days[c.group ?? "", default: [:]][day, default: [:]][option, default: 0] += c.count }
        }
    }

    /// Counts per option over the inclusive day range, for one group or all.
    func counts(from first: Int, to last: Int, group: String? = nil) -> [String: Int] {
        var total: [String: Int] = [:]
        for (day, options) in days[group] ?? [:] where first <= day && day <= last {
            for (code, n) in options { total[code, default: 0] += n }
        }
        return total
    }

    /// The groups seen (segment option codes or sources; "" for none).
    var groups: [String] { days.keys.compactMap { $0 }.sorted() }

    /// The first and last day with answers.
    var span: ClosedRange<Int>? {
        guard let all = days[nil], let first = all.keys.min(), let last = all.keys.max() else { return nil }
        return first...last
    }
}
