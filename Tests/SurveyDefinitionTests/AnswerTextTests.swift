import Testing

@testable import SurveyDefinition

@Suite("Normalising answer and header text")
struct AnswerTextTests {
    @Test("curly apostrophes, case, and non-breaking spaces compare equal")
    func folds() {
        #expect(AnswerText.normalise("Don’t  Know\u{00A0}") == "don't know")
        #expect(AnswerText.normalise("  STRONGLY\tagree ") == "strongly agree")
        #expect(AnswerText.normalise("child’s") == AnswerText.normalise("child's"))
        #expect(AnswerText.normalise("a – b") == "a - b")
    }

    @Test("characters that show nothing (joiners, soft hyphens, bidi controls) do not stop an answer matching")
    func invisibleCharacters() {
        for typed in [
            "Agree\u{200D}", "\u{202E}Agree", "Agr\u{00AD}ee", "\u{2066}Agree\u{2069}", "A\u{200C}gree",
            "Agree\u{FE0F}", "\u{200F}Agree\u{200E}", "Agree\u{2060}",
        ] {
            #expect(
                AnswerText.normalise(typed) == "agree", "\(typed.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // The zero-width space still separates words, as a space does.
        #expect(AnswerText.normalise("Strongly\u{200B}agree") == "strongly agree")
        #expect(AnswerText.normalise("Strongly \u{200D} agree") == "strongly agree")
        // Visible characters are kept.
        #expect(AnswerText.normalise("Agréé") == "agréé")
        #expect(AnswerText.normalise("Agree!") != "agree")
    }

    @Test("every ASCII character is a space exactly when Unicode calls it white space")
    func asciiSpaces() {
        for value in UInt8(0)..<128 {
            let scalar = Unicode.Scalar(value)
            let normalised = AnswerText.normalise("a" + String(scalar) + "b")
            if scalar.properties.isWhitespace {
                #expect(normalised == "a b", "\(value)")
            } else {
                #expect(!normalised.contains(" ") || scalar == " ", "\(value)")
            }
        }
    }
}
