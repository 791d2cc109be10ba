import Foundation
/// Chooses short quotes for a theme: only from respondents who agreed to be quoted,
/// with personal details removed, trimmed at a word boundary, and the same quotes on
/// every run for the same comments.
public struct QuoteChooser: Sendable {
    /// Longest quote, in characters, before trimming with an ellipsis.
    public var maximumLength = 200
    /// The consent option code that allows quoting.
    public var consentCode = "yes"

    public init() {}

    public struct Candidate: Sendable {
        public var text: String
        public var consent: String?
        public var names: [String]
        public init(text: String, consent: String?, names: [String]) {
            self.text = text
            self.consent = consent
            self.names = names
        }
    }

    /// Up to `count` quotes, preferring ones that read well after redaction (fewest
    /// removals, then a comfortable length), in a stable order.
    public func choose(_ candidates: [Candidate], count: Int = 1) -> [String] {
        let quotable = candidates.filter { $0.consent == consentCode }
        let redacted = quotable.map { Redactor(names: $0.names).redact($0.text) }
            .map { $0.split(whereSeparator: { $0.isNewline }).joined(separator: " ") }
            .map(trim)
            .filter { $0.count >= 12 }
        func removals(_ s: String) -> Int { s.components(separatedBy: Redactor.marker).count - 1 }
        let ranked = Set(redacted).sorted {
            (removals($0), abs($0.count - 90), $0) < (removals($1), abs($1.count - 90), $1)
        }
        return Array(ranked.prefix(count))
    }

    func trim(_ text: String) -> String {
        let clean = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard clean.count > maximumLength else { return clean }
        var cut = String(clean.prefix(maximumLength))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return cut.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:-")) + "…"
    }
}
