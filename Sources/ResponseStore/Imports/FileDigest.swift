import Foundation

/// The SHA-256 of a file being imported: known already, or being computed on a thread
/// of its own while the import reads the file. Hashing a 110 MB export takes about
/// half a second, which a first load need not wait for: with no import stored, no
/// digest can match one, so the store lets the import run beside it and records the
/// digest before the import commits; otherwise it waits for it first, so that a file
/// imported before is skipped unread (see ``Store/importFile(info:replaceChanged:body:)``).
public final class FileDigest: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<String, any Error>?

    /// A digest already known.
    public init(known sha256: String) {
        result = .success(sha256)
    }

    private init() {}

    /// Hashes the file at `path` now; a file that cannot be read throws `error(reason)`.
    public static func computed(path: String, error: (String) -> any Error) throws -> FileDigest {
        FileDigest(try hash(path, error: error).get())
    }

    /// Starts hashing the file at `path` on a thread of its own. A file that cannot be
    /// read gives `error(reason)` from ``value()``. `beside`: nothing waits for the digest
    /// until the import commits (a first load), so the thread runs at the lowest priority.
    public static func computing(path: String, beside: Bool = false,
                                 error: @escaping @Sendable (String) -> any Error) -> FileDigest {
        let digest = FileDigest()
        let thread = Thread {
            if beside { lowerThisThreadsPriority() }
            let outcome = hash(path, error: error)
            digest.condition.lock()
            digest.result = outcome
            digest.condition.broadcast()
            digest.condition.unlock()
        }
        thread.name = "engage.import.sha256"
        thread.start()
        return digest
    }

    /// Beside a first load the digest has until the import commits, seconds away for a
    /// file this size; at the lowest priority it takes only what the reading and writing
    /// threads leave (at full priority it took a third of the writer's first second).
    private static func lowerThisThreadsPriority() {
        // On Linux a nice value belongs to a thread; 0 names the calling one.
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #elseif canImport(Musl)
        _ = setpriority(PRIO_PROCESS, 0, 19)
        #endif
    }

    private convenience init(_ sha256: String) {
        self.init(known: sha256)
    }

    private static func hash(_ path: String, error: (String) -> any Error) -> Result<String, any Error> {
        do {
            return .success(try SHA256.hex(ofFile: path))
        } catch let failure {
            return .failure(error("\(failure)"))
        }
    }

    /// The digest if it is ready (and the file could be read), without waiting.
    public var ifReady: String? {
        condition.lock()
        defer { condition.unlock() }
        if case .success(let sha256) = result { return sha256 }
        return nil
    }

    /// The digest, waiting for it if need be.
    public func value() throws -> String {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }
}
