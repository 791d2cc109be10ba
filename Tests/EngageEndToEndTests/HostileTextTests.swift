import Foundation
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Hostile text in every place a workspace takes text from (organisation, survey title,
/// KPI, theme and measure titles, segment labels, actions, comments, the imported file's
/// name) published through every public command and format: nothing executable in
/// HTML (checked with an XML parser and with a tokenizer that reads tags the way a
/// browser does), no raw HTML or link in Markdown, no formula in CSV, nothing that ends
/// a page in JSON, and no bidi, zero-width or escape characters anywhere.
@Suite("Hostile text comes out inert in every public format")
struct HostileTextTests {
    /// Markup, script, links, CSS, entities, bidi and zero-width characters and a terminal escape.
    static let payload =
        #"<script>alert(1)</script></svg><script>alert(2)</script><img src=x onerror=alert(3)> [click](javascript:alert(4)) <a href="javascript:alert(5)">a</a> <style>*{display:none}</style> ![i](http://evil.example/x.png) <http://evil.example> &lt;b&gt; &#x3C;i&#x3E;"#
        + " \u{202E}gnp.exe\u{202C} zero\u{200B}width \u{2066}iso\u{2069} \u{1B}[31mred"
    /// What a spreadsheet would run as a formula.
    static let formulaStarts = ["=", "+", "-", "@", "\t", "\r", " =", "\u{200B}="]

    static func hostile(_ n: Int) -> String { formulaStarts[n % formulaStarts.count] + "cmd|' /C calc'!A0 " + payload }

    static func jsonString(_ s: String) -> String {
        (try? JSONEncoder().encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    static let fileName = "=cmd|'calc'!A0<img src=x onerror=alert(8)>.csv"

    static let comments = [
        ("late", #"=HYPERLINK("http://evil.example","click") the plan was late and nobody explained why"#),
        ("called back", "@SUM(1+1)*cmd|' /C calc'!A0 communication was poor and nobody called back"),
        ("rushed", "<script>alert(1)</script></svg><script>alert(2)</script> the review meeting was rushed"),
        ("vague", "[click](javascript:alert(4)) ![i](http://evil.example/x.png) <b>the outcomes are vague</b>"),
        ("provision", "\u{202E}the provision is good\u{202C} and zero\u{200B}width\u{2066} -2+3 \u{1B}[31m everywhere"),
    ]

    static func workspace() throws -> EngageRunner {
        let runner = try EngageRunner()
        #expect(try runner.run("init", "ws", "--survey", "ehcp-parent-carer").status == 0)
        let themes = comments.enumerated().map { i, c in
            "{\"id\": \"theme\(i)\", \"title\": \(jsonString(hostile(i + 3))), \"keywords\": [\"\(c.0)\"]\(i == 1 ? ", \"kpis\": [\"k1\"]" : "")}"
        }
        let survey = """
            {"id": "hostile", "title": \(jsonString(hostile(0))), "version": "1", "audience": "parent-carer",
             "questions": [
               {"id": "stage", "text": "Stage", "type": "single-choice", "role": "segment",
                "options": [{"code": "one", "label": \(jsonString(hostile(1))), "synonyms": ["First"]},
                            {"code": "two", "label": \(jsonString(hostile(2))), "synonyms": ["Second"]}]},
               {"id": "involved", "text": "I felt fully involved", "type": "scale", "scale": "agreement-5"},
               {"id": "comments", "text": "Any other comments", "type": "free-text"},
               {"id": "consent", "text": "May we quote your comments anonymously?", "type": "yes-no", "role": "consent-to-quote"}
             ],
             "kpis": [{"id": "k1", "title": \(jsonString(hostile(3))), "question": "involved"}],
             "themes": [\(themes.joined(separator: ", "))],
             "measures": [{"id": "m1", "title": \(jsonString(hostile(4)))}]}
            """
        try runner.write("ws/surveys/hostile.json", survey)
        // The page furniture: a logo whose SVG carries a script (shown as an image, which never runs one),
        // and a logo text and contact with markup (engage.json allows 300 characters there).
        let short = "\"><script>alert(9)</script>\u{202E}x [c](javascript:alert(10)) =1+1"
        try runner.write(
            "ws/logo.svg",
            #"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(11)</script><rect width="9" height="9"/></svg>"#)
        try runner.write(
            "ws/engage.json",
            """
            {"organisation": \(jsonString(hostile(5))), "surveys": ["hostile.json"],
             "publication": {"logo": "logo.svg", "logoText": \(jsonString(short)), "contact": \(jsonString("=" + short))}}
            """)
        var rows = ["Timestamp,Stage,I felt fully involved,Any other comments,May we quote your comments anonymously?"]
        for i in 0..<40 {
            let comment = i < comments.count ? comments[i].1 : ""
            rows.append(
                "\(String(format: "%02d", i % 28 + 1))/08/2021 10:00:00,\(i % 2 == 0 ? "First" : "Second"),"
                    + "\(i % 3 == 0 ? "Disagree" : "Agree"),\"\(comment.replacingOccurrences(of: "\"", with: "\"\""))\",Yes"
            )
        }
        try runner.write(fileName, rows.joined(separator: "\r\n") + "\r\n")
        let imported = try runner.run("import", "--workspace", "ws", "--survey", "hostile", fileName)
        #expect(imported.status == 0, "\(imported.stderr)")
        let added = try runner.run(
            "actions", "add", "--workspace", "ws", "--title", hostile(6), "--you-said", hostile(7), "--detail",
            hostile(8),
            "--owner", hostile(9), "--kpi", "k1", "--status", "amber", "--due", "2021-08-01")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(
            try runner.run("actions", "update", "--workspace", "ws", "--note", hostile(10), "--date", "2021-08-15", "1")
                .status == 0)
        #expect(
            try runner.run("actions", "add", "--workspace", "ws", "--title", hostile(11), "--status", "green").status
                == 0)
        let measured = try runner.run(
            "measure", "record", "--workspace", "ws", "--period", "2021-22 Q2", "--numerator", "30", "--denominator",
            "40", "m1")
        #expect(measured.status == 0, "\(measured.stderr)")
        return runner
    }

    /// Every public command and format that shows the hostile text.
    static let outputs: [(name: String, format: String, arguments: [String])] = {
        var list: [(String, String, [String])] = []
        for format in ["text", "markdown", "html", "json", "csv"] {
            list.append(
                ("summary", format, ["summary", "--period", "2021-22 Q2", "--format", format, "--audience", "public"]))
        }
        for format in ["text", "markdown", "json", "csv"] {
            list.append(
                (
                    "kpis --by stage", format,
                    ["kpis", "--period", "2021-22 Q2", "--by", "stage", "--format", format, "--audience", "public"]
                ))
        }
        for format in ["text", "json", "csv"] {
            list.append(("trend", format, ["trend", "k1", "--format", format, "--audience", "public"]))
        }
        for format in ["text", "json"] {
            list.append(
                ("reach", format, ["reach", "--period", "2021-22 Q2", "--format", format, "--audience", "public"]))
            list.append(("measure list", format, ["measure", "list", "--format", format, "--audience", "public"]))
        }
        return list
    }()

    @Test(
        "summary, kpis, trend, reach and measure list in every public format: nothing executable, no formula, nothing hidden"
    )
    func everyOutputIsInert() throws {
        let runner = try Self.workspace()
        defer { runner.cleanUp() }
        var sawPayload = 0
        for output in Self.outputs {
            let result = try runner.run(arguments: output.arguments + ["--workspace", "ws"])
            let what = "\(output.name) --format \(output.format)"
            #expect(result.status == 0, "\(what): \(result.stderr)")
            let text = result.stdout
            if text.contains("alert(") || text.contains("alert\\(") || text.contains("calc") { sawPayload += 1 }
            // Nothing hidden, nothing that drives a terminal, in any format.
            let hidden = text.unicodeScalars.filter { isHiddenCharacter($0) }
            #expect(hidden.isEmpty, "\(what) carries \(hidden.map { String($0.value, radix: 16) })")
            switch output.format {
            case "html": InertCheck.html(text, what)
            case "markdown": InertCheck.markdown(text, what)
            case "csv": InertCheck.csv(text, what)
            case "json": InertCheck.json(text, what)
            default: break
            }
        }
        #expect(
            sawPayload >= Self.outputs.count - 2,
            "the hostile text must reach the outputs for the test to mean anything")
        // engage publish's static site: the page, the listing of every quarter, the data.
        let published = try runner.run("publish", "--workspace", "ws", "--into", "site", "--period", "2021-22 Q2")
        #expect(published.status == 0, "\(published.stderr)")
        let files = FileManager.default.enumerator(atPath: runner.path("site"))?.compactMap { $0 as? String } ?? []
        var read = 0
        for file in files {
            let kind = (file as NSString).pathExtension
            guard ["html", "csv", "json"].contains(kind) else { continue }
            let text = try String(contentsOfFile: runner.path("site/" + file), encoding: .utf8)
            let hidden = text.unicodeScalars.filter { isHiddenCharacter($0) }
            #expect(hidden.isEmpty, "site/\(file) carries \(hidden.map { String($0.value, radix: 16) })")
            switch kind {
            case "html": InertCheck.html(text, "site/" + file)
            case "csv": InertCheck.csv(text, "site/" + file)
            default: InertCheck.json(text, "site/" + file)
            }
            read += 1
        }
        #expect(read >= 4, "the page, the listing and the data: \(files)")
        // The summary's quotes are there, escaped, in HTML.
        let html = try runner.run("summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", "html").stdout
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("HYPERLINK"))
        #expect(
            html.contains("<img class=\"logo\" src=\"data:image/svg+xml;base64,"), "the logo is embedded as an image")
    }

    @Test("a public kpis workbook holds the hostile text only as inert shared strings: no formula, nothing hidden")
    func workbookIsInert() throws {
        let runner = try Self.workspace()
        defer { runner.cleanUp() }
        let written = try runner.run(
            "kpis", "--workspace", "ws", "--period", "2021-22 Q2", "--by", "stage", "--format", "xlsx",
            "--audience", "public", "--output", "k.xlsx")
        #expect(written.status == 0, "\(written.stderr)")
        // The workbook's XML parts, read with Python's zipfile (on every machine engage is built on).
        let python = try runner.runTool(
            "python3", "-c",
            """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            sys.stdout.write("\\0".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")))
            """, runner.path("k.xlsx"))
        #expect(python.status == 0, "\(python.stderr)")
        let parts = python.stdout
        #expect(parts.contains("sharedStrings") || parts.contains("<si>"), "the workbook's strings were read")
        #expect(parts.contains("calc"), "the hostile text must reach the workbook for the test to mean anything")
        let hidden = parts.unicodeScalars.filter { isHiddenCharacter($0) && $0 != "\0" }
        #expect(hidden.isEmpty, "the workbook carries \(hidden.map { String($0.value, radix: 16) })")
        // Text cells only: a formula is an <f> element, which engage never writes.
        #expect(!parts.contains("<f>") && !parts.contains("<f "), "the workbook holds a formula")
    }

    @Test("the checks themselves find a script, an event handler, a javascript: link, a Markdown link and a formula")
    func checksCanFail() {
        #expect(!InertCheck.htmlProblems("<html><body><p>x</p><script>alert(1)</script></body></html>").isEmpty)
        #expect(!InertCheck.htmlProblems("<html><body><p onclick=\"x\">x</p></body></html>").isEmpty)
        #expect(!InertCheck.htmlProblems("<html><body><a href=\"javascript:alert(1)\">x</a></body></html>").isEmpty)
        #expect(!InertCheck.htmlProblems("<html><body><p>a &lt; b</p></svg><img src=x></body></html>").isEmpty)
        #expect(
            InertCheck.htmlProblems("<html><body><p>a &lt;script&gt; b</p><a href=\"#item-1\">x</a></body></html>")
                .isEmpty)
        #expect(!InertCheck.markdownProblems("see [x](javascript:alert(1))").isEmpty)
        #expect(!InertCheck.markdownProblems("raw <img src=x>").isEmpty)
        #expect(InertCheck.markdownProblems("escaped \\[x\\](y) &lt;img&gt;").isEmpty)
        #expect(!InertCheck.csvProblems("a,=1+1\r\n").isEmpty)
        #expect(!InertCheck.csvProblems("a,\" =1+1\"\r\n").isEmpty)
        #expect(InertCheck.csvProblems("a,'=1+1,\"'@x\"\r\n").isEmpty)
    }
}

