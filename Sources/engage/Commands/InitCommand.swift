import Foundation
import ResponseStore
import SurveyDefinition

/// `engage init DIR`: creates a workspace.
enum InitCommand {
    static let spec = CommandSpec(
        path: ["init"], abstract: "Create a workspace: settings, survey definitions and the database.",
        usage: "[--organisation NAME] [--survey ID]... DIR",
        discussion: """
            Creates DIR (if needed) with engage.json (the settings: organisation name, surveys in use,
            suppression threshold, reporting-period scheme), a surveys/ folder holding copies of the
            standard survey definitions (edit them there, or add your own and list them in engage.json),
            and engage.sqlite, the database imports go into. Never overwrites an existing workspace.
            Other commands find the workspace through --workspace DIR, else $ENGAGE_WORKSPACE, else the
            current folder.
            """,
        options: [
            .value("--organisation", "NAME", "The organisation's name, printed on reports."),
            .value(
                "--survey", "ID", "A standard survey to include (default: all of them).", repeatable: true,
                allowed: StandardSurveys.ids),
        ],
        arguments: (1, 1), argumentName: "the folder to create the workspace in",
        examples: ["engage init send-feedback", "engage init --organisation \"Anyshire SEND Service\" send-feedback"],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        let directory = WorkspaceAccess.path(invocation.arguments[0], invocation)
        let chosen = invocation.all("--survey")
        let files = StandardSurveys.files.filter { file in
            chosen.isEmpty || chosen.contains { file.fileName == $0 + ".json" }
        }
        let workspace = try Workspace.create(
            at: directory, organisation: invocation.value("--organisation") ?? "My organisation",
            surveys: files)
        Console.out(
            """
            created workspace \(workspace.directory)
              settings: \(Workspace.settingsFileName) (organisation "\(workspace.settings.organisation)", suppression threshold \(workspace.settings.suppressionThreshold), periods by \(workspace.settings.periodScheme.rawValue))
              surveys:  \(workspace.settings.surveys.joined(separator: ", "))
              database: \(Workspace.databaseFileName)
            next: engage import --workspace \(invocation.arguments[0]) EXPORT.csv
            """)
        return 0
    }
}
