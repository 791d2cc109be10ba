import Foundation
import SurveyDefinition
import TestSupport
import Testing

@testable import ResponseIngestion

/// Accepted + set aside + rejected must equal the data rows read, whatever the damage.
@Suite("Counting rows in damaged files")
struct DamagedFileTests {
    static let header = "Timestamp,Stage of the process,I felt fully involved in the process,Any other comments\n"
    static let rows = [
        "01/09/2021 10:00,New EHC plan,Agree,fine\n",
        "02/09/2021 11:00,Annual review,Disagree,\"long, with a comma\"\n",
        "13/09/2021 12:00,New EHC plan,Strongly agree,\n",
        "14/09/2021 12:00,New EHC plan,Agreee,typo in the answer\n",
    ]

    func ingest(_ text: String) throws -> IngestionReport {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try Ingestor(survey: parentSurvey).inspect(path: url.path)
    }

    @Test("a clean file balances: 3 accepted, 1 rejected on line 5")
    func clean() throws {
        let r = try ingest(Self.header + Self.rows.joined())
        #expect(r.dataRows == 4 && r.accepted == 3 && r.rejected == 1 && r.balances)
        #expect(r.sampleRejections.first?.line == 5)
    }

    @Test("a file cut off in the middle of a row rejects that row and keeps the rest")
    func truncated() throws {
        // The third row loses its last two fields: "13/09/2021 12:00,New EHC plan".
        let full = Self.header + Self.rows[0...2].joined()
        let cut = String(full.prefix(full.count - 17))
        let r = try ingest(cut)
        #expect(r.balances)
        #expect(r.dataRows == 3 && r.accepted == 2 && r.rejected == 1)
        #expect(r.sampleRejections.first?.code == "wrong-field-count")
        #expect(r.sampleRejections.first?.line == 4)
    }

    @Test("an unterminated quote at the end is a rejected row with its line, not a lost file")
    func unterminatedQuote() throws {
        let r = try ingest(
            Self.header + Self.rows[0] + "02/09/2021 11:00,Annual review,Agree,\"never closed\nmore text\n")
        #expect(r.dataRows == 2 && r.accepted == 1 && r.rejected == 1 && r.balances)
        #expect(r.sampleRejections.first?.line == 3)
        #expect(r.sampleRejections.first?.code == "unterminated-quote")
    }

    @Test("random bytes after a valid header never crash and always balance")
    func randomBytes() throws {
        var generator = SeededGenerator(seed: 20_261_122)
        for _ in 0..<200 {
            var bytes = Array((Self.header + Self.rows[0]).utf8)
            for _ in 0..<Int(generator.next() % 200) {
                bytes.append(UInt8(truncatingIfNeeded: generator.next()))
            }
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("random-\(UUID().uuidString).csv")
            try Data(bytes).write(to: url)
            defer { try? FileManager.default.removeItem(at: url) }
            do {
                let r = try Ingestor(survey: parentSurvey).inspect(path: url.path)
                #expect(r.balances)
            } catch is IngestionError {
                // A file refused as a whole with a clear message is acceptable.
            }
        }
    }
}
