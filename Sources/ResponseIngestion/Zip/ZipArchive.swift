/// A zip archive read from its central directory (the table of contents at its end),
/// as survey platforms' downloads and Excel workbooks are. Nothing is extracted to
/// disk: members are read as streams (``ZipMemberStream``).
///
/// Reads what real writers produce: stored and deflated members, members written as a
/// stream (sizes in a data descriptor after the data: the central directory has them
/// too), zip64 archives and members, UTF-8 and legacy (code page 437) names. Refuses,
/// with a message that says what to do: archives without a central directory (a cut-off
/// download), split archives, encrypted members, other compression methods, member
/// names that climb out of the archive, and members that expand beyond
/// ``Limits`` (zip bombs).
struct ZipArchive {
    /// How much engage will expand from one archive. Stated in docs/formats.md.
    struct Limits: Sendable {
        /// Entries listed in the central directory.
        var maximumMembers = 10_000
        /// Bytes of the central directory itself.
        var maximumDirectoryBytes = 16 << 20
        /// Uncompressed bytes read from all members of one archive together (4 GiB:
        /// a million-row workbook's sheet is about 0.5 GiB).
        var maximumTotalBytes = 4 << 30
        /// A member may expand at most this many times its compressed size (real
        /// sheets and CSVs expand 5-30 times; deflate can reach 1,032). Checked once
        /// a member has produced `ratioGrace` bytes, so tiny members are never refused.
        var maximumRatio = 200
        var ratioGrace = 1 << 20
        init() {}
    }

    struct Entry: Sendable, Equatable {
        /// The member's path inside the archive, `/`-separated.
        var name: String
        var method: Int
        var flags: Int
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int

        var isDirectory: Bool { name.hasSuffix("/") }
        var isEncrypted: Bool { flags & 1 != 0 }
        /// The last path component.
        var fileName: String { String(name.split(separator: "/").last ?? Substring(name)) }
    }

    let bytes: RandomAccessBytes
    let entries: [Entry]
    let limits: Limits
    /// Uncompressed bytes handed out so far, shared by every stream of this archive.
    let budget: ZipBudget

    init(bytes: RandomAccessBytes, limits: Limits = Limits()) throws(ZipError) {
        self.bytes = bytes
        self.limits = limits
        self.budget = ZipBudget(limit: limits.maximumTotalBytes)
        entries = try Self.readDirectory(bytes, limits: limits)
    }

    /// The entry named exactly `name`.
    func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// A stream of the member's uncompressed bytes.
    func open(_ entry: Entry) throws(ZipError) -> ZipMemberStream {
        if entry.isEncrypted { throw .encrypted(member: entry.name) }
        guard entry.method == 0 || entry.method == 8 else {
            throw .unsupportedMethod(member: entry.name, method: entry.method)
        }
        if entry.uncompressedSize > limits.maximumTotalBytes {
            throw .tooLarge(member: entry.name, limit: limits.maximumTotalBytes)
        }
        if entry.uncompressedSize > limits.ratioGrace
            && entry.uncompressedSize / max(1, entry.compressedSize) > limits.maximumRatio
        {
            throw .ratio(member: entry.name, limit: limits.maximumRatio)
        }
        // The data starts after the member's local header, whose name and extra field
        // may differ in length from the central directory's.
        let header = try bytes.read(at: entry.localHeaderOffset, count: 30)
        guard header.count == 30, Self.u32(header, 0) == 0x0403_4b50 else {
            throw .damaged("the header of \"\(entry.name)\" is not where the table of contents says")
        }
        let dataStart = entry.localHeaderOffset + 30 + Self.u16(header, 26) + Self.u16(header, 28)
        guard dataStart + entry.compressedSize <= bytes.count else {
            throw .damaged("\"\(entry.name)\" runs past the end of the file")
        }
        return ZipMemberStream(entry: entry, bytes: bytes, dataStart: dataStart, limits: limits, budget: budget)
    }

