import SurveyDefinition

/// A KPI or measure for one period, judged against its baseline, target and
/// comparators, with its RAG rating: everything a report says about it.
///
/// Every verdict rests on an interval at the workspace's confidence level: a target is
/// "clearly met" only when the whole interval reaches it, "clearly short" only when the
/// whole interval falls below it, and otherwise "not yet clear" (docs/statistics.md).
public struct Evaluation: Sendable, Equatable, Codable {
    /// The KPI's or measure's id.
    public var id: String
    /// Its plain-English title.
    public var title: String
    /// This period's figure: counts, or a published percentage.
    public var figure: Figure
    /// Wilson interval (fractions) when the figure has counts.
    public var interval: Interval?
    /// The change since the baseline, when there is one.
    public var baseline: BaselineComparison?
    /// Where the figure stands against the target, when there is one.
    public var target: TargetComparison?
    /// Where the figure stands against each published comparator.
    package var comparators: [ComparatorComparison]
    /// The Red/Amber/Green rating (or why there is none).
    public var rag: RAG
    /// Why the rating is what it is, in a sentence.
    public var ragReason: String
    /// The rating with its meaning in a few words, for this evaluation ("AMBER: not yet
    /// clear", "AMBER: short of target but close", "GREEN: target clearly met").
    public var ragWords: String
    /// The confidence level of every interval and of the word "clear" (0.95).
    public var confidence: Double

    /// Evaluates `figure` for `indicator`.
    /// - Parameters:
    ///   - minimumAnswers: the base below which there are "not enough responses" (the
    ///     indicator's own `rag.minimumAnswers` wins); also the smallest baseline that
    ///     can be compared with (the suppression threshold).
    ///   - confidence: the level of the intervals (0.95 for 95%).
    public init(
        indicator: Indicator, figure: Figure, baseline: BaselineFigure?, minimumAnswers: Int = 10,
        confidence: Double = 0.95
    ) {
        id = indicator.id
        title = indicator.title
        self.figure = figure
        self.confidence = confidence
        let z = Normal.z(confidence: confidence)
        let interval = figure.proportion.flatMap { $0.wilson(z: z) }
        self.interval = interval
        let minimum = indicator.rag.minimumAnswers ?? minimumAnswers
        let baselineComparison = baseline.map {
            BaselineComparison(
                current: figure, interval: interval, baseline: $0, z: z,
                minimumAnswers: minimum)
        }
        self.baseline = baselineComparison
        comparators = indicator.comparators.map {
            ComparatorComparison(current: figure, interval: interval, comparator: $0)
        }
        let targetComparison = indicator.target.flatMap { target in
            TargetComparison(
                target: target, current: figure, interval: interval, baseline: baselineComparison,
                comparators: indicator.comparators)
        }
        target = targetComparison
        (rag, ragReason, ragWords) = RAG.rate(
            figure: figure, interval: interval, target: targetComparison, baseline: baselineComparison,
            rules: indicator.rag, minimumAnswers: minimum)
    }

    /// The tests behind the words "clear", "clearly met" and "clearly short" in this
    /// evaluation, each with the p-value that decides it: what a report counts when it
    /// allows for making many comparisons. A target of "increase on baseline" is the
    /// baseline's test, counted once.
    public var tests: [TestedComparison] {
        guard figure.proportion.map({ $0.total > 0 }) == true, rag != .notEnoughResponses else { return [] }
        let alpha = 1 - confidence
        var tests: [TestedComparison] = []
        if let b = baseline, let p = b.p {
            tests.append(TestedComparison(kind: .baseline, p: p, clear: b.verdict.isClear, alpha: alpha))
        }
        if let t = target, t.kind != .increaseOnBaseline, let p = t.p {
            tests.append(
                TestedComparison(
                    kind: .target, p: p, clear: t.status == .clearlyMet || t.status == .clearlyShort, alpha: alpha))
        }
        return tests
    }
}

