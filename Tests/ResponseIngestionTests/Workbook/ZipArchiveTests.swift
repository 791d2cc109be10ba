import Foundation
import TestSupport
import Testing

@testable import ResponseIngestion

@Suite("Zip archives: what platforms write, and what hostile files try")
struct ZipArchiveTests {
    typealias S = WorkbookTestSupport

    static func archive(_ bytes: [UInt8], limits: ZipArchive.Limits = ZipArchive.Limits()) throws -> ZipArchive {
        try ZipArchive(bytes: RandomAccessBytes(bytes: bytes), limits: limits)
    }

    static func fixture(_ name: String) throws -> ZipArchive {
        try ZipArchive(bytes: RandomAccessBytes(path: S.fixtures.appendingPathComponent(name).path, displayName: name))
    }

    @Test("a member written as a stream (sizes in a data descriptor) reads whole, its checksum checked")
    func streamed() throws {
        let archive = try Self.fixture("google-forms-download.zip")
        let entry = try #require(archive.entries.first)
        #expect(entry.flags & 0x8 != 0) // Python's zipfile wrote a data descriptor
        let text = String(decoding: try S.member(archive, entry.name), as: UTF8.self)
        #expect(text.hasPrefix("\"Timestamp\",\"Stage of the process\""))
        #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count >= 49)
    }

    @Test("a zip64 archive (zip64 end records and extra fields) gives the same member as the plain zip")
    func zip64() throws {
        let plain = try S.member(try Self.fixture("surveymonkey.zip"), "CSV/Parent carer feedback.csv")
        let wide = try Self.fixture("surveymonkey-zip64.zip")
        #expect(wide.entries.map(\.name) == ["CSV/Parent carer feedback.csv"])
        #expect(try S.member(wide, "CSV/Parent carer feedback.csv") == plain)
    }

    @Test("stored and deflated members read back exactly, in pieces of any size")
    func roundTrip() throws {
        var g = SeededGenerator(seed: 22)
        let text = (0..<5000).map { _ in UInt8.random(in: 0x20...0x7E, using: &g) }
        var zip = ZipWriter()
        zip.add("stored.txt", text, compress: false)
        zip.add("deflated.txt", text)
        zip.add("empty.txt", [])
        let archive = try Self.archive(zip.finished())
        for name in ["stored.txt", "deflated.txt"] {
            for piece in [1, 7, 4096] {
                let stream = try archive.open(archive.entry(name)!)
                var all: [UInt8] = []
                while case let chunk = try stream.next(piece), !chunk.isEmpty { all += chunk }
                #expect(all == text, "\(name) in pieces of \(piece)")
            }
        }
        #expect(try S.member(archive, "empty.txt").isEmpty)
    }

    @Test(
        "member names that climb out of the archive are refused",
        arguments: ["../evil.csv", "/etc/passwd", "a/../../b.csv", "C:\\x.csv", "..\\x.csv"])
    func climbing(name: String) throws {
        var zip = ZipWriter()
        zip.add(name, Array("a,b\n".utf8))
        let bytes = zip.finished()
        #expect(throws: ZipError.climbingName(name)) { try Self.archive(bytes) }
    }

    /// Where the central directory's first entry starts.
    static func directoryStart(_ bytes: [UInt8]) -> Int? {
        (0..<(bytes.count - 4)).first { i in
            bytes[i] == 0x50 && bytes[i + 1] == 0x4B && bytes[i + 2] == 1 && bytes[i + 3] == 2
        }
    }

    /// A member of `size` zeros: deflate packs it about a thousand times.
    static func bomb(_ size: Int) -> [UInt8] {
        var zip = ZipWriter()
        zip.add("responses.csv", [UInt8](repeating: 0x30, count: size))
        return zip.finished()
    }

    @Test("a zip bomb is refused from its stated sizes, before any inflating")
    func bombStated() throws {
        let archive = try Self.archive(Self.bomb(64 << 20))
        // (Zeros deflate to about a thousandth; a search from the start finds the directory.)
        let entry = try #require(archive.entry("responses.csv"))
        #expect(entry.uncompressedSize / entry.compressedSize > 200)
        #expect(throws: ZipError.ratio(member: "responses.csv", limit: 200)) { try archive.open(entry) }
    }

    @Test("a zip bomb that understates its size is stopped while inflating")
    func bombLying() throws {
        var bytes = Self.bomb(64 << 20)
        // Rewrite the central directory's uncompressed size to 2 MiB, a believable ratio.
        let directory = try #require(Self.directoryStart(bytes))
        let stated = 2 << 20
        for k in 0..<4 { bytes[directory + 24 + k] = UInt8((stated >> (8 * k)) & 0xFF) }
        let archive = try Self.archive(bytes)
        let stream = try archive.open(try #require(archive.entry("responses.csv")))
        var produced = 0
        let error = #expect(throws: ZipError.self) {
            while case let chunk = try stream.next(1 << 20), !chunk.isEmpty { produced += chunk.count }
        }
        #expect(produced <= stated)
        // Either limit may stop it first: the ratio (200 after the first MiB) or the stated size.
        switch error {
        case .ratio?, .memberDamaged?: break
        default: Issue.record("unexpected \(String(describing: error))")
        }
    }

    @Test("the total an archive may expand to is a limit of its own")
    func total() throws {
        var g = SeededGenerator(seed: 7)
        var zip = ZipWriter()
        zip.add("a.csv", (0..<(600 << 10)).map { _ in UInt8.random(in: 0x30...0x39, using: &g) })
        zip.add("b.csv", (0..<(600 << 10)).map { _ in UInt8.random(in: 0x30...0x39, using: &g) })
        var limits = ZipArchive.Limits()
        limits.maximumTotalBytes = 1 << 20
        let archive = try Self.archive(zip.finished(), limits: limits)
        _ = try S.member(archive, "a.csv")
        #expect(throws: ZipError.tooLarge(member: "b.csv", limit: 1 << 20)) { try S.member(archive, "b.csv") }
    }

    @Test(
        "a damaged member fails its checksum; a cut-off download has no table of contents; encrypted members are refused"
    )
    func damaged() throws {
        var zip = ZipWriter()
        zip.add("a.csv", Array("Timestamp,Answer\n01/02/2021,Yes\n".utf8), compress: false)
        let good = zip.finished()
        var flipped = good
        flipped[30 + 5 + 3] ^= 0x20 // a byte of the stored data, after the 30-byte header and "a.csv"
        #expect(throws: ZipError.memberDamaged(member: "a.csv", detail: "its checksum (CRC-32) does not match")) {
            try S.member(try Self.archive(flipped), "a.csv")
        }
        #expect(throws: ZipError.noCentralDirectory) { try Self.archive(Array(good.prefix(good.count - 30))) }
        var encrypted = good
        let directory = try #require(Self.directoryStart(encrypted))
        encrypted[directory + 8] |= 1
        let archive = try Self.archive(encrypted)
        #expect(throws: ZipError.encrypted(member: "a.csv")) { try archive.open(archive.entry("a.csv")!) }
    }
}
