import Foundation
import TestSupport
import Testing

@testable import Summaries

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
                #expect(
                    !RedactionCorpus.leaks([item], in: comment.text).isEmpty,
                    "\(item) is not in its comment: \(comment.text)")
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
            let candidate = QuoteChooser.Candidate(
                text: comment.text, consent: comment.consent == nil ? "yes" : "no", names: comment.names)
            let quotes = chooser.choose([candidate])
            for quote in quotes {
                #expect(RedactionCorpus.leaks(comment.remove, in: quote).isEmpty, "\(comment.text) → \(quote)")
                #expect(!quote.unicodeScalars.contains { isHiddenCharacter($0) }, "\(quote)")
            }
            if let keep = comment.keep {
                #expect(
                    quotes.first?.contains(keep) == true, "\(comment.text) → \(quotes) (\(chooser.review(candidate)))")
                published += quotes.count
            }
            if comment.dropped == true || comment.consent != nil {
                #expect(quotes.isEmpty, "\(comment.text) → \(quotes)")
            }
        }
        #expect(published >= 50, "most of the corpus reads well after redaction")
    }
}
