import CZlib

/// Something that hands out bytes in order until it runs dry (an empty array).
protocol ByteStream: AnyObject {
    func read(upTo count: Int) throws -> [UInt8]
}

/// One zip member's uncompressed bytes, read on demand: compressed data is read from
/// the archive a piece at a time and inflated through the system zlib, so a member of
/// any size needs only a few hundred kilobytes of memory.
///
/// Every byte is counted against the archive's limits (total size and expansion
/// ratio); at the end the size and CRC-32 are checked against the central directory.
final class ZipMemberStream: ByteStream {
    let entry: ZipArchive.Entry
    private let bytes: RandomAccessBytes
    private let limits: ZipArchive.Limits
    private let budget: ZipBudget
    /// Where the next compressed bytes are read from, and how many are left.
    private var inputOffset: Int
    private var inputLeft: Int
    private var inflater: Inflater?
    private var input: [UInt8] = []
    private var inputPosition = 0
    private var produced = 0
    private var crc: UInt = 0
    private var finished = false

    /// Compressed bytes read from the archive at a time.
    static let inputChunk = 256 << 10

    init(
        entry: ZipArchive.Entry, bytes: RandomAccessBytes, dataStart: Int, limits: ZipArchive.Limits, budget: ZipBudget
    ) {
        self.entry = entry
        self.bytes = bytes
        self.limits = limits
        self.budget = budget
        inputOffset = dataStart
        inputLeft = entry.compressedSize
        inflater = entry.method == 8 ? Inflater() : nil
    }

    /// Up to `count` uncompressed bytes; an empty array at the end of the member.
    func read(upTo count: Int) throws -> [UInt8] {
        try next(count)
    }

    func next(_ count: Int) throws(ZipError) -> [UInt8] {
        if finished || count <= 0 { return [] }
        var output: [UInt8]
        if let inflater {
            output = try inflate(inflater, upTo: count)
        } else {
            let n = min(count, inputLeft)
            output = try bytes.read(at: inputOffset, count: n)
            guard output.count == n else { throw .memberDamaged(member: entry.name, detail: "the file ends inside it") }
            inputOffset += n
            inputLeft -= n
            if inputLeft == 0 { finished = true }
        }
        produced += output.count
        try budget.spend(output.count, member: entry.name)
        if produced > entry.uncompressedSize {
            throw .memberDamaged(
                member: entry.name, detail: "it holds more than the \(entry.uncompressedSize) bytes its entry states")
        }
        let consumed = entry.compressedSize - inputLeft - (input.count - inputPosition)
        if produced > limits.ratioGrace && produced / max(1, consumed) > limits.maximumRatio {
            throw .ratio(member: entry.name, limit: limits.maximumRatio)
        }
        output.withUnsafeBufferPointer { crc = CZlib.crc32(crc, $0.baseAddress, uInt($0.count)) }
        if finished {
            guard produced == entry.uncompressedSize else {
                throw .memberDamaged(
                    member: entry.name,
                    detail: "it holds \(produced) bytes where its entry states \(entry.uncompressedSize)")
            }
            guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
                throw .memberDamaged(member: entry.name, detail: "its checksum (CRC-32) does not match")
            }
        }
        return output
    }

    private func inflate(_ inflater: Inflater, upTo count: Int) throws(ZipError) -> [UInt8] {
        var failure: ZipError?
        let name = entry.name
        let output = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
            var filled = 0
            while filled < count && !finished {
                if inputPosition == input.count {
                    if inputLeft == 0 {
                        failure = .memberDamaged(member: name, detail: "its compressed data ends early")
                        break
                    }
                    do {
                        input = try bytes.read(at: inputOffset, count: min(Self.inputChunk, inputLeft))
                    } catch {
                        failure = (error as? ZipError) ?? .cannotRead(reason: "\(error)")
                        break
                    }
                    guard !input.isEmpty else {
                        failure = .memberDamaged(member: name, detail: "the file ends inside it")
                        break
                    }
                    inputOffset += input.count
                    inputLeft -= input.count
                    inputPosition = 0
                }
                let step = input.withUnsafeBufferPointer { source in
                    inflater.inflate(
                        UnsafeBufferPointer(rebasing: source[inputPosition...]),
                        into: UnsafeMutableBufferPointer(rebasing: buffer[filled...]))
                }
                inputPosition += step.consumed
                filled += step.produced
                switch step.status {
                case .more: continue
                case .end: finished = true
                case .damaged(let message):
                    failure = .memberDamaged(member: name, detail: "its compressed data is invalid: \(message)")
                }
                if failure != nil { break }
            }
            initialised = filled
        }
        if let failure { throw failure }
        return output
    }
}

/// A raw-deflate decompressor (zlib's `inflate` with no header), freed with its owner.
final class Inflater {
    enum Status {
        case more, end
        case damaged(String)
    }
    private var stream = z_stream()

    init() {
        // Fails only when out of memory, which zlib reports on first use as well.
        _ = engage_inflate_init_raw(&stream)
    }

    deinit { inflateEnd(&stream) }

    /// Inflates from `input` into `output` until one runs out or the stream ends.
    func inflate(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>)
        -> (consumed: Int, produced: Int, status: Status)
    {
        // zlib takes a mutable pointer for its input but never writes through it.
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress
        stream.avail_out = uInt(output.count)
        let result = CZlib.inflate(&stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.avail_in)
        let produced = output.count - Int(stream.avail_out)
        switch result {
        case Z_STREAM_END: return (consumed, produced, .end)
        case Z_OK: return (consumed, produced, .more)
        case Z_BUF_ERROR:
            return (
                consumed, produced,
                consumed == 0 && produced == 0 && !input.isEmpty && !output.isEmpty ? .damaged("no progress") : .more
            )
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(result)"
            return (consumed, produced, .damaged(message))
        }
    }
}
