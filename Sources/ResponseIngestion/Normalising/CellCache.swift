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
struct CellCache<Value: Sendable>: Sendable {
    private var entries: [UInt64: (bytes: [UInt8], value: Value)] = [:]
    /// Distinct spellings kept at most (free-text-like columns stop filling the cache).
    let limit: Int

    init(limit: Int = 4096) { self.limit = limit }

    mutating func value(for bytes: UnsafeBufferPointer<UInt8>, compute: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        let h = CellBytes.hash(bytes)
        if let entry = entries[h] {
            if CellBytes.equal(entry.bytes, bytes) { return entry.value }
            return compute(bytes) // a hash collision: correct, just not cached
        }
        let value = compute(bytes)
        if entries.count < limit { entries[h] = (Array(bytes), value) }
        return value
    }
}
