#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where raw bytes come from: a file read chunk by chunk, bytes in memory (tests), or
/// a stream (a member of a zip download, inflated as it is read).
enum CSVInput {
    case file(CSVFileDescriptor)
    case memory([UInt8], offset: Int)
    case stream(any ByteStream)

    /// Reads up to `count` bytes; an empty array means end of input.
    mutating func read(upTo count: Int, file: String) throws -> [UInt8] {
        switch self {
        case .file(let handle):
            return try handle.read(upTo: count, file: file)
        case .memory(let bytes, let offset):
            let end = min(bytes.count, offset + count)
            self = .memory(bytes, offset: end)
            return Array(bytes[offset..<end])
        case .stream(let stream):
            return try stream.read(upTo: count)
        }
    }
}

/// An open file, closed when the last reader holding it goes away.
final class CSVFileDescriptor: @unchecked Sendable {
    let fd: Int32

    init(path: String, file: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let reason: String
            switch errno {
            case ENOENT: reason = "no such file"
            case EACCES: reason = "permission denied"
            default: reason = String(cString: strerror(errno))
            }
            throw CSVError.cannotOpen(file: file, reason: reason)
        }
        var info = stat()
        if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw CSVError.cannotOpen(file: file, reason: "it is a folder, not a file")
        }
        self.fd = fd
    }

    deinit { close(fd) }

    func read(upTo count: Int, file: String) throws -> [UInt8] {
        // Read into uninitialised room: zeroing a megabyte for each chunk (and each of
        // the short readers that sniff a file's format) cost more than reading a small file.
        var failure: CSVError?
        let result = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
            var filled = 0
            while filled < count {
                let got = posixRead(fd, buffer.baseAddress! + filled, count - filled)
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = CSVError.cannotRead(file: file, reason: String(cString: strerror(errno)))
                    break
                }
                if got == 0 { break }
                filled += got
            }
            initialised = filled
        }
        if let failure { throw failure }
        return result
    }
}

/// `read(2)`, named so it does not clash with ``CSVFileDescriptor/read(upTo:file:)``.
@inline(__always)
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
