import Foundation
import SurveyDefinition

/// How commands load survey definitions.
enum Definitions {
    static var loader: SurveyLoader { SurveyLoader() }

    /// The catalogue for this invocation: the workspace's surveys folder if there is one, then the standard surveys.
    static func catalog(_ invocation: Invocation) -> SurveyCatalog {
        var folders: [String] = []
        let base = invocation.value("--workspace") ?? invocation.environment["ENGAGE_WORKSPACE"] ?? invocation.currentDirectory
        let surveys = (base as NSString).appendingPathComponent("surveys")
        if FileManager.default.fileExists(atPath: (base as NSString).appendingPathComponent("engage.json")) {
            folders.append(surveys)
        }
        return SurveyCatalog(folders: folders, loader: loader)
    }
}
