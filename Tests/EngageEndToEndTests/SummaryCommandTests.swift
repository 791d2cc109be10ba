import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
    import TestSupport
#endif

@Suite("engage demo and engage summary, run as a user would")
struct SummaryCommandTests {
    static let examples = EngageRunner.repository.appendingPathComponent("Examples").path

    /// A runner whose folder holds the example workspace, built by `engage demo` into `ws`.
    static func demoWorkspace() throws -> EngageRunner {
        let runner = try EngageRunner()
        let demo = try runner.run("demo", "--examples", examples, "--into", "ws", "--format", "json")
        #expect(demo.status == 0, "\(demo.stderr)")
        return runner
    }

    @Test("the demo reproduces the seed's July-September 2021 figures and links at least five findings to actions")
    func demo() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let result = try runner.run("demo", "--examples", Self.examples, "--into", "example", "--format", "json")
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((object["period"] as? [String: Any])?["label"] as? String == "2021-22 Q2")
        let items = try #require(object["items"] as? [[String: Any]])
        func figure(_ id: String) -> (Int?, Int?) {
            let item = items.first { $0["id"] as? String == id }
            return (
                JSONPath.value(item, "kpi", "figure", "value", "positive") as? Int,
                JSONPath.value(item, "kpi", "figure", "value", "substantive") as? Int
            )
        }
        // The seed paper: 75% fully involved, 50% communication, 75% plan reflects needs, 50% provision.
        #expect(figure("felt-fully-involved") == (30, 40))
        #expect(figure("communication-good") == (20, 40))
        #expect(figure("plan-reflects-needs") == (30, 40))
        #expect(figure("provision-meets-needs") == (20, 40))
        let linked = items.filter { !(($0["weDid"] as? [Any]) ?? []).isEmpty }
        #expect(linked.count >= 5, "\(linked.count) items with actions")
        // The cumulative SurveyMonkey export added only its new responses; the mislabelled row is kept as a reject.
        #expect(result.stderr.contains("already present"), "\(result.stderr)")
        let rejects = try runner.run("rejects", "--workspace", "example", "2")
        #expect(rejects.stdout.contains("\"Mostly agree\""), "\(rejects.stdout)")
        // Measures: 86% against England 58%.
        let measures = object["measures"] as? [[String: Any]]
        let weeks = measures?.first { $0["id"] as? String == "plans-within-20-weeks" }
        let comparators = ((weeks?["periods"] as? [[String: Any]])?.first?["comparators"] as? [[String: Any]]) ?? []
        #expect(comparators.map { JSONPath.value($0, "comparison", "value", "points") as? Int } == [28, 27, 20])
    }

    /// A workspace with one export whose comments carry everything a public summary must never show.
    func hostileWorkspace() throws -> EngageRunner {
        let runner = try EngageRunner()
        #expect(
            try runner.run("init", "ws", "--survey", "ehcp-parent-carer", "--organisation", "<b>Council</b> & Co")
                .status == 0)
        var rows = [
            "Timestamp,Stage of the process,I felt fully involved in the process,Communication throughout the process was good,Is there anything else you would like to tell us about your experience?,\"Are you happy for your comments to be quoted anonymously in our \"\"You said, we did\"\" updates\""
        ]
        let hostile =
            "\"<script>alert('x')</script>. Nobody called back; email me at jo.bloggs@example.org or ring 07700 900123, CB1 2AB\""
        for i in 0..<30 {
            let day = String(format: "%02d", i % 28 + 1)
            rows.append(
                "\(day)/08/2021 10:00:00,New EHC plan,\(i % 3 == 0 ? "Disagree" : "Agree"),\(i < 4 ? "Agree" : ""),\(i % 2 == 0 ? hostile : "\"=HYPERLINK(\"\"http://x\"\")\""),Yes"
            )
        }
        try runner.write("export.csv", rows.joined(separator: "\n") + "\n")
        #expect(try runner.run("import", "--workspace", "ws", "export.csv").status == 0)
        // The officer approves every candidate quote: what is published must still be safe.
        let listed = try runner.run("quotes", "--workspace", "ws", "--all", "--format", "json")
        let quotes =
            (try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["quotes"]
            as? [[String: Any]] ?? []
        #expect(!quotes.isEmpty, "\(listed.stderr)")
        #expect(
            try runner.run(
                arguments: ["quotes", "approve", "--workspace", "ws"] + quotes.compactMap { $0["id"] as? String }
            ).status == 0)
        #expect(
            try runner.run(
                "actions", "add", "--workspace", "ws", "--title", "=cmd|' /C calc'!A0 <img src=x onerror=alert(1)>",
                "--kpi", "communication-good", "--status", "amber"
            ).status == 0)
        return runner
    }

    @Test(
        "public HTML and Markdown never carry a script, an e-mail, a phone number or a postcode from a comment, and the HTML is well-formed"
    )
    func publicSafety() throws {
        let runner = try hostileWorkspace()
        defer { runner.cleanUp() }
        for format in ["html", "markdown"] {
            let result = try runner.run("summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", format)
            #expect(result.status == 0, "\(result.stderr)")
            let out = result.stdout
            #expect(!out.contains("<script"), "\(format)")
            #expect(!out.contains("<img"), "\(format)")
            #expect(!out.contains("<b>Council"), "\(format)")
            #expect(!out.contains("jo.bloggs@example.org"), "\(format)")
            #expect(!out.contains("07700 900123"), "\(format)")
            #expect(!out.contains("CB1 2AB"), "\(format)")
            #expect(
                out.contains("removed\\]") || out.contains("[removed]"),
                "\(format): the quote should be there, redacted")
        }
        let html = try runner.run("summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", "html").stdout
        let parser = XMLParser(data: Data(html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        let delegate = ElementCounter()
        parser.delegate = delegate
        #expect(parser.parse(), "HTML is not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(delegate.names.contains("svg") && delegate.names.contains("title") && delegate.names.contains("desc"))
        #expect(
            delegate.names.contains("table") && delegate.names.contains("caption") && delegate.names.contains("footer"))
        #expect(!delegate.names.contains("script"))
        #expect(html.contains("lang=\"en-GB\""))
        #expect(html.contains("SHA-256"), "provenance names the imports")
    }

    @Test(
        "a KPI with 4 answers is withheld in public output and shown internally; CSV cells that look like formulas are escaped"
    )
    func suppressionAndCSV() throws {
        let runner = try hostileWorkspace()
        defer { runner.cleanUp() }
        let publicJSON = try runner.run(
            "summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", "json", "--audience", "public")
        let items =
            (try JSONSerialization.jsonObject(with: Data(publicJSON.stdout.utf8)) as? [String: Any])?["items"]
            as? [[String: Any]]
        let communication = items?.first { $0["id"] as? String == "communication-good" }
        #expect(JSONPath.value(communication, "kpi", "figure", "value") == nil)
        #expect(
            JSONPath.value(communication, "kpi", "figure", "withheld", "note") as? String
                == "fewer than 10 answered or fewer than 5 people, or it could be used to work out a figure that is")
        #expect(
            (communication?["youSaid"] as? String)?.contains(
                "withheld (c): fewer than 10 answered or fewer than 5 people, or it could be used to work out a figure that is"
            ) == true)
        // One public reason for every withheld value: a reason per value ("fewer than 5
        // people") would bound it.
        for reason in ["small-base", "small-count", "small-number", "secondary"] {
            #expect(!publicJSON.stdout.contains("\"\(reason)\""), "public JSON gives the reason \(reason)")
        }
        let internalJSON = try runner.run(
            "summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", "json", "--audience", "internal")
        let internalItems =
            (try JSONSerialization.jsonObject(with: Data(internalJSON.stdout.utf8)) as? [String: Any])?["items"]
            as? [[String: Any]]
        let shown = internalItems?.first { $0["id"] as? String == "communication-good" }
        #expect(JSONPath.value(shown, "kpi", "figure", "value", "positive") as? Int == 4)
        #expect(JSONPath.value(shown, "kpi", "figure", "value", "substantive") as? Int == 4)
        let publicHTML = try runner.run("summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", "html")
            .stdout
        #expect(!publicHTML.contains("4 of 4"))
        let csv = try runner.run("summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", "csv").stdout
        for line in csv.components(separatedBy: "\r\n") {
            for cell in line.split(separator: ",") {
                let trimmed = cell.hasPrefix("\"") ? cell.dropFirst() : cell[...]
                #expect(!(trimmed.first.map { "=+@".contains($0) } ?? false), "formula cell: \(cell)")
            }
        }
        #expect(csv.contains("'=cmd"), "\(csv)")
    }
}

final class ElementCounter: NSObject, XMLParserDelegate {
    var names: Set<String> = []
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        names.insert(elementName)
    }
}
