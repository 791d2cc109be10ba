#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What identifies the contents of a file on disk without reading it: its device and
/// inode, its size and its modification time (to the nanosecond). An import takes it
/// when it starts and again when it has read the file; any difference means the file
/// was written to, cut short or replaced while it was read, and the import rolls back.
public struct FileIdentity: Sendable, Equatable {
    /// The device the file is on.
    public var device: UInt64
    var inode: UInt64
    /// The size in bytes.
    public var size: Int64
    var modifiedSeconds: Int64
    var modifiedNanoseconds: Int64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
            modifiedSeconds = Int64(info.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int64(info.st_mtimespec.tv_nsec)
        #else
            modifiedSeconds = Int64(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
        #endif
    }

    /// The identity of the regular file at `path` (links followed), without opening it,
    /// so that a named pipe cannot keep engage waiting. `file` names it in errors.
    /// - Throws: ``IngestionError/cannotOpen(file:reason:)`` when it is missing, or is
    ///   not a regular file (a folder, a pipe, a device).
    public static func of(path: String, file: String) throws(IngestionError) -> FileIdentity {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw .cannotOpen(file: file, reason: CSVFileDescriptor.openFailure(errno))
        }
        if let kind = nonRegularKind(info.st_mode) { throw .cannotOpen(file: file, reason: kind) }
        return FileIdentity(info)
    }

    /// Why a file of this mode cannot be imported, or `nil` for a regular file.
    package static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a folder, not a file"
        case S_IFIFO:
            return
                "it is a named pipe (FIFO), not a file: engage reads exports from files it can read twice; save the data to a file and import that"
        case S_IFCHR, S_IFBLK: return "it is a device, not a file: save the data to a file and import that"
        case S_IFSOCK: return "it is a socket, not a file: save the data to a file and import that"
        default: return "it is not a regular file: save the data to a file and import that"
        }
    }
}

/// Sees every chunk of raw bytes a reader takes from a file, in order, exactly as
/// read: the SHA-256 an import records is computed from these bytes (ResponseStore's
/// `ReadDigest`), so the provenance is that of what was parsed, never of a second
/// reading. A reader of another kind of file (a zip, a workbook) hands its observer
/// the file's bytes in order the same way.
public protocol ReadObserver: AnyObject, Sendable {
    /// The next bytes of the file, in order. Called on the reading thread.
    func observe(_ chunk: [UInt8])
}
