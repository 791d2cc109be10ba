import Testing

@testable import ResponseIngestion

@Suite("Cell cache")
struct CellCacheTests {
    /// Looks `text` up, counting the calls to `compute` in `computed`.
    func lookUp(_ cache: inout CellCache<String>, _ text: String, _ computed: inout Int) -> String {
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            cache.value(for: bytes) { b in
                computed += 1
                return "read:" + String(decoding: b, as: UTF8.self)
            }
        }
    }

    @Test("each distinct spelling is computed once and always read back as itself, past growth and up to the limit")
    func distinctSpellings() {
        var cache = CellCache<String>(limit: 1_000)
        var computed = 0
        // Near spellings (and the empty cell) first, so that they are among those kept.
        let spellings = ["", "agree", "Agree", "Agree ", "a\u{00A0}"] + (0..<1_500).map { "Agree \($0)" }
        for round in 0..<3 {
            for text in spellings {
                #expect(lookUp(&cache, text, &computed) == "read:" + text)
            }
            // The first 1,000 distinct spellings are kept; the rest are computed each time.
            #expect(computed == spellings.count + round * (spellings.count - 1_000))
        }
        #expect(cache.kept == 1_000)
    }

    @Test("spellings that differ only in bytes the hash mixes late are told apart")
    func nearSpellings() {
        var cache = CellCache<String>()
        var computed = 0
        let spellings = (0..<256).map {
            String(decoding: [UInt8(ascii: "x"), UInt8($0 & 0x7f), UInt8($0 >> 7)], as: UTF8.self)
        }
        for text in spellings + spellings {
            #expect(lookUp(&cache, text, &computed) == "read:" + text)
        }
        #expect(computed == Set(spellings).count)
    }
}
