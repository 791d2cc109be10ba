import TestSupport
import Testing

@testable import ResponseIngestion

@Suite("Scanning plain bytes eight at a time")
struct SkipPlainTests {
    /// The first index from `start` whose byte is `stop` or below 14, byte by byte.
    func reference(_ bytes: [UInt8], from start: Int, stop: UInt8) -> Int {
        var i = start
        while i < bytes.count && bytes[i] != stop && bytes[i] >= 14 { i += 1 }
        return i
    }

    @Test("finds exactly the byte a byte-by-byte scan finds, from every start, for every kind of stop")
    func matchesBytewise() {
        var random = SeededGenerator(seed: 64)
        // Mostly plain text, with stops, control bytes, bytes just above and below them,
        // and non-ASCII bytes sprinkled in.
        let specials: [UInt8] = [
            0x22, 0x2C, 0x3B, 0x09, 0x7C, 0x0A, 0x0D, 0x0E, 0x0C, 0x00, 0x21, 0x23, 0x2B, 0x2D, 0x80, 0xA2, 0xAC, 0xFF,
            0xE2,
        ]
        for _ in 0..<300 {
            let count = Int.random(in: 0...80, using: &random)
            let density = Int.random(in: 1...30, using: &random)
            let bytes: [UInt8] = (0..<count).map { _ in
                Int.random(in: 0..<density, using: &random) == 0
                    ? specials.randomElement(using: &random)! : UInt8.random(in: 0x20...0x7E, using: &random)
            }
            for stop in [UInt8(0x22), 0x2C, 0x3B, 0x09, 0x7C] {
                bytes.withUnsafeBufferPointer { buf in
                    for start in 0...count {
                        #expect(
                            CSVTokenizer.skipPlain(buf, from: start, stop: stop)
                                == reference(bytes, from: start, stop: stop),
                            "\(bytes) from \(start), stop \(stop)")
                    }
                }
            }
        }
    }
}