/// The checks of inert output, independent of engage's own escaping code.
enum InertCheck {
    static let elements: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section", "h1", "h2", "h3", "p",
        "strong",
        "span", "a", "ul", "li", "blockquote", "table", "caption", "thead", "tbody", "tr", "th", "td", "svg", "rect",
        "text",
        "line", "polyline", "circle", "desc", "g", "em", "abbr", "nav", "ol", "details", "summary", "small", "br",
        "img", "div",
        "dl", "dt", "dd", "time", "figure", "figcaption",
        "div", "dl", "dt", "dd", "figure", "figcaption", "img",
    ]
    static let attributes: Set<String> = [
        "lang", "xmlns", "charset", "name", "content", "class", "id", "href", "scope", "role", "aria-labelledby",
        "aria-label",
        "aria-hidden", "viewBox", "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "points",
        "fill", "stroke",
        "stroke-width", "stroke-dasharray", "text-anchor", "font-size", "font-weight", "title", "colspan", "rowspan",
        "dominant-baseline",
        "src", "alt", "datetime", "focusable",
        "data-label", "alt", "src",
    ]

    static func html(_ text: String, _ what: String) {
        let problems = htmlProblems(text)
        #expect(problems.isEmpty, "\(what): \(problems.prefix(5))")
    }

    /// Two readings: an XML parser's (the page is well-formed XHTML), and a browser's
    /// tokenizer (every `<` followed by a letter, `/`, `!` or `?` starts markup), each
    /// against the elements and attributes engage writes; links only within the page or site.
    static func htmlProblems(_ text: String) -> [String] {
        var problems: [String] = []
        let parser = XMLParser(data: Data(text.replacingOccurrences(of: "<!DOCTYPE html>", with: "").utf8))
        let collector = ElementCollector()
        parser.delegate = collector
        if !parser.parse() { problems.append("not well-formed: \(parser.parserError.map { "\($0)" } ?? "")") }
        for (element, attrs) in collector.seen {
            if !elements.contains(element) { problems.append("element <\(element)>") }
            for (name, value) in attrs {
                if !attributes.contains(name) { problems.append("attribute \(name) on <\(element)>") }
                // Links stay within the page or the published site: no scheme, no other host.
                if name == "href" && (value.contains(":") || value.hasPrefix("//")) {
                    problems.append("link to \(value)")
                }
                // An image only embedded (an SVG shown as an image never runs its scripts).
                if name == "src" && !(element == "img" && value.hasPrefix("data:image/")) {
                    problems.append("\(element) src=\(value.prefix(40))")
                }
                // Only the organisation's logo, embedded: never an image from elsewhere.
                if name == "src"
                    && !(value.hasPrefix("data:image/png;base64,") || value.hasPrefix("data:image/jpeg;base64,")
                        || value.hasPrefix("data:image/svg+xml;base64,"))
                {
                    problems.append("image from \(value.prefix(40))")
                }
                // Where a browser follows or evaluates a value (in alt or title it is only words).
                if ["href", "src", "style", "xlink:href", "action", "formaction"].contains(name),
                    value.lowercased().contains("javascript:") || value.lowercased().contains("expression(")
                {
                    problems.append("\(name)=\(value)")
                }
            }
        }
        if collector.styles > 1 { problems.append("\(collector.styles) style elements") }
        // The browser's reading of the raw text.
        let scalars = Array(text.unicodeScalars)
        var i = 0
        var inStyle = false
        while i < scalars.count {
            guard scalars[i] == "<", i + 1 < scalars.count else {
                i += 1
                continue
            }
            let next = scalars[i + 1]
            if inStyle {
                if String(String.UnicodeScalarView(scalars[i..<min(scalars.count, i + 8)])).lowercased() == "</style>" {
                    inStyle = false
                }
                i += 1
                continue
            }
            if next == "!" || next == "?" {
                let rest = String(String.UnicodeScalarView(scalars[i..<min(scalars.count, i + 9)]))
                if !rest.hasPrefix("<!DOCTYPE") { problems.append("markup declaration or comment at \(i)") }
                i += 1
                continue
            }
            let closing = next == "/"
            var j = i + (closing ? 2 : 1)
            var name = ""
            while j < scalars.count,
                scalars[j].properties.isAlphabetic || (name.count > 0 && (("0"..."9").contains(scalars[j])))
            {
                name.unicodeScalars.append(scalars[j])
                j += 1
            }
            if name.isEmpty {
                i += 1
                continue
            }
            if !elements.contains(name.lowercased()) { problems.append("tag <\(closing ? "/" : "")\(name)>") }
            // Attribute names inside the tag.
            var end = j
            var quote: Unicode.Scalar?
            while end < scalars.count {
                let c = scalars[end]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == ">" {
                    break
                }
                end += 1
            }
            let inside = String(String.UnicodeScalarView(scalars[j..<min(end, scalars.count)]))
                .replacing(/"[^"]*"|'[^']*'/, with: " ")
            for match in inside.matches(of: /(?:^|\s)([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=/) {
                let attribute = String(match.1)
                if !attributes.contains(attribute) { problems.append("attribute \(attribute) in <\(name)>") }
            }
            if name.lowercased() == "style" && !closing { inStyle = true }
            i = end
        }
        return problems
    }

    static func markdown(_ text: String, _ what: String) {
        let problems = markdownProblems(text)
        #expect(problems.isEmpty, "\(what): \(problems.prefix(5))")
    }

    /// No raw HTML, no link, image or autolink that a Markdown renderer would make
    /// from the text: every `[`, `]` and `<` that could start one is escaped.
    static func markdownProblems(_ text: String) -> [String] {
        var problems: [String] = []
        let scalars = Array(text.unicodeScalars)
        for (i, s) in scalars.enumerated() {
            let escaped = i > 0 && scalars[i - 1] == "\\"
            if s == "<" && !escaped {
                problems.append(
                    "raw < at \(i): \(String(String.UnicodeScalarView(scalars[i..<min(scalars.count, i + 20)])))")
            }
            if s == "]" && !escaped && i + 1 < scalars.count && scalars[i + 1] == "(" {
                problems.append("link at \(i)")
            }
        }
        if text.range(of: #"(?i)javascript:"#, options: .regularExpression) != nil,
            text.range(of: #"(?<!\\)\]\((?i:javascript:)"#, options: .regularExpression) != nil
        {
            problems.append("javascript: link")
        }
        return problems
    }

    static func csv(_ text: String, _ what: String) {
        let problems = csvProblems(text)
        #expect(problems.isEmpty, "\(what): \(problems.prefix(5))")
    }

    /// Every cell, read as RFC 4180: none starts a formula (= + - @ tab CR first, or
    /// after spaces and line breaks), unless it is a plain number.
    static func csvProblems(_ text: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var inQuotes = false
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" {
                        cell.append("\"")
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    cell.append(c)
                }
            } else if c == "\"" && cell.isEmpty && !quoted {
                inQuotes = true
                quoted = true
            } else if c == "," || c == "\r\n" || c == "\n" || c == "\r" {
                cells.append(cell)
                cell = ""
                quoted = false
            } else {
                cell.append(c)
            }
            i += 1
        }
        if !cell.isEmpty { cells.append(cell) }
        return cells.filter { cell in
            if Double(cell) != nil { return false }
            if let first = cell.unicodeScalars.first, first == "\t" || first == "\r" { return true }
            let solid = cell.unicodeScalars.first { !" \t\r\n".unicodeScalars.contains($0) && !isHiddenCharacter($0) }
            return solid.map { "=+-@".unicodeScalars.contains($0) } ?? false
        }
    }

    /// Valid JSON that cannot end a page it is pasted into.
    static func json(_ text: String, _ what: String) {
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil, "\(what): not JSON")
        #expect(
            !text.contains("<") && !text.contains(">") && !text.contains("&"), "\(what): < > or & written as they are")
    }
}

final class ElementCollector: NSObject, XMLParserDelegate {
    var seen: [(String, [String: String])] = []
    var styles = 0
    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        seen.append((elementName, attributes))
        if elementName == "style" { styles += 1 }
    }
}
