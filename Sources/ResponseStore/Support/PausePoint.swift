import Foundation

/// Named moments inside a write where a test can stop engage, so that fault tests
/// (a kill part-way, a second writer, a file changed under an import) happen at a
/// chosen point instead of after a guessed delay.
///
/// Off unless the environment sets `ENGAGE_TEST_PAUSE_AT=POINT[@N]` (the `N`th time
/// the point is reached, the first by default) and `ENGAGE_TEST_PAUSE_FILE=PATH`.
/// At that moment engage creates PATH (holding its process id) and waits, polling,
/// until PATH is removed; the test meanwhile does what it wants (SIGKILL, start
/// another command, change the file) and removes PATH to let engage go on.
/// Read once at start-up; costs one comparison per point when off.
enum PausePoint: String, CaseIterable, Sendable {
    /// The import's transaction is open and its record inserted; nothing read yet.
    case importStarted = "import-started"
    /// A batch of responses and answers has been written (inside the transaction).
    case afterFlush = "after-flush"
    /// Everything is written, indexes rebuilt, the commit not yet run.
    case beforeCommit = "before-commit"
    /// The import has committed; nothing else done yet.
    case afterCommit = "after-commit"

    /// The point, the count and the file from the environment, if a test set them.
    private static let request: (point: PausePoint, count: Int, file: String)? = {
        let environment = ProcessInfo.processInfo.environment
        guard let spec = environment["ENGAGE_TEST_PAUSE_AT"], let file = environment["ENGAGE_TEST_PAUSE_FILE"] else {
            return nil
        }
        let parts = spec.split(separator: "@", maxSplits: 1).map(String.init)
        guard let point = PausePoint(rawValue: parts[0]) else { return nil }
        let count = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
        return (point, max(count, 1), file)
    }()

    /// How many times each point has been reached (only counted when a pause is requested).
    nonisolated(unsafe) private static var reached: [PausePoint: Int] = [:]
    private static let lock = NSLock()

    /// Marks this point reached; pauses there when a test asked for it.
    func reach() {
        guard let request = Self.request, request.point == self else { return }
        Self.lock.lock()
        Self.reached[self, default: 0] += 1
        let times = Self.reached[self, default: 0]
        Self.lock.unlock()
        guard times == request.count else { return }
        let pid = "\(ProcessInfo.processInfo.processIdentifier)\n"
        guard FileManager.default.createFile(atPath: request.file, contents: Data(pid.utf8)) else { return }
        while FileManager.default.fileExists(atPath: request.file) { usleep(5_000) }
    }
}
