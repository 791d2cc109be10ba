import Foundation
import Testing
@testable import Summaries

/// The redaction corpus (Fixtures/redaction-corpus.json): comments as families type
/// them, each with the details that must never be published.
struct RedactionCorpus: Decodable {
    struct Comment: Decodable {
        var text: String
        var remove: [String]
        var keep: String?
        var dropped: Bool?
        var name: String?
        var email: String?
        var consent: String?

        /// What the export's columns give the redactor: the name, and the e-mail's local part.
        var names: [String] {
            [name, email.flatMap { $0.split(separator: "@").first.map(String.init) }].compactMap { $0 }
        }
    }

    var redact: [String]
    var comments: [Comment]

    static func load() throws -> RedactionCorpus {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/redaction-corpus.json")
        return try JSONDecoder().decode(RedactionCorpus.self, from: Data(contentsOf: url))
    }

    /// Lower-case letters and digits only, so "07700 900 123" is found as "07700900123"
    /// in "07700-900-123" too.
    static func squeezed(_ s: String) -> String {
        String(s.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars
            .filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// The planted details `text` still shows: exactly, or with spacing and punctuation squeezed out.
    static func leaks(_ remove: [String], in text: String) -> [String] {
        let lower = Array(text.lowercased().unicodeScalars), flat = squeezed(text)
        return remove.filter { item in
            let squeezedItem = squeezed(item)
            let invisible = item.unicodeScalars.contains { $0.properties.isDefaultIgnorableCodePoint }
            return contains(lower, Array(item.lowercased().unicodeScalars)) || (!invisible && squeezedItem.count >= 4 && flat.contains(squeezedItem))
        }
    }

    /// Scalar by scalar (String.contains compares characters, and an invisible mark joins the character before it).
    static func contains(_ text: [Unicode.Scalar], _ part: [Unicode.Scalar]) -> Bool {
        guard !part.isEmpty, part.count <= text.count else { return part.isEmpty }
        return (0...(text.count - part.count)).contains { Array(text[$0..<($0 + part.count)]) == part }
    }
}

@Suite("The redaction corpus: what families type, and what must never be published")
struct RedactionCorpusTests {
    @Test("the corpus has at least 60 comments, each planted detail long enough to search for")
    func corpusIsLargeEnough() throws {
        let corpus = try RedactionCorpus.load()
        #expect(corpus.comments.count >= 60)
        for comment in corpus.comments {
            for item in comment.remove {
                let invisible = item.unicodeScalars.contains { $0.properties.isDefaultIgnorableCodePoint }
                #expect(invisible || RedactionCorpus.squeezed(item).count >= 4, "\(item) is too short to search for")
                #expect(!RedactionCorpus.leaks([item], in: comment.text).isEmpty, "\(item) is not in its comment: \(comment.text)")
            }
        }
    }

    @Test("redaction removes every planted detail that it can recognise; the rest is doubted, so the quote is not used")
    func redactionRemovesOrDoubts() throws {
        let corpus = try RedactionCorpus.load()
        for comment in corpus.comments where comment.consent == nil {
            let redaction = Redactor(names: comment.names, listed: corpus.redact).review(comment.text)
            let leaks = RedactionCorpus.leaks(comment.remove, in: redaction.text)
            if comment.dropped == true {
                #expect(leaks.isEmpty || !redaction.doubts.isEmpty, "\(comment.text) → \(redaction.text)")
            } else {
                #expect(leaks.isEmpty, "\(comment.text) → \(redaction.text) still shows \(leaks)")
            }
        }
    }

    @Test("the quote chooser publishes the kept words and no planted detail, and passes over the comments in doubt")
    func chooserOnTheCorpus() throws {
        let corpus = try RedactionCorpus.load()
        let chooser = QuoteChooser(listed: corpus.redact)
        var published = 0
        for comment in corpus.comments {
            let candidate = QuoteChooser.Candidate(text: comment.text, consent: comment.consent == nil ? "yes" : "no", names: comment.names)
            let quotes = chooser.choose([candidate])
            for quote in quotes {
                #expect(RedactionCorpus.leaks(comment.remove, in: quote).isEmpty, "\(comment.text) → \(quote)")
                #expect(!quote.unicodeScalars.contains { InvisibleCheck.isHidden($0) }, "\(quote)")
            }
            if let keep = comment.keep {
                #expect(quotes.first?.contains(keep) == true, "\(comment.text) → \(quotes) (\(chooser.review(candidate)))")
                published += quotes.count
            }
            if comment.dropped == true || comment.consent != nil {
                #expect(quotes.isEmpty, "\(comment.text) → \(quotes)")
            }
        }
        #expect(published >= 50, "most of the corpus reads well after redaction")
    }
}

enum InvisibleCheck {
    /// Bidi controls, zero-width characters, tags: what a reader must not receive.
    static func isHidden(_ s: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value) || (0x200B...0x200F).contains(s.value)
            || s.value == 0xFEFF || s.value == 0x00AD || s.value == 0x2060 || (0xE0000...0xE007F).contains(s.value)
    }
}
