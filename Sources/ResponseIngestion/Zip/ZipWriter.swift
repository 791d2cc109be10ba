import CZlib

/// Writes a zip archive in memory, each member deflated through the system zlib as it
/// is written (so a member's uncompressed bytes are never all held): the container of
/// the workbooks engage writes. Sizes and CRC-32 go in each member's local header
/// (patched when the member ends, no data descriptors, which some readers mishandle).
/// Members carry a fixed date (1980-01-01), so the same content gives the same bytes.
/// No zip64: what engage writes stays far below 4 GiB compressed.
package struct ZipWriter {
    private(set) var bytes: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0
    private var member: Member?

    /// The member being written.
    private struct Member {
        var name: [UInt8]
        var offset: Int
        var dataStart: Int
        var crc: UInt = 0
        var size = 0
        var deflater: Deflater?
    }

    /// An empty archive.
    package init() {}

    /// Adds a whole member; `compress: false` stores it as it is.
    package mutating func add(_ name: String, _ data: [UInt8], compress: Bool = true) {
        begin(name, compress: compress)
        write(data)
        end()
    }

    /// Starts a member, ending any member still open.
    mutating func begin(_ name: String, compress: Bool = true) {
        if member != nil { end() }
        let nameBytes = Array(name.utf8)
        let offset = bytes.count
        Self.put32(0x0403_4b50, &bytes)
        Self.put16(20, &bytes) // version needed: 2.0
        Self.put16(0x0800, &bytes) // names are UTF-8
        Self.put16(compress ? 8 : 0, &bytes)
        Self.put16(0, &bytes) // time 00:00
        Self.put16(0x0021, &bytes) // date 1980-01-01
        Self.put32(0, &bytes) // CRC-32 and sizes: patched by end()
        Self.put32(0, &bytes)
        Self.put32(0, &bytes)
        Self.put16(UInt16(nameBytes.count), &bytes)
        Self.put16(0, &bytes)
        bytes.append(contentsOf: nameBytes)
        member = Member(name: nameBytes, offset: offset, dataStart: bytes.count, deflater: compress ? Deflater() : nil)
    }

    /// Appends to the open member.
    package mutating func write(_ data: [UInt8]) {
        data.withUnsafeBufferPointer { write($0) }
    }

    /// Appends `data` to the member being written.
    package mutating func write(_ data: UnsafeBufferPointer<UInt8>) {
        guard var open = member else { return }
        member = nil
        open.crc = crc32(open.crc, data.baseAddress, uInt(data.count))
        open.size += data.count
        if let deflater = open.deflater {
            deflater.deflate(data, finish: false, into: &bytes)
        } else {
            bytes.append(contentsOf: data)
        }
        member = open
    }

    /// Ends the open member: flushes the deflater and fills in its header.
    package mutating func end() {
        guard let open = member else { return }
        member = nil
        open.deflater?.deflate(UnsafeBufferPointer(start: nil, count: 0), finish: true, into: &bytes)
        let packed = bytes.count - open.dataStart
        let crc = UInt32(truncatingIfNeeded: open.crc)
        Self.patch32(crc, at: open.offset + 14, &bytes)
        Self.patch32(UInt32(truncatingIfNeeded: packed), at: open.offset + 18, &bytes)
        Self.patch32(UInt32(truncatingIfNeeded: open.size), at: open.offset + 22, &bytes)
        let method: UInt16 = open.deflater == nil ? 0 : 8
        Self.put32(0x0201_4b50, &directory)
        Self.put16(0x0314, &directory) // made by: Unix, 2.0
        Self.put16(20, &directory)
        Self.put16(0x0800, &directory)
        Self.put16(method, &directory)
        Self.put16(0, &directory)
        Self.put16(0x0021, &directory)
        Self.put32(crc, &directory)
        Self.put32(UInt32(truncatingIfNeeded: packed), &directory)
        Self.put32(UInt32(truncatingIfNeeded: open.size), &directory)
        Self.put16(UInt16(open.name.count), &directory)
        Self.put16(0, &directory) // extra
        Self.put16(0, &directory) // comment
        Self.put16(0, &directory) // disk
        Self.put16(0, &directory) // internal attributes
        Self.put32(0o100644 << 16, &directory) // external: a regular file, rw-r--r--
        Self.put32(UInt32(truncatingIfNeeded: open.offset), &directory)
        directory.append(contentsOf: open.name)
        count += 1
    }

    /// The finished archive (ending any member still open).
    package mutating func finished() -> [UInt8] {
        end()
        var out = bytes
        let directoryOffset = out.count
        out.append(contentsOf: directory)
        Self.put32(0x0605_4b50, &out)
        Self.put16(0, &out)
        Self.put16(0, &out)
        Self.put16(UInt16(truncatingIfNeeded: count), &out)
        Self.put16(UInt16(truncatingIfNeeded: count), &out)
        Self.put32(UInt32(truncatingIfNeeded: directory.count), &out)
        Self.put32(UInt32(truncatingIfNeeded: directoryOffset), &out)
        Self.put16(0, &out)
        return out
    }

    private static func put16(_ v: UInt16, _ out: inout [UInt8]) {
        out.append(UInt8(v & 0xFF))
        out.append(UInt8(v >> 8))
    }

    private static func put32(_ v: UInt32, _ out: inout [UInt8]) {
        put16(UInt16(v & 0xFFFF), &out)
        put16(UInt16(v >> 16), &out)
    }

    private static func patch32(_ v: UInt32, at i: Int, _ out: inout [UInt8]) {
        for k in 0..<4 { out[i + k] = UInt8((v >> (8 * UInt32(k))) & 0xFF) }
    }
}

/// A raw-deflate compressor (zlib's `deflate` with no header, level 6), freed with its owner.
final class Deflater {
    private var stream = z_stream()
    private var room = [UInt8](repeating: 0, count: 64 << 10)

    init() {
        // Fails only when out of memory, which zlib then reports on every call.
        _ = engage_deflate_init_raw(&stream, 6)
    }

    deinit { deflateEnd(&stream) }

    /// Compresses `input` (all of it), appending output to `out`; `finish` ends the stream.
    func deflate(_ input: UnsafeBufferPointer<UInt8>, finish: Bool, into out: inout [UInt8]) {
        // zlib takes a mutable pointer for its input but never writes through it.
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
        stream.avail_in = uInt(input.count)
        let roomSize = room.count
        room.withUnsafeMutableBufferPointer { buffer in
            while true {
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(roomSize)
                let result = CZlib.deflate(&stream, finish ? Z_FINISH : Z_NO_FLUSH)
                let produced = roomSize - Int(stream.avail_out)
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[0..<produced]))
                if finish {
                    if result == Z_STREAM_END || result < 0 && result != Z_BUF_ERROR { break }
                } else if stream.avail_in == 0 && stream.avail_out > 0 || result < 0 && result != Z_BUF_ERROR {
                    break
                }
            }
        }
    }
}
