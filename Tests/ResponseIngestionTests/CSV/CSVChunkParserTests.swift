import Testing
@testable import ResponseIngestion

@Suite("CSV parsing in parts")
struct CSVChunkParserTests {
    /// Parses `text` in `parts` pieces the way a parallel reader would (pieces one after
    /// another here), verifying every cut and falling back when a cut was wrong.
    static func readInParts(_ text: [UInt8], parts: Int) -> (records: [ReadRecord], blankLines: Int, fallbacks: Int) {
        let buffer = CSVTextBuffer(text)
        let parser = CSVChunkParser(text: buffer, delimiter: .comma, encoding: .utf8, fileName: "test.csv", isFinal: true)
        var cuts = text.withUnsafeBufferPointer { CSVChunkParser.splitPoints(in: $0, range: 0..<text.count, parts: parts) }
        cuts.append(text.count)
        var records: [ReadRecord] = []
        var blank = 0
        var fallbacks = 0
        var start = 0
        var line = 1
        var k = 0
        while start < text.count {
            let end = k < cuts.count ? cuts[k] : text.count
            var piece: [ReadRecord] = []
            let summary = parser.parse(start..<max(end, start + 1), firstLine: 1) { r in
                piece.append(ReadRecord(line: r.line, fields: r.fields, problem: r.problem, raw: r.rawText()))
            }
            for var r in piece {
                r.line += line - 1
                if case .unterminatedQuote = r.problem { r.problem = .unterminatedQuote(file: "test.csv", line: r.line) }
                records.append(r)
            }
            line += summary.lineBreaks
            blank += summary.blankLines
            if !summary.endsAtCut && summary.end < text.count {
                // The next cut was inside a record: carry on from where this piece stopped.
                fallbacks += 1
                while k < cuts.count && cuts[k] <= summary.end { k += 1 }
                start = summary.end
                continue
            }
            start = summary.end
            k += 1
        }
        return (records, blank, fallbacks)
    }

    @Test("pieces cut at the proposed split points parse to exactly the sequential records and lines")
    func matchesSequential() throws {
        var text = "Time,\"Question\r\nwith break\",Comment\r\n"
        for i in 0..<300 {
            switch i % 5 {
            case 0: text += "\(i),\"multi\r\nline, \"\"quoted\"\"\",x\r\n"
            case 1: text += "\(i),plain,\"\"\r\n\r\n"
            case 2: text += "\(i),\"a\rb\",c\r"
            case 3: text += "\(i),caf\u{E9} ’,\"\"\"\"\n"
            default: text += "\(i),,\n"
            }
        }
        let bytes = Array(text.utf8)
        let sequential = try readCSV(bytes)
        for parts in [2, 3, 4, 7, 16] {
            let pieces = Self.readInParts(bytes, parts: parts)
            #expect(pieces.records == sequential.records, "\(parts) parts")
            #expect(pieces.blankLines == sequential.blankLines)
            #expect(pieces.fallbacks == 0)
        }
    }

    @Test("a stray quote that fools the quote count is caught by verification, not mis-parsed")
    func strayQuoteFallsBack() throws {
        var text = "id,size,comment\n"
        for i in 0..<200 {
            text += i == 10 ? "\(i),5\" screen,ok\n" : "\(i),x,\"a\nb\"\n"
        }
        let bytes = Array(text.utf8)
        let sequential = try readCSV(bytes)
        var fallbacks = 0
        for parts in [2, 3, 5, 8] {
            let pieces = Self.readInParts(bytes, parts: parts)
            #expect(pieces.records == sequential.records, "\(parts) parts")
            fallbacks += pieces.fallbacks
        }
        #expect(fallbacks > 0)
    }

    @Test("split points never fall between CR and LF and always follow a line break")
    func splitPointsAlign() {
        let text = Array("a,b\r\n\"x\r\ny\",z\r\n1,2\r\n3,4\r\n5,6\r\n".utf8)
        for parts in 2...10 {
            let cuts = text.withUnsafeBufferPointer { CSVChunkParser.splitPoints(in: $0, range: 0..<text.count, parts: parts) }
            for c in cuts {
                #expect(text[c - 1] == 0x0A)
                #expect(c != 9) // just after the CRLF inside the quoted field
            }
        }
    }
}
