import Foundation
import TestSupport
import Testing

@Suite("Internal outputs are marked at the top in every format, with provenance; public ones are not")
struct InternalMarkingTests {
    /// The notice, word for word (docs/publication.md).
    static let notice =
        "INTERNAL: do not publish. Small numbers are shown; use --audience public for anything published."

    /// Every reporting command and format that has an internal and a public version.
    static let outputs: [(name: String, arguments: [String], formats: [String])] = [
        ("summary", ["summary", "--period", "2021-22 Q2"], ["text", "markdown", "html", "csv", "json"]),
        ("board", ["board", "--period", "2021-22 Q2"], ["text", "markdown", "html", "csv", "json"]),
        ("kpis", ["kpis", "--period", "2021-22 Q2"], ["text", "markdown", "csv", "json"]),
        ("kpis --by-period", ["kpis", "--by-period", "financial-quarter"], ["text", "csv", "json"]),
        ("trend", ["trend", "communication-good"], ["text", "csv", "json"]),
        ("trend MEASURE", ["trend", "plans-within-20-weeks"], ["text", "csv", "json"]),
        ("reach", ["reach", "--period", "2021-22 Q2"], ["text", "json"]),
        ("measure list", ["measure", "list"], ["text", "json"]),
    ]

    @Test(
        "every internal output starts with the INTERNAL notice; its CSV has a provenance row with each import's SHA-256 before the header, its JSON a top-level marking; public outputs carry neither"
    )
    func markedAtTheTop() throws {
        let runner = try QuoteCommandTests().workspace()
        defer { runner.cleanUp() }
        let recorded = try runner.run(
            "measure", "record", "--workspace", "ws", "plans-within-20-weeks", "--period", "2020", "--numerator", "86",
            "--denominator", "100")
        #expect(recorded.status == 0, "\(recorded.stderr)")
        // The export's SHA-256 by an independent tool.
        let digest = try runner.runTool("sha256sum", runner.path("export.csv"))
        let sha256 = try #require(digest.stdout.split(separator: " ").first.map(String.init))
        #expect(sha256.count == 64)

        var checked = 0
        for output in Self.outputs {
            for format in output.formats {
                let what = "\(output.name) --format \(format)"
                let internalRun = try runner.run(
                    arguments: output.arguments + ["--workspace", "ws", "--format", format, "--audience", "internal"])
                #expect(internalRun.status == 0, "\(what): \(internalRun.stderr)")
                let text = internalRun.stdout
                let lines = text.split(whereSeparator: \.isNewline).map(String.init)
                switch format {
                case "csv":
                    #expect(lines.first?.hasPrefix("\"\(Self.notice)") == true, "\(what): \(lines.prefix(1))")
                    let provenance = lines.count > 1 ? lines[1] : ""
                    #expect(
                        provenance.hasPrefix("provenance,") && provenance.contains("sha256 \(sha256)")
                            && provenance.contains("engage "), "\(what): \(provenance)")
                    #expect(
                        lines.count > 2 && lines[2].contains("period"), "\(what): the header third: \(lines.prefix(3))")
                case "json":
                    let object = try #require(
                        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(what)")
                    let marking = try #require(object["marking"] as? [String: Any], "\(what): \(object.keys)")
                    #expect((marking["notice"] as? String)?.hasPrefix(Self.notice) == true, "\(what)")
                    let imports = (marking["imports"] as? [[String: Any]])?.compactMap { $0["sha256"] as? String }
                    #expect(imports == [sha256], "\(what): \(String(describing: imports))")
                    #expect(marking["covers"] is String && marking["engage"] is String, "\(what)")
                case "html":
                    let body = text.range(of: "<body>").map { String(text[$0.upperBound...].prefix(600)) } ?? ""
                    #expect(body.contains(Self.notice), "\(what): \(body)")
                case "markdown":
                    #expect(
                        lines.first == "> **\(Self.notice)**", "\(what): \(lines.prefix(1))")
                default:
                    #expect(lines.first?.hasPrefix(Self.notice) == true, "\(what): \(lines.prefix(1))")
                }

                let publicRun = try runner.run(
                    arguments: output.arguments + ["--workspace", "ws", "--format", format, "--audience", "public"])
                #expect(publicRun.status == 0, "\(what) public: \(publicRun.stderr)")
                #expect(!publicRun.stdout.contains("INTERNAL"), "\(what) public: \(publicRun.stdout.prefix(200))")
                if format == "csv" {
                    #expect(
                        !publicRun.stdout.contains("provenance,") && !publicRun.stdout.contains(sha256),
                        "\(what) public")
                }
                if format == "json" {
                    let object = try JSONSerialization.jsonObject(with: Data(publicRun.stdout.utf8)) as? [String: Any]
                    #expect(object?["marking"] == nil, "\(what) public")
                }
                checked += 1
            }
        }
        #expect(checked == 27)
    }
}
