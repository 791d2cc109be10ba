import Foundation
import SurveyDefinition
import TestSupport
import Testing

@testable import ResponseIngestion

/// Reading on worker threads must give exactly what reading on one thread gives: the
/// same report, and the same events in the same order (lines, duplicates, rejections).
@Suite("Reading with workers")
struct ParallelIngestionTests {
    /// Everything a reading produces, as comparable text.
    static func read(_ path: String, survey: Survey = parentSurvey, workers: Int, chunkSize: Int?, batchSize: Int)
        throws -> (report: String, events: [String])
    {
        var options = IngestionOptions(now: 1_900_000_000)
        options.workers = workers
        options.chunkSize = chunkSize
        options.batchSize = batchSize
        var events: [String] = []
        let report = try Ingestor(survey: survey, options: options).run(path: path) { event in
            switch event {
            case .response(let r): events.append("response \(r)")
            case .outcome(let o): events.append("outcome \(o)")
            }
        }
        return (
            report.text() + "\nbalances \(report.balances), blank \(report.blankLines), rows \(report.dataRows)", events
        )
    }

    /// A Google Forms export with what makes reading hard: quoted line breaks, doubled
    /// quotes, blank lines, CRLF, repeats (same and different), unknown answers, a bad
    /// date, a short row, a damaged byte.
    static func awkwardExport(rows: Int, seed: UInt64) -> [UInt8] {
        var g = SeededGenerator(seed: seed)
        let answers = [
            "Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree", "", "Don't know",
            " agree ", "Agreee",
        ]
        var text =
            "\u{FEFF}Timestamp,Stage of the process,I felt fully involved in the process,Communication throughout the process was good,Any other comments\r\n"
        var bytes: [UInt8] = []
        var previous = ""
        for i in 0..<rows {
            let r = Int(g.next() % 100)
            var row: String
            if r < 3 && !previous.isEmpty {
                row = previous // the same response again
            } else {
                let day = 1 + Int(g.next() % 28)
                let month = 1 + Int(g.next() % 12)
                let stamp =
                    r == 3
                    ? "31/02/2021 10:00"
                    : String(format: "%02d/%02d/2021 %02d:%02d:%02d", day, month, i % 24, i % 60, (i * 7) % 60)
                let comment: String
                switch g.next() % 5 {
                case 0: comment = ""
                case 1: comment = "\"line one\r\nline two, with a comma\""
                case 2: comment = "\"she said \"\"no\"\"\""
                case 3: comment = "plain words \(i)"
                default: comment = "\"\(i)\n\n\""
                }
                row =
                    "\(stamp),New EHC plan,\(answers[Int(g.next() % UInt64(answers.count))]),\(answers[Int(g.next() % 6)]),\(comment)"
                if r == 4 { row = "01/03/2021 10:00,Annual review" } // a short row
            }
            previous = row
            text += row + (r == 5 ? "\n\r\n" : "\r\n") // some blank lines
            if r == 6 {
                bytes += Array(text.utf8) + [0xFF] // a byte that is not UTF-8
                text = ""
            }
        }
        return bytes + Array(text.utf8)
    }

    @Test(
        "workers, small batches and tiny chunks give the same report and events as one thread",
        arguments: [(1, 7, 3), (2, 64, 5), (2, 4096, 64), (3, 1 << 20, 1)])
    func sameResult(seed: UInt64, chunkSize: Int, batchSize: Int) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("parallel-\(UUID().uuidString).csv")
        try Data(Self.awkwardExport(rows: 600, seed: seed)).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let one = try Self.read(url.path, workers: 0, chunkSize: nil, batchSize: 4096)
        let many = try Self.read(url.path, workers: 2, chunkSize: chunkSize, batchSize: batchSize)
        #expect(one.events.count > 500)
        #expect(one.report == many.report)
        #expect(one.events == many.events)
        // The file has every kind of row the test means to cover.
        #expect(one.report.contains("duplicate-in-file") || one.events.contains { $0.contains("duplicate-in-file") })
        #expect(one.events.contains { $0.contains("invalid-encoding") })
        #expect(one.events.contains { $0.contains("wrong-field-count") })
        #expect(one.events.contains { $0.contains("unknown-answer") })
    }

    @Test("every fixture export reads the same with workers and tiny batches")
    func everyFixture() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: fixtures.path).filter {
            $0.hasSuffix(".csv") || $0.hasSuffix(".txt")
        }
        #expect(names.count >= 10)
        for name in names.sorted() {
            let path = fixtures.appendingPathComponent(name).path
            let one = try Self.read(path, workers: 0, chunkSize: nil, batchSize: 4096)
            let many = try Self.read(path, workers: 2, chunkSize: 16, batchSize: 1)
            #expect(one.report == many.report, "\(name)")
            #expect(one.events == many.events, "\(name)")
        }
    }
}

