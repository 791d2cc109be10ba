import Foundation
import ResponseStore
import SurveyDefinition

/// How commands find the workspace and its survey definitions.
enum WorkspaceAccess {
    /// The workspace named by --workspace, else $ENGAGE_WORKSPACE, else the current folder.
    static func locate(_ invocation: Invocation) throws -> Workspace {
        try Workspace.locate(explicit: invocation.value("--workspace"), environment: invocation.environment,
                             currentDirectory: invocation.currentDirectory)
    }

    /// The survey definitions the workspace's settings list, loaded (every problem reported).
    static func surveys(of workspace: Workspace) throws -> [Survey] {
        let loader = Definitions.loader(customPeriods: workspace.settings.periods.map(\.name))
        return try workspace.surveyPaths.map { try loader.load(path: $0) }
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
    static func addSurvey(_ survey: Survey, file: String, to workspace: inout Workspace) throws -> Workspace.SurveyAddition {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure("\(file): cannot read the definition; check the path and that you may read it")
        }
        do {
            return try workspace.addSurvey(survey, text: String(decoding: data, as: UTF8.self), existing: try surveyFiles(of: workspace))
        } catch let error as Workspace.SurveyAdditionError {
            throw CommandFailure("\(file): \(error.description)")
        }
    }

    /// Resolves a path given on the command line against the current folder.
    static func path(_ given: String, _ invocation: Invocation) -> String {
        given.hasPrefix("/") ? given : (invocation.currentDirectory as NSString).appendingPathComponent(given)
    }
}
