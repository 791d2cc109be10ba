/// A 64-bit hash of a row's raw bytes (every cell, as the file has it), the in-file
/// identity of a response that has no platform id: two rows are the same response
/// only when everything the export says about them is the same.
///
/// Eight bytes a step (one multiply and a shift each) rather than FNV's one byte a
/// step: every accepted row of an export without ids is hashed whole, on the workers,
/// and a row is 100-200 bytes. The stored identity is `row:` and its hex digits
/// (``ResponseIdentity/row(_:occurrence:)``), kept as first written.
enum RowHash {
    private static let k0: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let k1: UInt64 = 0xBF58_476D_1CE4_E5B9
    private static let k2: UInt64 = 0x94D0_49BB_1331_11EB

    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = k0 ^ UInt64(bytes.count) &* k1
        guard let base = bytes.baseAddress else { return finish(h) }
        let raw = UnsafeRawPointer(base)
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* k1
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                word |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ word) &* k2
            h ^= h >> 29
        }
        return finish(h)
    }

    private static func finish(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 30
        h &*= k1
        h ^= h >> 27
        h &*= k2
        h ^= h >> 31
        return h
    }
}
