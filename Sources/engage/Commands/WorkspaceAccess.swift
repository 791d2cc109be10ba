import Foundation
import ResponseStore
import SurveyDefinition

/// How commands find the workspace and its survey definitions.
enum WorkspaceAccess {
    /// The workspace named by --workspace, else $ENGAGE_WORKSPACE, else the current folder.
    /// Warnings about its settings (a key given twice; a group, survey or period that
    /// the settings name but the workspace does not have) go to standard error.
    static func locate(_ invocation: Invocation) throws -> Workspace {
        let workspace = try Workspace.locate(
            explicit: invocation.value("--workspace"), environment: invocation.environment,
            currentDirectory: invocation.currentDirectory)
        for warning in settingsWarnings(workspace) { Console.err(warning) }
        return workspace
    }

    /// Every warning about the workspace's settings; the checks against the surveys use
    /// the definitions that load (a broken one is reported by the commands that need it).
    static func settingsWarnings(_ workspace: Workspace) -> [String] {
        let loader = Definitions.loader(customPeriods: workspace.settings.periods.map(\.name))
        return workspace.settings.warnings
            + workspace.reviewSettings(surveys: workspace.surveyPaths.compactMap { try? loader.load(path: $0) })
    }

    /// The survey definitions the workspace's settings list, loaded (every problem reported).
    static func surveys(of workspace: Workspace) throws -> [Survey] {
        let loader = Definitions.loader(customPeriods: workspace.settings.periods.map(\.name))
        let surveys = try workspace.surveyPaths.map { try loader.load(path: $0) }
        var seen: [String: String] = [:]
        for (survey, file) in zip(surveys, workspace.settings.surveys) {
            if let earlier = seen[survey.id] {
                throw CommandFailure(
                    "\(workspace.settingsPath): surveys: \(earlier) and \(file) both define the survey \"\(survey.id)\"; list each survey once (remove one of them from \"surveys\")."
                )
            }
            seen[survey.id] = file
        }
        return surveys
    }

    /// Opens the workspace's database to change it: when another program is writing,
    /// says on standard error that engage is waiting for it, and for how long at most.
    static func openForWriting(_ workspace: Workspace, _ invocation: Invocation) throws -> Store {
        let mark = invocation.environment["ENGAGE_TEST_WAIT_MARK"]
        return try workspace.openStore(onWait: { limit in
            Console.err(
                "engage: waiting for another program that is writing to \(workspace.databasePath) (another engage import, or DB Browser with unsaved changes); engage waits up to \(limit >= 120 ? "\(limit / 60) minutes" : "\(limit) s") (ENGAGE_BUSY_TIMEOUT), or press Ctrl-C to stop."
            )
            // For the end-to-end tests: ENGAGE_TEST_WAIT_MARK names a file to create when
            // waiting, so a test knows a second writer is waiting without timing it.
            if let mark { _ = FileManager.default.createFile(atPath: mark, contents: Data()) }
        })
    }

    /// The workspace's survey definitions with their file names in `surveys/`.
    static func surveyFiles(of workspace: Workspace) throws -> [(fileName: String, survey: Survey)] {
        let loader = Definitions.loader(customPeriods: workspace.settings.periods.map(\.name))
        return try zip(workspace.settings.surveys, workspace.surveyPaths).map { ($0, try loader.load(path: $1)) }
    }

    /// Whether a `--survey` value names a definition file rather than a survey id.
    static func isDefinitionFile(_ reference: String) -> Bool {
        reference.hasSuffix(".json") || reference.contains("/")
    }

    /// Adds the definition in `file` (already loaded as `survey`) to the workspace.
    static func addSurvey(_ survey: Survey, file: String, to workspace: inout Workspace) throws
        -> Workspace.SurveyAddition
    {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure("\(file): cannot read the definition; check the path and that you may read it")
        }
        do {
            return try workspace.addSurvey(
                survey, text: String(decoding: data, as: UTF8.self), existing: try surveyFiles(of: workspace))
        } catch let error as Workspace.SurveyAdditionError {
            throw CommandFailure("\(file): \(error.description)")
        }
    }

    /// Takes the automatic snapshot before a change that cannot otherwise be taken back
    /// (Workspace.snapshot), and says where it is and how to go back to it.
    static func snapshot(_ workspace: Workspace, before reason: String) throws {
        guard let taken = try workspace.snapshot(before: reason) else { return }
        Console.err("saved the workspace as it was in \(taken.path) (engage restore \(taken.path) takes this back)")
    }

    /// Resolves a path given on the command line against the current folder.
    static func path(_ given: String, _ invocation: Invocation) -> String {
        given.hasPrefix("/") ? given : (invocation.currentDirectory as NSString).appendingPathComponent(given)
    }
}
