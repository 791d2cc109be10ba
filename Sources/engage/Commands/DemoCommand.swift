import Foundation
import ResponseStore
import Summaries
import SurveyDefinition

/// `engage demo`: the example workspace, built and summarised.
enum DemoCommand {
    static let spec = CommandSpec(
        path: ["demo"],
        abstract: "Build the example workspace from Examples/ and print its \"You said, we did\" summary.",
        usage: "[--into DIR] [--examples DIR] [--period LABEL] [--format text|markdown|html|json|csv] [--output FILE]",
        discussion: """
            Creates a fresh workspace (in a temporary folder, or --into DIR to keep it), imports the example
            exports (a SurveyMonkey portal export downloaded twice, a telephone-survey spreadsheet with its
            mapping file, a Google Forms and a Microsoft Forms export), the action log with its progress updates
            and the administrative measures, then prints the summary for July-September 2021 (2021-22 Q2),
            the quarter of the seed paper's figures. The examples are found in ./Examples, or --examples DIR.
            """,
        options: [
            .value("--into", "DIR", "Build the workspace here and keep it."),
            .value(
                "--examples", "DIR", "The examples folder (default: ./Examples, else the one beside engage's source)."),
            .value("--period", "LABEL", "The period to summarise (default 2021-22 Q2)."),
            .format(["text", "markdown", "html", "json", "csv"], "Output format of the summary."),
            .audience("public or internal (default: public for html and markdown, else internal)."),
            .output("Write the summary to FILE."),
        ],
        examples: [
            "swift run engage demo",
            "swift run engage demo --into example-workspace --format html --output you-said-we-did.html",
        ],
        run: run)

    static func examplesFolder(_ invocation: Invocation) throws -> String {
        if let given = invocation.value("--examples") { return WorkspaceAccess.path(given, invocation) }
        let local = WorkspaceAccess.path("Examples", invocation)
        if FileManager.default.fileExists(atPath: (local as NSString).appendingPathComponent("imports.csv")) {
            return local
        }
        // Beside the source this engage was built from (a clone run with `swift run`).
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples").path
        if FileManager.default.fileExists(atPath: (source as NSString).appendingPathComponent("imports.csv")) {
            return source
        }
        throw CommandFailure(
            "cannot find the Examples folder (looked in ./Examples and \(source)); run from the engage folder or give --examples DIR"
        )
    }

    static func run(_ invocation: Invocation) throws -> Int32 {
        let examples = try examplesFolder(invocation)
        let keep = invocation.value("--into").map { WorkspaceAccess.path($0, invocation) }
        let directory =
            keep ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("engage-demo-\(UUID().uuidString)")
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let customNames =
            (try? WorkspaceSettings.decode(
                String(contentsOfFile: (examples as NSString).appendingPathComponent("engage.json"), encoding: .utf8),
                file: "engage.json"
            ).periods.map(\.name)) ?? []
        let loader = Definitions.loader(customPeriods: customNames)
        Console.err("building the example workspace in \(directory)")
        _ = try ExampleWorkspace(examples: examples).build(
            into: directory, surveys: StandardSurveys.files,
            loadSurvey: { try loader.load(path: $0) }, log: { Console.err("  " + $0) })
        var arguments = ["summary", "--workspace", directory, "--period", invocation.value("--period") ?? "2021-22 Q2"]
        for option in ["--format", "--audience", "--output"] {
            if let value = invocation.value(option) {
                arguments += [option, option == "--output" ? WorkspaceAccess.path(value, invocation) : value]
            }
        }
        let status = Engage.run(
            arguments: arguments, environment: invocation.environment, currentDirectory: invocation.currentDirectory)
        if keep != nil {
            Console.err("the example workspace is in \(directory): try engage kpis --workspace \(directory)")
        }
        return status
    }
}
