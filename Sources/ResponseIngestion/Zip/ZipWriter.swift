import CZlib

/// Writes a zip archive in memory, each member deflated through the system zlib: the
/// container of the workbooks engage writes. Members carry a fixed date (1980-01-01),
/// so the same content always gives the same bytes. No zip64: an archive engage
/// writes holds a report, far below 4 GiB.
package struct ZipWriter {
    private(set) var bytes: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    package init() {}

    /// Adds a member; `compress: false` stores it as it is.
    package mutating func add(_ name: String, _ data: [UInt8], compress: Bool = true) {
        let packed = compress ? Self.deflate(data) : data
        let method: UInt16 = compress ? 8 : 0
        let crc = data.withUnsafeBufferPointer { UInt32(truncatingIfNeeded: crc32(0, $0.baseAddress, uInt($0.count))) }
        let nameBytes = Array(name.utf8)
        let offset = bytes.count
        // Local header (APPNOTE 4.3.7).
        Self.put32(0x0403_4b50, &bytes)
        Self.put16(20, &bytes)              // version needed: 2.0
        Self.put16(0x0800, &bytes)          // names are UTF-8
        Self.put16(method, &bytes)
        Self.put16(0, &bytes)               // time 00:00
        Self.put16(0x0021, &bytes)          // date 1980-01-01
        Self.put32(crc, &bytes)
        Self.put32(UInt32(packed.count), &bytes)
        Self.put32(UInt32(data.count), &bytes)
        Self.put16(UInt16(nameBytes.count), &bytes)
        Self.put16(0, &bytes)
        bytes.append(contentsOf: nameBytes)
        bytes.append(contentsOf: packed)
        // Its central directory entry (4.3.12).
        Self.put32(0x0201_4b50, &directory)
        Self.put16(0x0314, &directory)      // made by: Unix, 2.0
        Self.put16(20, &directory)
        Self.put16(0x0800, &directory)
        Self.put16(method, &directory)
        Self.put16(0, &directory)
        Self.put16(0x0021, &directory)
        Self.put32(crc, &directory)
        Self.put32(UInt32(packed.count), &directory)
        Self.put32(UInt32(data.count), &directory)
        Self.put16(UInt16(nameBytes.count), &directory)
        Self.put16(0, &directory)           // extra
        Self.put16(0, &directory)           // comment
        Self.put16(0, &directory)           // disk
        Self.put16(0, &directory)           // internal attributes
        Self.put32(0o100644 << 16, &directory)  // external: a regular file, rw-r--r--
        Self.put32(UInt32(offset), &directory)
        directory.append(contentsOf: nameBytes)
        count += 1
    }

    /// The finished archive.
    package func finished() -> [UInt8] {
        var out = bytes
        let directoryOffset = out.count
        out.append(contentsOf: directory)
        Self.put32(0x0605_4b50, &out)
        Self.put16(0, &out)
        Self.put16(0, &out)
        Self.put16(UInt16(count), &out)
        Self.put16(UInt16(count), &out)
        Self.put32(UInt32(directory.count), &out)
        Self.put32(UInt32(directoryOffset), &out)
        Self.put16(0, &out)
        return out
    }

    /// Raw deflate of `data` (level 6, zlib's default).
    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        guard engage_deflate_init_raw(&stream, 6) == Z_OK else { return data }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(data.count))) + 16
        return [UInt8](unsafeUninitializedCapacity: bound) { out, initialised in
            data.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(bound)
                _ = CZlib.deflate(&stream, Z_FINISH)
            }
            initialised = bound - Int(stream.avail_out)
        }
    }

    private static func put16(_ v: UInt16, _ out: inout [UInt8]) {
        out.append(UInt8(v & 0xFF))
        out.append(UInt8(v >> 8))
    }

    private static func put32(_ v: UInt32, _ out: inout [UInt8]) {
        put16(UInt16(v & 0xFFFF), &out)
        put16(UInt16(v >> 16), &out)
    }
}
