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
        var lo = 0
        var hi = buf.count
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
}

/// Remembers what each distinct cell (by its exact bytes) was read as, so a column of
/// a million answers is normalised once per distinct spelling and a repeated cell
/// costs one hash and one comparison, with no allocation.
///
/// An open-addressing table keyed by the cell's FNV-1a hash (mixed, so that the low
/// bits that pick a slot depend on every byte): `Dictionary` hashed that hash again
/// with SipHash for every cell, a tenth of a worker's time. The spellings' bytes are
/// kept one after another in one buffer, so comparing a cell with one retains nothing.
struct CellCache<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        /// The mixed hash of the slot's cell; 0 marks an empty slot.
        var hash: UInt64 = 0
        /// Where the cell's bytes are in `bytes`.
        var offset: Int32 = 0
        var length: Int32 = 0
        /// Index of the value in `values`.
        var value: Int32 = 0
    }
    private var slots: [Slot]
    private var bytes: [UInt8] = []
    private var values: [Value] = []
    /// Distinct spellings kept at most (free-text-like columns stop filling the cache).
    let limit: Int

    init(limit: Int = 4096) {
        self.limit = limit
        slots = Array(repeating: Slot(), count: 16)
    }

    /// The number of distinct spellings kept.
    var kept: Int { values.count }

    mutating func value(for cell: UnsafeBufferPointer<UInt8>, compute: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        var h = CellBytes.hash(cell)
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 32
        if h == 0 { h = 1 }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i].hash != 0 {
            if slots[i].hash == h {
                let slot = slots[i]
                let same =
                    slot.length == cell.count
                    && (cell.isEmpty
                        || bytes.withUnsafeBufferPointer {
                            memcmp($0.baseAddress! + Int(slot.offset), cell.baseAddress!, cell.count) == 0
                        })
                return same ? values[Int(slot.value)] : compute(cell) // a collision: correct, just not cached
            }
            i = (i + 1) & mask
        }
        let value = compute(cell)
        if values.count < limit, bytes.count + cell.count <= Int(Int32.max) {
            slots[i] = Slot(hash: h, offset: Int32(bytes.count), length: Int32(cell.count), value: Int32(values.count))
            bytes.append(contentsOf: cell)
            values.append(value)
            if values.count * 2 > slots.count { grow() }
        }
        return value
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.hash != 0 {
            var i = Int(truncatingIfNeeded: slot.hash) & mask
            while slots[i].hash != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
