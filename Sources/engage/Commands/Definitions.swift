import FeedbackStatistics
import Foundation
import ResponseStore
import SurveyDefinition

/// How commands load survey definitions.
enum Definitions {
    /// A loader that accepts, besides the standard period labels, the names of periods
    /// defined in the workspace's engage.json as baselines.
    static func loader(customPeriods: [String] = []) -> SurveyLoader {
        SurveyLoader(periodNames: customPeriods)
    }

    static var loader: SurveyLoader { loader() }

    /// The catalogue for this invocation: the workspace's surveys folder if there is one, then the standard surveys.
    /// A command that has located its workspace passes it (so its settings are not checked, and warned about, twice).
    static func catalog(_ invocation: Invocation, workspace located: Workspace? = nil) -> SurveyCatalog {
        var folders: [String] = []
        var custom: [String] = []
        if let workspace = located ?? (try? WorkspaceAccess.locate(invocation)) {
            folders.append(workspace.surveysDirectory)
            custom = workspace.settings.periods.map(\.name)
        }
        return SurveyCatalog(folders: folders, loader: loader(customPeriods: custom))
    }
}
