import ResponseIngestion

/// Responses by identity, for an import: in a bulk import, which drops the identity
/// index inside its transaction and builds it again at the end (one sort instead of a
/// million scattered inserts), every stored response of the survey; and this import's
/// new ones, unless ingestion has already set aside the file's repeats.
///
/// It keeps only a 64-bit hash of each identity with the response's row id, in one
/// open-addressing array (16 bytes a slot): a million responses take 32 MB. A hash
/// that matches is only a candidate; the caller reads that row's identity by primary
/// key to confirm, so two identities with the same hash are told apart.
struct IdentityTable {
    private struct Slot {
        var hash: UInt64 // 0: empty
        var id: Int64
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    /// A table sized for `expected` identities without growing.
    init(expected: Int) {
        var capacity = 1024
        while capacity < expected * 2 { capacity <<= 1 }
        slots = Array(repeating: Slot(hash: 0, id: 0), count: capacity)
        mask = capacity - 1
    }

    /// The hash of an identity: ingestion's FNV-1a (``ContentHasher``), mixed so that
    /// the low bits (which pick the slot) depend on every byte; never 0.
    static func hash(_ identity: String) -> UInt64 {
        var hasher = ContentHasher()
        hasher.add(identity)
        var h = hasher.value
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 32
        return h == 0 ? 1 : h
    }

    /// Records that response `id` has an identity with this hash.
    mutating func insert(hash: UInt64, id: Int64) {
        if (count + 1) * 2 > slots.count { grow() }
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i].hash != 0 { i = (i + 1) & mask }
        slots[i] = Slot(hash: hash, id: id)
        count += 1
    }

    /// Calls `body` with the id of each response whose identity has this hash, until
    /// it returns `true`; returns whether one did.
    func first(hash: UInt64, where body: (Int64) throws -> Bool) rethrows -> Bool {
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i].hash != 0 {
            if slots[i].hash == hash, try body(slots[i].id) { return true }
            i = (i + 1) & mask
        }
        return false
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(hash: 0, id: 0), count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for slot in old where slot.hash != 0 { insert(hash: slot.hash, id: slot.id) }
    }
}
