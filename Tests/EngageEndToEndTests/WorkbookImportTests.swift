import Foundation
import TestSupport
import Testing

/// The files the platforms hand over (Excel workbooks written by openpyxl and by
/// xlsxwriter, Google Forms' and SurveyMonkey's zips), made by
/// scripts/make-workbook-fixtures from one table of responses.
@Suite("engage reads workbooks and zip downloads as they come")
struct WorkbookImportTests {
    static let fixtures = EngageRunner.repository.appendingPathComponent(
        "Tests/ResponseIngestionTests/Fixtures/workbooks")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// `engage kpis --by-period financial-quarter --format csv` after importing `file` into a new workspace.
    static func kpis(_ runner: EngageRunner, _ file: String, extra: [String] = []) throws -> String {
        let ws = "ws-\(UUID().uuidString)"
        #expect(try runner.run("init", ws).status == 0)
        let imported = try runner.run(
            arguments: ["import", "--workspace", ws, "--survey", "ehcp-parent-carer"] + extra + [fixture(file)])
        #expect(imported.status == 0, "\(file): \(imported.stderr)")
        #expect(imported.stdout.contains("imported 48 responses"), "\(file): \(imported.stdout)")
        let result = try runner.run("kpis", "--workspace", ws, "--by-period", "financial-quarter", "--format", "csv")
        #expect(result.status == 0, "\(result.stderr)")
        // RFC 4180 records end in CRLF; no blank line after the last one.
        let end = Array(result.stdout.utf8.suffix(3))
        #expect(end.suffix(2) == [13, 10] && end.first != 10, "the CSV should end in one CRLF: \(end)")
        return result.stdout
    }

