import Foundation
import Testing

@testable import SurveyDefinition

/// A small valid definition; each test breaks one rule in it.
let minimalSurvey = """
    {
      "id": "mini",
      "title": "Mini survey",
      "version": "1.0",
      "audience": "parent-carer",
      "questions": [
        { "id": "involved", "text": "I felt fully involved in the process", "type": "scale", "scale": "agreement-5" },
        { "id": "phase", "text": "Phase", "type": "single-choice", "role": "segment",
          "options": [ { "code": "primary", "label": "Primary" }, { "code": "secondary", "label": "Secondary" } ] }
      ],
      "kpis": [
        { "id": "felt-involved", "title": "Felt fully involved", "question": "involved",
          "baseline": { "published": 58, "positive": 29, "substantive": 50 },
          "target": { "atLeastComparator": "England" },
          "comparators": [ { "name": "England", "percent": 58 } ] }
      ]
    }
    """

func problems(_ text: String) -> [DefinitionProblem] {
    do {
        _ = try SurveyLoader().load(text: text, file: "test.json")
        return []
    } catch {
        return error.problems
    }
}

@Suite("Loading survey definitions")
struct SurveyLoaderTests {
    @Test("a valid minimal definition loads with its questions and KPIs")
    func loadsMinimal() throws {
        let survey = try SurveyLoader().load(text: minimalSurvey, file: "test.json")
        #expect(survey.id == "mini")
        #expect(survey.questions.map(\.id) == ["involved", "phase"])
        #expect(survey.kpis[0].positive == ["strongly-agree", "agree"])
        #expect(survey.kpis[0].baseline == .published(percent: 58, positive: 29, substantive: 50, label: nil))
        #expect(survey.kpis[0].target == .atLeastComparator(name: "England"))
        #expect(survey.segments.map(\.id) == ["phase"])
        #expect(survey.scale(for: survey.questions[0])?.id == "agreement-5")
    }

    @Test(
        "measures load with their comparators; a measure's target naming a missing comparator, or reusing a KPI id, is an error"
    )
    func measures() throws {
        let withMeasure = minimalSurvey.replacingOccurrences(
            of: "  ]\n}",
            with: """
                  ],
                  "measures": [
                    { "id": "plans-within-20-weeks", "title": "New EHC plans issued within 20 weeks",
                      "target": { "atLeastComparator": "England" },
                      "comparators": [ { "name": "England", "percent": 58, "period": "2020" } ] }
                  ]
                }
                """)
        let survey = try SurveyLoader().load(text: withMeasure, file: "test.json")
        #expect(survey.measures.map(\.id) == ["plans-within-20-weeks"])
        #expect(survey.measures.first?.comparators == [Comparator(name: "England", percent: 58, period: "2020")])
        #expect(survey.measures.first?.target == .atLeastComparator(name: "England"))

        let missing = problems(
            withMeasure.replacingOccurrences(
                of:
                    "\"atLeastComparator\": \"England\" },\n      \"comparators\": [ { \"name\": \"England\", \"percent\": 58, \"period\"",
                with:
                    "\"atLeastComparator\": \"Region\" },\n      \"comparators\": [ { \"name\": \"England\", \"percent\": 58, \"period\""
            ))
        #expect(missing.contains { $0.message.contains("Region") }, "\(missing)")
        let duplicate = problems(withMeasure.replacingOccurrences(of: "plans-within-20-weeks", with: "felt-involved"))
        #expect(duplicate.contains { $0.message.contains("felt-involved") && $0.position?.line == 18 }, "\(duplicate)")
    }

    @Test("a syntax error on line 7 is reported with file, line and column")
    func syntaxErrorLine() {
        var lines = minimalSurvey.components(separatedBy: "\n")
        lines[6] = lines[6].replacingOccurrences(
            of: "\"scale\": \"agreement-5\" }", with: "\"scale\": \"agreement-5\" ")
        let found = problems(lines.joined(separator: "\n"))
        #expect(found.count == 1)
        // The missing } is noticed where the next member begins, on line 8.
        #expect(found.first?.position?.line == 8)
        #expect(found.first?.description.hasPrefix("test.json:8:") == true)
        #expect(found.first?.message.contains("not valid JSON") == true)
    }

