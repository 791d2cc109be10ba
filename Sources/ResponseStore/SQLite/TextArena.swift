/// Texts waiting to be bound, copied one after another into one buffer, so that a
/// batch of rows binds them where they are (`SQLITE_STATIC`) instead of SQLite
/// allocating and copying each one: for a million responses that was a tenth of the
/// writer's time. Bind from ``withBytes(_:)`` and run the statements inside it; clear
/// the arena only after. A statement keeps pointing into the arena afterwards, so bind
/// every parameter again before it runs again (as ``BatchedInsert`` does).
struct TextArena {
    /// Where one text is in the arena; a negative length stands for NULL.
    struct Span {
        var offset: Int32
        var length: Int32
        static let null = Span(offset: 0, length: -1)
    }

    private var bytes: [UInt8] = []

    /// Copies `text` in (nothing for `nil`).
    mutating func add(_ text: String?) -> Span {
        guard var text else { return .null }
        let offset = Int32(bytes.count)
        text.withUTF8 { bytes.append(contentsOf: $0) }
        return Span(offset: offset, length: Int32(bytes.count) - offset)
    }

    /// Appends what `write` appends to the bytes it is given, as one text.
    mutating func add(writing write: (inout [UInt8]) -> Void) -> Span {
        let offset = Int32(bytes.count)
        write(&bytes)
        return Span(offset: offset, length: Int32(bytes.count) - offset)
    }

    /// Calls `body` with the arena's bytes.
    func withBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try bytes.withUnsafeBufferPointer(body)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }
}
