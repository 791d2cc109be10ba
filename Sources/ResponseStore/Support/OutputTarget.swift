import Foundation

/// A file engage writes for the user (`--output`, a backup, the settings): written
/// whole or not at all.
///
/// The bytes go to a temporary file beside the target (`.NAME.engage-XXXXXX`), which
/// is flushed to disk and renamed over the target only when ``commit()`` is called;
/// a failure on the way (a full disk, a closed folder) or a write that is never
/// committed removes the temporary file and leaves the target as it was.
///
/// What happens to what is already there (docs/security.md, "Files engage writes"):
/// - **a missing file** is created, with the permissions a new file gets (the umask);
/// - **an existing file** is replaced whole, keeping its permissions;
/// - **a missing folder** is an error: engage does not create folders (a typo would
///   otherwise put the file somewhere nobody looks);
/// - **a symbolic link** is followed: the file it points to is replaced and the link
///   stays; a link to nothing is an error;
/// - **a folder** is an error;
/// - **something that is not a file** (`/dev/null`, a pipe, a terminal) is written to
///   directly, since there is nothing to replace;
/// - **a file engage must never overwrite** is refused before anything is written:
///   any SQLite database (another workspace's, say) and every path the caller
///   protects (its workspace's database, journal, WAL and shared-memory files, its
///   settings and survey definitions, and anything inside its backups folder:
///   ``Workspace/ownFiles``), compared by resolved path and by the file's identity on
///   disk, so a link or a hard link cannot reach them.
package final class OutputTarget {
    /// The path as given, for messages.
    let displayPath: String
    /// The resolved path written (links followed).
    let resolvedPath: String
    private var fd: Int32
    private let temporaryPath: String?
    private var finished = false

    /// Opens `path` for writing. `protected` lists files that must never be the target;
    /// `displayName` is the path as the user gave it, for messages (default `path`).
    /// - Throws: ``OutputError`` saying why the file cannot be written and what to do.
    package init(path: String, displayName: String? = nil, protecting protected: [String] = []) throws(OutputError) {
        let shown = displayName ?? path
        displayPath = shown
        let resolved = try Self.resolve(path, shown: shown)
        resolvedPath = resolved
        var info = stat()
        let exists = stat(resolved, &info) == 0
        if exists && (info.st_mode & S_IFMT) == S_IFDIR {
            throw .isFolder(path: shown)
        }
        if Self.isProtected(resolved, info: exists ? info : nil, protected: protected) {
            throw .protectedFile(path: shown, resolved: resolved)
        }
        if exists && (info.st_mode & S_IFMT) == S_IFREG && Self.isSQLiteDatabase(resolved) {
            throw .database(path: shown)
        }
        if exists && (info.st_mode & S_IFMT) != S_IFREG {
            // A device, pipe or socket: nothing to replace, so write to it as it is.
            let opened = open(resolved, O_WRONLY | O_CLOEXEC)
            guard opened >= 0 else { throw .cannotWrite(path: shown, reason: Self.reason(errno)) }
            fd = opened
            temporaryPath = nil
            return
        }
        let folder = (resolved as NSString).deletingLastPathComponent
        let name = (resolved as NSString).lastPathComponent
        var template = Array((folder + "/." + name + ".engage-XXXXXX").utf8CString)
        let opened = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard opened >= 0 else { throw .cannotWrite(path: shown, reason: Self.reason(errno)) }
        fd = opened
        temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // mkstemp makes the file 0600: give it the old file's permissions, or a new file's.
        let mode = exists ? info.st_mode & 0o7777 : 0o666 & ~Self.umaskValue
        _ = fchmod(fd, mode)
    }

    deinit { discard() }

    /// Appends `bytes` to the file.
    package func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        try checkOpen()
        try checked(Self.writeAll(fd, bytes))
    }

    /// Appends `text` as UTF-8.
    package func write(_ text: String) throws(OutputError) {
        try checkOpen()
        var text = text
        let fd = self.fd
        try checked(text.withUTF8 { Self.writeAll(fd, UnsafeRawBufferPointer($0)) })
    }

    private func checkOpen() throws(OutputError) {
        if finished { throw .cannotWrite(path: displayPath, reason: "the file was already closed") }
    }

    /// Turns a failed write into an error, abandoning the file.
    private func checked(_ failure: Int32?) throws(OutputError) {
        if let failure {
            discard()
            throw .cannotWrite(path: displayPath, reason: Self.reason(failure))
        }
    }

    /// Flushes the file to disk and puts it in place of the target.
    package func commit() throws(OutputError) {
        guard !finished else { return }
        guard let temporaryPath else {
            finished = true
            close(fd)
            return
        }
        if fsync(fd) != 0 {
            let failure = errno
            discard()
            throw .cannotWrite(path: displayPath, reason: Self.reason(failure))
        }
        if close(fd) != 0 {
            let failure = errno
            finished = true
            unlink(temporaryPath)
            throw .cannotWrite(path: displayPath, reason: Self.reason(failure))
        }
        finished = true
        if rename(temporaryPath, resolvedPath) != 0 {
            let failure = errno
            unlink(temporaryPath)
            throw .cannotWrite(path: displayPath, reason: Self.reason(failure))
        }
        // The rename is durable once the folder is flushed too.
        let folder = open((resolvedPath as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// Abandons the file: the temporary file goes and the target stays as it was.
    package func discard() {
        guard !finished else { return }
        finished = true
        close(fd)
        if let temporaryPath { unlink(temporaryPath) }
    }

    /// Writes `data` to `path` whole or not at all.
    package static func write(_ data: Data, to path: String, protecting protected: [String] = []) throws(OutputError) {
        let target = try OutputTarget(path: path, protecting: protected)
        let result: Result<Void, OutputError> = data.withUnsafeBytes { bytes in
            do throws(OutputError) { try target.write(bytes) } catch { return .failure(error) }
            return .success(())
        }
        try result.get()
        try target.commit()
    }

    /// Writes `text` to `path` whole or not at all.
    package static func write(_ text: String, to path: String, protecting protected: [String] = []) throws(OutputError)
    {
        let target = try OutputTarget(path: path, protecting: protected)
        try target.write(text)
        try target.commit()
    }

    // MARK: Resolving and guarding

    /// The absolute path written for `path`: links followed; for a file that does not
    /// exist yet, its folder resolved and its name kept.
    static func resolve(_ path: String, shown: String? = nil) throws(OutputError) -> String {
        let shown = shown ?? path
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var link = stat()
        if lstat(absolute, &link) == 0 {
            if let real = realPath(absolute) { return real }
            if (link.st_mode & S_IFMT) == S_IFLNK {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: absolute)) ?? "?"
                throw .danglingLink(path: shown, target: target)
            }
            throw .cannotWrite(path: shown, reason: reason(errno))
        }
        if absolute.hasSuffix("/") { throw .isFolder(path: shown) }
        let folder = (absolute as NSString).deletingLastPathComponent
        let name = (absolute as NSString).lastPathComponent
        guard !name.isEmpty, name != ".", name != ".." else { throw .isFolder(path: shown) }
        var folderInfo = stat()
        guard stat(folder, &folderInfo) == 0 else { throw .missingFolder(path: shown, folder: folder) }
        guard (folderInfo.st_mode & S_IFMT) == S_IFDIR else {
            throw .cannotWrite(path: shown, reason: "\(folder) is a file, not a folder")
        }
        guard let realFolder = realPath(folder) else { throw .cannotWrite(path: shown, reason: reason(errno)) }
        return (realFolder == "/" ? "" : realFolder) + "/" + name
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `resolved` is one of `protected` (by resolved path, or by device and inode),
    /// or lies inside a protected folder.
    static func isProtected(_ resolved: String, info: stat?, protected: [String]) -> Bool {
        for path in protected {
            var own = stat()
            let exists = stat(path, &own) == 0
            if exists && (own.st_mode & S_IFMT) == S_IFDIR {
                if let folder = realPath(path), resolved.hasPrefix(folder + "/") { return true }
                continue
            }
            if let info, exists, own.st_dev == info.st_dev, own.st_ino == info.st_ino { return true }
            if let real = try? resolve(path), real == resolved { return true }
        }
        return false
    }

    /// Whether the file starts with SQLite's header.
    static func isSQLiteDatabase(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let got = header.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, 16) }
        return got == 16 && header == Array("SQLite format 3\0".utf8)
    }

    // MARK: Low-level writing

    /// Writes every byte to `fd`; returns the `errno` of a failure, or `nil`.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard var next = bytes.baseAddress else { return nil }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(fd, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if written == 0 { return EIO }
            next += written
            left -= written
        }
        return nil
    }

    /// A plain-English reason for an `errno` from writing, with what to do.
    package static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full; free some space and try again"
        case EDQUOT: return "the disk quota is used up; free some space and try again"
        case EACCES, EPERM: return "permission denied; check that you may write to the folder"
        case EROFS: return "the file system is read-only; write somewhere else"
        case EBADF: return "the file is closed"
        case EPIPE: return "the reader went away (broken pipe)"
        default: return String(cString: strerror(code))
        }
    }

    static var umaskValue: mode_t {
        let current = umask(0o022)
        umask(current)
        return current
    }
}

