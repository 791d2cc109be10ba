import TestSupport
import Testing

@testable import ResponseIngestion

@Suite("Writing CSV that spreadsheets open safely")
struct CSVWriterTests {
    @Test("formula-looking text is prefixed with an apostrophe; numbers stay numbers")
    func formulas() {
        #expect(CSVWriter.escape("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSVWriter.escape("+44 7700 900123") == "'+44 7700 900123")
        #expect(CSVWriter.escape("-6 points") == "'-6 points")
        #expect(CSVWriter.escape("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.escape("\tcmd") == "\"'\tcmd\"")
        #expect(CSVWriter.escape("Agree") == "Agree")
        // After leading spaces or a line break, and past invisible characters, still a formula.
        #expect(CSVWriter.escape("  =1+1") == "\"'  =1+1\"")
        #expect(CSVWriter.escape("\n@SUM(A1)") == "\"'\n@SUM(A1)\"")
        #expect(CSVWriter.escape("\u{200B}=1+1") == "'=1+1")
        #expect(CSVWriter.escape("\u{202E}evil") == "evil")
        var writer = CSVWriter()
        writer.row([.number(-6), .text("-6"), .empty, .optional(nil)])
        #expect(writer.text == "-6,'-6,,\r\n")
    }

    @Test("random cells survive a round trip through the reader, and none starts with a formula character")
    func roundTrip() throws {
        var generator = SeededGenerator(seed: 2026)
        let alphabet = Array("ab ,;\"\n\r\t=+-@'’£é<>|`0123456789")
        var writer = CSVWriter()
        var expected: [[String]] = []
        for _ in 0..<500 {
            let cells = (0..<Int(generator.next() % 5 + 1)).map { _ in
                String(
                    (0..<Int(generator.next() % 12)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))]
                    })
            }
            // A record whose only cell is empty is a blank line, which readers skip.
            let record = cells.count == 1 && cells[0].isEmpty ? ["x"] : cells
            writer.row(record)
            expected.append(
                record.map { cell in
                    // A formula starts at the first character that is not a space or a line break
                    // (some programs trim first); a tab or CR first counts on its own.
                    let firstSolid = cell.unicodeScalars.first { !" \t\r\n".unicodeScalars.contains($0) }
                    if let first = cell.unicodeScalars.first, first == "\t" || first == "\r" { return "'" + cell }
                    if let solid = firstSolid, "=+-@".unicodeScalars.contains(solid) { return "'" + cell }
                    return cell
                })
        }
        var reader = try CSVReader(
            bytes: Array(writer.text.utf8), displayName: "written.csv", options: .init(delimiter: .comma))
        var read: [[String]] = []
        while let record = try reader.next() { read.append(record.fields) }
        #expect(read.count == expected.count)
        for (got, want) in zip(read, expected) {
            #expect(got == want)
            for cell in got {
                let solid = cell.unicodeScalars.first { !" \t\r\n".unicodeScalars.contains($0) }
                #expect(
                    !(cell.first.map { "=+-@\t\r".contains($0) } ?? false)
                        && !(solid.map { "=+-@".unicodeScalars.contains($0) } ?? false) || cell.first == "'")
            }
        }
    }
}