    /// The whole member in memory (for the small parts of a workbook), at most `limit` bytes.
    func read(_ entry: Entry, limit: Int) throws(ZipError) -> [UInt8] {
        if entry.uncompressedSize > limit { throw .tooLarge(member: entry.name, limit: limit) }
        let stream = try open(entry)
        var all: [UInt8] = []
        all.reserveCapacity(entry.uncompressedSize)
        while true {
            let chunk = try stream.next(1 << 20)
            if chunk.isEmpty { return all }
            all.append(contentsOf: chunk)
            if all.count > limit { throw .tooLarge(member: entry.name, limit: limit) }
        }
    }

    // MARK: - The central directory

    static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }
    static func u64(_ b: [UInt8], _ i: Int) -> Int {
        // Sizes beyond Int.max are nonsense; clamp so arithmetic cannot trap.
        let high = u32(b, i + 4)
        return high >= 0x8000_0000 ? Int.max / 4 : u32(b, i) | high << 32
    }

    private static func readDirectory(_ bytes: RandomAccessBytes, limits: Limits) throws(ZipError) -> [Entry] {
        // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KiB.
        let tailLength = min(bytes.count, 22 + 0xFFFF)
        let tailStart = bytes.count - tailLength
        let tail = try bytes.read(at: tailStart, count: tailLength)
        guard tail.count >= 22 else { throw .noCentralDirectory }
        var found = -1
        var i = tail.count - 22
        while i >= 0 {
            if tail[i] == 0x50 && tail[i + 1] == 0x4b && tail[i + 2] == 5 && tail[i + 3] == 6
                && i + 22 + u16(tail, i + 20) <= tail.count
            {
                found = i
                break
            }
            i -= 1
        }
        guard found >= 0 else { throw .noCentralDirectory }
        let eocdOffset = tailStart + found
        if u16(tail, found + 4) != 0 || u16(tail, found + 6) != 0 {
            // Disk numbers: only a split archive has them, and zip64 archives say 0xFFFF.
            if u16(tail, found + 4) != 0xFFFF { throw .split }
        }
        var count = u16(tail, found + 10)
        var directorySize = u32(tail, found + 12)
        var directoryOffset = u32(tail, found + 16)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // Zip64: a locator just before the record points to the zip64 record.
            let locator = try bytes.read(at: eocdOffset - 20, count: 20)
            if locator.count == 20 && u32(locator, 0) == 0x0706_4b50 {
                if u32(locator, 4) != 0 || u32(locator, 16) > 1 { throw .split }
                let recordOffset = u64(locator, 8)
                let record = try bytes.read(at: recordOffset, count: 56)
                guard record.count == 56, u32(record, 0) == 0x0606_4b50 else {
                    throw .damaged("the zip64 end record is not where its locator says")
                }
                if u32(record, 16) != 0 || u32(record, 20) != 0 { throw .split }
                count = u64(record, 32)
                directorySize = u64(record, 40)
                directoryOffset = u64(record, 48)
            }
        }
        if count > limits.maximumMembers { throw .tooManyMembers(count: count, limit: limits.maximumMembers) }
        guard directorySize <= limits.maximumDirectoryBytes else {
            throw .damaged("its table of contents claims \(directorySize) bytes")
        }
        guard directoryOffset >= 0, directoryOffset <= bytes.count, directorySize <= bytes.count - directoryOffset
        else {
            throw .damaged("its table of contents lies outside the file")
        }
        let directory = try bytes.read(at: directoryOffset, count: directorySize)
        var entries: [Entry] = []
        entries.reserveCapacity(min(count, 1024))
        var p = 0
        while entries.count < count {
            guard p + 46 <= directory.count, u32(directory, p) == 0x0201_4b50 else {
                throw .damaged("its table of contents ends after \(entries.count) of \(count) entries")
            }
            let flags = u16(directory, p + 8)
            let method = u16(directory, p + 10)
            let crc = UInt32(truncatingIfNeeded: u32(directory, p + 16))
            var compressed = u32(directory, p + 20)
            var uncompressed = u32(directory, p + 24)
            let nameLength = u16(directory, p + 28)
            let extraLength = u16(directory, p + 30)
            let commentLength = u16(directory, p + 32)
            let disk = u16(directory, p + 34)
            var offset = u32(directory, p + 42)
            let nameStart = p + 46
            let extraStart = nameStart + nameLength
            let next = extraStart + extraLength + commentLength
            guard next <= directory.count else { throw .damaged("an entry of its table of contents is cut off") }
            let nameBytes = Array(directory[nameStart..<extraStart])
            let name = Self.decodeName(nameBytes, utf8: flags & 0x800 != 0)
            // The zip64 extra field gives, in order, whichever of the sizes, the offset
            // and the disk were too large for their 32-bit (16-bit) fields.
            var e = extraStart
            while e + 4 <= extraStart + extraLength {
                let id = u16(directory, e)
                let size = u16(directory, e + 2)
                let body = e + 4
                guard body + size <= extraStart + extraLength else { break }
                if id == 0x0001 {
                    var q = body
                    func take() -> Int? {
                        guard q + 8 <= body + size else { return nil }
                        defer { q += 8 }
                        return u64(directory, q)
                    }
                    if uncompressed == 0xFFFF_FFFF, let v = take() { uncompressed = v }
                    if compressed == 0xFFFF_FFFF, let v = take() { compressed = v }
                    if offset == 0xFFFF_FFFF, let v = take() { offset = v }
                }
                e = body + size
            }
            if disk != 0 && disk != 0xFFFF { throw .split }
            try checkName(name, raw: nameBytes)
            guard offset < bytes.count, compressed <= bytes.count else {
                throw .damaged("\"\(name)\" lies outside the file")
            }
            entries.append(
                Entry(
                    name: name, method: method, flags: flags, crc32: crc, compressedSize: compressed,
                    uncompressedSize: uncompressed, localHeaderOffset: offset))
            p = next
        }
        return entries
    }

    /// Member names are never used as paths (nothing is extracted), but a name that
    /// climbs out of the archive marks a hostile file, so the archive is refused.
    static func checkName(_ name: String, raw: [UInt8]) throws(ZipError) {
        if raw.contains(0) { throw .climbingName(name.replacingOccurrences(of: "\0", with: "\\0")) }
        let unified = name.replacingOccurrences(of: "\\", with: "/")
        let components = unified.split(separator: "/", omittingEmptySubsequences: false)
        if unified.hasPrefix("/") || components.contains("..") { throw .climbingName(name) }
        // A Windows drive ("C:") at the start.
        let scalars = Array(unified.unicodeScalars.prefix(2))
        if scalars.count == 2 && scalars[1] == ":" && scalars[0].properties.isAlphabetic { throw .climbingName(name) }
    }

    /// UTF-8 when the archive says so (or the bytes are valid UTF-8), else code page 437.
    static func decodeName(_ bytes: [UInt8], utf8: Bool) -> String {
        if utf8 || bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(String.UnicodeScalarView(bytes.map { $0 < 0x80 ? Unicode.Scalar($0) : cp437[Int($0) - 0x80] }))
    }

    /// The upper half of code page 437, the zip format's legacy name encoding.
    private static let cp437: [Unicode.Scalar] = Array(
        "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{A0}"
            .unicodeScalars)
}

/// Uncompressed bytes handed out from one archive so far, against its limit.
final class ZipBudget: @unchecked Sendable {
    let limit: Int
    private(set) var used = 0
    init(limit: Int) { self.limit = limit }

    func spend(_ n: Int, member: String) throws(ZipError) {
        used += n
        if used > limit { throw .tooLarge(member: member, limit: limit) }
    }
}
