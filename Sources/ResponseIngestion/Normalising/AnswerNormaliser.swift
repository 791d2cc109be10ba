import SurveyDefinition

/// Turns the answer text of one question's column into option codes, using the scale's
/// labels and synonyms and the mapping file, after normalising case, spacing and quotes.
/// Numeric codes are accepted only where the definition or mapping lists them.
struct AnswerNormaliser {
    let question: Question
    let options: [AnswerOption]
    /// Normalised spelling → option code.
    private let lookup: [String: String]
    /// Raw cell text → code, so each distinct spelling is normalised once.
    private var cache: [String: String?] = [:]

    init(question: Question, scale: AnswerScale, mapping: ImportMapping?) {
        self.question = question
        self.options = scale.options
        var lookup: [String: String] = [:]
        for option in scale.options {
            for spelling in [option.label] + option.synonyms {
                lookup[Self.key(spelling)] = option.code
            }
            lookup[Self.key(option.code)] = option.code
        }
        let codes = Set(scale.options.map(\.code))
        for (spelling, code) in mapping?.answers ?? [:] where codes.contains(code) {
            lookup[Self.key(spelling)] = code
        }
        for (spelling, code) in mapping?.questionAnswers[question.id] ?? [:] {
            lookup[Self.key(spelling)] = code
        }
        self.lookup = lookup
    }

    static func key(_ text: String) -> String {
        var s = AnswerText.normalise(text)
        while let last = s.last, last == "." || last == "!" { s.removeLast() }
        return s
    }

    /// The option code for one answer, or `nil` when the text names no option.
    mutating func code(for raw: String) -> String? {
        if let cached = cache[raw] { return cached }
        let key = Self.key(raw)
        let code = lookup[key] ?? Self.withoutTrailingCode(key).flatMap { lookup[$0] }
        if cache.count < 10_000 { cache[raw] = code }
        return code
    }

    /// "strongly agree (7)" without its answer code in brackets ("strongly agree"), as
    /// Qualtrics and LimeSurvey may write a label with its recode value; `nil` when the
    /// text does not end in a bracketed number. The code is never trusted as a score:
    /// only the label decides.
    static func withoutTrailingCode(_ key: String) -> String? {
        guard key.hasSuffix(")"), let open = key.lastIndex(of: "(") else { return nil }
        let inner = key[key.index(after: open)..<key.index(before: key.endIndex)]
        guard !inner.isEmpty, inner.count <= 4, inner.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let label = String(key[..<open]).trimmingWhitespace()
        return label.isEmpty ? nil : label
    }

    /// Splits a one-cell multi-select answer into option codes, against the known
    /// options rather than blindly on commas (an option may itself contain ", ").
    mutating func codes(forMultiSelect raw: String, separators: [String]) -> [String]? {
        if let whole = code(for: raw) { return [whole] }
        for separator in separators {
            let pieces = raw.components(separatedBy: separator).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            guard pieces.count > 1 else { continue }
            if let codes = greedy(pieces, separator: separator) { return codes }
        }
        return nil
    }

    /// Joins adjacent pieces back together where an option's label contains the separator.
    private mutating func greedy(_ pieces: [String], separator: String) -> [String]? {
        var codes: [String] = []
        var i = 0
        while i < pieces.count {
            var found = false
            for end in stride(from: pieces.count, to: i, by: -1) {
                let joined = pieces[i..<end].joined(separator: separator)
                if let c = code(for: joined) {
                    if !codes.contains(c) { codes.append(c) }
                    i = end
                    found = true
                    break
                }
            }
            if !found { return nil }
        }
        return codes
    }

    /// Spellings that mean "ticked" / "not ticked" in one-column-per-option layouts.
    static func tick(_ raw: String, optionLabel: String) -> Bool? {
        let k = key(raw)
        if k.isEmpty || k == "no" || k == "n" || k == "n/a" || k == "0" || k == "false" { return false }
        if k == "yes" || k == "y" || k == "1" || k == "true" || k == "x" || k == key(optionLabel) { return true }
        return nil
    }
}
