import Foundation
import TestSupport
import Testing

@Suite("--survey given more than once")
struct RepeatedSurveyOptionTests {
    @Test("summary --survey A --survey B reports both surveys; an unknown id among them is an error")
    func bothSurveys() throws {
        let runner = try SummaryCommandTests.demoWorkspace()
        defer { runner.cleanUp() }
        let two = ["annual-review-parent-carer", "ehcp-parent-carer"]
        let result = try runner.run(
            "summary", "--workspace", "ws", "--survey", two[0], "--survey", two[1], "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        let items =
            (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["items"]
            as? [[String: Any]] ?? []
        let surveysShown = Set(items.compactMap { $0["survey"] as? String })
        #expect(surveysShown == Set(two), "the summary showed \(surveysShown), asked for \(two)")
        let wrong = try runner.run("summary", "--workspace", "ws", "--survey", two[0], "--survey", "no-such-survey")
        #expect(wrong.status == 1 && wrong.stderr.contains("no-such-survey"), "\(wrong.stderr)")
    }
}
