import FeedbackStatistics
import Foundation
import SurveyDefinition

/// How commands load survey definitions.
enum Definitions {
    /// A loader that checks baseline period labels with the statistics' calendar; names
    /// of periods defined in the workspace's engage.json are accepted too.
    static func loader(customPeriods: [String] = []) -> SurveyLoader {
        let names = Set(customPeriods.map { $0.lowercased() })
        return SurveyLoader(periodLabelProblem: { label in
            names.contains(label.lowercased()) ? nil : PeriodLabels.problem(label)
        })
    }

    static var loader: SurveyLoader { loader() }

    /// The catalogue for this invocation: the workspace's surveys folder if there is one, then the standard surveys.
    static func catalog(_ invocation: Invocation) -> SurveyCatalog {
        var folders: [String] = []
        var custom: [String] = []
        if let workspace = try? WorkspaceAccess.locate(invocation) {
            folders.append(workspace.surveysDirectory)
            custom = workspace.settings.periods.map(\.name)
        }
        return SurveyCatalog(folders: folders, loader: loader(customPeriods: custom))
    }
}
