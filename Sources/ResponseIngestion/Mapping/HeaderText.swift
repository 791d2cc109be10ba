import SurveyDefinition

/// Cleans export headers for matching: numbering ("Q3.", "3 -"), required-question
/// asterisks, trailing punctuation and the many ways of writing spaces and quotes.
enum HeaderText {
    static func clean(_ header: String) -> String {
        var s = AnswerText.normalise(header)
        // Asterisks marking required questions, and "(required)".
        while s.hasSuffix("*") { s = String(s.dropLast()).trimmingWhitespace() }
        while s.hasPrefix("*") { s = String(s.dropFirst()).trimmingWhitespace() }
        if s.hasSuffix("(required)") { s = String(s.dropLast(10)).trimmingWhitespace() }
        s = stripNumbering(s)
        while let last = s.last, last == "?" || last == ":" || last == "." || last == "*" {
            s = String(s.dropLast()).trimmingWhitespace()
        }
        return s
    }

    /// Removes "q3.", "q3:", "3.", "3)", "3 -", "3.1 " and "q3 " prefixes.
    static func stripNumbering(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        var i = 0
        let hasQ = i < scalars.count && scalars[i] == "q"
        if hasQ { i += 1 }
        let digitsStart = i
        while i < scalars.count,
            isDigit(scalars[i])
                || (scalars[i] == "." && i > digitsStart && i + 1 < scalars.count && isDigit(scalars[i + 1]))
        {
            i += 1
        }
        guard i > digitsStart else { return s }
        var j = i
        while j < scalars.count, scalars[j] == " " { j += 1 }
        guard j < scalars.count else { return s }
        if [".", ")", ":", "-"].contains(scalars[j]) {
            j += 1
        } else if !(hasQ && j > i) {
            return s // "3rd", "2019 survey" are words, not numbering
        }
        while j < scalars.count, scalars[j] == " " { j += 1 }
        guard j < scalars.count else { return s }
        return String(String.UnicodeScalarView(scalars[j...]))
    }

    /// The texts a header might be matching, most specific reading first:
    /// the whole header, a `[Statement]` in brackets, the part after ` - `,
    /// the text after a LimeSurvey `CODE. ` prefix, and the code itself.
    static func candidates(_ header: String) -> [String] {
        var out: [String] = []
        func add(_ s: String) {
            let c = clean(s)
            if !c.isEmpty && !out.contains(c) { out.append(c) }
        }
        let normalised = AnswerText.normalise(header)
        add(normalised)
        // LimeSurvey "code. text" and "code[sq001]. text".
        if let range = normalised.range(of: ". ") {
            let code = normalised[..<range.lowerBound]
            if !code.contains(" ") {
                let text = String(normalised[range.upperBound...])
                add(text)
                add(String(code))
                out.append(contentsOf: bracketed(text).filter { !out.contains($0) })
            }
        }
        out.append(contentsOf: bracketed(normalised).filter { !out.contains($0) })
        // "Grid question - Statement" (Qualtrics) and "3 - Grid [Statement]" (LimeSurvey).
        var searchStart = normalised.startIndex
        while let r = normalised.range(of: " - ", range: searchStart..<normalised.endIndex) {
            add(String(normalised[r.upperBound...]))
            searchStart = r.upperBound
        }
        return out
    }

    /// The statement inside a trailing `[...]`, then the text before it.
    static func bracketed(_ s: String) -> [String] {
        guard s.hasSuffix("]"), let open = s.lastIndex(of: "[") else { return [] }
        let inner = String(s[s.index(after: open)..<s.index(before: s.endIndex)])
        let before = String(s[..<open])
        return [clean(inner), clean(before)].filter { !$0.isEmpty }
    }

    /// For `Grid [Statement]` or `Question - Option` headers: (question part, option part).
    static func questionAndOption(_ header: String) -> [(String, String)] {
        let normalised = AnswerText.normalise(header)
        var pairs: [(String, String)] = []
        var text = normalised
        if let range = normalised.range(of: ". ") {
            let code = normalised[..<range.lowerBound]
            if !code.contains(" ") { text = String(normalised[range.upperBound...]) }
        }
        if text.hasSuffix("]"), let open = text.lastIndex(of: "[") {
            pairs.append(
                (
                    clean(String(text[..<open])),
                    clean(String(text[text.index(after: open)..<text.index(before: text.endIndex)]))
                ))
        }
        var searchStart = text.startIndex
        while let r = text.range(of: " - ", range: searchStart..<text.endIndex) {
            pairs.append((clean(String(text[..<r.lowerBound])), clean(String(text[r.upperBound...]))))
            searchStart = r.upperBound
        }
        return pairs
    }
}
