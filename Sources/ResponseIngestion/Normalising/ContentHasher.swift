/// The fast path's one 64-bit FNV-1a hash, for content fingerprints, cells
/// (``CellCache``) and identities (the store's identity table). Not cryptographic: it
/// tells changed responses from repeated ones.
package struct ContentHasher {
    /// The hash of what has been added so far (FNV-1a's offset basis before anything is).
    package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    /// Mixes in bytes without ending the field.
    @inline(__always)
    mutating func mix<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        var h = value
        for byte in bytes {
            h ^= UInt64(byte)
            h &*= Self.prime
        }
        value = h
    }

    /// Ends a field, so that "ab" + "c" and "a" + "bc" hash differently.
    @inline(__always)
    private mutating func endField() {
        value ^= 0x1F
        value &*= Self.prime
    }

    /// A hasher with nothing added yet.
    package init() {}

    /// A hasher in state `seed` (for tests of the steps).
    init(seed: UInt64) { value = seed }

    /// Hashes `text`'s UTF-8 bytes as one field (ending it, so that fields cannot run together).
    package mutating func add(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ mix($0) }) == nil { mix(text.utf8) }
        endField()
    }

    /// Hashes UTF-8 bytes as `add(_:)` hashes the `String` they spell.
    mutating func add(bytes: UnsafeBufferPointer<UInt8>) {
        mix(bytes)
        endField()
    }

    /// Hashes `prefix` and the 16 hex digits of `other` as one string (the same value as
    /// `add(prefix + other.hex)`), without building it: the fingerprint identity's key.
    mutating func add(_ prefix: StaticString, hexDigitsOf other: ContentHasher) {
        mix(UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        var h = value
        let v = other.value
        for k in 0..<16 {
            h ^= UInt64(Self.hexDigit(v, k))
            h &*= Self.prime
        }
        value = h
        endField()
    }

    /// Hashes `prefix` and `rest` as one string (the same value as `add(prefix + rest)`),
    /// without building it.
    mutating func add<Bytes: Sequence<UInt8>>(_ prefix: StaticString, _ rest: Bytes) {
        mix(UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount))
        mix(rest)
        endField()
    }

    /// One answer, as the content hash has always taken it: question, option, text.
    mutating func add(answerTo question: String, option: String, text: String) {
        add(question)
        add(option)
        add(text)
    }

    /// Hashing a fixed run of bytes, made to take one multiply, one add and one table
    /// read from any state instead of a multiply per byte.
    ///
    /// FNV-1a's step `h = (h ^ b) · p` changes only the low 8 bits with the xor, so it
    /// is `h · p + e · p` with `e` depending on the low 8 bits of `h` alone; and the low
    /// 8 bits of a product depend only on the factors' low 8 bits. By induction, hashing
    /// `L` bytes from state `h` gives `h · p^L + G[h & 0xff]` for a table `G` of 256
    /// values, computed here once per run of bytes. The result is exactly the bytewise
    /// hash (`ContentHasherTests` checks both ways agree).
    package struct Step: Sendable {
        /// `p^L`, then `G[0]` ... `G[255]`.
        private let table: [UInt64]

        /// The step for `bytes`.
        package init(_ bytes: [UInt8]) {
            var power: UInt64 = 1
            for _ in bytes { power &*= ContentHasher.prime }
            var table = [power]
            table.reserveCapacity(257)
            for low in 0..<UInt64(256) {
                var h = low
                for b in bytes {
                    h ^= UInt64(b)
                    h &*= ContentHasher.prime
                }
                table.append(h &- low &* power)
            }
            self.table = table
        }

        /// The step for one answer with no text, as ``add(answerTo:option:text:)`` hashes it.
        package static func answer(question: String, option: String) -> Step {
            Step(Array(question.utf8) + [0x1F] + Array(option.utf8) + [0x1F, 0x1F])
        }

        @inline(__always)
        func applied(to h: UInt64) -> UInt64 {
            table.withUnsafeBufferPointer { t in h &* t[0] &+ t[1 + Int(h & 0xff)] }
        }
    }

    /// Hashes the bytes `step` was made for.
    @inline(__always)
    package mutating func add(_ step: Step) {
        value = step.applied(to: value)
    }

    mutating func add(_ number: Int64) {
        var n = UInt64(bitPattern: number)
        for _ in 0..<8 {
            value ^= n & 0xFF
            value &*= Self.prime
            n >>= 8
        }
    }

    /// The hash with its bits mixed (a multiply and two shifts), so that the low bits
    /// an ``OpenAddressingTable`` picks a slot by depend on every byte; never 0 (the
    /// tables' empty mark). The one mixing step of the fast path's tables.
    @inline(__always)
    package var slotHash: UInt64 {
        var h = value
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 32
        return h == 0 ? 1 : h
    }

    /// The 16 lower-case hex digits of the hash, as bytes (nothing allocated).
    var hexDigits: LazyMapSequence<Range<Int>, UInt8> {
        let v = value
        return (0..<16).lazy.map { k in Self.hexDigit(v, k) }
    }

    /// Hex digit `k` (0: the most significant) of `v`, lower case, as an ASCII byte.
    @inline(__always)
    static func hexDigit(_ v: UInt64, _ k: Int) -> UInt8 {
        let nibble = UInt8((v >> UInt64(60 - 4 * k)) & 0xF)
        return nibble < 10 ? 48 + nibble : 87 + nibble
    }

    /// The hash as 16 lower-case hex digits.
    var hex: String {
        String(unsafeUninitializedCapacity: 16) { out in
            for (k, digit) in hexDigits.enumerated() { out[k] = digit }
            return 16
        }
    }
}