    @Test("a missing comma names the line where it should be")
    func missingComma() {
        let text = minimalSurvey.replacingOccurrences(
            of: "\"title\": \"Mini survey\",", with: "\"title\": \"Mini survey\"")
        let found = problems(text)
        #expect(found.first?.position == SourcePosition(line: 4, column: 3))
        #expect(found.first?.message.contains("comma") == true)
    }

    @Test("an unknown key is reported with a suggestion")
    func unknownKey() {
        let text = minimalSurvey.replacingOccurrences(of: "\"audience\"", with: "\"audiance\"")
        let found = problems(text)
        #expect(
            found.contains {
                $0.message.contains("unknown key \"audiance\"") && $0.message.contains("Did you mean \"audience\"")
                    && $0.position?.line == 5
            })
    }

    @Test("a KPI naming a missing question is an error on the question line")
    func missingQuestion() {
        let text = minimalSurvey.replacingOccurrences(
            of: "\"question\": \"involved\"", with: "\"question\": \"involvd\"")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found[0].message.contains("question \"involvd\", which the survey does not define"))
        #expect(found[0].message.contains("Did you mean \"involved\""))
        #expect(found[0].position?.line == 12)
    }

    @Test("a positive option not in the scale is an error")
    func positiveNotInScale() {
        let text = minimalSurvey.replacingOccurrences(
            of: "\"question\": \"involved\",",
            with: "\"question\": \"involved\", \"positive\": [\"agree\", \"very-agree\"],")
        let found = problems(text)
        #expect(found.count == 1)
        #expect(found[0].message.contains("\"very-agree\" as positive, but scale \"agreement-5\" has no such option"))
    }

    @Test("Don't know cannot count as positive")
    func nonSubstantivePositive() {
        let text = minimalSurvey.replacingOccurrences(
            of: "\"question\": \"involved\",", with: "\"question\": \"involved\", \"positive\": [\"dont-know\"],")
        #expect(problems(text).contains { $0.message.contains("not substantive") })
    }

    @Test("duplicate question ids are an error")
    func duplicateQuestion() {
        let text = minimalSurvey.replacingOccurrences(of: "\"id\": \"phase\"", with: "\"id\": \"involved\"")
        let found = problems(text)
        #expect(found.contains { $0.message.contains("duplicate question id \"involved\"") && $0.position?.line == 8 })
    }

    @Test("duplicate option codes are an error")
    func duplicateOption() {
        let text = minimalSurvey.replacingOccurrences(of: "\"code\": \"secondary\"", with: "\"code\": \"primary\"")
        #expect(
            problems(text).contains {
                $0.message.contains("duplicate option code in question \"phase\" \"primary\"")
                    || $0.message.contains("duplicate option code")
            })
    }

    @Test("a percentage outside 0-100 is an error")
    func percentageRange() {
        let text = minimalSurvey.replacingOccurrences(of: "\"percent\": 58", with: "\"percent\": 158")
        let found = problems(text)
        #expect(
            found.contains {
                $0.message.contains("158") && $0.message.contains("between 0 and 100") && $0.position?.line == 15
            })
        let fraction = minimalSurvey.replacingOccurrences(of: "\"published\": 58", with: "\"published\": -0.5")
        #expect(problems(fraction).contains { $0.message.contains("between 0 and 100") })
    }

    @Test("published counts that contradict the percentage are an error")
    func countsContradictPercent() {
        let text = minimalSurvey.replacingOccurrences(of: "\"positive\": 29", with: "\"positive\": 40")
        #expect(problems(text).contains { $0.message.contains("40 of 50 is 80.0%") })
    }

    @Test("a target naming an unknown comparator is an error")
    func unknownComparator() {
        let text = minimalSurvey.replacingOccurrences(
            of: "\"atLeastComparator\": \"England\"", with: "\"atLeastComparator\": \"Englnd\"")
        #expect(
            problems(text).contains {
                $0.message.contains("comparator \"Englnd\"") && $0.message.contains("Did you mean \"England\"")
            })
    }

    @Test("an unknown audience lists the allowed values")
    func unknownAudience() {
        let text = minimalSurvey.replacingOccurrences(of: "\"parent-carer\"", with: "\"parents\"")
        #expect(
            problems(text).contains {
                $0.message.contains("not one of: parent-carer, education-setting, young-person, other")
            })
    }

    @Test("an unknown scale is an error")
    func unknownScale() {
        let text = minimalSurvey.replacingOccurrences(
            of: "\"scale\": \"agreement-5\"", with: "\"scale\": \"agreement5\"")
        #expect(
            problems(text).contains {
                $0.message.contains("scale \"agreement5\"") && $0.message.contains("Did you mean \"agreement-5\"")
            })
    }

    @Test("a free-text question cannot be a segment or have options")
    func freeTextRules() {
        let text = minimalSurvey.replacingOccurrences(
            of: "\"type\": \"single-choice\", \"role\": \"segment\"",
            with: "\"type\": \"free-text\", \"role\": \"segment\"")
        let found = problems(text)
        #expect(found.contains { $0.message.contains("takes no \"scale\" or \"options\"") })
        #expect(found.contains { $0.message.contains("is a segment, so it needs answer options") })
    }

    @Test("increase on baseline needs a baseline")
    func increaseNeedsBaseline() {
        let text =
            minimalSurvey
            .replacingOccurrences(
                of: "\"baseline\": { \"published\": 58, \"positive\": 29, \"substantive\": 50 },", with: ""
            )
            .replacingOccurrences(of: "\"atLeastComparator\": \"England\"", with: "\"increaseOnBaseline\": true")
        #expect(problems(text).contains { $0.message.contains("has no \"baseline\"") })
    }

    @Test(
        "every loader checks a baseline period label, refuses a year that could be financial or academic, and accepts the workspace's named periods",
        arguments: [
            ("autum 2019", "\"autum 2019\" is not a period engage knows"),
            (
                "2019/20",
                "could mean the financial year 2019-20 (1 April 2019 to 31 March 2020) or the academic year AY 2019/20 (1 September 2019 to 31 August 2020)"
            ),
        ])
    func baselinePeriodChecked(label: String, message: String) {
        let text = minimalSurvey.replacingOccurrences(
            of: "{ \"published\": 58, \"positive\": 29, \"substantive\": 50 }", with: "{ \"period\": \"\(label)\" }")
        do {
            _ = try SurveyLoader().load(text: text, file: "t.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.contains { $0.message.contains(message) }, "\(error.problems)")
        }
        let named = text.replacingOccurrences(of: label, with: "Baseline")
        #expect(throws: DefinitionError.self) { try SurveyLoader().load(text: named, file: "t.json") }
        #expect(throws: Never.self) { try SurveyLoader(periodNames: ["baseline"]).load(text: named, file: "t.json") }
        for clear in ["2019-20", "AY 2019/20", "autumn 2019"] {
            #expect(throws: Never.self) {
                try SurveyLoader().load(text: text.replacingOccurrences(of: label, with: clear), file: "t.json")
            }
        }
    }

    @Test("an ambiguous synonym shared by two options is an error")
    func ambiguousSynonym() {
        let text = minimalSurvey.replacingOccurrences(
            of: "{ \"code\": \"secondary\", \"label\": \"Secondary\" }",
            with: "{ \"code\": \"secondary\", \"label\": \"Secondary\", \"synonyms\": [\"PRIMARY\"] }")
        #expect(
            problems(text).contains {
                $0.message.contains("belongs to both option \"primary\" and option \"secondary\"")
            })
    }

    @Test("every problem is reported, not only the first")
    func allProblems() {
        let text =
            minimalSurvey
            .replacingOccurrences(of: "\"audience\"", with: "\"audiance\"")
            .replacingOccurrences(of: "\"percent\": 58", with: "\"percent\": 580")
        #expect(problems(text).count >= 3) // unknown key, missing audience, bad percentage
    }

    @Test("absurd nesting is refused without crashing")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000)
        let found = problems(text)
        #expect(found.first?.message.contains("nesting deeper") == true)
    }

    @Test("an empty file and non-UTF-8 bytes give clear messages")
    func emptyAndBinary() throws {
        #expect(problems("").first?.message.contains("empty") == true)
        do {
            _ = try SurveyLoader().load(bytes: [0xFF, 0xFE, 0x00, 0x7B], file: "bin.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.problems.first?.message.contains("not UTF-8") == true)
        }
    }
}
