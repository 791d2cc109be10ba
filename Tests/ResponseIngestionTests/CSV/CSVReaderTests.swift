import Foundation
import Testing

@testable import ResponseIngestion

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("a plain UTF-8 file reads into fields with line numbers")
    func plain() throws {
        let r = try readCSV("Timestamp,Name,Answer\n28/10/2019 15:03:45,Jo,Agree\n28/10/2019 15:04:00,Sam,Disagree\n")
        #expect(r.encoding == .utf8)
        #expect(r.delimiter == .comma)
        #expect(
            r.rows == [
                ["Timestamp", "Name", "Answer"], ["28/10/2019 15:03:45", "Jo", "Agree"],
                ["28/10/2019 15:04:00", "Sam", "Disagree"],
            ])
        #expect(r.lines == [1, 2, 3])
        #expect(r.blankLines == 0)
    }

    @Test("a UTF-8 byte-order mark is detected and not part of the first header")
    func utf8BOM() throws {
        let r = try readCSV([0xEF, 0xBB, 0xBF] + Array("Timestamp,Q1\r\n1,Agree\r\n".utf8))
        #expect(r.encoding == .utf8WithBOM)
        #expect(r.encoding.name == "UTF-8 with BOM")
        #expect(r.rows == [["Timestamp", "Q1"], ["1", "Agree"]])
    }

    @Test("Windows-1252 bytes for ’ £ – are detected and transcoded")
    func windows1252() throws {
        // "Don’t know,£20 – fine" with cp1252 single bytes.
        let bytes: [UInt8] =
            Array("Answer,Cost\n".utf8) + Array("Don".utf8) + [0x92] + Array("t know,".utf8) + [0xA3]
            + Array("20 ".utf8) + [0x96] + Array(" fine\n".utf8)
        let r = try readCSV(bytes)
        #expect(r.encoding == .windows1252)
        #expect(r.encoding.name == "Windows-1252")
        #expect(r.rows == [["Answer", "Cost"], ["Don’t know", "£20 – fine"]])
        #expect(r.records.allSatisfy { $0.problem == nil })
    }

    @Test("every Windows-1252 byte maps to the character Windows shows")
    func windows1252Table() throws {
        let table: [UInt8: String] = [
            0x80: "€", 0x85: "…", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x96: "–", 0x97: "—", 0x99: "™",
            0xA0: "\u{A0}", 0xA3: "£", 0xE9: "é", 0xFF: "ÿ", 0x81: "\u{81}",
        ]
        for (byte, expected) in table {
            let r = try readCSV(Array("a,b\nx,".utf8) + [byte, 0x0A], delimiter: .comma)
            #expect(r.encoding == .windows1252)
            #expect(r.rows.last == ["x", expected], "byte \(byte)")
        }
    }

    @Test("Excel Unicode Text: UTF-16LE with BOM and tabs, including a character outside the BMP")
    func utf16LE() throws {
        let text =
            "Timestamp\tComment\r\n01/09/2021 10:00\tCosts £5 – fine’s fine 😀\r\n02/09/2021 11:00\t\"two\r\nlines\"\r\n"
        for chunk in [1, 2, 3, 5, 7, 1 << 20] {
            let r = try readCSV(utf16Bytes(text, bigEndian: false), chunkSize: chunk)
            #expect(r.encoding == .utf16LittleEndian)
            #expect(r.delimiter == .tab)
            #expect(
                r.rows == [
                    ["Timestamp", "Comment"], ["01/09/2021 10:00", "Costs £5 – fine’s fine 😀"],
                    ["02/09/2021 11:00", "two\r\nlines"],
                ])
            #expect(r.lines == [1, 2, 3])
            #expect(r.records.allSatisfy { $0.problem == nil })
        }
    }

    @Test("UTF-16BE with BOM is read too")
    func utf16BE() throws {
        let r = try readCSV(utf16Bytes("a\tb\n𝄞\tx\n", bigEndian: true), chunkSize: 3)
        #expect(r.encoding == .utf16BigEndian)
        #expect(r.rows == [["a", "b"], ["𝄞", "x"]])
    }

    @Test("an unpaired surrogate in UTF-16 flags its record instead of vanishing")
    func unpairedSurrogate() throws {
        var bytes = utf16Bytes("a\tb\n", bigEndian: false)
        bytes += [0x3D, 0xD8] // lone high surrogate D83D
        bytes += utf16Bytes("x\tc\nok\tfine\n", bigEndian: false).dropFirst(2)
        let r = try readCSV(bytes)
        #expect(r.records.count == 3)
        #expect(r.records[1].problem == .invalidEncoding(file: "test.csv", line: 2, encoding: .utf16LittleEndian))
        #expect(r.records[2].problem == nil)
    }

    @Test("semicolon-separated files are detected even when question text holds commas")
    func semicolons() throws {
        let text =
            "Timestamp;Stage, of process;I felt involved\r\n01/10/2021 10:00;New plan;Strongly agree\r\n02/10/2021 11:00;Annual review;Agree\r\n"
        let r = try readCSV([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(r.delimiter == .semicolon)
        #expect(r.rows[0] == ["Timestamp", "Stage, of process", "I felt involved"])
        #expect(r.rows[2] == ["02/10/2021 11:00", "Annual review", "Agree"])
    }

    @Test("comma files whose answers hold semicolons stay comma-separated")
    func commasWithSemicolonAnswers() throws {
        let r = try readCSV("ID,Start time,Choices\n1,7/2/20 11:00:22,AGOL;Cartography;\n2,7/2/20 11:05:00,AGOL;\n")
        #expect(r.delimiter == .comma)
        #expect(r.rows[1] == ["1", "7/2/20 11:00:22", "AGOL;Cartography;"])
    }

    @Test("pipe-separated files are detected, and a given delimiter overrides detection")
    func pipeAndOverride() throws {
        #expect(try readCSV("a|b|c\n1|2|3\n").delimiter == .pipe)
        let forced = try readCSV("a;b,c\n1;2,3\n", delimiter: .comma)
        #expect(forced.delimiter == .comma)
        #expect(forced.rows == [["a;b", "c"], ["1;2", "3"]])
    }

    @Test("CRLF, LF and lone CR line endings read the same, with the same line numbers")
    func lineEndings() throws {
        let body = ["h1,h2", "a,\"x\(0)y\"", "b,c"]
        var results: [ReadResult] = []
        for eol in ["\r\n", "\n", "\r"] {
            let text = body.map { $0.replacingOccurrences(of: "\(0)", with: eol) }.joined(separator: eol) + eol
            results.append(try readCSV(text))
            #expect(results.last!.rows == [["h1", "h2"], ["a", "x\(eol)y"], ["b", "c"]])
            #expect(results.last!.lines == [1, 2, 4])
        }
    }

    @Test("quoted fields hold delimiters, doubled quotes and line breaks, in header cells and data")
    func quoting() throws {
        let text = [
            #"Timestamp,"Which card would you want?"#,
            #"(multiple choice allowed) ","Say ""why""""#,
            #"7/2/2024 9:14:34,"E-Zwich, Visa","He said ""no"", then"#,
            "\"\"yes\"\"",
            #"and left""#,
            #"7/2/2024 9:15:00,"","""""#,
            "",
        ].joined(separator: "\n")
        let r = try readCSV(text)
        #expect(
            r.rows == [
                ["Timestamp", "Which card would you want?\n(multiple choice allowed) ", "Say \"why\""],
                ["7/2/2024 9:14:34", "E-Zwich, Visa", "He said \"no\", then\n\"yes\"\nand left"],
                ["7/2/2024 9:15:00", "", "\""],
            ])
        // Hand-counted: header on 1-2, the second record on 3-5, the third on 6.
        #expect(r.lines == [1, 3, 6])
    }

    @Test("line numbers count blank lines and multi-line fields, as an editor shows them")
    func handCountedLines() throws {
        let text = "h1,h2\r\n\r\na,\"1\r\n2\r\n3\"\r\n\r\n\r\nb,\"\rx\"\rc,d\n\nlast,\"\"\"q\nq\"\"\""
        // line 1: h1,h2   2: blank   3-5: a,"1/2/3"   6,7: blank   8-9: b,"\rx" (lone CR)   10: c,d   11: blank   12-13: last,...
        let r = try readCSV(text)
        #expect(r.lines == [1, 3, 8, 10, 12])
        #expect(r.blankLines == 4)
        #expect(r.rows[4] == ["last", "\"q\nq\""])
        for chunk in 1...9 {
            #expect(try readCSV(text, chunkSize: chunk) == r, "chunk size \(chunk)")
        }
    }

    @Test("a trailing blank line is skipped and counted")
    func trailingBlankLine() throws {
        let r = try readCSV("\"id\",\"q\"\r\n\"1\",\"A\"\r\n\r\n")
        #expect(r.rows == [["id", "q"], ["1", "A"]])
        #expect(r.blankLines == 1)
        let noFinalBreak = try readCSV("id,q\n1,A")
        #expect(noFinalBreak.rows == [["id", "q"], ["1", "A"]])
        #expect(noFinalBreak.blankLines == 0)
    }

    @Test("a stray quote inside an unquoted field is kept literally, as Excel does")
    func strayQuotes() throws {
        let r = try readCSV("a,b,c\n5\" screen,it's \"ok\",x\n\"quoted\"tail,\"a\" ,z\n")
        #expect(r.rows[1] == ["5\" screen", "it's \"ok\"", "x"])
        #expect(r.rows[2] == ["quotedtail", "a ", "z"])
    }

    @Test("empty fields, a trailing delimiter and rows of only delimiters are kept")
    func emptyFields() throws {
        let r = try readCSV("a,b,c\n,,\n1,,\n,")
        #expect(r.rows == [["a", "b", "c"], ["", "", ""], ["1", "", ""], ["", ""]])
    }

    @Test("an unterminated quote at the end of the file is a flagged record naming the line it began on")
    func unterminatedQuote() throws {
        let text = "id,comment\n1,fine\n2,\"this never\nends, and\nruns on"
        for chunk in [1, 4, 1 << 20] {
            let r = try readCSV(text, chunkSize: chunk)
            #expect(r.records.count == 3)
            #expect(r.records[2].line == 3)
            #expect(r.records[2].fields == ["2", "this never\nends, and\nruns on"])
            #expect(r.records[2].problem == .unterminatedQuote(file: "test.csv", line: 3))
        }
        let message = CSVError.unterminatedQuote(file: "survey.csv", line: 42).description
        #expect(
            message
                == "survey.csv line 42: a quoted field starting here never ends (unterminated quote). Check for a missing closing \" or a cut-off export."
        )
        // A lone quote as the very last byte.
        let last = try readCSV("a,b\n1,\"")
        #expect(last.records[1].problem == .unterminatedQuote(file: "test.csv", line: 2))
        #expect(last.records[1].fields == ["1", ""])
    }

    @Test("invalid UTF-8 after the detection sample flags just that record")
    func invalidUTF8Later() throws {
        var text = "id,comment\n"
        var n = 0
        while text.utf8.count < 70_000 {
            n += 1
            text += "\(n),fine – ok\n"
        }
        var bytes = Array(text.utf8)
        bytes += Array("bad,caf".utf8) + [0xE9] + Array(" au lait\nafter,ok\n".utf8)
        for chunk in [1 << 20, 4096, 13] {
            var reader = try CSVReader(bytes: bytes, displayName: "mixed.csv", options: .init(chunkSize: chunk))
            #expect(reader.encoding == .utf8)
            var flagged: [(Int, String)] = []
            var count = 0
            while let r = try reader.next() {
                count += 1
                if r.hasInvalidEncoding { flagged.append((r.line, r.field(1))) }
            }
            #expect(count == n + 3)
            #expect(flagged.count == 1)
            #expect(flagged.first?.0 == n + 2)
            #expect(flagged.first?.1 == "caf\u{FFFD} au lait")
        }
        #expect(
            CSVError.invalidEncoding(file: "mixed.csv", line: 9, encoding: .utf8).description.hasPrefix(
                "mixed.csv line 9: "))
    }

    @Test("a UTF-8 character cut by the end of the detection sample still reads as UTF-8")
    func sampleBoundaryInsideCharacter() throws {
        var bytes = Array("h\n".utf8)
        while bytes.count < CSVReader.sampleSize - 1 { bytes += Array("x\n".utf8) }
        bytes.removeLast(bytes.count - (CSVReader.sampleSize - 1))
        bytes += Array("’\n".utf8) // E2 80 99 straddles the 64 KiB sample end
        let r = try readCSV(bytes, chunkSize: 1000)
        #expect(r.encoding == .utf8)
        #expect(
            r.records.last?.fields == [
                String(decoding: bytes[(bytes.count - 5)...].dropLast(), as: UTF8.self).split(separator: "\n").last.map(
                    String.init) ?? ""
            ])
        #expect(r.records.allSatisfy { $0.problem == nil })
    }

    @Test("chunk boundaries anywhere give the same records: inside quotes, CRLF, multibyte and surrogate pairs")
    func chunkBoundaries() throws {
        let text =
            "Time,\"Q\r\nwith break\",Comment\r\n1,\"a,b\",\"caf\u{E9} ’ \"\"q\"\" 😀\"\r\n\r\n2,x\"y,\"multi\r\nline\rfield\"\r\n3,,last"
        let inputs: [[UInt8]] = [
            Array(text.utf8),
            [0xEF, 0xBB, 0xBF] + Array(text.utf8),
            utf16Bytes(text, bigEndian: false),
            utf16Bytes(text, bigEndian: true),
        ]
        for input in inputs {
            let whole = try readCSV(input)
            #expect(
                whole.rows == [
                    ["Time", "Q\r\nwith break", "Comment"], ["1", "a,b", "caf\u{E9} ’ \"q\" 😀"],
                    ["2", "x\"y", "multi\r\nline\rfield"], ["3", "", "last"],
                ])
            #expect(whole.lines == [1, 3, 5, 8])
            #expect(whole.blankLines == 1)
            for chunk in 1...12 {
                #expect(try readCSV(input, chunkSize: chunk) == whole, "chunk size \(chunk)")
            }
        }
    }

    @Test("records give raw text, field bytes and comparisons without making strings")
    func recordAccessors() throws {
        var reader = try CSVReader(bytes: Array("a,b,c\n\"x,\"\"y\"\"\",,Strongly agree\n".utf8))
        _ = try reader.next()
        let r = try #require(try reader.next())
        #expect(r.count == 3)
        #expect(r.field(0) == "x,\"y\"")
        #expect(r[2] == "Strongly agree")
        #expect(r.isEmpty(1))
        #expect(!r.isEmpty(2))
        #expect(r.isEmpty(7))
        #expect(r.field(7) == "")
        #expect(r.field(2, equals: "Strongly agree"))
        #expect(!r.field(2, equals: "Strongly"))
        #expect(r.field(1, equals: ""))
        #expect(Array(r.fieldBytes(0)) == Array("x,\"y\"".utf8))
        #expect(r.withFieldBytes(2) { $0.count } == 14)
        #expect(r.rawText() == "\"x,\"\"y\"\"\",,Strongly agree")
        #expect(r.line == 2 && r.lineCount == 1)
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }

    @Test("records kept after the reader moves on keep their own text")
    func keptRecords() throws {
        var text = "id,comment\n"
        for i in 0..<500 { text += "\(i),\"comment \"\"\(i)\"\"\"\n" }
        var reader = try CSVReader(bytes: Array(text.utf8), options: .init(chunkSize: 64))
        var kept: [CSVRecord] = []
        while let r = try reader.next() { kept.append(r) }
        #expect(kept.count == 501)
        for i in 0..<500 {
            #expect(kept[i + 1].field(1) == "comment \"\(i)\"")
            #expect(kept[i + 1].rawText() == "\(i),\"comment \"\"\(i)\"\"\"")
        }
    }

    @Test("workbooks and binary files are refused with advice")
    func notText() throws {
        #expect(throws: CSVError.self) { try readCSV([0x50, 0x4B, 0x03, 0x04, 1, 2, 3]) }
        do {
            _ = try readCSV([0x50, 0x4B, 0x03, 0x04, 1, 2, 3])
        } catch let error as CSVError {
            #expect(error.description.contains("test.csv"))
            #expect(error.description.contains("xlsx"))
        }
        #expect(throws: CSVError.self) {
            try readCSV(Array(repeating: [0x61, 0x00, 0x2C, 0x00, 0x0A, 0x00], count: 5).flatMap { $0 })
        }
        // A single stray NUL is content, left for the caller's row checks.
        #expect(try readCSV([0x61, 0x2C, 0x62, 0x0A, 0x00, 0x2C, 0x78, 0x0A]).rows == [["a", "b"], ["\u{0}", "x"]])
    }

    @Test("an empty file has no records")
    func emptyFile() throws {
        let r = try readCSV([UInt8]())
        #expect(r.records.isEmpty)
        #expect(try readCSV([0xEF, 0xBB, 0xBF]).records.isEmpty)
        #expect(try readCSV("\n\n").blankLines == 2)
    }

    @Test("a runaway record over the size limit is an error naming where it began")
    func recordTooLarge() throws {
        var reader = try CSVReader(
            bytes: Array(("a,b\n1,\"" + String(repeating: "x", count: 300_000)).utf8),
            displayName: "big.csv", options: .init(chunkSize: 4096, maximumRecordBytes: 100_000))
        _ = try reader.next()
        #expect(throws: CSVError.recordTooLarge(file: "big.csv", line: 2, limit: 100_000)) { try reader.next() }
    }

    @Test("reads a file from disk in small chunks, and names a missing file")
    func fromFile() throws {
        let path = NSTemporaryDirectory() + "engage-csv-\(UInt32.random(in: 0...UInt32.max)).csv"
        let text = "\u{FEFF}Timestamp,\"Q\nbreak\"\r\n1,\"a\r\nb\"\r\n2,c\r\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try CSVReader(path: path, displayName: "export.csv", options: .init(chunkSize: 3))
        #expect(reader.encoding == .utf8WithBOM)
        var rows: [[String]] = []
        var lines: [Int] = []
        while let r = try reader.next() {
            rows.append(r.fields)
            lines.append(r.line)
        }
        #expect(rows == [["Timestamp", "Q\nbreak"], ["1", "a\r\nb"], ["2", "c"]])
        #expect(lines == [1, 3, 5])
        #expect(throws: CSVError.self) { try CSVReader(path: path + ".missing", displayName: "missing.csv") }
        do {
            _ = try CSVReader(path: path + ".missing", displayName: "missing.csv")
        } catch {
            #expect("\(error)".hasPrefix("missing.csv: cannot open the file"))
        }
    }
}
