import Foundation

/// The SHA-256 of a file being imported: known already, or being computed on a thread
/// of its own while the import reads the file. Hashing a 110 MB export takes about
/// half a second, which a large import need not wait for: the store checks the digest
/// as soon as it is ready (an import of a file already imported stops there and is
/// rolled back) and again before the import commits.
public final class FileDigest: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<String, any Error>?

    /// A digest already known.
    public init(known sha256: String) {
        result = .success(sha256)
    }

    private init() {}

    /// Starts hashing the file at `path` on a thread of its own. A file that cannot be
    /// read gives `error(reason)` from ``value()``.
    public static func computing(path: String, error: @escaping @Sendable (String) -> any Error) -> FileDigest {
        let digest = FileDigest()
        let thread = Thread {
            let outcome: Result<String, any Error>
            do {
                outcome = .success(try SHA256.hex(ofFile: path))
            } catch {
                outcome = .failure(error)
            }
            digest.condition.lock()
            digest.result = outcome.mapError { failure in error("\(failure)") }
            digest.condition.broadcast()
            digest.condition.unlock()
        }
        thread.name = "engage.import.sha256"
        thread.start()
        return digest
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
