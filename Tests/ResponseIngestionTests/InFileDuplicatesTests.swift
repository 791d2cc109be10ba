import TestSupport
import Testing

@testable import ResponseIngestion

@Suite("In-file duplicate check")
struct InFileDuplicatesTests {
    /// `count` identities in file order: mostly new, some repeating an earlier one with
    /// the same content (a duplicate) or other content (a conflict), and some keys that
    /// share the low bits that pick a slot.
    static func identities(_ count: Int) -> [RowInterpreter.Identity] {
        var random = SeededGenerator(seed: 8)
        var keys: [UInt64] = []
        return (0..<count).map { i in
            let key: UInt64
            switch Int.random(in: 0..<20, using: &random) {
            case 0 where !keys.isEmpty: key = keys.randomElement(using: &random)! // a repeat
            case 1 where !keys.isEmpty: key = keys.randomElement(using: &random)! ^ (1 << 40) // same slot, other key
            default: key = UInt64.random(in: 1 ... .max, using: &random)
            }
            keys.append(key)
            return RowInterpreter.Identity(
                line: i + 2, platformID: "r\(i)", key: key, content: key % 3 == 0 ? key : UInt64(i), damagedID: false)
        }
    }

    /// The outcome of checking every identity, with or without reading each block ahead.
    func outcomes(_ identities: [RowInterpreter.Identity], block: Int?) -> [String] {
        let text = CSVTextBuffer(Array("row".utf8))
        var duplicates = InFileDuplicates()
        var result: [String] = []
        var start = 0
        while start < identities.count {
            let end = min(identities.count, start + (block ?? identities.count))
            if block != nil { duplicates.prefetch(identities[start..<end].map(\.key)) }
            for identity in identities[start..<end] {
                let outcome = duplicates.check(identity, raw: RowText(text: text, range: 0..<3), idHeader: "id")
                result.append(outcome.map { "\($0.line) \($0.code) \($0.reason)" } ?? "\(identity.line) new")
            }
            start = end
        }
        return result
    }

    @Test(
        "reading a block's slots ahead gives exactly the outcomes of checking one by one, past the size where it starts and through the table's growth"
    )
    func prefetchChangesNothing() {
        let identities = Self.identities(200_000)
        let plain = outcomes(identities, block: nil)
        #expect(plain.filter { $0.hasSuffix(" new") }.count < identities.count) // repeats were found
        #expect(
            plain.contains { $0.contains("conflicting-duplicate") }
                && plain.contains { $0.contains("duplicate-in-file") })
        for block in [1, 7, 4_096] {
            let ahead = outcomes(identities, block: block)
            let first = plain.indices.first { $0 >= ahead.count || ahead[$0] != plain[$0] }
            #expect(
                ahead.count == plain.count && first == nil,
                "block of \(block): first difference at row \(first.map(String.init) ?? "-"), \(ahead.count) outcomes against \(plain.count)"
            )
        }
    }

    @Test(
        "every outcome is what a plain dictionary of first sightings says: new, the same content again, or other content under the same id, naming the first line"
    )
    func agreesWithAModel() {
        let identities = Self.identities(150_000)
        var first: [UInt64: (content: UInt64, line: Int)] = [:]
        let expected = identities.map { identity -> String in
            guard let earlier = first[identity.key] else {
                first[identity.key] = (identity.content, identity.line)
                return "\(identity.line) new"
            }
            let code = earlier.content == identity.content ? "duplicate-in-file" : "conflicting-duplicate"
            return "\(identity.line) \(code) line \(earlier.line)"
        }
        #expect(
            expected.contains { $0.contains("duplicate-in-file") }
                && expected.contains { $0.contains("conflicting-duplicate") })
        for block in [nil, 4_096] as [Int?] {
            // The outcome's code and the earlier line its reason names.
            let found = outcomes(identities, block: block).map { outcome -> String in
                let words = outcome.split(separator: " ")
                guard words.count > 2, let line = outcome.range(of: "(line ") else { return outcome }
                let number = outcome[line.upperBound...].prefix { $0.isNumber }
                return "\(words[0]) \(words[1]) line \(number)"
            }
            let firstDifference = expected.indices.first { $0 >= found.count || found[$0] != expected[$0] }
            #expect(
                found.count == expected.count && firstDifference == nil,
                "block \(block.map(String.init) ?? "none"): first difference at \(firstDifference.map { "\(expected[$0]) / \($0 < found.count ? found[$0] : "-")" } ?? "-")"
            )
        }
    }
}
