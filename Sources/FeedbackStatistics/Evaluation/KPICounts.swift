import SurveyDefinition

/// A KPI's proportion built from answer counts, applying the KPI's own rules: positive
/// options over substantive ones; blanks and "Not applicable" never in the base;
/// "Don't know" excluded unless the KPI says otherwise, and its count kept so that its
/// share can be reported beside the figure.
public struct KPICounts: Sendable, Equatable, Codable {
    /// Positive over the base.
    public var proportion: Proportion
    /// "Don't know"-type answers (not substantive, not "Not applicable").
    public var dontKnow: Int
    /// "Not applicable" answers (never in the base).
    public var notApplicable: Int

    /// Counts with the Don't know and Not applicable answers kept beside the proportion.
    public init(proportion: Proportion, dontKnow: Int = 0, notApplicable: Int = 0) {
        self.proportion = proportion
        self.dontKnow = dontKnow
        self.notApplicable = notApplicable
    }

    /// From counts per option code of the KPI's question (blank answers are simply absent).
    /// Codes the scale does not know are ignored.
    public init(kpi: KPI, scale: AnswerScale, counts: [String: Int]) {
        var positive = 0
        var substantive = 0
        var dontKnow = 0
        var notApplicable = 0
        for option in scale.options {
            let n = counts[option.code, default: 0]
            if option.substantive {
                substantive += n
                if kpi.positive.contains(option.code) { positive += n }
            } else if Self.isNotApplicable(option) {
                notApplicable += n
            } else {
                dontKnow += n
            }
        }
        let base = kpi.dontKnow == .include ? substantive + dontKnow : substantive
        self.init(
            proportion: Proportion(positive: positive, total: base), dontKnow: dontKnow, notApplicable: notApplicable)
        includesDontKnow = kpi.dontKnow == .include
    }

    /// The share of "Don't know" among answers that were substantive or "Don't know".
    public var dontKnowShare: Double? {
        let answered = (proportion.total + dontKnow) - (includesDontKnow ? dontKnow : 0)
        return answered == 0 ? nil : Double(dontKnow) / Double(answered)
    }

    /// Whether "Don't know" answers are already in ``proportion``'s base.
    public var includesDontKnow = false

    static func isNotApplicable(_ option: AnswerOption) -> Bool {
        let code = option.code.lowercased()
        return code == "not-applicable" || code == "n-a" || code == "na"
            || option.label.lowercased().hasPrefix("not applicable")
    }

    /// The counts of two sets of answers together (e.g. two surveys, or periods summed).
    public static func + (a: KPICounts, b: KPICounts) -> KPICounts {
        var sum = KPICounts(
            proportion: a.proportion + b.proportion, dontKnow: a.dontKnow + b.dontKnow,
            notApplicable: a.notApplicable + b.notApplicable)
        sum.includesDontKnow = a.includesDontKnow
        return sum
    }
}
