import Testing

@testable import SurveyDefinition

@Suite("Reading JSON with positions")
struct JSONParserTests {
    /// The 1-based line and column of the character at `offset` (in characters) of `text`,
    /// counted directly on the text: the reference the parser's positions must equal.
    static func position(of offset: String.Index, in text: String) -> SourcePosition {
        let before = text[..<offset]
        let line = before.filter { $0 == "\n" }.count + 1
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return SourcePosition(line: line, column: text[lineStart..<offset].unicodeScalars.count + 1)
    }

    @Test("every key's line and column is right on a long minified line and on the lines after it")
    func positionsOnLongLines() throws {
        // One long line of members whose values hold multi-byte characters, then more lines.
        var text = "{" + (0..<2_000).map { "\"k\($0)\": \"caf\u{E9} \($0)\"" }.joined(separator: ",")
        text += ",\n  \"next\": [1, {\"inner\": \"\u{2019}\"}],\n\"last\": null}"
        let value = try JSONParser.parse(text)
        let members = try #require(value.objectMembers)
        #expect(members.count == 2_002)
        for member in members {
            let key = try #require(text.range(of: "\"\(member.key)\":"))
            #expect(member.keyPosition == Self.position(of: key.lowerBound, in: text), "\(member.key)")
        }
        let inner = try #require(value["next"]?.arrayValue?.last?.objectMembers?.first)
        let innerKey = try #require(text.range(of: "\"inner\""))
        #expect(inner.keyPosition == Self.position(of: innerKey.lowerBound, in: text))
        // An error after the long line names its own line and column.
        do {
            _ = try JSONParser.parse(text.replacingOccurrences(of: "\"last\": null", with: "\"last\": nul"))
            Issue.record("a misspelt null was accepted")
        } catch {
            #expect(error.position.line == 3, "\(error)")
        }
    }
}
