import Foundation
import SurveyDefinition
import Testing

@testable import ResponseIngestion

/// Every input the fuzzers (Fuzz/run) ever failed on is kept under Fuzz/regressions and
/// replayed here with the same checks the fuzz targets make.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let regressions = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/regressions")

    static func files(_ folder: String) -> [URL] {
        let dir = regressions.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test("the regression folders hold the kept inputs")
    func kept() {
        #expect(!Self.files("csv").isEmpty)
    }

    @Test("each kept CSV input is read or refused cleanly, and its counts balance", arguments: files("csv"))
    func csv(_ url: URL) throws {
        do {
            let report = try Ingestor(survey: parentSurvey, options: IngestionOptions(now: 1_900_000_000)).inspect(
                path: url.path)
            #expect(
                report.balances,
                "\(url.lastPathComponent): \(report.dataRows) rows, \(report.accepted) accepted, \(report.setAsideTotal) set aside, \(report.rejected) rejected"
            )
            #expect(!report.text().isEmpty)
        } catch is IngestionError {
            // A clear refusal is a correct answer.
        }
    }

    /// Inspects `path` as the zip and workbook fuzz targets do.
    static func inspectCleanly(_ path: String, _ name: String) throws {
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        #expect(FuzzInspection.failure(path: path, survey: parentSurvey, size: size) == nil, "\(name)")
    }

    @Test("each kept zip input is read or refused cleanly", arguments: files("zip"))
    func zip(_ url: URL) throws {
        try Self.inspectCleanly(url.path, url.lastPathComponent)
    }

    @Test(
        "each kept workbook input (sheet, strings and styles XML) is read or refused cleanly",
        arguments: files("workbook"))
    func workbook(_ url: URL) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "engage-fuzz-\(UUID().uuidString).xlsx"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = FileManager.default.createFile(
            atPath: path, contents: Data(WorkbookFuzzInput.workbook(from: Array(try Data(contentsOf: url)))))
        try Self.inspectCleanly(path, url.lastPathComponent)
    }

    @Test("each kept definition input loads or is refused with a message", arguments: files("definition"))
    func definition(_ url: URL) throws {
        let bytes = Array(try Data(contentsOf: url))
        do {
            _ = try SurveyLoader().load(bytes: bytes, file: url.lastPathComponent)
        } catch {
            #expect(!error.description.isEmpty)
        }
    }
}
