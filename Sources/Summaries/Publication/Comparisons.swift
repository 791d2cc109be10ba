import FeedbackStatistics

/// How many comparisons an output's verdicts rest on, and what allowing for them
/// (Holm's method, FeedbackStatistics' ``MultipleComparisons``) does to its "clear"
/// results: those that do not stay clear are marked provisional where they are shown.
/// Only verdicts the audience can see are counted (docs/statistics.md, "Many comparisons").
package struct ComparisonsValue: Sendable, Equatable, Encodable {
    /// Comparisons behind the words "clear", "clearly met" and "clearly short".
    package var count: Int
    /// Clear on their own.
    package var clear: Int
    /// Still clear after allowing for the count.
    package var stayClear: Int
    /// The method used ("Holm").
    package var method: String
    /// The sentence the output prints; `nil` with fewer than two comparisons.
    package var sentence: String?

    /// Counts the shown verdicts of `rows` and `trends`, marks the provisional ones in place.
    static func account(rows: inout [KPIRow], trends: inout [TrendTable?], confidence: Double) -> ComparisonsValue {
        enum Place {
            case change(Int)
            case target(Int)
            case trend(Int)
        }
        var tests: [TestedComparison] = []
        var places: [Place] = []
        let alpha = 1 - confidence
        for (i, row) in rows.enumerated() {
            if let c = row.change?.value, let p = c.p {
                tests.append(
                    TestedComparison(
                        kind: .baseline, p: p, clear: ChangeVerdict(rawValue: c.verdict)?.isClear == true, alpha: alpha)
                )
                places.append(.change(i))
            }
            if let t = row.target?.assessment.value, let p = t.p {
                let clear =
                    t.status == TargetStatus.clearlyMet.rawValue || t.status == TargetStatus.clearlyShort.rawValue
                tests.append(TestedComparison(kind: .target, p: p, clear: clear, alpha: alpha))
                places.append(.target(i))
            }
        }
        for (j, trend) in trends.enumerated() {
            if let test = trend?.test, let p = test.p {
                let clear =
                    test.direction == Trend.Direction.improving.rawValue
                    || test.direction == Trend.Direction.declining.rawValue
                tests.append(TestedComparison(kind: .trend, p: p, clear: clear, alpha: alpha))
                places.append(.trend(j))
            }
        }
        let family = MultipleComparisons(tests, confidence: confidence)
        for (place, provisional) in zip(places, family.provisional) where provisional {
            switch place {
            case .change(let i):
                rows[i].change?.value?.markProvisional()
                // "Increase on baseline" is met or missed by this same test, and the rating with it.
                if let t = rows[i].target?.assessment.value, t.p == nil,
                    t.status == TargetStatus.clearlyMet.rawValue || t.status == TargetStatus.clearlyShort.rawValue
                {
                    rows[i].target?.assessment.value?.provisional = true
                    rows[i].rating.value?.markProvisional()
                }
            case .target(let i):
                rows[i].target?.assessment.value?.provisional = true
                rows[i].rating.value?.markProvisional()
            case .trend(let j): trends[j]?.test.markProvisional()
            }
        }
        return ComparisonsValue(
            count: family.count, clear: family.clearCount, stayClear: family.holdingCount, method: "Holm",
            sentence: family.sentence)
    }
}

extension ChangeValue {
    /// "That is +16 points on autumn 2019 (44%): clear improvement (provisional)."
    mutating func markProvisional() {
        provisional = true
        if sentence.hasSuffix("\(verdict).") { sentence = String(sentence.dropLast()) + " (provisional)." }
    }
}

extension TrendTestValue {
    mutating func markProvisional() {
        provisional = true
        if description.hasPrefix(direction) {
            description = direction + " (provisional)" + description.dropFirst(direction.count)
        }
    }
}

extension RatingValue {
    /// "GREEN: target clearly met (provisional)": the rating rests on a provisional result.
    mutating func markProvisional() {
        if rag == RAG.green.rawValue || rag == RAG.red.rawValue, !words.hasSuffix("(provisional)") {
            words += " (provisional)"
        }
    }
}
