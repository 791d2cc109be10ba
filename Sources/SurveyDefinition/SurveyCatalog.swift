import Foundation

/// Finds survey definitions by id or file name: first in the given folders (a
/// workspace's `surveys/`), then among the standard surveys compiled into engage.
package struct SurveyCatalog: Sendable {
    /// Folders searched for definitions, in order: the first with a survey id wins.
    package var folders: [String]
    /// The loader used for every file.
    package var loader: SurveyLoader

    /// A catalog of the standard surveys and those in `folders`.
    package init(folders: [String] = [], loader: SurveyLoader = SurveyLoader()) {
        self.folders = folders
        self.loader = loader
    }

    /// Where a definition came from, for messages and provenance.
    package enum Origin: Sendable, Equatable, CustomStringConvertible {
        case file(String)
        case standard(String)

        /// The message a user reads.
        package var description: String {
            switch self {
            case .file(let path): return path
            case .standard(let id): return "standard survey \(id) (built into engage)"
            }
        }
    }

    /// Loads `reference`, which is a path to a JSON file or a survey id.
    package func load(_ reference: String) throws(DefinitionError) -> (Survey, Origin) {
        let fm = FileManager.default
        if reference.hasSuffix(".json") || reference.contains("/") {
            guard fm.fileExists(atPath: reference) else {
                throw DefinitionError(problems: [
                    DefinitionProblem(
                        file: reference, position: nil,
                        message:
                            "no such file. Give the path to a survey definition (.json) or a survey id such as \(StandardSurveys.ids[0])"
                    )
                ])
            }
            return (try loader.load(path: reference), .file(reference))
        }
        for folder in folders {
            for path in Self.definitionFiles(in: folder) {
                if let survey = try? loader.load(path: path), survey.id == reference {
                    return (survey, .file(path))
                }
            }
            // A definition named after the id that does not load: report its problems.
            let named = (folder as NSString).appendingPathComponent(reference + ".json")
            if fm.fileExists(atPath: named) {
                return (try loader.load(path: named), .file(named))
            }
        }
        if let text = StandardSurveys.text(id: reference) {
            return (try loader.load(text: text, file: reference + ".json (built in)"), .standard(reference))
        }
        let known = knownIDs()
        let hint = StringDistance.didYouMean(reference, among: known)
        throw DefinitionError(problems: [
            DefinitionProblem(
                file: reference, position: nil,
                message:
                    "no survey with this id.\(hint) Known surveys: \(known.joined(separator: ", ")). Or give the path to a .json definition."
            )
        ])
    }

    /// Every survey the catalogue can load, workspace folders first; a standard
    /// survey is hidden by a workspace definition with the same id.
    package func all() -> [(Survey, Origin)] {
        var result: [(Survey, Origin)] = []
        var seen: Set<String> = []
        for folder in folders {
            for path in Self.definitionFiles(in: folder) {
                if let survey = try? loader.load(path: path), seen.insert(survey.id).inserted {
                    result.append((survey, .file(path)))
                }
            }
        }
        for (fileName, text) in StandardSurveys.files {
            if let survey = try? loader.load(text: text, file: fileName), seen.insert(survey.id).inserted {
                result.append((survey, .standard(survey.id)))
            }
        }
        return result
    }

    func knownIDs() -> [String] { all().map { $0.0.id } }

    /// JSON files in a folder, excluding the schema, sorted.
    static func definitionFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".json") && $0 != StandardSurveys.schemaFileName }
            .sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }
}
