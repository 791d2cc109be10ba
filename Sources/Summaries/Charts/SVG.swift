import SurveyDefinition

/// What the charts share about writing SVG.
enum SVG {
    /// A coordinate or size in an SVG attribute: at most one decimal, without locale
    /// or exponent forms.
    static func number(_ value: Double) -> String { NumberText.brief(value, places: 1) }
}
