import Foundation
import SurveyDefinition

extension Workspace {
    /// What ``addSurvey(_:text:existing:)`` did.
    package enum SurveyAddition: Sendable, Equatable {
        /// The definition was copied into `surveys/` under this file name and listed in
        /// `engage.json`.
        case added(fileName: String)
        /// The workspace already has this very definition (this file name): nothing changed.
        case alreadyThere(fileName: String)
    }

    /// Why a definition could not join the workspace.
    package enum SurveyAdditionError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The workspace has another definition with the same survey id.
        case differentDefinition(survey: String, fileName: String, folder: String)
        /// `surveys/` holds a file of that name which `engage.json` does not list.
        case unlistedFile(path: String)

        /// The message a user reads.
        package var description: String {
            switch self {
            case .differentDefinition(let survey, let fileName, let folder):
                return "the workspace already has a different definition of survey \(survey) (\(folder)/\(fileName)); "
                    + "edit that file (and give it a new \"version\"), or give your definition another id"
            case .unlistedFile(let path):
                return
                    "\(path) exists but engage.json does not list it; add it to \"surveys\" in engage.json, or move it away, and try again"
            }
        }
    }

    /// Adds a survey definition to the workspace: copies its `text` into `surveys/`
    /// (as `ID.json`) and lists it in `engage.json`, so that every command finds the
    /// survey by its id. `existing` are the workspace's definitions as loaded, by file
    /// name. The same definition already there changes nothing; a different one with
    /// the same id is refused (the workspace's copy is the one its data was read with).
    package mutating func addSurvey(_ survey: Survey, text: String, existing: [(fileName: String, survey: Survey)])
        throws -> SurveyAddition
    {
        if let same = existing.first(where: { $0.survey.id == survey.id }) {
            guard same.survey == survey else {
                throw SurveyAdditionError.differentDefinition(
                    survey: survey.id, fileName: same.fileName, folder: Self.surveysFolderName)
            }
            return .alreadyThere(fileName: same.fileName)
        }
        let fileName = survey.id + ".json"
        guard Self.isPlainFileName(fileName) else { throw WorkspaceError.invalidSurveyFileName(fileName) }
        let path = Self.join(surveysDirectory, fileName)
        if FileManager.default.fileExists(atPath: path) { throw SurveyAdditionError.unlistedFile(path: path) }
        do {
            try FileManager.default.createDirectory(atPath: surveysDirectory, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.fileSystem(
                path: surveysDirectory,
                message: "cannot create the folder (\(error.localizedDescription)); check the permissions")
        }
        try Self.write(text, to: path, exclusive: true, directory: directory)
        settings.surveys.append(fileName)
        do {
            try saveSettings()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            settings.surveys.removeLast()
            throw error
        }
        return .added(fileName: fileName)
    }
}
