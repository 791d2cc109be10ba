/// Escaping of user-supplied text for each output language, in one place.
public enum Escaping {
    /// Text for HTML element content and attribute values (the XML five, so the output
    /// is also well-formed XHTML).
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and line breaks are not allowed in XML.
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Text for a Markdown paragraph or table cell: characters with Markdown meaning are
    /// backslash-escaped, raw HTML is neutralised, and line breaks become spaces so a
    /// table row never breaks.
    public static func markdown(_ text: String) -> String {
        var out = ""
        var atLineStart = true
        for ch in text {
            if ch == "\n" || ch == "\r\n" || ch == "\r" {
                out += " "
                continue
            }
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~":
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
}
