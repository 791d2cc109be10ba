import Foundation
import Testing

@testable import ResponseStore

@Suite("SHA-256")
struct SHA256Tests {
    @Test("the empty message hashes to the FIPS 180-2 vector")
    func empty() {
        #expect(SHA256.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("abc hashes to the FIPS 180-2 vector")
    func abc() {
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("the two-block FIPS 180-2 message hashes correctly")
    func twoBlocks() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(
            SHA256.hex(of: Array(message.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("hashing in uneven chunks gives the same digest as hashing at once")
    func chunked() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 127, 1000, 3] where offset < bytes.count {
            let end = min(bytes.count, offset + size)
            hasher.update(bytes[offset..<end])
            offset = end
        }
        hasher.update(bytes[offset...])
        #expect(SHA256.hexString(hasher.finalize()) == SHA256.hex(of: bytes))
    }

    @Test("a file is hashed by streaming it, matching the one-shot digest")
    func file() throws {
        let dir = TemporaryDirectory()
        let bytes = (0..<(3 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 131) }
        try Data(bytes).write(to: URL(fileURLWithPath: dir.file("export.csv")))
        #expect(try SHA256.hex(ofFile: dir.file("export.csv")) == SHA256.hex(of: bytes))
    }

    @Test("a million a's hash to the FIPS 180-2 vector")
    func millionA() {
        let bytes = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(SHA256.hex(of: bytes) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
