import Foundation

/// The redaction corpus (Tests/SummariesTests/Fixtures/redaction-corpus.json): comments
/// as families type them, each with the details that must never be published, the
/// words a published quote keeps, and the workspace's `redact` list.
public struct RedactionCorpus: Decodable, Sendable {
    /// One comment of the corpus with what its quote must and must not keep.
    public struct Comment: Decodable, Sendable {
        /// The comment as typed.
        public var text: String
        /// What must never be published.
        public var remove: [String]
        /// Words the published quote keeps (it must be published).
        public var keep: String?
        /// The quote must not be used at all.
        public var dropped: Bool?
        /// The export's name column.
        public var name: String?
        /// The export's e-mail column.
        public var email: String?
        /// "No" when the respondent did not agree to be quoted.
        public var consent: String?

        /// What the export's columns give the redactor: the name, and the e-mail's local part.
        public var names: [String] {
            [name, email.flatMap { $0.split(separator: "@").first.map(String.init) }].compactMap { $0 }
        }
    }

    /// The workspace's `redact` list.
    public var redact: [String]
    /// Every comment of the corpus.
    public var comments: [Comment]

    /// Reads the corpus from the repository's fixtures.
    public static func load() throws -> RedactionCorpus {
        let url = EngageRunner.repository.appendingPathComponent("Tests/SummariesTests/Fixtures/redaction-corpus.json")
        return try JSONDecoder().decode(RedactionCorpus.self, from: Data(contentsOf: url))
    }

    /// Lower-case letters and digits only, so "07700 900 123" is found as "07700900123"
    /// in "07700-900-123" too.
    public static func squeezed(_ s: String) -> String {
        String(
            s.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars
                .filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// The planted details `text` still shows, line by line: exactly (scalar by scalar,
    /// for invisible characters), or with spacing and punctuation squeezed out.
    public static func leaks(_ remove: [String], in text: String) -> [String] {
        let lines = text.components(separatedBy: .newlines)
        let scalars = Array(text.lowercased().unicodeScalars)
        return remove.filter { item in
            let hidden = item.unicodeScalars.contains { $0.properties.isDefaultIgnorableCodePoint }
            if hidden { return contains(scalars, Array(item.lowercased().unicodeScalars)) }
            let flat = squeezed(item)
            return lines.contains {
                $0.lowercased().contains(item.lowercased()) || (flat.count >= 4 && squeezed($0).contains(flat))
            }
        }
    }

    /// Scalar by scalar (String.contains compares characters, and an invisible mark joins the character before it).
    static func contains(_ text: [Unicode.Scalar], _ part: [Unicode.Scalar]) -> Bool {
        guard !part.isEmpty, part.count <= text.count else { return part.isEmpty }
        return (0...(text.count - part.count)).contains { Array(text[$0..<($0 + part.count)]) == part }
    }
}

/// Characters no reader may receive: bidi controls, zero-width characters, tags, soft
/// hyphens, and controls other than tab and line breaks (ESC drives a terminal).
public func isHiddenCharacter(_ s: Unicode.Scalar) -> Bool {
    (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value) || (0x200B...0x200F).contains(s.value)
        || s.value == 0xFEFF || s.value == 0x00AD || s.value == 0x2060 || s.value == 0x061C
        || (0xE0000...0xE007F).contains(s.value)
        || (s.value < 0x20 && s.value != 0x09 && s.value != 0x0A && s.value != 0x0D) || (0x7F...0x9F).contains(s.value)
}
