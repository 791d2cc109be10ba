import Foundation
import ResponseIngestion
import Summaries
import SurveyDefinition

/// `engage inspect`: a dry run of an import.
enum InspectCommand {
    static let spec = CommandSpec(
        path: ["inspect"], abstract: "Dry-run an import: show the format, column mapping and row counts.",
        usage:
            "--survey ID|FILE [--format NAME] [--mapping FILE] [--date-order dmy|mdy|ymd] [--sheet NAME] [--member NAME] [--output text|json] EXPORT...",
        discussion: """
            Reads each export as 'engage import' would, without storing anything: the detected platform and
            encoding, which column feeds which question, the date order used, and how many rows would be
            accepted, set aside (incomplete, previews, tests, repeats) or rejected, with the first rejections
            and their reasons. An export may be a CSV, an Excel workbook (.xlsx: the sheet, its header row and
            the date cells found are shown) or the zip a platform downloads. Exit status 0 when the file is usable (even with some rejected rows), 1 when
            nothing usable was found, 64 on a usage error.
            """,
        options: [
            .value("--survey", "ID|FILE", "The survey the export belongs to (an id or a definition file)."),
            .value("--format", "NAME", "Override format detection.", allowed: ExportFormat.allCases.map(\.rawValue)),
            .value("--mapping", "FILE", "A mapping file for exports with your own headers and labels."),
            .value(
                "--date-order", "ORDER", "Override date-order inference.", allowed: DateOrder.allCases.map(\.rawValue)),
            .value("--sheet", "NAME", "The workbook sheet to read (default: the first)."),
            .value("--member", "NAME", "The file to read from a zip holding several exports."),
            .value("--output", "FORMAT", "Report format.", allowed: ["text", "json"]),
        ],
        arguments: (1, nil), argumentName: "one or more export files",
        examples: [
            "engage inspect --survey ehcp-parent-carer responses.csv",
            "engage inspect --survey ehcp-parent-carer --mapping phone-mapping.json phone-survey.csv",
            "engage inspect --survey ehcp-parent-carer --sheet Form1 responses.xlsx",
        ],
        run: run)

    static func run(_ invocation: Invocation) throws -> Int32 {
        guard let surveyRef = invocation.value("--survey") else {
            throw UsageError(
                message: "'engage inspect' needs --survey ID|FILE (for example --survey ehcp-parent-carer)",
                command: "inspect")
        }
        let (survey, _) = try Definitions.catalog(invocation).load(surveyRef)
        var options = IngestionOptions(
            format: invocation.value("--format").flatMap(ExportFormat.init(rawValue:)),
            dateOrder: invocation.value("--date-order").flatMap(DateOrder.init(rawValue:)))
        if let mappingPath = invocation.value("--mapping") {
            options.mapping = try ImportMapping.load(path: mappingPath, survey: survey)
        }
        options.selection = ExportSelection(member: invocation.value("--member"), sheet: invocation.value("--sheet"))
        options.now = Int64(Date().timeIntervalSince1970)
        let json = invocation.value("--output") == "json"
        var usable = true
        var reports: [[String: Any]] = []
        for path in invocation.arguments {
            do {
                let report = try Ingestor(survey: survey, options: options).inspect(path: path)
                usable = usable && report.usable
                if json { reports.append(report.jsonObject()) } else { Console.out(report.text() + "\n") }
            } catch let error as IngestionError {
                usable = false
                Console.err(error.description)
                if json { reports.append(["file": path, "usable": false, "problems": [error.description]]) }
            }
        }
        if json {
            let data = try JSONSerialization.data(
                withJSONObject: ["reports": reports], options: [.prettyPrinted, .sortedKeys])
            Console.out(Escaping.json(String(decoding: data, as: UTF8.self)))
        }
        return usable ? 0 : 1
    }
}
