import SurveyDefinition

/// "Did you mean …?" hints for command lines.
enum StringSuggest {
    static func didYouMean(_ word: String, among candidates: [String]) -> String {
        guard let s = StringDistance.suggestion(for: word, among: candidates) else { return "" }
        return " Did you mean '\(s)'?"
    }
}
