import FeedbackStatistics
import ResponseStore
import SurveyDefinition

/// One question's answer counts per day (and per group), read from the store once and
/// then binned into any period in memory: the current period, the baseline and every
/// period of a trend come from the same read.
///
/// Each group keeps its days in order with running totals per option, so the counts of
/// any day range are one subtraction per option, however many days it spans (a report
/// asks for hundreds of ranges: periods, baselines, trends, suppression links).
struct AnswerHistory {
    /// The option codes seen, in the order of their first count; a series's totals are
    /// indexed by position here.
    private var options: [String] = []
    /// Per group (`nil` key: all groups together).
    private var series: [String?: Series] = [:]

    /// One group's answers: the days with answers, in order, and after each the running
    /// total per option.
    private struct Series {
        /// Days with answers, ascending.
        var days: [Int] = []
        /// `totals[i * width + k]`: answers with option `k` on `days[0..<i]`; `days.count + 1` rows.
        var totals: [Int] = []
    }

    init(_ counts: [AnswerCount], grouped: Bool) {
        var optionIndex: [String: Int] = [:]
        // Per group, (day, option, count): sorted by day below, then summed into running totals.
        var byGroup: [String?: [(day: Int, option: Int, count: Int)]] = [:]
        for c in counts {
            guard let day = c.day, let option = c.option else { continue }
            let k: Int
            if let known = optionIndex[option] {
                k = known
            } else {
                k = options.count
                optionIndex[option] = k
                options.append(option)
            }
            byGroup[nil, default: []].append((day, k, c.count))
            if grouped { byGroup[c.group ?? "", default: []].append((day, k, c.count)) }
        }
        let width = options.count
        for (group, list) in byGroup {
            var s = Series()
            var running = [Int](repeating: 0, count: width)
            s.totals = running
            for e in list.sorted(by: { $0.day < $1.day }) {
                if s.days.last != e.day {
                    if !s.days.isEmpty { s.totals += running }
                    s.days.append(e.day)
                }
                running[e.option] += e.count
            }
            if !s.days.isEmpty { s.totals += running }
            series[group] = s
        }
    }

    /// Counts per option over the inclusive day range, for one group or all; an option
    /// without answers in the range is absent.
    func counts(from first: Int, to last: Int, group: String? = nil) -> [String: Int] {
        guard let s = series[group], first <= last else { return [:] }
        let lo = s.days.partitioningIndex { $0 >= first }
        let hi = s.days.partitioningIndex { $0 > last }
        guard lo < hi else { return [:] }
        let width = options.count
        var total: [String: Int] = [:]
        for k in 0..<width {
            let n = s.totals[hi * width + k] - s.totals[lo * width + k]
            if n != 0 { total[options[k]] = n }
        }
        return total
    }

    /// The groups seen (segment option codes or sources; "" for none).
    var groups: [String] { series.keys.compactMap { $0 }.sorted() }

    /// The first and last day with answers.
    var span: ClosedRange<Int>? {
        guard let days = series[nil]?.days, let first = days.first, let last = days.last else { return nil }
        return first...last
    }
}

extension Array where Element == Int {
    /// The first index whose element satisfies `belongs`, for an ascending array and a
    /// predicate false then true along it (a binary search); `count` when none does.
    fileprivate func partitioningIndex(where belongs: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if belongs(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