/// The change since the baseline.
public struct BaselineComparison: Sendable, Equatable, Codable {
    /// How reports name the baseline ("autumn 2019").
    public var label: String
    /// The baseline's figure.
    public var figure: Figure
    /// The change in whole percentage points between the displayed percentages, so that
    /// a reader's subtraction agrees with the text (74% against 50% is "+24 points");
    /// `nil` when the baseline is too small to compare.
    public var points: Int?
    /// The exact change, interval and test, when both sides have counts.
    public var change: Change?
    /// The verdict in words ("clear improvement", "no clear change"...).
    public var verdict: ChangeVerdict
    /// The p-value that decides the verdict: the change's interval p, or the score test
    /// against a published baseline; `nil` when nothing was tested.
    public var p: Double?

    init(current: Figure, interval: Interval?, baseline: BaselineFigure, z: Double, minimumAnswers: Int) {
        label = baseline.label
        figure = baseline.figure
        if let b = baseline.figure.proportion, b.total < minimumAnswers {
            verdict = .baselineTooSmall
            return
        }
        if let a = current.wholePercent, let b = baseline.figure.wholePercent { points = a - b }
        if let c = current.proportion, let b = baseline.figure.proportion,
            let change = Change(current: c, baseline: b, z: z)
        {
            self.change = change
            verdict = change.verdict
            p = change.intervalP
        } else if let interval, let c = current.proportion, case .percent(let published) = baseline.figure {
            // A bare published percentage: a fixed value, never a tested change.
            switch Standing(interval: interval, figure: published) {
            case .above: verdict = .clearlyAbovePublished
            case .below: verdict = .clearlyBelowPublished
            case .notClearlyDifferent: verdict = .notClearlyDifferentFromPublished
            }
            p = FixedValueTest.p(c, against: published)
        } else {
            verdict = .cannotBeTested
        }
    }

    /// "+28 points", "-6 points", "no change".
    public var pointsText: String? { points.map(PointsText.text) }

    /// "+19 points on autumn 2019 (31%): no clear change", or what stands in for it.
    public var sentence: String {
        let shown = figure.wholePercent.map { " (\($0)%)" } ?? ""
        if verdict == .baselineTooSmall {
            let base = figure.proportion.map { " (\($0.total) answer\($0.total == 1 ? "" : "s"))" } ?? ""
            return "\(label)\(base): too small to compare"
        }
        guard let pointsText else { return "\(label)\(shown): \(verdict.rawValue)" }
        return "\(pointsText) on \(label)\(shown): \(verdict.rawValue)"
    }
}

/// Against a named comparator (England 58%).
package struct ComparatorComparison: Sendable, Equatable, Codable {
    /// The comparator's name ("England").
    package var name: String
    /// Its published percentage, 0-100.
    package var percent: Double
    /// When its figure applies, if stated.
    package var period: String?
    /// Displayed difference in whole points (86% against 58% → +28).
    package var points: Int?
    /// Whether the comparator's figure lies outside the Wilson interval; `nil` without counts.
    package var standing: Standing?

    init(current: Figure, interval: Interval?, comparator: Comparator) {
        name = comparator.name
        percent = comparator.percent
        period = comparator.period
        if let a = current.wholePercent { points = a - Proportion.wholePercent(of: comparator.percent) }
        standing = interval.map { Standing(interval: $0, figure: comparator.percent) }
    }

    /// The difference as reports write it ("+28 points").
    package var pointsText: String? { points.map(PointsText.text) }
}

/// Where a result stands against its target, judged by its interval.
public enum TargetStatus: String, Sendable, Equatable, Codable {
    /// The whole interval is at or above a fixed target, or the change since the baseline
    /// is clearly above 0.
    case clearlyMet = "clearly met"
    /// The interval includes the target: it may be met or not.
    case notYetClear = "not yet clear"
    /// The whole interval is below the target (or the change clearly below 0).
    case clearlyShort = "clearly short"
    /// No counts, so no interval: a published figure at or above the target, as given.
    case metAsPublished = "met (published figures, no counts to test)"
    /// No counts: a published figure below the target, as given.
    case shortAsPublished = "not met (published figures, no counts to test)"
    /// "Increase on baseline" with a baseline too small to compare with.
    case baselineTooSmall = "baseline too small to compare"
}

