import Foundation
import ResponseIngestion

// Sharp edges (see docs/internals.md, "Sharp edges").
// What is unchecked: `ReadDigest` is `@unchecked Sendable`.
// Why: the reading thread hands it chunks and a thread of its own hashes them.
// What keeps it safe: every variable is read and written only with `condition` locked;
// `byteCount` is read by the import only after `finish()`, which waits for the hash.
// Guarded by: ImportDuringImportTests (the digest recorded is that of what was parsed; a
// file changed while read rolls back), FileDigestTests.

/// The SHA-256 of the bytes an import's reader takes from the file, computed from
/// those very chunks (see ``ReadObserver``) on a thread of its own, so that the
/// provenance an import records is that of what was parsed.
///
/// The reader hands each chunk over without copying it (arrays share their storage);
/// at most ``queueLimit`` bytes wait to be hashed, after which the reader waits for the
/// hash to catch up, so memory stays bounded whatever the file's size.
package final class ReadDigest: ReadObserver, @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var queuedBytes = 0
    private var ended = false
    private var result: String?
    /// Bytes observed so far.
    package private(set) var byteCount = 0

    /// Bytes that may wait to be hashed before the reader waits.
    static let queueLimit = 64 << 20

    /// A digest that hashes on a thread of its own as chunks arrive.
    package init() {
        let thread = Thread { [self] in hashUntilEnded() }
        thread.name = "engage.import.sha256"
        thread.start()
    }

    /// Hands `chunk` (the next bytes read) to the hashing thread.
    package func observe(_ chunk: [UInt8]) {
        condition.lock()
        defer { condition.unlock() }
        while queuedBytes >= Self.queueLimit && !ended { condition.wait() }
        queue.append(chunk)
        queuedBytes += chunk.count
        byteCount += chunk.count
        condition.broadcast()
    }

    /// The digest of every chunk observed, once the reading has ended (waits for the hash).
    package func finish() -> String {
        condition.lock()
        defer { condition.unlock() }
        ended = true
        condition.broadcast()
        while result == nil { condition.wait() }
        return result ?? ""
    }

    /// Stops hashing (the reading failed): the thread ends without finishing the digest.
    func abandon() {
        condition.lock()
        defer { condition.unlock() }
        if result == nil {
            ended = true
            queue.removeAll()
            condition.broadcast()
        }
    }

    private func hashUntilEnded() {
        var hasher = SHA256()
        while true {
            condition.lock()
            while queue.isEmpty && !ended { condition.wait() }
            if queue.isEmpty && ended {
                result = SHA256.hexString(hasher.finalize())
                condition.broadcast()
                condition.unlock()
                return
            }
            let batch = queue
            queue.removeAll(keepingCapacity: true)
            condition.unlock()
            for chunk in batch { chunk.withUnsafeBytes { hasher.update($0) } }
            condition.lock()
            queuedBytes -= batch.reduce(0) { $0 + $1.count }
            condition.broadcast()
            condition.unlock()
        }
    }
}
