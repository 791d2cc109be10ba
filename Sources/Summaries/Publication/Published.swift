import FeedbackStatistics
import SurveyDefinition

/// Who an output is for: the public version withholds small numbers; the internal one
/// shows everything and marks what the public version withholds.
package enum ReportAudience: String, Sendable, CaseIterable, Codable {
    case `public`
    case `internal`
}

/// Why the public version withholds a value: the GSS symbol, a reason code and a
/// plain-English note ("fewer than 10 answered").
package struct Withholding: Sendable, Equatable, Hashable, Encodable {
    /// Always the GSS symbol for a confidential value, `c`.
    package var symbol: String
    /// Why it is withheld.
    package var reason: WithholdingReason
    /// The reason in plain English ("fewer than 10 answered").
    package var note: String

    /// What a public output says instead: the one reason for every withheld value
    /// (``WithholdingReason/confidential``), so that no reason bounds the value.
    let publicNote: String

    enum CodingKeys: String, CodingKey { case symbol, reason, note }

    init(_ reason: WithholdingReason, rule: SuppressionRule) {
        symbol = SuppressionRule.symbol
        self.reason = reason
        note = rule.note(reason)
        publicNote = rule.note(.confidential)
    }

    /// The form a public output shows.
    var inPublic: Withholding {
        var shown = self
        shown.reason = .confidential
        shown.note = publicNote
        return shown
    }
}

/// One value of a publication, already resolved for its audience: ``value`` is `nil`
/// exactly when this audience may not see it; ``withheld`` says why the public version
/// withholds it (set in the internal version too, where the value is still shown).
///
/// Renderers print the value or the symbol and decide nothing. JSON: `{"value": …,
/// "withheld": null | {"symbol": "c", "reason": …, "note": …}}`.
package struct Published<Value: Sendable & Equatable & Encodable>: Sendable, Equatable, Encodable {
    /// The value; `nil` in a public output when withheld.
    package var value: Value?
    /// Why it is withheld, when it is.
    package var withheld: Withholding?

    /// Resolves `value` for `audience` under `disclosure`.
    init(_ value: Value?, _ withheld: Withholding?, for audience: ReportAudience) {
        self.value = audience == .public && withheld != nil ? nil : value
        self.withheld = audience == .public ? withheld?.inPublic : withheld
    }

    static func shown(_ value: Value?) -> Published { Published(value, nil, for: .internal) }

    /// Whether the public version withholds it.
    package var isWithheld: Bool { withheld != nil }

    /// The value's text, or the symbol when withheld; internal output marks what the
    /// public version withholds with " [c in public]". `none` when there is no value.
    package func text(_ none: String = "-", _ format: (Value) -> String) -> String {
        guard let value else { return withheld?.symbol ?? none }
        return format(value) + (withheld.map { " [\($0.symbol) in public]" } ?? "")
    }

    /// The same, without the internal mark (for a cell whose row is already marked).
    package func plain(_ none: String = "-", _ format: (Value) -> String) -> String {
        value.map(format) ?? withheld?.symbol ?? none
    }

    /// A value of another type under the same decision.
    func map<T>(_ transform: (Value) -> T?) -> Published<T> {
        var result = Published<T>.shown(value.flatMap(transform))
        result.withheld = withheld
        return result
    }

    enum CodingKeys: String, CodingKey { case value, withheld }

    /// Writes `{"value": …, "withheld": …}`, with `null` for either missing.
    package func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value, forKey: .value)
        try c.encode(withheld, forKey: .withheld)
    }
}

/// A period as every output names it.
package struct PeriodValue: Sendable, Equatable, Encodable {
    /// As reports write it ("2021-22 Q2").
    package var label: String
    /// The first day, `YYYY-MM-DD`.
    package var from: String
    /// The last day, `YYYY-MM-DD`.
    package var to: String
    /// "2021-22 Q2 (1 July 2021 to 30 September 2021)".
    package var description: String

    init(_ p: Period) {
        label = p.label
        from = p.fromDate
        to = p.toDate
        description = p.description
    }
}

/// An interval, in percent (0-100; -100 to 100 for a change).
package struct IntervalValue: Sendable, Equatable, Encodable {
    /// The lower end, percent.
    package var lower: Double
    /// The upper end, percent.
    package var upper: Double
    /// "60% to 86%".
    package var displayed: String

    init?(_ i: Interval?) {
        guard let i else { return nil }
        lower = i.lower * 100
        upper = i.upper * 100
        displayed = "\(Proportion.percentText(i.lower * 100)) to \(Proportion.percentText(i.upper * 100))"
    }
}

/// A share with its counts: "75% (30 of 40)".
package struct FigureValue: Sendable, Equatable, Encodable {
    /// Positive answers.
    package var positive: Int
    /// The base (substantive answers for a KPI).
    package var substantive: Int
    /// Exact, 0-100; `nil` with no answers.
    package var percent: Double?
    /// "75% (30 of 40)", or "no answers".
    package var displayed: String
    /// The Wilson interval, when there are answers.
    package var interval: IntervalValue?

    init(_ p: Proportion, z: Double) {
        positive = p.positive
        substantive = p.total
        percent = p.percent
        displayed = p.wholePercent.map { "\($0)% (\(p.positive) of \(p.total))" } ?? "no answers"
        interval = IntervalValue(p.wilson(z: z))
    }

    /// The whole percentage alone ("75%").
    package var percentText: String {
        Proportion(positive: positive, total: substantive).wholePercent.map { "\($0)%" } ?? "no answers"
    }
}

/// A published figure that may have no counts (a baseline or a measure recorded as a
/// bare percentage).
package struct AnyFigureValue: Sendable, Equatable, Encodable {
    /// Exact, 0-100.
    package var percent: Double?
    /// Positive answers, when counts are known.
    package var positive: Int?
    /// The base, when counts are known.
    package var substantive: Int?
    /// "17% (1 of 6)" or "47% (published, no counts)".
    package var displayed: String
    /// The Wilson interval, when counts are known.
    package var interval: IntervalValue?

    init(_ f: Figure, z: Double) {
        switch f {
        case .counts(let p):
            let v = FigureValue(p, z: z)
            percent = v.percent
            positive = v.positive
            substantive = v.substantive
            displayed = v.displayed
            interval = v.interval
        case .percent(let value):
            percent = value
            displayed = "\(Proportion.percentText(value)) (published, no counts)"
        }
    }
}
