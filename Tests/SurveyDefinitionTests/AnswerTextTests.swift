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
}
