import Foundation
import TestSupport
import Testing

/// The sharp edges are confined and named (issue 25): every `@exclusivity(unchecked)`,
/// `@unchecked Sendable` and `unowned(unsafe)` in Sources/ is in a file whose name starts
/// with `Unsafe` and which opens with a "Sharp edges" comment (what is unchecked, why,
/// and what keeps it safe: see docs/internals.md), or is one of the few listed below,
/// each with why the compiler's check can be waived there.
@Suite("Unchecked code is confined and named")
struct UncheckedLintTests {
    static let constructs = ["@exclusivity(unchecked)", "@unchecked Sendable", "unowned(unsafe)"]

    /// (file, why the unchecked construct is sound there).
    static let audited: [(file: String, why: String)] = [
        (
            "Sources/ResponseStore/Imports/FileDigest.swift",
            "FileDigest: its result is set once under its lock and read under it"
        ),
        (
            "Sources/ResponseStore/SQLite/Database.swift",
            "BusyWait: used by SQLite's busy handler on the connection's own thread only"
        ),
        (
            "Sources/ResponseIngestion/Zip/RandomAccessBytes.swift",
            "an immutable file descriptor or byte array, read with pread"
        ),
        ("Sources/ResponseIngestion/Zip/ZipArchive.swift", "ZipBudget: its counter is changed under its lock"),
        (
            "Sources/Summaries/Comments/Redactor.swift",
            "NSRegularExpression values built once and never changed (they are thread-safe to match with)"
        ),
        (
            "Sources/engage/Commands/ImportCommands.swift",
            "ProgressLine: written by the import's progress callback, which runs on one thread at a time"
        ),
    ]

    /// Each line of `text` (a file named `name`) holding an unchecked construct that the
    /// rule does not allow, as "name:line: text".
    static func violations(name: String, text: String) -> [String] {
        let fileName = name.split(separator: "/").last.map(String.init) ?? name
        let named = fileName.hasPrefix("Unsafe") && text.contains("Sharp edges")
        let listed = audited.contains { $0.file == name }
        guard !named && !listed else { return [] }
        var found: [String] = []
        for (n, line) in text.components(separatedBy: "\n").enumerated() {
            let code = line.components(separatedBy: "//").first ?? line
            if constructs.contains(where: { code.contains($0) }) {
                found.append("\(name):\(n + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        return found
    }

    static func sources() throws -> [(name: String, text: String)] {
        let sources = EngageRunner.repository.appendingPathComponent("Sources")
        guard let walker = FileManager.default.enumerator(atPath: sources.path) else { return [] }
        var files: [(String, String)] = []
        for case let relative as String in walker where relative.hasSuffix(".swift") {
            files.append(
                (
                    "Sources/" + relative,
                    try String(contentsOf: sources.appendingPathComponent(relative), encoding: .utf8)
                ))
        }
        return files
    }

    @Test(
        "every @exclusivity(unchecked), @unchecked Sendable and unowned(unsafe) is in an Unsafe… file that says why, or one listed with its reason"
    )
    func confined() throws {
        let files = try Self.sources()
        #expect(files.count > 100, "the scan found too few files: \(files.count)")
        for violation in files.flatMap({ Self.violations(name: $0.name, text: $0.text) }) {
            Issue.record(
                "\(violation)\nMove it to a file named Unsafe… that opens with a \"Sharp edges\" comment (what is unchecked, why, what keeps it safe), or list it with its reason in UncheckedLintTests.audited."
            )
        }
        // The Unsafe… files exist and say why.
        let unsafeFiles = files.filter { ($0.name.split(separator: "/").last ?? "").hasPrefix("Unsafe") }
        #expect(unsafeFiles.count >= 4, "\(unsafeFiles.map(\.name))")
        for file in unsafeFiles {
            #expect(file.text.contains("Sharp edges"), "\(file.name) lacks its \"Sharp edges\" comment")
        }
        for entry in Self.audited {
            let text = files.first { $0.name == entry.file }?.text ?? ""
            #expect(
                Self.constructs.contains { text.contains($0) },
                "UncheckedLintTests.audited lists \(entry.file), which no longer has unchecked code: remove the entry")
        }
    }

    @Test("the scan finds an unchecked construct planted in an ordinary file, and not in a comment")
    func scanFindsPlanted() {
        let planted = "final class Shared: @unchecked Sendable {\n    @exclusivity(unchecked) var x = 0\n}\n"
        #expect(Self.violations(name: "Sources/X/Shared.swift", text: planted).count == 2)
        #expect(Self.violations(name: "Sources/X/Shared.swift", text: "// not @unchecked Sendable here\n").isEmpty)
        #expect(Self.violations(name: "Sources/X/UnsafeShared.swift", text: planted).count == 2) // no "Sharp edges"
        #expect(Self.violations(name: "Sources/X/UnsafeShared.swift", text: "// Sharp edges: x\n" + planted).isEmpty)
    }
}
