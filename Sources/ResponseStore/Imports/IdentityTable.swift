import ResponseIngestion

/// Responses by identity, for an import: in a bulk import, which drops the identity
/// index inside its transaction and builds it again at the end (one sort instead of a
/// million scattered inserts), every stored response of the survey; and this import's
/// new ones, unless ingestion has already set aside the file's repeats.
///
/// It keeps only a 64-bit hash of each identity with the response's row id, in an
/// ``OpenAddressingTable`` (16 bytes a slot, at most half full): a million responses
/// take 32 MB. A hash that matches is only a candidate; the caller reads that row's
/// identity by primary key to confirm, so two identities with the same hash are told apart.
struct IdentityTable {
    struct Slot: HashSlot {
        var hash: UInt64 // 0: empty
        var id: Int64

        static var empty: Slot { Slot(hash: 0, id: 0) }
        var isEmpty: Bool { hash == 0 }
    }

    private var table: OpenAddressingTable<Slot>

    var count: Int { table.count }

    /// A table sized for `expected` identities without growing.
    init(expected: Int) {
        table = OpenAddressingTable(capacity: 1024, expected: expected, maxLoad: (1, 2))
    }

    /// The hash of an identity: ingestion's FNV-1a (``ContentHasher``), mixed so that
    /// the low bits (which pick the slot) depend on every byte; never 0.
    static func hash(_ identity: String) -> UInt64 {
        var hasher = ContentHasher()
        hasher.add(identity)
        return hasher.slotHash
    }

    /// Records that response `id` has an identity with this hash (another response may
    /// have the same hash: both are kept).
    mutating func insert(hash: UInt64, id: Int64) {
        table.fill(table.probe(hash) { _ in false }.index, with: Slot(hash: hash, id: id))
    }

    /// Calls `body` with the id of each response whose identity has this hash, until
    /// it returns `true`; returns whether one did.
    func first(hash: UInt64, where body: (Int64) throws -> Bool) rethrows -> Bool {
        try table.probe(hash) { slot in try slot.hash == hash && body(slot.id) }.found
    }
}
