import Foundation
import TestSupport
import Testing

/// engage must never crash on what a user gives it (issue 27): no `try!`, `fatalError`,
/// `as!`, force-unwrap `!` or `Dictionary(uniqueKeysWithValues:)` (which traps on a
/// repeated key) where input can reach. This test finds every one in Sources/ (the
/// benchmark generator aside) and accepts only those audited below, each with why it
/// cannot trap. New code should not need an entry: use `guard let`, `?? default`,
/// `Dictionary(_:uniquingKeysWith:)` or a thrown error instead.
@Suite("Nothing that can trap on input")
struct TrapLintTests {
    /// (file, code on the line, why it cannot trap).
    static let audited: [(file: String, code: String, why: String)] = [
        (
            "Sources/Summaries/Summary/SummaryBuilder.swift", "Dictionary(uniqueKeysWithValues: surveys.enumerated()",
            "survey ids are unique: the settings refuse a survey listed twice or two files with one id (WorkspaceAccess.surveys)"
        ),
        (
            "Sources/Summaries/Charts/DivergingBarChart.swift", "Self.colours[0]!",
            "a constant table with a colour for position 0"
        ),
        (
            "Sources/Summaries/Charts/DivergingBarChart.swift", "Self.colours[s.position!]",
            "filtered to options with a position"
        ),
        (
            "Sources/Summaries/Charts/DivergingBarChart.swift", "let fill = Self.colours[s.position!]",
            "filtered to options with a position"
        ),
        (
            "Sources/Summaries/Reporting/ReachTable.swift", "Dictionary(uniqueKeysWithValues: zip(groups",
            "groups are distinct option codes of one question"
        ),
        (
            "Sources/Summaries/Reporting/ReachTable.swift", "Dictionary(uniqueKeysWithValues: scale.options",
            "option codes are unique within a scale (the definition loader refuses repeats)"
        ),
        (
            "Sources/Summaries/Publication/PeriodLinks.swift", "[index[PeriodKey(y)]!]",
            "every period and its parts were indexed just above"
        ),
        (
            "Sources/Summaries/Publication/PeriodLinks.swift", ".map { index[PeriodKey($0)]! }",
            "every period and its parts were indexed just above"
        ),
        (
            "Sources/Summaries/Publication/PeriodLinks.swift", "periods.map(\\.first).min()!",
            "reached only with at least one period"
        ),
        (
            "Sources/Summaries/Publication/PeriodLinks.swift",
            "result[PeriodKey(row)] = Dictionary(uniqueKeysWithValues: zip(groups, rule", "groups are distinct"
        ),
        (
            "Sources/Summaries/Publication/PeriodLinks.swift", "[$0] + groupIndex[PeriodKey(row)]!",
            "rows with a total were indexed with their groups"
        ),
        (
            "Sources/Summaries/Publication/PeriodLinks.swift", "lines.append([groupIndex[PeriodKey(year)]![k]]",
            "every row was indexed just above"
        ),
        (
            "Sources/Summaries/Publication/PeriodLinks.swift",
            "uniqueKeysWithValues: zip(groups, groupIndex[PeriodKey(row)]!", "groups are distinct; rows indexed above"
        ),
        (
            "Sources/ResponseIngestion/Ingesting/RowInterpreter.swift",
            "Dictionary(uniqueKeysWithValues: survey.questions.enumerated()",
            "question ids are unique (the definition loader refuses repeats)"
        ),
        (
            "Sources/ResponseIngestion/Ingesting/UnsafeRowPipeline.swift", "let text = batch.text!",
            "a worker sets the text before it signals the batch done"
        ),
        (
            "Sources/ResponseIngestion/Normalising/CellCache.swift", "memcmp($0.baseAddress!",
            "both buffers are non-empty arrays (checked above)"
        ),
        ("Sources/ResponseIngestion/CSV/CSVRecord.swift", "memcmp(have.baseAddress!", "reached only when count > 0"),
        (
            "Sources/ResponseIngestion/CSV/CSVRecord.swift", "UTF8Validation.isValid($0.baseAddress! + start",
            "the text buffer holds the record, so is not empty"
        ),
        (
            "Sources/ResponseStore/SQLite/Statement.swift", "UnsafeRawPointer(arena.baseAddress!",
            "the arena holds every span's bytes, so is not empty"
        ),
        ("Sources/ResponseStore/Support/SHA256.swift", "let w = w.baseAddress!", "a temporary allocation of 64 words"),
        (
            "Sources/ResponseStore/Support/SHA256.swift", "Self.compress(&state, $0.baseAddress!, w)",
            "pending holds 64 bytes here"
        ),
        (
            "Sources/ResponseStore/Queries/AnswerTally.swift", "Dictionary(uniqueKeysWithValues: nonZero)",
            "keys of one open-addressing table, each once"
        ),
        (
            "Sources/FeedbackStatistics/Trends/UnsafeExactTrend.swift", "let low = used.map(\\.1).min()!",
            "guarded: used.count >= 2"
        ),
        (
            "Sources/FeedbackStatistics/Trends/UnsafeExactTrend.swift", "let top = cells.map(\\.score).max()!",
            "cells has an element per used period (at least two)"
        ),
        (
            "Sources/FeedbackStatistics/Trends/UnsafeExactTrend.swift", "let top = logs.max()!",
            "logs starts with one element"
        ),
        (
            "Sources/FeedbackStatistics/Suppression/LinkedCells.swift",
            "Dictionary(uniqueKeysWithValues: members.enumerated()", "members are distinct cells of one set"
        ),
    ]