@Suite("Content hashing")
struct ContentHasherTests {
    @Test("FNV-1a of a known text, and an identity key hashed in parts equals the whole key hashed")
    func parts() {
        // FNV-1a 64 of "a" is af63dc4c8601ec8c; add() then mixes in the separator 0x1F.
        var a = ContentHasher()
        a.add("a")
        var expected: UInt64 = 0xaf63_dc4c_8601_ec8c
        expected ^= 0x1F
        expected &*= 0x0000_0100_0000_01B3
        #expect(a.value == expected)
        for seed in [UInt64(0), 1, 0xFFFF_FFFF_FFFF_FFFF, 0x0123_4567_89ab_cdef] {
            var content = ContentHasher()
            content.add(Int64(bitPattern: seed))
            #expect(Array(content.hexDigits) == Array(content.hex.utf8))
            #expect(content.hex.count == 16)
            var whole = ContentHasher()
            var inParts = ContentHasher()
            whole.add(ResponseIdentity.fingerprint(content.hex).key)
            inParts.add("fp:", content.hexDigits)
            #expect(whole.value == inParts.value)
            var fromHasher = ContentHasher()
            fromHasher.add("fp:", hexDigitsOf: content)
            #expect(fromHasher.value == whole.value)
            var wholeID = ContentHasher()
            var idInParts = ContentHasher()
            wholeID.add(ResponseIdentity.platform("R_\(seed)").key)
            idInParts.add("id:", "R_\(seed)".utf8)
            #expect(wholeID.value == idInParts.value)
        }
    }

    @Test("a precomputed step hashes a run of bytes exactly as byte by byte does, from any state")
    func steps() {
        var rng = SeededGenerator(seed: 0x1F)
        let runs: [[UInt8]] = [
            [], [0], [0xFF], Array("strongly-agree".utf8), Array("felt-fully-involved\u{1F}agree\u{1F}\u{1F}".utf8),
            (0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) },
        ]
        for run in runs {
            let step = ContentHasher.Step(run)
            for state in (0..<200).map({ _ in UInt64.random(in: .min ... .max, using: &rng) })
                + (0..<256).map(UInt64.init)
            {
                var bytewise = ContentHasher(seed: state)
                var stepped = ContentHasher(seed: state)
                bytewise.mix(run)
                stepped.add(step)
                #expect(stepped.value == bytewise.value, "\(run.count) bytes from \(state)")
            }
        }
        var bytewise = ContentHasher()
        var stepped = ContentHasher()
        bytewise.add(Int64(1_700_000_000))
        stepped.add(Int64(1_700_000_000))
        bytewise.add(answerTo: "felt-fully-involved", option: "strongly-agree", text: "")
        stepped.add(ContentHasher.Step.answer(question: "felt-fully-involved", option: "strongly-agree"))
        #expect(stepped.value == bytewise.value)
    }
}

