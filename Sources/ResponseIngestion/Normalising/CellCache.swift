#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level helpers for reading cells without making a `String` per cell (the hot
/// path of ingestion; see docs/performance.md).
enum CellBytes {
    /// ASCII whitespace as `Unicode.Scalar.Properties.isWhitespace` sees it: tab, LF,
    /// VT, FF, CR and space.
    @inline(__always)
    static func isASCIIWhitespace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The cell without surrounding ASCII whitespace, or `nil` when what is left starts
    /// or ends with a non-ASCII byte (it may be Unicode whitespace such as a no-break
    /// space): the caller then trims the `String` instead, so both paths agree.
    @inline(__always)
    static func trimmedASCII(_ buf: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var lo = 0, hi = buf.count
        while lo < hi && isASCIIWhitespace(buf[lo]) { lo += 1 }
        while hi > lo && isASCIIWhitespace(buf[hi - 1]) { hi -= 1 }
        if lo < hi && (buf[lo] >= 0x80 || buf[hi - 1] >= 0x80) { return nil }
        return UnsafeBufferPointer(rebasing: buf[lo..<hi])
    }

    /// The cell trimmed of all whitespace, as a `String`.
    static func trimmedString(_ buf: UnsafeBufferPointer<UInt8>) -> String {
        if let t = trimmedASCII(buf) { return String(decoding: t, as: UTF8.self) }
        return String(decoding: buf, as: UTF8.self).trimmingWhitespace()
    }

    /// Whether the cell holds nothing but whitespace.
    static func isBlank(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        if let t = trimmedASCII(buf) { return t.isEmpty }
        return String(decoding: buf, as: UTF8.self).trimmingWhitespace().isEmpty
    }

    /// 64-bit FNV-1a of the bytes.
    @inline(__always)
    static func hash(_ buf: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in buf {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }

    static func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && (a.isEmpty || a.withUnsafeBufferPointer { memcmp($0.baseAddress!, b.baseAddress!, a.count) == 0 })
    }
}

/// Remembers what each distinct cell (by its exact bytes) was read as, so a column of
/// a million answers is normalised once per distinct spelling and a repeated cell
/// costs one hash and one comparison, with no allocation.
///
/// An open-addressing table keyed by the cell's FNV-1a hash (mixed, so that the low
/// bits that pick a slot depend on every byte): `Dictionary` hashed that hash again
/// with SipHash for every cell, a tenth of a worker's time.
struct CellCache<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var bytes: [UInt8]
        var value: Value
    }
    /// The mixed hash of each slot's cell; 0 marks an empty slot.
    private var hashes: [UInt64]
    private var entries: [Entry?]
    private var count = 0
    /// Distinct spellings kept at most (free-text-like columns stop filling the cache).
    let limit: Int

    init(limit: Int = 4096) {
        self.limit = limit
        hashes = Array(repeating: 0, count: 16)
        entries = Array(repeating: nil, count: 16)
    }

    /// The number of distinct spellings kept.
    var kept: Int { count }

    mutating func value(for bytes: UnsafeBufferPointer<UInt8>, compute: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        var h = CellBytes.hash(bytes)
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 32
        if h == 0 { h = 1 }
        let mask = hashes.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while hashes[i] != 0 {
            if hashes[i] == h {
                if let entry = entries[i], CellBytes.equal(entry.bytes, bytes) { return entry.value }
                return compute(bytes) // a hash collision: correct, just not cached
            }
            i = (i + 1) & mask
        }
        let value = compute(bytes)
        if count < limit {
            hashes[i] = h
            entries[i] = Entry(bytes: Array(bytes), value: value)
            count += 1
            if count * 2 > hashes.count { grow() }
        }
        return value
    }

    private mutating func grow() {
        let oldHashes = hashes, oldEntries = entries
        hashes = Array(repeating: 0, count: oldHashes.count * 2)
        entries = Array(repeating: nil, count: oldHashes.count * 2)
        let mask = hashes.count - 1
        for j in oldHashes.indices where oldHashes[j] != 0 {
            var i = Int(truncatingIfNeeded: oldHashes[j]) & mask
            while hashes[i] != 0 { i = (i + 1) & mask }
            hashes[i] = oldHashes[j]
            entries[i] = oldEntries[j]
        }
    }
}
