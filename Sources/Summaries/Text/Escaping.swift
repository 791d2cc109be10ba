import ResponseIngestion

/// Escaping of user-supplied text for each output language, in one place: one function
/// per format, and every renderer calls it for every piece of text that came from an
/// export, a definition, the settings or the action log. Each first removes invisible
/// and reordering characters (``InvisibleText``). CSV's layer is ``CSVWriter/escape(_:)``.
package enum Escaping {
    /// Text for HTML element content and attribute values (the XML five, so the output
    /// is also well-formed XHTML). No markup from the text can survive: `<` is always
    /// `&lt;`, and attribute values are always quoted, so neither a tag, an event
    /// handler nor a `javascript:` address can start.
    package static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in InvisibleText.clean(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for a Markdown paragraph or table cell: characters with Markdown meaning are
    /// backslash-escaped (so no link, image, emphasis, code or table cell can start),
    /// raw HTML is neutralised as entities, and line breaks become spaces so a table
    /// row or a quote never breaks.
    package static func markdown(_ text: String) -> String {
        var out = ""
        var atLineStart = true
        for ch in InvisibleText.clean(text, lineBreaks: .spaces) {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~", "$":
                out += "\\" + String(ch)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "+", "-", "=":
                out += atLineStart ? "\\" + String(ch) : String(ch)
            default:
                out.append(ch)
            }
            atLineStart = false
        }
        return out
    }

    /// A whole terminal-text document: control and invisible characters shown as
    /// `<U+202E>` (an ESC could rewrite the terminal; a reader should see what is
    /// hidden); lines kept.
    package static func text(_ document: String) -> String {
        InvisibleText.visible(document)
    }

    /// A serialised JSON document made inert: invisible characters and escaped control
    /// characters other than tab, LF and CR are removed from its strings, and `<`, `>`,
    /// `&`, U+2028 and U+2029 are written as `\u` escapes, so the text can be pasted
    /// into an HTML page or a script without ending it. The values a JSON reader gets
    /// are otherwise unchanged. Works on any valid JSON text (those characters can only
    /// occur inside strings).
    package static func json(_ serialised: String) -> String {
        // Most lines need nothing: plain ASCII without < > & or a \u escape.
        var previous: UInt8 = 0
        var plain = true
        for byte in serialised.utf8 {
            if byte >= 0x80 || byte == 0x3C || byte == 0x3E || byte == 0x26 || (previous == 0x5C && byte == 0x75) {
                plain = false
                break
            }
            previous = byte == 0x5C && previous == 0x5C ? 0 : byte
        }
        if plain { return serialised }
        var out = String.UnicodeScalarView()
        let scalars = Array(serialised.unicodeScalars)
        var i = 0
        func hex(_ v: UInt32) -> String {
            let h = String(v, radix: 16)
            return String(repeating: "0", count: 4 - h.count) + h
        }
        while i < scalars.count {
            let s = scalars[i]
            if s == "\\" && i + 1 < scalars.count {
                // An escape: copy it whole, unless it spells a control character.
                if scalars[i + 1] == "u" && i + 5 < scalars.count,
                    let v = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)])), radix: 16),
                    let escaped = Unicode.Scalar(v)
                {
                    if InvisibleText.isControl(escaped) || InvisibleText.isInvisible(escaped) {
                        i += 6
                        continue
                    }
                    out.append(contentsOf: scalars[i...(i + 5)])
                    i += 6
                    continue
                }
                out.append(s)
                out.append(scalars[i + 1])
                i += 2
                continue
            }
            switch s.value {
            case 0x3C, 0x3E, 0x26, 0x2028, 0x2029: out.append(contentsOf: ("\\u" + hex(s.value)).unicodeScalars)
            default:
                if !InvisibleText.isInvisible(s) && !(InvisibleText.isControl(s) && s.value >= 0x7F) { out.append(s) }
            }
            i += 1
        }
        return String(out)
    }
}
