import Foundation
import ResponseIngestion
import SurveyDefinition

/// Builds a complete workspace from an examples folder (the repository's `Examples/`):
/// its settings (`engage.json`), the standard surveys, every export listed in
/// `imports.csv` (with its survey, source and mapping), the action log
/// (`actions.csv`, `action-updates.csv`) and the administrative measures
/// (`measures.csv`). What `engage demo` runs.
package struct ExampleWorkspace {
    /// The examples folder.
    package let examples: String

    /// A builder from the examples folder at `examples`.
    package init(examples: String) {
        self.examples = examples
    }

    /// Creates the workspace in `directory` and fills it; `log` receives one line per step.
    /// `loadSurvey` loads a definition file (so the caller's period checks apply).
    package func build(
        into directory: String, surveys: [(fileName: String, text: String)],
        loadSurvey: (String) throws -> Survey, log: (String) -> Void
    ) throws -> Workspace {
        let settingsText = try text(Workspace.settingsFileName)
        let settings = try WorkspaceSettings.decode(settingsText, file: path(Workspace.settingsFileName))
        var workspace = try Workspace.create(
            at: directory, organisation: settings.organisation,
            surveys: surveys.filter { settings.surveys.contains($0.fileName) })
        workspace.settings = settings
        try workspace.saveSettings()
        if let logo = settings.publication.logo {
            try FileManager.default.copyItem(
                atPath: path(logo), toPath: (directory as NSString).appendingPathComponent(logo))
        }
        let store = try workspace.openStore()
        defer { store.close() }
        let loaded = try workspace.surveyPaths.map(loadSurvey)

        for row in try rows("imports.csv") {
            guard let file = row["file"], let surveyID = row["survey"],
                let survey = loaded.first(where: { $0.id == surveyID })
            else {
                throw WorkspaceError.invalidSettings(
                    file: path("imports.csv"), line: nil, column: nil, field: "survey",
                    message: "each row needs a file and one of the surveys \(loaded.map(\.id).joined(separator: ", "))")
            }
            var options = IngestionOptions(now: Int64(Date().timeIntervalSince1970))
            if let mapping = row["mapping"], !mapping.isEmpty {
                options.mapping = try ImportMapping.load(path: path(mapping), survey: survey)
            }
            options.sampleLimit = 0
            let importer = ExportImporter(
                store: store, options: options, source: row["source"].flatMap { $0.isEmpty ? nil : $0 })
            let outcome = try importer.importFile(path: path(file), displayName: file, survey: survey)
            switch outcome.result {
            case .imported(let summary): log("\(file): \(summary.sentence)")
            case .alreadyImported(let record): log("\(file): already imported as import \(record.id)")
            }
        }
        if FileManager.default.fileExists(atPath: path("actions.csv")) {
            let ids = try store.importActions(
                try ActionLogFile.read(path: path("actions.csv"), displayName: "actions.csv"))
            log("actions.csv: \(ids.count) actions")
        }
        if FileManager.default.fileExists(atPath: path("action-updates.csv")) {
            let updates = try ActionUpdatesFile.read(
                path: path("action-updates.csv"), displayName: "action-updates.csv")
            let (count, _) = try store.importActionUpdates(updates)
            log("action-updates.csv: \(count) progress updates")
        }
        if FileManager.default.fileExists(atPath: path("measures.csv")) {
            var count = 0
            for row in try rows("measures.csv") {
                guard let measure = row["measure"], let period = row["period"] else { continue }
                try store.recordMeasure(
                    MeasureRecord(
                        measure: measure, period: period, numerator: row["numerator"].flatMap { Int($0) },
                        denominator: row["denominator"].flatMap { Int($0) },
                        percent: row["percent"].flatMap { Double($0) }, note: row["note"]))
                count += 1
            }
            log("measures.csv: \(count) measure figures")
        }
        return workspace
    }

    func path(_ name: String) -> String { (examples as NSString).appendingPathComponent(name) }

    func text(_ name: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path(name)),
            let text = String(data: data, encoding: .utf8)
        else {
            throw WorkspaceError.fileSystem(
                path: path(name), message: "cannot read the example file; is this an engage Examples folder?")
        }
        return text
    }

    /// The rows of a small CSV file as dictionaries keyed by header.
    func rows(_ name: String) throws -> [[String: String]] {
        var reader = try CSVReader(path: path(name), displayName: name)
        guard let header = try reader.next()?.fields else { return [] }
        var rows: [[String: String]] = []
        while let record = try reader.next() {
            var row: [String: String] = [:]
            for (i, key) in header.enumerated() where i < record.count { row[key] = record.field(i) }
            rows.append(row)
        }
        return rows
    }
}
