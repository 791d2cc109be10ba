import Foundation

/// The SHA-256 of a file being imported: known already, being computed on a thread of
/// its own from a reading of the file (to skip a file imported before unread), or to be
/// given by the import's own reading (``fromReading()``: a ``ReadDigest`` of the bytes
/// parsed, handed over with ``fulfil(_:)`` before the import commits).
///
/// With no import stored, no digest can match one, so a first load does not hash the
/// file first: the store records the digest of what was parsed before it commits. When
/// imports are stored, the file is hashed first so that one imported before is skipped
/// unread, and the import's reading must then give the same digest (otherwise the file
/// changed in between, and the import rolls back). See
/// ``Store/importFile(info:replaceChanged:body:)``.
package final class FileDigest: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<String, any Error>?
    /// Whether the import's own reading gives the digest (never waited for before it has run).
    let awaitsReading: Bool

    /// A digest already known.
    package init(known sha256: String) {
        result = .success(sha256)
        awaitsReading = false
    }

    private init(awaitsReading: Bool = false) {
        self.awaitsReading = awaitsReading
    }

    /// A digest the import's reading of the file gives with ``fulfil(_:)``.
    package static func fromReading() -> FileDigest {
        FileDigest(awaitsReading: true)
    }

    /// Gives the digest of the bytes the import read.
    package func fulfil(_ sha256: String) {
        condition.lock()
        defer { condition.unlock() }
        if result == nil { result = .success(sha256) }
        condition.broadcast()
    }

    /// Hashes the file at `path` now; a file that cannot be read throws `error(reason)`.
    package static func computed(path: String, error: (String) -> any Error) throws -> FileDigest {
        FileDigest(try hash(path, error: error).get())
    }

    /// Starts hashing the file at `path` on a thread of its own. A file that cannot be
    /// read gives `error(reason)` from ``value()``.
    package static func computing(path: String, error: @escaping @Sendable (String) -> any Error) -> FileDigest {
        let digest = FileDigest()
        let thread = Thread {
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

    private convenience init(_ sha256: String) {
        self.init(known: sha256)
    }

    private static func hash(_ path: String, error: (String) -> any Error) -> Result<String, any Error> {
        do {
            return .success(try SHA256.hex(ofFile: path))
        } catch let failure {
            return .failure(error(failure.reason))
        }
    }

    /// The digest if it is ready (and the file could be read), without waiting.
    package var ifReady: String? {
        condition.lock()
        defer { condition.unlock() }
        if case .success(let sha256) = result { return sha256 }
        return nil
    }

    /// The digest, waiting for it if need be.
    package func value() throws -> String {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result { return try result.get() }
            condition.wait()
        }
    }
}
