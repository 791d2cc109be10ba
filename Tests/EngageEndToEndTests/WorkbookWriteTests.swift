import Foundation
import TestSupport
import Testing

/// Workbooks engage writes (`kpis --format xlsx`, `export --format xlsx`), checked by
/// opening them in LibreOffice (headless `soffice --convert-to csv`) when it is
/// installed (apt-get install libreoffice-calc-nogui): the same numbers as engage's CSV.
@Suite("engage writes workbooks that LibreOffice reads with the same numbers")
struct WorkbookWriteTests {
    static let responses = WorkbookImportTests.fixture("responses.csv")

    /// LibreOffice's command, if installed.
    static let soffice: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let places =
            path.split(separator: ":").map { "\($0)/soffice" } + [
                "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
            ]
        return places.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func workspace() throws -> EngageRunner {
        let runner = try EngageRunner()
        #expect(try runner.run("init", "ws").status == 0)
        let imported = try runner.run("import", "--workspace", "ws", "--survey", "ehcp-parent-carer", responses)
        #expect(imported.status == 0, "\(imported.stderr)")
        return runner
    }

    /// The first sheet of `workbook` as CSV rows, converted by LibreOffice.
    static func libreOfficeRows(_ soffice: String, _ runner: EngageRunner, _ workbook: String) throws -> [[String]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        let out = runner.path("lo-out")
        process.arguments = [
            "-env:UserInstallation=file://" + runner.path("lo-profile"), "--headless", "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", out, runner.path(workbook),
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let csv = out + "/" + (workbook as NSString).deletingPathExtension + ".csv"
        let text = try String(contentsOfFile: csv, encoding: .utf8)
        return parse(text)
    }

    /// A small RFC 4180 reader (LibreOffice quotes text and leaves numbers bare).
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text).makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            if n == "," {
                                row.append(field)
                                field = ""
                            } else if n == "\n" || n == "\r\n" {
                                row.append(field)
                                rows.append(row)
                                row = []
                                field = ""
                            }
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" || c == "\r\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(field)
            rows.append(row)
        }
        return rows
    }

    /// Whole percent rounded half away from zero, as reports (and spreadsheets) show it.
    static func whole(_ text: String) -> String {
        guard let value = Double(text) else { return text }
        return "\(Int(value.rounded(.toNearestOrAwayFromZero)))%"
    }

    @Test("kpis and export write a zip workbook to --output or to a pipe, never to the workspace")
    func written() throws {
        let runner = try Self.workspace()
        defer { runner.cleanUp() }
        let file = try runner.run(
            "kpis", "--workspace", "ws", "--period", "2021-22", "--format", "xlsx", "--output", "kpis.xlsx")
        #expect(file.status == 0, "\(file.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: runner.path("kpis.xlsx")))
        #expect(Array(bytes.prefix(4)) == [0x50, 0x4B, 0x03, 0x04])
        let piped = try runner.run("export", "--workspace", "ws", "--format", "xlsx")
        #expect(piped.status == 0 && piped.stdout.hasPrefix("PK\u{3}\u{4}"), "\(piped.stderr)")
        let refused = try runner.run("kpis", "--workspace", "ws", "--format", "xlsx", "--output", "ws/engage.sqlite")
        #expect(refused.status == 1)
    }

    @Test(
        "a KPI workbook opens in LibreOffice with the counts and percentages of the CSV, internal and public",
        .enabled(if: soffice != nil, "LibreOffice (soffice) is not installed"), arguments: ["internal", "public"])
    func kpis(audience: String) throws {
        let soffice = try #require(Self.soffice)
        let runner = try Self.workspace()
        defer { runner.cleanUp() }
        let base = ["kpis", "--workspace", "ws", "--period", "2021-22", "--audience", audience]
        #expect(try runner.run(arguments: base + ["--format", "xlsx", "--output", "kpis.xlsx"]).status == 0)
        let csv = EngageCSV.table(Self.parse(try runner.run(arguments: base + ["--format", "csv"]).stdout))
        // An internal workbook's first row is its notice (docs/publication.md), then the header.
        let rows = try Self.libreOfficeRows(soffice, runner, "kpis.xlsx")
        #expect((rows.first?.first?.hasPrefix("INTERNAL") == true) == (audience == "internal"), "\(rows.prefix(1))")
        let sheet = EngageCSV.table(rows)
        let csvHeader = csv[0]
        let sheetHeader = sheet[0]
        func columns(_ header: [String], _ names: [String]) throws -> [Int] {
            try names.map { name in try #require(header.firstIndex(of: name), "\(name)") }
        }
        let c = try columns(csvHeader, ["group", "kpi", "positive", "substantive", "percent"])
        let w = try columns(sheetHeader, ["group", "kpi", "positive", "substantive", "agreement"])
        let expected = csv.dropFirst().filter { $0.count > c.max()! && $0[c[0]] == "all" }.map { row in
            [row[c[1]], row[c[2]], row[c[3]], Self.whole(row[c[4]])]
        }
        let found = sheet.dropFirst().filter { $0.count > w.max()! && $0[w[0]] == "all" }.map { row in
            [row[w[1]], row[w[2]], row[w[3]], row[w[4]]]
        }
        #expect(expected.count == 5)
        #expect(found == expected)
        if audience == "public" {
            // Withheld in the CSV, withheld in the workbook: the symbol, never a number.
            #expect(expected.contains { $0[1] == "c" } == found.contains { $0[1] == "c" })
        }
    }

    @Test(
        "an answers workbook opens in LibreOffice with the rows of the CSV export",
        .enabled(if: soffice != nil, "LibreOffice (soffice) is not installed"))
    func export() throws {
        let soffice = try #require(Self.soffice)
        let runner = try Self.workspace()
        defer { runner.cleanUp() }
        #expect(
            try runner.run("export", "--workspace", "ws", "--format", "xlsx", "--output", "answers.xlsx").status == 0)
        let csv = Self.parse(try runner.run("export", "--workspace", "ws").stdout)
        let sheet = try Self.libreOfficeRows(soffice, runner, "answers.xlsx")
        #expect(sheet[0] == csv[0])
        #expect(sheet.count == csv.count && csv.count > 48)
        // survey, response, submitted, submitted_date, question, option_code, value: the same in every row.
        for column in [0, 1, 3, 4, 6, 7, 9] {
            #expect(sheet.map { $0[column] } == csv.map { $0[column] }, "column \(csv[0][column])")
        }
    }
}