    /// kpi,period,positive,substantive lines of a kpis CSV, sorted.
    static func counts(_ csv: String) -> [String] {
        EngageCSV.lines(csv).dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            return [f[1], f[2], f[5], f[6]].joined(separator: ",")
        }.sorted()
    }

    @Test(
        "workbooks from openpyxl and xlsxwriter, and Google Forms and SurveyMonkey zips, give exactly the CSV's KPI counts",
        arguments: [
            "msforms-openpyxl.xlsx", "msforms-xlsxwriter.xlsx", "google-forms-download.zip", "surveymonkey.zip",
            "surveymonkey-zip64.zip", "workbook-in-zip.zip",
        ])
    func sameCounts(file: String) throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let csv = try Self.kpis(runner, "responses.csv")
        // The counts were worked out by the script that wrote the fixtures, not by engage.
        let expected = try String(contentsOfFile: Self.fixture("expected-kpis.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst().map(String.init).sorted()
        #expect(Self.counts(csv) == expected)
        let other = try Self.kpis(runner, file)
        #expect(Self.counts(other) == expected)
        // The same CSV but for the internal marking's provenance row (each import's file and SHA-256).
        #expect(EngageCSV.lines(other) == EngageCSV.lines(csv))
    }

    @Test(
        "an import records the SHA-256 of the workbook or zip as given, and the same file again is skipped",
        arguments: ["msforms-openpyxl.xlsx", "surveymonkey.zip", "workbook-in-zip.zip"])
    func digest(file: String) throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        // Worked out by the fixtures' script (Python's hashlib), not by engage.
        let sums = try String(contentsOfFile: Self.fixture("sha256sums.txt"), encoding: .utf8)
        let expected = try #require(sums.split(whereSeparator: \.isNewline).first { $0.hasSuffix("  " + file) }).prefix(
            64)
        #expect(try runner.run("init", "ws").status == 0)
        #expect(try runner.run("import", "--workspace", "ws", Self.fixture(file)).status == 0)
        let listed = try runner.run("imports", "--workspace", "ws", "--format", "json")
        let object = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        let imports = try #require(object?["imports"] as? [[String: Any]])
        #expect(imports.map { $0["sha256"] as? String } == [String(expected)])
        let again = try runner.run("import", "--workspace", "ws", Self.fixture(file))
        #expect(
            again.status == 0 && again.stdout.contains("skipped: this file was already imported"), "\(again.stdout)")
    }

    @Test("inspect on a workbook shows the sheet, the header row and the date cells, then the usual report")
    func inspectWorkbook() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let result = try runner.run("inspect", "--survey", "ehcp-parent-carer", Self.fixture("msforms-xlsxwriter.xlsx"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("workbook:    sheet \"Responses\" (of 2 sheets: \"Responses\", \"Notes\")"))
        #expect(result.stdout.contains("header:      row 1"))
        #expect(
            result.stdout.contains(
                "date cells:  \"Start time\" (column B, 48 from row 2), \"Completion time\" (column C, 48 from row 2)"))
        #expect(result.stdout.contains("Microsoft Forms"))
        #expect(result.stdout.contains("→ question involved"))
        #expect(result.stdout.contains("48 data rows read: 48 accepted, 0 set aside, 0 rejected"))
        #expect(result.stdout.contains("(1 blank line skipped)"))
        let json = try runner.run(
            "inspect", "--survey", "ehcp-parent-carer", "--output", "json", Self.fixture("msforms-openpyxl.xlsx"))
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let report = try #require((object?["reports"] as? [[String: Any]])?.first)
        #expect(report["workbook"] as? Bool == true)
        let dates = try #require(report["dateCells"] as? [[String: Any]])
        #expect(dates.map { $0["header"] as? String } == ["Start time", "Completion time"])
        #expect(dates.map { $0["count"] as? Int } == [48, 48])
    }

    @Test("a zip of several exports lists them and reads the one --member names; --sheet chooses a sheet")
    func choosing() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let several = try runner.run("inspect", "--survey", "ehcp-parent-carer", Self.fixture("two-exports.zip"))
        #expect(several.status == 1)
        #expect(
            several.stderr.contains(
                "two-exports.zip: the zip holds 2 exports: \"CSV/Parent carer feedback.csv\", \"CSV/Parent carer feedback (copy).csv\". Choose one with --member NAME."
            ))
        let chosen = try runner.run(
            "inspect", "--survey", "ehcp-parent-carer", "--member", "Parent carer feedback (copy).csv",
            Self.fixture("two-exports.zip"))
        #expect(chosen.status == 0, "\(chosen.stderr)")
        #expect(chosen.stdout.contains("\"CSV/Parent carer feedback (copy).csv\" in the zip"))
        #expect(chosen.stdout.contains("48 accepted"))
        let noSuch = try runner.run(
            "inspect", "--survey", "ehcp-parent-carer", "--member", "other.csv", Self.fixture("two-exports.zip"))
        #expect(noSuch.status == 1 && noSuch.stderr.contains("no file named \"other.csv\""))
        let notes = try runner.run(
            "inspect", "--survey", "ehcp-parent-carer", "--sheet", "notes", Self.fixture("msforms-xlsxwriter.xlsx"))
        #expect(notes.stdout.contains("sheet \"Notes\""))
        #expect(notes.status == 1) // a sheet without responses: nothing usable
        let missing = try runner.run(
            "inspect", "--survey", "ehcp-parent-carer", "--sheet", "Form9", Self.fixture("msforms-xlsxwriter.xlsx"))
        #expect(
            missing.status == 1
                && missing.stderr.contains("no sheet named \"Form9\"; its sheets are \"Responses\", \"Notes\""))
        let wrong = try runner.run(
            "inspect", "--survey", "ehcp-parent-carer", "--sheet", "Form1", Self.fixture("responses.csv"))
        #expect(wrong.status == 1 && wrong.stderr.contains("--sheet Form1 is for Excel workbooks"))
    }

    @Test(
        "what cannot be read says so and exits 1: a password, a legacy .xls, an .ods, a chart sheet",
        arguments: [
            ("password-protected.xlsx", "password-protected"), ("legacy.xls", "Excel 97-2003 workbook (.xls)"),
            ("spreadsheet.ods", "OpenDocument spreadsheet (.ods)"),
            ("chart-first.xlsx", "sheet \"Chart\" is a chart sheet"),
        ])
    func refusals(file: String, says: String) throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let path = Self.fixtures.appendingPathComponent("refusals/\(file)").path
        let inspect = try runner.run("inspect", "--survey", "ehcp-parent-carer", path)
        #expect(inspect.status == 1)
        #expect(inspect.stderr.contains("\(file): ") && inspect.stderr.contains(says), "\(inspect.stderr)")
        #expect(try runner.run("init", "ws").status == 0)
        let imported = try runner.run("import", "--workspace", "ws", "--survey", "ehcp-parent-carer", path)
        #expect(imported.status == 1)
        #expect(imported.stderr.contains(says), "\(imported.stderr)")
        #expect(!imported.stderr.contains("cannot open the file"))
    }
}