/// Against the target.
public struct TargetComparison: Sendable, Equatable, Codable {
    /// Which kind of target it is, as the definition states it.
    public enum Kind: String, Sendable, Equatable, Codable {
        case atLeast = "at least"
        case increaseOnBaseline = "increase on baseline"
        case atLeastComparator = "at least comparator"
    }

    /// The target's kind.
    public var kind: Kind
    /// "at least 75%", "increase on autumn 2019 (31%)", "at least England (58%)": the
    /// baseline as reports display it, so the figures beside each other agree.
    public var description: String
    /// The figure to reach, 0-100.
    public var percent: Double
    /// What the interval says.
    public var status: TargetStatus
    /// Whether the point estimate reaches the target (for an increase, is above it).
    /// Never reported as "met" on its own: see ``status``.
    public var pointReached: Bool
    /// Whether the target lies outside the Wilson interval; `nil` without counts.
    package var standing: Standing?
    /// The p-value that decides ``status`` for a fixed target with counts (the score
    /// test the Wilson interval inverts); for an increase, the baseline's p.
    public var p: Double?

    init?(
        target: Target, current: Figure, interval: Interval?, baseline: BaselineComparison?, comparators: [Comparator]
    ) {
        guard let value = current.percent else { return nil }
        switch target {
        case .atLeast(let t):
            kind = .atLeast
            description = "at least \(NumberText.plain(t))%"
            percent = t
        case .increaseOnBaseline:
            guard let baseline, let b = baseline.figure.percent else { return nil }
            kind = .increaseOnBaseline
            let shown = baseline.figure.wholePercent.map { " (\($0)%)" } ?? ""
            description = "increase on \(baseline.label)\(shown)"
            percent = b
        case .atLeastComparator(let name):
            guard let c = comparators.first(where: { $0.name == name }) else { return nil }
            kind = .atLeastComparator
            description = "at least \(name) (\(NumberText.plain(c.percent))%)"
            percent = c.percent
        }
        let percent = percent
        standing = interval.map { Standing(interval: $0, figure: percent) }
        if kind == .increaseOnBaseline, let baseline {
            let reached = value > percent
            pointReached = reached
            p = baseline.p
            let verdict = baseline.verdict
            if verdict == .baselineTooSmall {
                status = .baselineTooSmall
            } else if verdict == .cannotBeTested {
                status = reached ? .metAsPublished : .shortAsPublished
            } else if verdict.isClearRise {
                status = .clearlyMet
            } else if verdict.isClearFall {
                status = .clearlyShort
            } else {
                status = .notYetClear
            }
        } else {
            pointReached = value >= percent
            if let interval, let proportion = current.proportion {
                p = FixedValueTest.p(proportion, against: percent)
                if interval.lower >= percent / 100 {
                    status = .clearlyMet
                } else if interval.upper < percent / 100 {
                    status = .clearlyShort
                } else {
                    status = .notYetClear
                }
            } else {
                status = pointReached ? .metAsPublished : .shortAsPublished
            }
        }
    }

    /// "increase on autumn 2019 (31%): not yet clear".
    public var sentence: String { "\(description): \(status.rawValue)" }
}

/// Red, amber or green, or no colour when there are too few answers to tell.
public enum RAG: String, Sendable, Equatable, Codable {
    case green = "GREEN"
    case amber = "AMBER"
    case red = "RED"
    /// Fewer answers than the minimum: never a colour.
    case notEnoughResponses = "not enough responses"
    /// The indicator has no target, so there is nothing to rate against.
    case noTarget = "no target"
    /// The target is an increase on a baseline with fewer answers than the minimum.
    case baselineTooSmall = "baseline too small to compare"

