import Foundation
import ResponseIngestion
import Testing

@testable import Summaries

@Suite("One escaping layer per output format")
struct EscapingTests {
    static let hidden = "a\u{202E}b\u{200B}c\u{2066}d\u{200F}e\u{FEFF}f\u{00AD}g\u{E0041}h\u{2060}i"

    @Test("every layer removes bidi controls, zero-width characters, soft hyphens and tag characters")
    func invisibleCharactersGo() {
        #expect(Escaping.html(Self.hidden) == "abcdefghi")
        #expect(Escaping.markdown(Self.hidden) == "abcdefghi")
        #expect(CSVWriter.escape(Self.hidden) == "abcdefghi")
        let json = Escaping.json(#"{"a":"\#(Self.hidden)"}"#)
        #expect(json == #"{"a":"abcdefghi"}"#)
        // A variation selector only picks the heart's glyph: kept.
        #expect(Escaping.html("\u{2764}\u{FE0F}") == "\u{2764}\u{FE0F}")
    }

    @Test("terminal text shows what is hidden instead of sending it; an ESC never reaches the terminal")
    func terminalShowsHidden() {
        #expect(Escaping.text("Agree\u{200B}") == "Agree<U+200B>")
        #expect(Escaping.text("x\u{1B}]0;owned\u{7}y\nnext") == "x<U+001B>]0;owned<U+0007>y\nnext")
        #expect(Escaping.text("plain text\n") == "plain text\n")
    }

    @Test("HTML: no tag, attribute or entity from the text survives; controls are not sent")
    func html() {
        #expect(Escaping.html("</svg><script>alert(1)</script>") == "&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(Escaping.html("\" onmouseover='x'") == "&quot; onmouseover=&#39;x&#39;")
        #expect(Escaping.html("&amp;") == "&amp;amp;")
        #expect(Escaping.html("a\u{0}b\u{1B}c\u{85}d") == "a b c\nd")
    }

    @Test("Markdown: links, images, HTML, emphasis, code, tables and headings from the text are inert, on one line")
    func markdown() {
        #expect(Escaping.markdown("[click](javascript:alert(1))") == "\\[click\\](javascript:alert(1))")
        #expect(Escaping.markdown("![x](http://e/x.png)") == "!\\[x\\](http://e/x.png)")
        #expect(Escaping.markdown("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;")
        #expect(
            Escaping.markdown("# h\n| a | `b` *c* _d_ ~e~ $f$")
                == "\\# h \\| a \\| \\`b\\` \\*c\\* \\_d\\_ \\~e\\~ \\$f\\$")
        #expect(Escaping.markdown("- item") == "\\- item")
        #expect(Escaping.markdown("line\u{2028}break") == "line break")
    }

    @Test(
        "JSON: < > & and the line separators become \\u escapes, so the text can sit inside a page; a reader gets the same values"
    )
    func json() throws {
        let object: [String: Any] = [
            "t": "</script><b>&\u{2028}\u{2029}", "n": 1, "e": "\u{1B}[31mred\u{7}", "q": "a\\u003c\"b",
        ]
        let raw = String(
            decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        let safe = Escaping.json(raw)
        #expect(!safe.contains("<") && !safe.contains(">") && !safe.contains("&"))
        #expect(!safe.unicodeScalars.contains { $0.value == 0x2028 || $0.value == 0x2029 })
        let back = try #require(try JSONSerialization.jsonObject(with: Data(safe.utf8)) as? [String: Any])
        #expect(back["t"] as? String == "</script><b>&\u{2028}\u{2029}")
        #expect(back["n"] as? Int == 1)
        // Escaped control characters are dropped; an escaped backslash before "u" stays a backslash.
        #expect(back["e"] as? String == "[31mred")
        #expect(back["q"] as? String == "a\\u003c\"b")
    }
}
