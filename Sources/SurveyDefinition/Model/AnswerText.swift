/// Normalisation of answer labels and header texts, so that "Don’t Know ", "don't know"
/// and "DON'T  KNOW" compare equal. Shared by definition checks and import matching.
package enum AnswerText {
    /// Lower-cases, folds curly quotes and dashes to plain ones, turns non-breaking
    /// and other spaces (and the zero-width space) into one space, drops characters
    /// that show nothing (Unicode's default-ignorable code points: zero-width joiners,
    /// soft hyphens, bidi controls such as U+202E, variation selectors), and trims.
    /// So "Agree" typed with a stray U+200D, or pasted with a right-to-left mark, is
    /// the answer "Agree" (only the comparison changes; a comment keeps its text).
    package static func normalise(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            var s = scalar
            switch s.value {
            case 0x2018, 0x2019, 0x201B, 0x2032, 0x00B4, 0x0060: s = "'"
            case 0x201C, 0x201D, 0x201F, 0x2033: s = "\""
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212: s = "-"
            case 0x2026: // ellipsis
                out.append(contentsOf: "...".unicodeScalars)
                continue
            default: break
            }
            // Unicode's White_Space in ASCII is tab to carriage return and space: decided
            // without a property look-up, which cost seconds on a 50 MB cell.
            let isSpace =
                s.isASCII
                ? s.value == 0x20 || (0x09...0x0D).contains(s.value)
                : s.properties.isWhitespace || s.value == 0xA0 || s.value == 0x200B || s.value == 0xFEFF
            if isSpace {
                pendingSpace = !out.isEmpty
                continue
            }
            // Invisible characters compare as nothing (only non-ASCII scalars can be).
            if !s.isASCII && s.properties.isDefaultIgnorableCodePoint { continue }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            if s.isASCII {
                let v = s.value
                out.append(v >= 65 && v <= 90 ? Unicode.Scalar(UInt8(v + 32)) : s)
            } else {
                out.append(contentsOf: String(s).lowercased().unicodeScalars)
            }
        }
        return String(out)
    }
}
