import Testing

@testable import SurveyDefinition

@Suite("Numbers as engage writes them")
struct NumberTextTests {
    @Test(
        "a whole number is written without a decimal point, any other as Swift writes it most briefly",
        arguments: [(58.0, "58"), (58.5, "58.5"), (0.1, "0.1"), (-3.0, "-3"), (1e20, "1e+20")])
    func plain(value: Double, text: String) {
        #expect(NumberText.plain(value) == text)
    }

    @Test(
        "fixed decimals round half away from zero and keep their trailing zeros",
        arguments: [
            (0.05, 1, "0.1"), (-0.05, 1, "-0.1"), (2.5, 0, "3"), (12.5, 2, "12.50"), (0.0049, 3, "0.005"),
            (-0.0004, 3, "0.000"), (1234.5678, 2, "1234.57"),
        ])
    func fixed(value: Double, places: Int, text: String) {
        #expect(NumberText.fixed(value, places: places) == text)
    }

    @Test(
        "brief numbers drop trailing zeros and a bare point",
        arguments: [
            (95.0, 1, "95"), (99.9, 1, "99.9"), (99.95, 1, "100"), (12.96, 1, "13"), (-0.01, 1, "0"),
            (640.25, 1, "640.3"),
        ])
    func brief(value: Double, places: Int, text: String) {
        #expect(NumberText.brief(value, places: places) == text)
    }
}
