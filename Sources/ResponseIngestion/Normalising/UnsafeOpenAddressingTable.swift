// Sharp edges (see docs/internals.md, "Sharp edges").
// What is unchecked: slots are read and placed through unsafe buffer pointers, without
// bounds checks, in the probe loops every cell and identity goes through.
// Why: these loops run for every cell of every row and every stored identity, the
// hottest path of an import.
// What keeps it safe: every index is masked with `capacity - 1` (the capacity is a power
// of two), so it is always inside the buffer; the buffer is used only within the call
// that lends it, and the table is never more than `maxLoad` full, so a probe ends.
// Guarded by: CellCacheTests, InFileDuplicatesTests (growth broken on purpose fails both),
// BulkImportTests (identity hashes that collide).

/// A slot of an ``OpenAddressingTable``: what it holds, whether it is empty, and the
/// 64-bit hash that placed it.
package protocol HashSlot {
    /// The slot that marks "empty" (a new table is full of it).
    static var empty: Self { get }
    var isEmpty: Bool { get }
    /// The hash that places the slot: the probe for it starts at `hash & (capacity - 1)`.
    var hash: UInt64 { get }
}

/// The one open-addressing hash table of the fast path, used by ``CellCache`` (a
/// column's distinct spellings), ``InFileDuplicates`` (the file's identities) and the
/// store's `IdentityTable` (identities stored and imported).
///
/// The keys are hashes already (FNV-1a, ``RowHash``), so nothing is hashed again, and
/// each slot holds its own hash and payload in one array: a probe touches one slot (one
/// cache line) instead of `Dictionary`'s SipHash and separate key and value storage.
/// Linear probing over a power-of-two capacity; slots are never removed, so a probe
/// that reached slot `i` once may start there again later (``probe(_:from:matching:)``).
/// Grows (doubling, every slot placed again) when more than `maxLoad` of it is full.
package struct OpenAddressingTable<Slot: HashSlot> {
    @usableFromInline var slots: [Slot]
    @usableFromInline var mask: Int
    package private(set) var count = 0
    @usableFromInline let loadNumerator: Int
    @usableFromInline let loadDenominator: Int

    /// A table of at least `capacity` slots (rounded up to a power of two, at least 16)
    /// that grows when more than `maxLoad.0 / maxLoad.1` of its slots are full; with
    /// `expected`, large enough for that many entries without growing.
    package init(capacity: Int = 16, expected: Int = 0, maxLoad: (Int, Int)) {
        var size = 16
        while size < capacity || size * maxLoad.0 < expected * maxLoad.1 { size <<= 1 }
        slots = Array(repeating: Slot.empty, count: size)
        mask = size - 1
        loadNumerator = maxLoad.0
        loadDenominator = maxLoad.1
    }

    package var capacity: Int { slots.count }

    /// Where the probe for `hash` ends: at the first full slot `matches` accepts
    /// (`found`), or at the first empty slot (where an entry with this hash may go).
    /// `start`: a slot an earlier probe for this hash reached, to go on from there.
    @inlinable @inline(__always)
    package func probe(_ hash: UInt64, from start: Int? = nil, matching matches: (Slot) throws -> Bool) rethrows
        -> (index: Int, found: Bool)
    {
        try slots.withUnsafeBufferPointer { table in
            let mask = self.mask
            var i = start ?? Int(truncatingIfNeeded: hash) & mask
            while !table[i].isEmpty {
                if try matches(table[i]) { return (i, true) }
                i = (i + 1) & mask
            }
            return (i, false)
        }
    }

    /// The slot at `index` (from ``probe(_:from:matching:)``).
    @inlinable
    package subscript(index: Int) -> Slot { slots[index] }

    /// Puts `slot` in the empty slot at `index` that ``probe(_:from:matching:)`` ended
    /// at, then grows the table if it is now too full (which moves slots: indexes and
    /// probe starts from before are void).
    @inlinable
    package mutating func fill(_ index: Int, with slot: Slot) {
        precondition(slots[index].isEmpty, "fill(_:with:) takes the empty slot a probe ended at")
        slots[index] = slot
        count += 1
        if count * loadDenominator > slots.count * loadNumerator { grow() }
    }

    @usableFromInline
    mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot.empty, count: old.count * 2)
        mask = slots.count - 1
        slots.withUnsafeMutableBufferPointer { table in
            for slot in old where !slot.isEmpty {
                var i = Int(truncatingIfNeeded: slot.hash) & mask
                while !table[i].isEmpty { i = (i + 1) & mask }
                table[i] = slot
            }
        }
    }
}

extension OpenAddressingTable: Sendable where Slot: Sendable {}
