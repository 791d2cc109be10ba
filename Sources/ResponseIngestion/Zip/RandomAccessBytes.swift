#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Bytes that can be read at any offset: a zip archive on disk (read with `pread`, so
/// several members can be read at once without seeking), or one held in memory (a
/// workbook that was itself a member of a zip download).
final class RandomAccessBytes: @unchecked Sendable {
    private enum Storage {
        case file(CSVFileDescriptor)
        case memory([UInt8])
    }
    private let storage: Storage
    /// The total number of bytes.
    let count: Int

    /// Opens a file. Errors name the file as `displayName`.
    init(path: String, displayName: String) throws {
        let handle = try CSVFileDescriptor(path: path, file: displayName)
        var info = stat()
        guard fstat(handle.fd, &info) == 0 else {
            throw CSVError.cannotOpen(file: displayName, reason: String(cString: strerror(errno)))
        }
        storage = .file(handle)
        count = Int(info.st_size)
    }

    init(bytes: [UInt8]) {
        storage = .memory(bytes)
        count = bytes.count
    }

    /// Hands `observer` every byte of the file in order (the import's digest: of the zip
    /// or workbook as given), then checks that the file did not change meanwhile.
    /// - Throws: ``CSVError/changedWhileReading(file:)``, or a read error.
    func observeAll(_ observer: any ReadObserver, file: String) throws {
        var offset = 0
        while offset < count {
            let chunk = try read(at: offset, count: 1 << 20)
            if chunk.isEmpty { break }
            observer.observe(chunk)
            offset += chunk.count
        }
        if case .file(let handle) = storage, offset != count || !handle.isUnchanged() {
            throw CSVError.changedWhileReading(file: file)
        }
    }

    /// Up to `length` bytes from `offset` (fewer only at the end).
    func read(at offset: Int, count length: Int) throws(ZipError) -> [UInt8] {
        guard offset >= 0, length >= 0, offset <= count else { return [] }
        let wanted = min(length, count - offset)
        switch storage {
        case .memory(let bytes):
            return Array(bytes[offset..<(offset + wanted)])
        case .file(let handle):
            var failure: Int32 = 0
            let result = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialised in
                var filled = 0
                while filled < wanted, let base = buffer.baseAddress {
                    let got = pread(handle.fd, base + filled, wanted - filled, off_t(offset + filled))
                    if got < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        break
                    }
                    if got == 0 { break }
                    filled += got
                }
                initialised = filled
            }
            if failure != 0 { throw .cannotRead(reason: String(cString: strerror(failure))) }
            return result
        }
    }
}
