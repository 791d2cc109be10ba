import Foundation
import ResponseIngestion
import SurveyDefinition

/// Finds the survey's comment themes in free text by their keywords and phrases,
/// matched as whole words after folding case, apostrophes, dashes and spaces.
struct ThemeMatcher: Sendable {
    /// The themes looked for.
    let themes: [CommentTheme]
    private let keywords: [(theme: Int, words: [String])]

    init(themes: [CommentTheme]) {
        self.themes = themes
        keywords = themes.enumerated().flatMap { index, theme in
            theme.keywords.map { (index, Self.words($0)) }.filter { !$0.1.isEmpty }
        }
    }

    /// Lower-cased words, apostrophes and dashes folded, punctuation dropped; invisible
    /// characters removed first, so a zero-width space does not split a word.
    static func words(_ text: String) -> [String] {
        AnswerText.normalise(InvisibleText.clean(text)).lowercased()
            .split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == ":") })
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
            .filter { !$0.isEmpty }
    }

    /// The ids of the themes `comment` mentions, in the definition's order.
    func themes(in comment: String) -> [String] {
        matches(in: comment).map(\.theme)
    }

    /// The themes `comment` mentions, in the definition's order, each with the first of
    /// its keywords found (what a reviewer reads as the reason for the match).
    func matches(in comment: String) -> [(theme: String, keyword: String)] {
        let text = Self.words(comment)
        var found: [Int: String] = [:]
        for (theme, phrase) in keywords where found[theme] == nil {
            if Self.contains(text, phrase) { found[theme] = phrase.joined(separator: " ") }
        }
        return found.sorted { $0.key < $1.key }.map { (themes[$0.key].id, $0.value) }
    }

    static func contains(_ text: [String], _ phrase: [String]) -> Bool {
        guard phrase.count <= text.count else { return false }
        for start in 0...(text.count - phrase.count) where text[start] == phrase[0] {
            if Array(text[start..<(start + phrase.count)]) == phrase { return true }
        }
        return false
    }
}
