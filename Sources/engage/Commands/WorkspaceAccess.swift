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

    /// Resolves a path given on the command line against the current folder.
    static func path(_ given: String, _ invocation: Invocation) -> String {
        given.hasPrefix("/") ? given : (invocation.currentDirectory as NSString).appendingPathComponent(given)
    }
}
