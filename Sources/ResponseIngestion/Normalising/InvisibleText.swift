/// Characters that change how text looks without being seen: the bidirectional
/// controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), zero-width
/// characters (U+200B-U+200D, U+2060, U+FEFF), the soft hyphen, Unicode tag
/// characters (which can smuggle hidden ASCII), and every other default-ignorable
/// code point except variation selectors; plus control characters and
/// noncharacters. Every output layer (HTML, Markdown, CSV, JSON, terminal text)
/// and the redactor remove them, so a right-to-left override cannot reverse what a
/// reader sees and a zero-width space cannot split a phone number past redaction.
///
/// What is stored is kept as typed (an import keeps the file's text; a re-import of
/// the same file must find the same responses); the characters go on the way out.
public enum InvisibleText {
    /// A character no reader should receive: invisible, or able to reorder what is shown.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        // Variation selectors only choose a glyph for the character before them (❤️).
        if (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return false }
        if v == 0x180E || v == 0x061C { return true }
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || (0x200B...0x200F).contains(v) {
            return true
        }
        return scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.isNoncharacterCodePoint
    }

    /// C0 controls other than tab, line feed and carriage return, DEL and C1 controls
    /// (ESC starts terminal escape sequences; XML forbids most of them).
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F...0x9F).contains(v)
    }

    /// Line breaks other than LF and CR: NEL, line and paragraph separators.
    static func isOtherLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x85 || scalar.value == 0x2028 || scalar.value == 0x2029
    }

    /// Whether `text` holds anything ``clean(_:lineBreaks:)`` would change.
    static func needsCleaning(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            // Printable ASCII, tab and line breaks: the common case, no property look-up.
            if (scalar.value >= 0x20 && scalar.value < 0x7F) || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                continue
            }
            if isInvisible(scalar) || isControl(scalar) || isOtherLineBreak(scalar) { return true }
        }
        return false
    }

    /// How ``clean(_:lineBreaks:)`` treats line breaks.
    package enum LineBreaks: Sendable {
        /// Keep LF, CR and tab; NEL and the Unicode separators become LF.
        case keep
        /// Every line break and tab becomes a space (a table cell, a heading).
        case spaces
    }

    /// The text with every invisible character and control (other than tab and line
    /// breaks) shown as `<U+202E>`: for the terminal, where an officer reading a
    /// rejected row needs to see that a zero-width space is why "Agree" did not match,
    /// and an ESC must not reach the terminal.
    public static func visible(_ text: String) -> String {
        guard needsCleaning(text) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isInvisible(scalar) || isControl(scalar) || isOtherLineBreak(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out.append(
                    contentsOf: "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// The text without invisible characters; controls become spaces.
    package static func clean(_ text: String, lineBreaks: LineBreaks = .keep) -> String {
        let flatten = lineBreaks == .spaces
        guard needsCleaning(text) || (flatten && text.utf8.contains { $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            if isInvisible(scalar) { continue }
            if isOtherLineBreak(scalar) {
                out.append(flatten ? " " : "\n")
            } else if isControl(scalar) {
                out.append(" ")
            } else if flatten && (scalar == "\n" || scalar == "\r" || scalar == "\t") {
                if !(scalar == "\n" && previousCR) { out.append(" ") }
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