    static let pattern = try? NSRegularExpression(
        pattern: #"try!|fatalError\(|\bas!|uniqueKeysWithValues|[A-Za-z0-9_)\]]!(?!=)"#)

    /// The line without string literals and comments (a rough cut that suits this code).
    static func code(_ line: String) -> String {
        var out = ""
        var inString = false
        var previous: Character = " "
        var escaped = false
        for c in line {
            if inString {
                if escaped {
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    inString = false
                }
                continue
            }
            if c == "\"" {
                inString = true
                continue
            }
            if c == "/" && previous == "/" {
                out.removeLast()
                break
            }
            out.append(c)
            previous = c
        }
        return out
    }

    /// Every line of Sources/ that can trap, as (file, line number, text).
    static func findings() throws -> [(file: String, line: Int, text: String)] {
        let root = EngageRunner.repository
        let sources = root.appendingPathComponent("Sources")
        guard let pattern, let walker = FileManager.default.enumerator(atPath: sources.path) else { return [] }
        var found: [(String, Int, String)] = []
        for case let relative as String in walker
        where relative.hasSuffix(".swift") && !relative.hasPrefix("engage-bench") {
            let text = try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
            var inMultiline = false
            for (n, line) in text.components(separatedBy: "\n").enumerated() {
                if line.components(separatedBy: "\"\"\"").count == 2 {
                    inMultiline.toggle()
                    continue
                }
                if inMultiline { continue }
                let code = Self.code(line)
                if pattern.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil {
                    found.append(("Sources/" + relative, n + 1, line.trimmingCharacters(in: .whitespaces)))
                }
            }
        }
        return found
    }

    @Test(
        "every try!, fatalError, as!, force unwrap and uniqueKeysWithValues in Sources is one audited as unable to trap"
    )
    func noUnauditedTraps() throws {
        let found = try Self.findings()
        #expect(found.count >= Self.audited.count - 5, "the scan found too little: \(found.count)")
        for hit in found where !Self.audited.contains(where: { hit.file == $0.file && hit.text.contains($0.code) }) {
            Issue.record(
                "\(hit.file):\(hit.line): can trap on input: \(hit.text)\nUse guard let / ?? / Dictionary(_:uniquingKeysWith:) / a thrown error, or, if it truly cannot trap, add it with the reason to TrapLintTests.audited."
            )
        }
        for entry in Self.audited
        where !found.contains(where: { $0.file == entry.file && $0.text.contains(entry.code) }) {
            Issue.record(
                "TrapLintTests.audited lists \(entry.file): \(entry.code), which is no longer there: remove the entry.")
        }
    }

    @Test(
        "the scan finds what it looks for (a planted try! and force unwrap are found; strings and comments are not code)"
    )
    func scanFindsPlantedTraps() throws {
        let pattern = try #require(Self.pattern)
        func hit(_ line: String) -> Bool {
            let code = Self.code(line)
            return pattern.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil
        }
        #expect(hit("let x = try! load()"))
        #expect(hit("let y = dictionary[key]!"))
        #expect(hit("let z = value!.count"))
        #expect(hit("fatalError(\"no\")"))
        #expect(hit("let d = Dictionary(uniqueKeysWithValues: pairs)"))
        #expect(!hit("if a != b { return }"))
        #expect(!hit("let s = \"Hello!\" // and a comment with x!"))
        #expect(!hit("guard !list.isEmpty else { return }"))
    }
}
