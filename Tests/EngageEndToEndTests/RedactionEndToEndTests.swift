import Foundation
import TestSupport
import Testing

/// The redaction corpus (Tests/SummariesTests/Fixtures/redaction-corpus.json) imported
/// as an export and published through every summary format: no planted detail may
/// come out, and the quotes that read well after redaction do.
@Suite("Redaction holds in every published format")
struct RedactionEndToEndTests {
    /// A theme keyword of letters only, unique to comment `i` ("topicab").
    static func tag(_ i: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return "topic" + String(letters[i / 26]) + String(letters[i % 26])
    }

    static func csvField(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A workspace with one survey whose every comment is a theme of its own, so each
    /// comment is a candidate quote in the summary.
    static func workspace(_ corpus: RedactionCorpus) throws -> EngageRunner {
        let runner = try EngageRunner()
        #expect(
            try runner.run("init", "ws", "--survey", "ehcp-parent-carer", "--organisation", "Anyshire Council").status
                == 0)
        let themes = corpus.comments.indices.map { i in
            "{\"id\": \"t\(tag(i))\", \"title\": \"Comment \(tag(i))\", \"keywords\": [\"\(tag(i))\"]}"
        }
        let survey = """
            {"id": "corpus", "title": "Feedback", "version": "1", "audience": "parent-carer",
             "questions": [
               {"id": "involved", "text": "I felt fully involved", "type": "scale", "scale": "agreement-5"},
               {"id": "comments", "text": "Any other comments", "type": "free-text"},
               {"id": "consent", "text": "May we quote your comments anonymously?", "type": "yes-no", "role": "consent-to-quote"}
             ],
             "kpis": [{"id": "involved", "title": "Felt fully involved", "question": "involved"}],
             "themes": [\(themes.joined(separator: ",\n"))]}
            """
        try runner.write("ws/surveys/corpus.json", survey)
        let redact = corpus.redact.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(
            separator: ", ")
        try runner.write(
            "ws/engage.json",
            """
            {"organisation": "Anyshire Council", "surveys": ["corpus.json"], "redact": [\(redact)]}
            """)
        var rows = [
            "Timestamp,Name,Email,I felt fully involved,Any other comments,May we quote your comments anonymously?"
        ]
        for (i, c) in corpus.comments.enumerated() {
            rows.append(
                "\(String(format: "%02d", i % 28 + 1))/08/2021 10:00:00,\(csvField(c.name ?? "")),\(csvField(c.email ?? "")),\(i % 3 == 0 ? "Disagree" : "Agree"),"
                    + "\(csvField(tag(i) + ". " + c.text)),\(c.consent ?? "Yes")")
        }
        try runner.write("export.csv", rows.joined(separator: "\r\n") + "\r\n")
        let imported = try runner.run("import", "--workspace", "ws", "--survey", "corpus", "export.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        return runner
    }

    /// The output as a reader sees it: entities and Markdown escapes undone.
    static func readable(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "\\", with: "")
    }

    /// Planted details found in `output` as a reader sees it.
    static func leaks(_ corpus: RedactionCorpus, in output: String) -> [String] {
        RedactionCorpus.leaks(corpus.comments.flatMap(\.remove), in: readable(output))
    }

    @Test(
        "no planted detail of the 60+ comments comes out of the public or internal summary in text, Markdown, HTML, JSON or CSV"
    )
    func nothingLeaks() throws {
        let corpus = try RedactionCorpus.load()
        #expect(corpus.comments.count >= 60)
        let runner = try Self.workspace(corpus)
        defer { runner.cleanUp() }
        for audience in ["public", "internal"] {
            for format in ["text", "markdown", "html", "json", "csv"] {
                let result = try runner.run(
                    "summary", "--workspace", "ws", "--period", "2021-22 Q2",
                    "--format", format, "--audience", audience)
                #expect(result.status == 0, "\(format): \(result.stderr)")
                #expect(
                    result.stdout.contains("[removed]") || result.stdout.contains("\\[removed\\]"),
                    "\(format): quotes are published")
                let leaks = Self.leaks(corpus, in: result.stdout)
                #expect(leaks.isEmpty, "\(audience) \(format) shows \(leaks)")
            }
        }
    }

    @Test("nor out of engage publish's site (page, listing, data) or the officer's quote review")
    func nothingLeaksFromPublishOrReview() throws {
        let corpus = try RedactionCorpus.load()
        let runner = try Self.workspace(corpus)
        defer { runner.cleanUp() }
        for format in ["text", "json"] {
            let review = try runner.run("quotes", "--workspace", "ws", "--period", "2021-22 Q2", "--format", format)
            #expect(review.status == 0, "\(review.stderr)")
            #expect(review.stdout.contains("[removed]"), "quotes --format \(format) lists redacted quotes")
            let leaks = Self.leaks(corpus, in: review.stdout)
            #expect(leaks.isEmpty, "quotes --format \(format) shows \(leaks)")
        }
        let published = try runner.run("publish", "--workspace", "ws", "--into", "site", "--period", "2021-22 Q2")
        #expect(published.status == 0, "\(published.stderr)")
        let files = FileManager.default.enumerator(atPath: runner.path("site"))?.compactMap { $0 as? String } ?? []
        var read = 0
        for file in files where ["html", "csv", "json"].contains((file as NSString).pathExtension) {
            let text = try String(contentsOfFile: runner.path("site/" + file), encoding: .utf8)
            let leaks = Self.leaks(corpus, in: text)
            #expect(leaks.isEmpty, "site/\(file) shows \(leaks)")
            read += 1
        }
        #expect(read >= 4, "the page, the listing and the data: \(files)")
    }

    @Test("the quotes that read well after redaction are published, and none from a respondent who said no")
    func quotesArePublished() throws {
        let corpus = try RedactionCorpus.load()
        let runner = try Self.workspace(corpus)
        defer { runner.cleanUp() }
        let json = try runner.run(
            "summary", "--workspace", "ws", "--period", "2021-22 Q2",
            "--format", "json", "--audience", "public")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let quotes = ((object["items"] as? [[String: Any]]) ?? []).flatMap {
            (($0["quotes"] as? [[String: Any]]) ?? []).compactMap { $0["text"] as? String }
        }
        let html = Self.readable(
            try runner.run(
                "summary", "--workspace", "ws", "--period", "2021-22 Q2",
                "--format", "html"
            ).stdout)
        var kept = 0
        for comment in corpus.comments {
            if let keep = comment.keep {
                #expect(quotes.contains { $0.contains(keep) }, "not published: \(comment.text)")
                #expect(html.contains(keep), "not in the HTML: \(keep)")
                kept += 1
            }
        }
        #expect(kept >= 50)
        #expect(!quotes.contains { $0.contains("excluded him twice") })
    }
}