@Suite("Counting without keeping responses")
struct DirectHashingTests {
    /// Interprets every data row of `bytes` twice, keeping responses and not, and
    /// returns what differs.
    func compare(_ bytes: [UInt8], survey: Survey = parentSurvey) throws -> (rows: Int, accepted: Int, direct: Bool) {
        var reader = try CSVReader(bytes: bytes)
        let header = try #require(try reader.next())
        let format = FormatDetector.detect([header.fields])
        let plan = ColumnPlanner(survey: survey, format: format, mapping: nil).plan(headerRows: [header.fields])
        var keeping = RowInterpreter(
            survey: survey, plan: plan, format: format, dateOrder: .dmy, mapping: nil, now: nil,
            headerWidth: header.count)
        var counting = keeping
        counting.keepResponses = false
        var rows = 0
        var accepted = 0
        while let record = try reader.next() {
            rows += 1
            switch (keeping.interpret(record), counting.interpret(record)) {
            case (.accepted(let response, let a), .accepted(let none, let b)):
                accepted += 1
                #expect(none == nil)
                #expect(
                    a.key == b.key && a.content == b.content && a.platformID == b.platformID && a.line == b.line,
                    "line \(record.line)")
                // The hash of the kept response's answers, byte by byte (no precomputed steps).
                if let response {
                    var bytewise = ContentHasher()
                    bytewise.add(response.submitted ?? -1)
                    for x in response.answers {
                        bytewise.add(answerTo: x.question, option: x.option ?? "", text: x.text ?? "")
                    }
                    #expect(bytewise.value == a.content, "line \(record.line)")
                }
                // The stored hex of the counting reading's hash, written independently.
                let hex = String(b.content, radix: 16)
                #expect(
                    response?.contentHash == String(repeating: "0", count: 16 - hex.count) + hex, "line \(record.line)")
            case (.outcome(let a), .outcome(let b)):
                #expect(a == b)
            default:
                Issue.record("line \(record.line): one reading accepted the row, the other did not")
            }
        }
        return (
            rows, accepted,
            RowInterpreter(
                survey: survey, plan: plan, format: format, dateOrder: .dmy, mapping: nil, now: nil,
                headerWidth: header.count
            ).answersInOrder
        )
    }

    @Test("hashing while reading gives the same identities and content hashes as building each response")
    func sameHashes() throws {
        for seed in [UInt64(11), 12, 13] {
            let result = try compare(ParallelIngestionTests.awkwardExport(rows: 400, seed: seed))
            #expect(result.direct, "the awkward export has answers in question order, so the direct path runs")
            #expect(result.accepted > 200)
        }
        // Comments with non-ASCII ends (a no-break space, curly quotes) take the String path.
        let text =
            "Timestamp,I felt fully involved in the process,Any other comments\n"
            + "01/09/2021 10:00,Agree,\u{00A0}padded with a no-break space\u{00A0}\n"
            + "01/09/2021 11:00,Disagree,“curly”\n"
            + "01/09/2021 12:00,Agree,  plain  \n"
        let result = try compare(Array(text.utf8))
        #expect(result.rows == 3 && result.accepted == 3)
    }
}

@Suite("Finding record ends without parsing")
struct SkipRecordTests {
    @Test("skipRecord ends every record where parseRecord does, on 3,000 random inputs, final or not")
    func sameAsParse() {
        var g = SeededGenerator(seed: 99)
        let alphabet: [UInt8] = Array("a,\"\r\n;b ".utf8)
        var steps = 0
        for _ in 0..<3_000 {
            let bytes = (0..<Int(1 + g.next() % 40)).map { _ in alphabet[Int(g.next() % UInt64(alphabet.count))] }
            let isFinal = g.next() % 2 == 0
            let delimiter: UInt8 = g.next() % 4 == 0 ? 0x3B : 0x2C
            bytes.withUnsafeBufferPointer { buf in
                var position = 0
                while position < buf.count {
                    var spans: [Int] = []
                    var scratch: [UInt8] = []
                    let parsed = CSVTokenizer.parseRecord(
                        buf, from: position, isFinal: isFinal, delimiter: delimiter, spans: &spans, scratch: &scratch)
                    let skipped = CSVTokenizer.skipRecord(buf, from: position, isFinal: isFinal, delimiter: delimiter)
                    #expect(parsed == skipped, "\(bytes) from \(position)")
                    steps += 1
                    switch parsed {
                    case .needMore: position = buf.count
                    case .blankLine(let next): position = next
                    case .record(let p): position = p.next
                    }
                }
            }
        }
        #expect(steps > 10_000)
    }
}