    /// The rules (documented in docs/statistics.md): GREEN when the target is clearly
    /// met (the interval lies at or above it; for "increase on baseline", the change's
    /// interval lies above 0); RED only when clearly short, unless the figure has clearly
    /// improved on its baseline (`amberWhenClearlyImproved`) or its displayed figure is
    /// within `amberWithinPoints` of the target, which make it AMBER; AMBER when the
    /// interval includes the target. Figures without counts (published percentages) are
    /// compared as given. Fewer answers than `minimumAnswers` is "not enough responses".
    static func rate(
        figure: Figure, interval: Interval?, target: TargetComparison?, baseline: BaselineComparison?,
        rules: RAGRules, minimumAnswers: Int
    ) -> (RAG, String, String) {
        if let p = figure.proportion, p.total < minimumAnswers {
            return (
                .notEnoughResponses,
                p.total == 0
                    ? "no answers in this period"
                    : "fewer answers than the \(minimumAnswers) needed to rate it", RAG.notEnoughResponses.words
            )
        }
        guard let value = figure.wholePercent else {
            return (.notEnoughResponses, "no answers in this period", RAG.notEnoughResponses.words)
        }
        guard let target else { return (.noTarget, "no target set", RAG.noTarget.words) }
        let range =
            interval.map {
                " (interval \(Proportion.percentText($0.lower * 100)) to \(Proportion.percentText($0.upper * 100)))"
            } ?? ""
        switch target.status {
        case .clearlyMet:
            if target.kind == .increaseOnBaseline {
                return (
                    .green, "clearly above the baseline: the target (\(target.description)) is met", RAG.green.words
                )
            }
            return (
                .green, "\(value)%\(range) is clearly at or above the target (\(target.description))", RAG.green.words
            )
        case .metAsPublished:
            return (
                .green, "meets the target (\(target.description)) as published; no counts to test",
                "GREEN: target met as published"
            )
        case .baselineTooSmall:
            return (
                .baselineTooSmall,
                "the baseline has fewer answers than the \(minimumAnswers) needed to compare with it",
                RAG.baselineTooSmall.words
            )
        case .notYetClear:
            if target.kind == .increaseOnBaseline {
                return (
                    .amber, "not yet clear: the interval for the change since the baseline includes no change",
                    "AMBER: not yet clear"
                )
            }
            return (
                .amber, "not yet clear: \(value)%\(range) could be above or below the target (\(target.description))",
                "AMBER: not yet clear"
            )
        case .clearlyShort, .shortAsPublished:
            let how = target.status == .clearlyShort ? "clearly short of" : "below"
            if rules.amberWhenClearlyImproved, target.kind != .increaseOnBaseline, baseline?.verdict.isClearRise == true
            {
                return (
                    .amber, "\(how) the target (\(target.description)) but clearly improved on the baseline",
                    "AMBER: short of target but clearly improving"
                )
            }
            let shownTarget = Proportion.wholePercent(of: target.percent)
            if Double(shownTarget - value) <= rules.amberWithinPoints {
                return (
                    .amber,
                    "\(how) the target (\(target.description)) but within \(NumberText.plain(rules.amberWithinPoints)) points of it",
                    "AMBER: short of target but close"
                )
            }
            return (
                .red, "\(how) the target (\(target.description))",
                target.status == .clearlyShort ? RAG.red.words : "RED: short of target as published"
            )
        }
    }

    /// The rating in words, so colour is never the only carrier of meaning.
    public var words: String {
        switch self {
        case .green: return "GREEN: target clearly met"
        case .amber: return "AMBER: not yet clear, or short but close or improving"
        case .red: return "RED: clearly short of target"
        case .notEnoughResponses: return "not enough responses to rate"
        case .noTarget: return "no target"
        case .baselineTooSmall: return "not rated: baseline too small to compare"
        }
    }
}

/// Percentage-point changes as reports write them.
public enum PointsText {
    /// "+28 points", "-6 points", "+1 point", "no change".
    public static func text(_ points: Int) -> String {
        if points == 0 { return "no change" }
        return (points > 0 ? "+" : "-") + "\(abs(points)) point" + (abs(points) == 1 ? "" : "s")
    }
}
