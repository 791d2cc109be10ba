import TestSupport
import Testing

@testable import ResponseIngestion

@Suite("CSV reader on random input")
struct CSVFuzzTests {
    /// Bytes that matter to the parser, plus anything at all.
    static func randomInput(_ g: inout SeededGenerator) -> [UInt8] {
        let interesting: [UInt8] = [
            0x22, 0x2C, 0x3B, 0x09, 0x0A, 0x0D, 0x61, 0x20, 0xE2, 0x80, 0x99, 0xA3, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0xD8,
            0x3D,
        ]
        let length = Int.random(in: 0...120, using: &g)
        var bytes: [UInt8] = []
        let anyByteChance = Int.random(in: 0...4, using: &g)
        for _ in 0..<length {
            if Int.random(in: 0..<10, using: &g) < anyByteChance {
                bytes.append(UInt8.random(in: 1...255, using: &g))
            } else {
                bytes.append(interesting.randomElement(using: &g)!)
            }
        }
        // Sometimes start with a byte-order mark.
        switch Int.random(in: 0..<6, using: &g) {
        case 0: bytes = [0xEF, 0xBB, 0xBF] + bytes
        case 1: bytes = [0xFF, 0xFE] + bytes
        case 2: bytes = [0xFE, 0xFF] + bytes
        default: break
        }
        return bytes
    }

    @Test("thousands of random inputs never crash or hang, and chunk size never changes the result")
    func randomInputs() throws {
        var g = SeededGenerator(seed: 20_261_123)
        var parsed = 0
        for _ in 0..<4000 {
            let input = Self.randomInput(&g)
            let whole: ReadResult
            do {
                whole = try readCSV(input)
            } catch let error as CSVError {
                // Only "not text" may be refused, and then for every chunk size.
                guard case .notText = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(throws: CSVError.self) { try readCSV(input, chunkSize: 3) }
                continue
            }
            parsed += 1
            let chunk = Int.random(in: 1...9, using: &g)
            let small = try readCSV(input, chunkSize: chunk)
            #expect(small == whole, "chunk \(chunk) input \(input)")
            // Lines only go forward, and no record starts past the last line.
            let lines = whole.lines
            #expect(lines == lines.sorted())
            #expect(Set(lines).count == lines.count)
        }
        #expect(parsed > 2000)
    }
}
