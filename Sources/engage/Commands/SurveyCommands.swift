import Foundation
import ResponseStore
import Summaries
import SurveyDefinition

/// `engage survey validate|show|list|add`.
enum SurveyCommands {
    static var specs: [CommandSpec] { [validate, show, list, add] }

    static let add = CommandSpec(
        path: ["survey", "add"], abstract: "Check a survey definition and add it to the workspace.",
        usage: "FILE",
        discussion: """
            Checks the definition as 'engage survey validate' does, copies it into the workspace's surveys/
            folder (as ID.json) and lists it in engage.json, so that every command (import, kpis, summary...)
            finds the survey by its id. The same definition already in the workspace changes nothing; a
            different definition with the same id is refused: edit the workspace's copy instead (and give
            it a new "version"), or give yours another id. 'engage import --survey FILE' does this too.
            """,
        arguments: (1, 1), argumentName: "a definition file",
        examples: ["engage survey add my-survey.json"],
        run: { invocation in
            var workspace = try WorkspaceAccess.locate(invocation)
            let file = WorkspaceAccess.path(invocation.arguments[0], invocation)
            let survey = try Definitions.loader(customPeriods: workspace.settings.periods.map(\.name)).load(path: file)
            switch try WorkspaceAccess.addSurvey(survey, file: file, to: &workspace) {
            case .added(let fileName):
                Console.out(
                    "added survey \(survey.id) version \(survey.version) to the workspace: \(Workspace.surveysFolderName)/\(fileName), listed in \(Workspace.settingsFileName)"
                )
            case .alreadyThere(let fileName):
                Console.out(
                    "survey \(survey.id) is already in the workspace with this definition (\(Workspace.surveysFolderName)/\(fileName)); nothing changed"
                )
            }
            return 0
        })

    static let validate = CommandSpec(
        path: ["survey", "validate"], abstract: "Check survey definition files and list every problem.",
        usage: "FILE...",
        discussion: """
            Checks each definition against the format (see Surveys/survey.schema.json and docs/survey-format.md):
            unknown keys, missing or duplicate ids, a KPI naming a missing question, positive options not in
            the scale, percentages outside 0-100, malformed JSON. Each problem names the file, line and column.
            Exit status 0 when every file is valid, 1 otherwise.
            """,
        arguments: (1, nil), argumentName: "one or more definition files",
        examples: ["engage survey validate Surveys/*.json", "engage survey validate my-survey.json"],
        run: { invocation in
            var failed = 0
            let loader = Definitions.loader
            for path in invocation.arguments {
                if SurveyLoader.isJSONSchemaDocument(path: path) {
                    Console.out("skipped: \(path) is the JSON Schema of the definition format, not a survey")
                    continue
                }
                do {
                    let survey = try loader.load(path: path)
                    Console.out(
                        "ok: \(path): survey \(survey.id) version \(survey.version), \(survey.questions.count) questions, \(survey.kpis.count) KPIs"
                    )
                } catch {
                    failed += 1
                    Console.err("\(error)")
                }
            }
            if failed > 0 {
                Console.err(
                    "\(failed) of \(invocation.arguments.count) definition\(invocation.arguments.count == 1 ? "" : "s") invalid"
                )
                return 1
            }
            return 0
        })

    static let show = CommandSpec(
        path: ["survey", "show"], abstract: "Show a survey's questions, scales and KPIs.",
        usage: "[--format text|json] ID|FILE",
        discussion:
            "ID is a survey id from the workspace or the standard surveys (ehcp-parent-carer, ehcp-education-setting, annual-review-parent-carer); FILE is a definition file.",
        options: [.format(["text", "json"], "Output format.")],
        arguments: (1, 1), argumentName: "a survey id or definition file",
        examples: ["engage survey show ehcp-parent-carer", "engage survey show --format json my-survey.json"],
        run: { invocation in
            let (survey, origin) = try Definitions.catalog(invocation).load(invocation.arguments[0])
            if invocation.format(default: "text") == "json" {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                Console.out(Escaping.json(String(decoding: try encoder.encode(survey), as: UTF8.self)))
            } else {
                Console.out(SurveyDescription.text(survey, origin: origin.description))
            }
            return 0
        })

    static let list = CommandSpec(
        path: ["survey", "list"], abstract: "List the surveys available (workspace and standard).",
        usage: "",
        run: { invocation in
            var table = TextTable(
                headers: ["id", "version", "audience", "questions", "KPIs", "from"],
                alignments: [.left, .left, .left, .right, .right, .left])
            for (survey, origin) in Definitions.catalog(invocation).all() {
                table.add([
                    survey.id, survey.version, survey.audience.rawValue, String(survey.questions.count),
                    String(survey.kpis.count), origin.description,
                ])
            }
            Console.out(table.render())
            return 0
        })
}
