#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte-level helpers for reading cells without making a `String` per cell (the hot
/// path of ingestion; see docs/internals.md).
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

}

/// Remembers what each distinct cell (by its exact bytes) was read as, so a column of
/// a million answers is normalised once per distinct spelling and a repeated cell
/// costs one hash and one comparison, with no allocation.
///
/// An ``OpenAddressingTable`` keyed by the cell's FNV-1a hash, mixed
/// (``ContentHasher/slotHash``): `Dictionary` hashed that hash again with SipHash for
/// every cell, a tenth of a worker's time. The spellings' bytes are kept one after
/// another in one buffer, so comparing a cell with one retains nothing.
struct CellCache<Value: Sendable>: Sendable {
    struct Slot: HashSlot, Sendable {
        /// The mixed hash of the slot's cell; 0 marks an empty slot.
        var hash: UInt64 = 0
        /// Where the cell's bytes are in `bytes`.
        var offset: Int32 = 0
        var length: Int32 = 0
        /// Index of the value in `values`.
        var value: Int32 = 0

        static var empty: Slot { Slot() }
        var isEmpty: Bool { hash == 0 }
    }
    private var table = OpenAddressingTable<Slot>(maxLoad: (1, 2))
    private var bytes: [UInt8] = []
    private var values: [Value] = []
    /// Distinct spellings kept at most (free-text-like columns stop filling the cache).
    let limit: Int

    init(limit: Int = 4096) {
        self.limit = limit
    }

    /// The number of distinct spellings kept.
    var kept: Int { values.count }

    mutating func value(for cell: UnsafeBufferPointer<UInt8>, compute: (UnsafeBufferPointer<UInt8>) -> Value) -> Value {
        var hasher = ContentHasher()
        hasher.mix(cell)
        let h = hasher.slotHash
        let (i, found) = table.probe(h) { $0.hash == h }
        if found {
            let slot = table[i]
            let same =
                slot.length == cell.count
                && (cell.isEmpty
                    || bytes.withUnsafeBufferPointer {
                        memcmp($0.baseAddress! + Int(slot.offset), cell.baseAddress!, cell.count) == 0
                    })
            return same ? values[Int(slot.value)] : compute(cell) // a collision: correct, just not cached
        }
        let value = compute(cell)
        if values.count < limit, bytes.count + cell.count <= Int(Int32.max) {
            table.fill(
                i,
                with: Slot(hash: h, offset: Int32(bytes.count), length: Int32(cell.count), value: Int32(values.count)))
            bytes.append(contentsOf: cell)
            values.append(value)
        }
        return value
    }
}