/// Why a file could not be written. Nothing was written to the target.
package enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target is one of the workspace's own files.
    case protectedFile(path: String, resolved: String)
    /// The target is an SQLite database.
    case database(path: String)
    /// The target's folder does not exist.
    case missingFolder(path: String, folder: String)
    /// The target is a folder.
    case isFolder(path: String)
    /// The target is a symbolic link to nothing.
    case danglingLink(path: String, target: String)
    /// Writing failed.
    case cannotWrite(path: String, reason: String)

    /// The message a user reads, with the path.
    package var description: String {
        switch self {
        case .protectedFile(let path, let resolved):
            let same = path == resolved ? "" : " (\(resolved))"
            return
                "\(path)\(same) is one of the workspace's own files (its database, settings, survey definitions or backups): engage never writes output over them. Choose another file name."
        case .database(let path):
            return
                "\(path) is an SQLite database (perhaps another workspace's): engage never replaces one with output. Choose another file name."
        case .missingFolder(let path, let folder):
            return
                "\(path): the folder \(folder) does not exist; create it first (mkdir -p \"\(folder)\") or choose another path. Nothing was written."
        case .isFolder(let path):
            return
                "\(path) is a folder: give a file name inside it, e.g. \(path.hasSuffix("/") ? path : path + "/")summary.html."
        case .danglingLink(let path, let target):
            return
                "\(path) is a symbolic link to \(target), which does not exist: give the path of the file itself. Nothing was written."
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write the file (\(reason)). Nothing was written; the file is as it was."
        }
    }
}
