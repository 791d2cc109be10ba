import Foundation
import Testing

@testable import SurveyDefinition

/// The repository's Surveys/ folder, found from this file's location.
let surveysFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Surveys").path

@Suite("The standard SEND surveys")
struct StandardSurveysTests {
    @Test("the embedded copies are exactly the files in Surveys/ (run scripts/embed-surveys after editing)")
    func embeddedMatchesFiles() throws {
        for (name, text) in StandardSurveys.embedded {
            let onDisk = try String(contentsOfFile: surveysFolder + "/" + name, encoding: .utf8)
            #expect(onDisk == text, "\(name) differs from its embedded copy")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: surveysFolder).filter { $0.hasSuffix(".json") }
        #expect(Set(files) == Set(StandardSurveys.embedded.map(\.fileName)))
    }

    @Test("every standard survey loads without problems")
    func allLoad() throws {
        for (name, text) in StandardSurveys.files {
            _ = try SurveyLoader().load(text: text, file: name)
        }
    }

    @Test("the parent-carer survey keeps its public ids and statement texts")
    func parentCarerContract() throws {
        let survey = try SurveyLoader().load(text: StandardSurveys.text(id: "ehcp-parent-carer")!, file: "p")
        let expected = [
            ("involved", "I felt fully involved in the process"),
            ("communication", "Communication throughout the process was good"),
            ("reflects-needs", "The EHC plan accurately reflects my child's needs"),
            ("outcomes", "The outcomes in the EHC plan are good"),
            ("provision", "The provision in the EHC plan will meet my child's needs"),
        ]
        for (id, text) in expected {
            #expect(survey.question(id)?.text == text)
            #expect(survey.question(id)?.scale == "agreement-5")
        }
        #expect(
            survey.kpis.map(\.id) == [
                "felt-fully-involved", "communication-good", "plan-reflects-needs", "outcomes-good",
                "provision-meets-needs",
            ])
        #expect(survey.kpis.map(\.question) == expected.map(\.0))
        #expect(survey.segments.first?.text == "Stage of the process")
        #expect(survey.segments.first?.options?.map(\.label) == ["New EHC plan", "Annual review"])
        #expect(survey.consentQuestion != nil)
        #expect(survey.questions.contains { $0.type == .freeText })
    }

    @Test("the education-setting and annual-review surveys keep their KPI ids")
    func otherContracts() throws {
        let setting = try SurveyLoader().load(text: StandardSurveys.text(id: "ehcp-education-setting")!, file: "s")
        #expect(
            setting.kpis.map(\.id) == [
                "setting-plan-reflects-needs", "setting-outcomes-clear", "setting-improves-access",
            ])
        #expect(setting.audience == .educationSetting)
        #expect(setting.segments.map(\.text) == ["School phase"])
        let review = try SurveyLoader().load(text: StandardSurveys.text(id: "annual-review-parent-carer")!, file: "r")
        #expect(review.kpis.map(\.id) == ["review-fully-involved", "review-satisfied-outcome", "pfa-fully-involved"])
    }

    @Test("the catalogue finds standard surveys by id and suggests near misses")
    func catalog() throws {
        let (survey, origin) = try SurveyCatalog().load("ehcp-parent-carer")
        #expect(survey.id == "ehcp-parent-carer")
        #expect(origin == .standard("ehcp-parent-carer"))
        do {
            _ = try SurveyCatalog().load("ehcp-parent-carr")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("Did you mean \"ehcp-parent-carer\""))
        }
    }
}
