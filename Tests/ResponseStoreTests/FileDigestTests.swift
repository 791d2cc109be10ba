import Foundation
import ResponseIngestion
import Testing

@testable import ResponseStore

/// A large file's SHA-256 is computed beside its import (FileDigest): the import must
/// record the same digest as hashing first, still skip a file imported before, and
/// fail cleanly, keeping nothing, when the file cannot be hashed.
@Suite("Hashing a file beside its import")
struct FileDigestTests {
    /// A file with `text`, and its digest computed beside (on a thread of its own).
    func file(_ dir: TemporaryDirectory, _ name: String, _ text: String) throws -> (path: String, digest: FileDigest) {
        let path = dir.file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (path, FileDigest.computing(path: path) { reason in FixtureError.notImported(reason) })
    }

    @Test("the digest computed beside is the file's SHA-256, and it is what the first import records")
    func recordsTheDigest() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        let (path, digest) = try file(dir, "a.csv", String(repeating: "Respondent,Answer\r\n", count: 5_000))
        let result = try store.importFile(info: Fixture.info("a.csv", digest: digest, source: nil)) { sink in
            for i in 0..<3 { try sink.accept(Fixture.response("r\(i)")) }
        }
        guard case .imported(let summary) = result else {
            Issue.record("not imported: \(result)")
            return
        }
        #expect(summary.accepted == 3)
        // The hasher itself is checked against published vectors in SHA256Tests.
        let expected = try SHA256.hex(ofFile: path)
        #expect(try digest.value() == expected)
        #expect(try store.listImports().map(\.sha256) == [expected])
        #expect(try store.findImport(sha256: "pending") == nil)
    }

    @Test("an import whose digest its own reading gives records that digest, not the placeholder it held meanwhile")
    func digestFromReading() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        let digest = FileDigest.fromReading()
        let bytes = Array(String(repeating: "Respondent,Answer\r\n", count: 5_000).utf8)
        let result = try store.importFile(info: Fixture.info("a.csv", digest: digest, source: nil)) { sink in
            #expect(digest.ifReady == nil)
            for i in 0..<3 { try sink.accept(Fixture.response("r\(i)")) }
            let read = ReadDigest()
            for chunk in stride(from: 0, to: bytes.count, by: 1000) {
                read.observe(Array(bytes[chunk..<min(chunk + 1000, bytes.count)]))
            }
            digest.fulfil(read.finish())
        }
        guard case .imported = result else {
            Issue.record("not imported: \(result)")
            return
        }
        #expect(try store.listImports().map(\.sha256) == [SHA256.hex(of: bytes)])
        #expect(try store.findImport(sha256: "pending") == nil)
    }

    @Test("an import whose reading gives the digest of an import stored meanwhile rolls back and reports that import")
    func landedMeanwhile() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        let bytes = Array("Respondent,Answer\r\n1,Agree\r\n".utf8)
        // The first import starts with no import stored, so it cannot skip the file first.
        let digest = FileDigest.fromReading()
        let other = try Store(path: dir.file("engage.sqlite"))
        let result = try store.importFile(info: Fixture.info("a.csv", digest: digest, source: nil)) { sink in
            try sink.accept(Fixture.response("r1"))
            digest.fulfil(SHA256.hex(of: bytes))
        }
        guard case .imported = result else {
            Issue.record("not imported: \(result)")
            return
        }
        let before = try store.snapshot()
        // The same bytes again, as a second engage that began before the first landed.
        let again = FileDigest.fromReading()
        let repeated = try other.importFile(info: Fixture.info("copy.csv", digest: again, source: nil)) { sink in
            try sink.accept(Fixture.response("r2"))
            again.fulfil(SHA256.hex(of: bytes))
        }
        guard case .alreadyImported(let record) = repeated else {
            Issue.record("imported twice: \(repeated)")
            return
        }
        #expect(record.fileName == "a.csv")
        #expect(try store.snapshot() == before)
    }

    @Test("a file imported before is skipped unread when its digest is computed beside, the store unchanged")
    func skipsAFileImportedBefore() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        let text = "Respondent,Answer\r\n1,Agree\r\n"
        let first = try file(dir, "a.csv", text)
        _ = try store.importFile(info: Fixture.info("a.csv", digest: first.digest, source: nil)) { sink in
            try sink.accept(Fixture.response("1"))
        }
        let before = try store.snapshot()
        // The same bytes under another name: found by digest, the body never runs.
        let again = try file(dir, "copy of a.csv", text)
        var bodyRan = false
        let result = try store.importFile(info: Fixture.info("copy of a.csv", digest: again.digest, source: nil)) {
            sink in
            bodyRan = true
            try sink.accept(Fixture.response("2"))
        }
        guard case .alreadyImported(let record) = result else {
            Issue.record("imported again: \(result)")
            return
        }
        #expect(record.fileName == "a.csv")
        #expect(!bodyRan)
        #expect(try store.snapshot() == before)
        // Other bytes land.
        let other = try file(dir, "b.csv", text + "2,Disagree\r\n")
        let landed = try store.importFile(info: Fixture.info("b.csv", digest: other.digest, source: nil)) { sink in
            try sink.accept(Fixture.response("2"))
        }
        guard case .imported = landed else {
            Issue.record("not imported: \(landed)")
            return
        }
        #expect(
            try store.listImports().map(\.sha256) == [
                try SHA256.hex(ofFile: first.path), try SHA256.hex(ofFile: other.path),
            ])
    }

    @Test("a file that cannot be hashed fails its import with the digest's error, and nothing is kept")
    func unreadableFile() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        let digest = FileDigest.computing(path: dir.file("missing.csv")) { reason in FixtureError.notImported(reason) }
        let before = try store.snapshot()
        #expect(throws: FixtureError.self) {
            _ = try store.importFile(info: Fixture.info("missing.csv", digest: digest, source: nil)) { sink in
                for i in 0..<3 { try sink.accept(Fixture.response("r\(i)")) }
            }
        }
        #expect(try store.snapshot() == before)
        #expect(try store.integrityCheck() == ["ok"])
    }
}
