import TestSupport
import Testing

@testable import Summaries

@Suite("Removing personal details from comments before quoting")
struct RedactionTests {
    let redactor = Redactor(names: ["Sam Smith", "J", "O'Neill"])

    @Test(
        "e-mails, UK phones, postcodes, URLs, NHS numbers and the export's own names are removed",
        arguments: [
            ("Email me at jo.bloggs+send@example.co.uk please", "Email me at [removed] please"),
            ("call 07700 900123 or 07700900123", "call [removed] or [removed]"),
            ("ring +44 (0)1632 960 001 any time", "ring [removed] any time"),
            ("our landline is 01632-960001.", "our landline is [removed]."),
            ("we live in CB1 2AB, near sw1a1aa", "we live in [removed], near [removed]"),
            ("see https://example.org/x?y=1 or www.example.com", "see [removed] or [removed]"),
            ("NHS number 943 476 5919 on file", "NHS number [removed] on file"),
            (
                "Sam Smith here; sam was upset. Mrs O'Neill agreed",
                "[removed] here; [removed] was upset. Mrs [removed] agreed"
            ),
            // Case is ignored in web addresses and names (the patterns scope it to those parts).
            ("SEE HTTPS://EXAMPLE.ORG/A OR WWW.EXAMPLE.COM", "SEE [removed] OR [removed]"),
            ("Visit Example.Gov.UK/help and MySite.CO.UK", "Visit [removed] and [removed]"),
            ("SAM SMITH and o'neill wrote", "[removed] and [removed] wrote"),
            // What `(?i)[a-z]` also matched: long s (ſ) and the Kelvin sign (K).
            ("on \u{17F}ite.com and \u{212A}ent.org.uk", "on [removed] and [removed]"),
        ])
    func removed(input: String, expected: String) {
        #expect(redactor.redact(input) == expected)
    }

    @Test(
        "ordinary figures and words survive",
        arguments: [
            "It took 20 weeks, not 6.", "In 2021-22 Q2 75% agreed.", "The review on 12/08/2021 went well.",
            "Samuel helped a lot", "Speech and language therapy (SALT) started at 10:30.", "1280 of 1737 reviews",
            "SAMUEL and Samsmith and smithy", "Sam\u{345}",
        ])
    func kept(text: String) {
        #expect(redactor.redact(text) == text)
    }

    @Test("property: 2,000 random comments with embedded personal details never keep them")
    func property() {
        var random = SeededGenerator(seed: 11)
        func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(random.next() % 10)) }) }
        let words = [
            "the", "plan", "was", "late", "and", "nobody", "called", "back", "thanks", "school", "review", "help",
        ]
        for _ in 0..<2_000 {
            let email = "user\(digits(3))@mail\(digits(2)).org.uk"
            let mobile = "07\(digits(3)) \(digits(6))"
            let landline = "01\(digits(3))-\(digits(6))"
            let postcode = ["CB1 2AB", "sw1a 1aa", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "EC1A1BB"][
                Int(random.next() % 7)]
            let nhs = "\(digits(3)) \(digits(3)) \(digits(4))"
            let secrets = [email, mobile, landline, postcode, nhs]
            var parts = (0..<8).map { _ in words[Int(random.next() % UInt64(words.count))] }
            for secret in secrets { parts.insert(secret, at: Int(random.next() % UInt64(parts.count + 1))) }
            let comment = parts.joined(separator: " ")
            let out = redactor.redact(comment)
            for secret in secrets { #expect(!out.contains(secret), "\(comment) → \(out)") }
        }
    }
}
