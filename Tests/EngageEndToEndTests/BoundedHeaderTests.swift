import Foundation
import TestSupport
import Testing

/// Header matching does bounded work whatever the headers: a user, or a fuzzer, gets an
/// answer (these assert the answer only; how long it takes is measured in Benchmarks/run,
/// never in a test).
@Suite("engage answers about files with enormous headers")
struct BoundedHeaderTests {
    @Test("a header with one 6 MB cell is reported as matching no question")
    func hugeHeaderCell() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        try runner.write(
            "huge.csv", "Timestamp," + String(repeating: "x", count: 6_000_000) + "\r\n01/07/2021 10:00:00,hello\r\n")
        let result = try runner.run("inspect", "--survey", "ehcp-parent-carer", "huge.csv")
        #expect(result.status == 1)
        #expect(
            result.stdout.contains("no column matches any question of survey ehcp-parent-carer"),
            "\(result.stdout.prefix(2000))")
        // A long header made of words and separators is not searched either.
        try runner.write(
            "words.csv",
            "Timestamp," + String(repeating: "I felt fully involved - [in the process] ", count: 150_000)
                + "\r\n01/07/2021 10:00:00,Agree\r\n")
        let words = try runner.run("inspect", "--survey", "ehcp-parent-carer", "words.csv")
        #expect(words.status == 1)
        #expect(words.stdout.contains("NOT MATCHED"), "\(words.stdout.prefix(2000))")
    }

    @Test("a file of 10,000 columns is read: the one question among them is matched and the others listed")
    func tenThousandColumns() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        let columns =
            ["Timestamp"] + (1..<10_000).map { "Column \($0) about something - part \($0) [x]" } + [
                "I felt fully involved in the process"
            ]
        let row = ["01/07/2021 10:00:00"] + Array(repeating: "a", count: 9_999) + ["Agree"]
        try runner.write("wide.csv", columns.joined(separator: ",") + "\r\n" + row.joined(separator: ",") + "\r\n")
        let result = try runner.run("inspect", "--survey", "ehcp-parent-carer", "--output", "json", "wide.csv")
        #expect(result.status == 0, "\(result.stderr)")
        let reports = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let object = (reports?["reports"] as? [[String: Any]])?.first
        let listed = object?["columns"] as? [[String: Any]] ?? []
        #expect(listed.count == 10_001)
        #expect(listed.last?["question"] as? String == "involved")
        #expect((object?["rows"] as? [String: Any])?["accepted"] as? Int == 1)
        #expect(try runner.run("init", "ws").status == 0)
        let imported = try runner.run("import", "--workspace", "ws", "wide.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stdout.contains(
                "column 10000 \"Column 9999 about something - part 9999 [x]\": matches no question"),
            "\(imported.stdout.suffix(500))")
    }
}
