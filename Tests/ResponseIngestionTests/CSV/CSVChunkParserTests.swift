import Testing

@testable import ResponseIngestion

/// The reader cuts blocks of whole records (`nextBlock`) for workers to parse on their
/// own (`CSVChunkParser`); together they must give exactly what reading record by
/// record gives: the same fields, lines, problems and raw text.
@Suite("CSV parsing in blocks")
struct CSVChunkParserTests {
    static func readInBlocks(_ bytes: [UInt8], maxRecords: Int, chunkSize: Int) throws -> (
        records: [ReadRecord], blankLines: Int, blocks: Int
    ) {
        var reader = try CSVReader(bytes: bytes, displayName: "test.csv", options: .init(chunkSize: chunkSize))
        var records: [ReadRecord] = []
        var blocks = 0
        while let block = try reader.nextBlock(maxRecords: maxRecords) {
            blocks += 1
            reader.chunkParser(for: block).parse(0..<block.text.count, firstLine: block.firstLine) { r in
                records.append(ReadRecord(line: r.line, fields: r.fields, problem: r.problem, raw: r.rawText()))
            }
        }
        return (records, reader.blankLines, blocks)
    }

    /// Quoted line breaks (CRLF, lone CR, LF), doubled quotes, blank lines, non-ASCII text.
    static let awkward: [UInt8] = {
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
        return Array(text.utf8)
    }()

    @Test(
        "blocks of any size, with buffer refills anywhere, parse to exactly the sequential records and lines",
        arguments: [(1, 7), (3, 64), (64, 5), (1000, 1 << 20), (17, 1)])
    func matchesSequential(maxRecords: Int, chunkSize: Int) throws {
        let sequential = try readCSV(Self.awkward)
        let blocks = try Self.readInBlocks(Self.awkward, maxRecords: maxRecords, chunkSize: chunkSize)
        #expect(blocks.records == sequential.records)
        #expect(blocks.blankLines == sequential.blankLines)
        #expect(blocks.blocks >= sequential.records.count / maxRecords)
    }

    @Test(
        "a quote inside an unquoted field, an unterminated quote at the end and a bad byte come out as they do sequentially"
    )
    func damaged() throws {
        var text = "id,size,comment\n"
        for i in 0..<200 { text += i == 10 ? "\(i),5\" screen,ok\n" : "\(i),x,\"a\nb\"\n" }
        var bytes = Array(text.utf8)
        bytes += [0x32, 0x30, 0x30, 0x2C, 0xFF, 0x2C, 0x7A, 0x0A] // 200,<FF>,z
        bytes += Array("201,y,\"never closed\nstill open".utf8)
        let sequential = try readCSV(bytes)
        #expect(sequential.records.contains { $0.problem != nil })
        for (maxRecords, chunkSize) in [(1, 3), (5, 50), (4096, 1 << 20)] {
            let blocks = try Self.readInBlocks(bytes, maxRecords: maxRecords, chunkSize: chunkSize)
            #expect(blocks.records == sequential.records, "blocks of \(maxRecords), chunks of \(chunkSize)")
        }
    }
}
