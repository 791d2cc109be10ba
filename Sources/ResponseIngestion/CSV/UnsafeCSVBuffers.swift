#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

// Sharp edges (see docs/internals.md, "Sharp edges").
// What is unchecked: `CSVTextBuffer` is `@unchecked Sendable` and its `bytes` are
// `@exclusivity(unchecked)`; `CSVFileDescriptor` is `@unchecked Sendable`.
// Why: every field of every record is read from a `CSVTextBuffer`, on the worker that
// parses the record's block (nine exclusivity checks a row showed in the profile); a
// file descriptor is read by whichever thread reads the next chunk.
// What keeps it safe: the reader writes a buffer's bytes only while no record or block
// refers to it (otherwise it makes a new buffer), and the records' readers only read;
// a `CSVFileDescriptor` never changes after `init`, is read by one reader at a time,
// and is closed once, in `deinit`.
// Guarded by: ParallelIngestionTests (workers and tiny chunks read exactly what one
// thread reads), CSVChunkParserTests, CSVFuzzTests, ImportDuringImportTests (a file
// changed while read).

/// Decoded UTF-8 text shared by the reader and the records cut from it. The reader
/// reuses it in place only while no record still refers to it.
final class CSVTextBuffer: @unchecked Sendable {
    // Read for every field of every record: not checked for exclusivity at run time
    // (nine checks a row showed in the workers' profile). The reader appends to a
    // buffer only while no record or block refers to it (it makes a new one otherwise).
    @exclusivity(unchecked) var bytes: [UInt8]
    init(_ bytes: [UInt8] = []) { self.bytes = bytes }
}

/// An open file, closed when the last reader holding it goes away.
///
/// Only regular files are read: a pipe, a device or a folder is refused when it is
/// opened (without blocking, so a named pipe with no writer cannot keep engage
/// waiting). When the end of the file is reached, its size, modification time and
/// inode must be what they were when it was opened; otherwise the file was written
/// to or replaced while it was read and reading fails with
/// ``CSVError/changedWhileReading(file:)``.
final class CSVFileDescriptor: @unchecked Sendable {
    let fd: Int32
    /// The file as it was opened.
    let identity: FileIdentity
    /// Sees every chunk read, in order (the import's digest).
    let observer: (any ReadObserver)?

    init(path: String, file: String, observer: (any ReadObserver)? = nil) throws {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw CSVError.cannotOpen(file: file, reason: Self.openFailure(errno)) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw CSVError.cannotOpen(file: file, reason: reason)
        }
        if let kind = FileIdentity.nonRegularKind(info.st_mode) {
            close(fd)
            throw CSVError.cannotOpen(file: file, reason: kind)
        }
        // Back to blocking reads (a regular file never blocks, but say what is meant).
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        self.fd = fd
        identity = FileIdentity(info)
        self.observer = observer
    }

    static func openFailure(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES: return "permission denied"
        default: return String(cString: strerror(code))
        }
    }

    deinit { close(fd) }

    /// Whether the open file still has the size, time and inode it had when opened.
    func isUnchanged() -> Bool {
        var info = stat()
        return fstat(fd, &info) == 0 && FileIdentity(info) == identity
    }

    func read(upTo count: Int, file: String) throws -> [UInt8] {
        // Read into uninitialised room: zeroing a megabyte for each chunk (and each of
        // the short readers that sniff a file's format) cost more than reading a small file.
        var failure: CSVError?
        let result = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialised in
            var filled = 0
            while filled < count, let base = buffer.baseAddress {
                let got = posixRead(fd, base + filled, count - filled)
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
        if result.count < count && !isUnchanged() { throw CSVError.changedWhileReading(file: file) }
        if let observer, !result.isEmpty { observer.observe(result) }
        return result
    }
}

/// `read(2)`, named so it does not clash with ``CSVFileDescriptor/read(upTo:file:)``.
@inline(__always)
private func posixRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
