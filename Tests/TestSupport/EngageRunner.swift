import Foundation

/// Runs the built `engage` binary the way a user does, in a folder of its own.
public struct EngageRunner {
    /// How a run ended and what it printed.
    public struct Result: Sendable {
        /// The exit status.
        public var status: Int32
        /// What engage printed on standard output.
        public var stdout: String
        /// What engage printed on standard error.
        public var stderr: String
    }

    /// The engage executable in the build folder that holds the running tests:
    /// `ENGAGE_EXECUTABLE` when set, else found by walking up from the test bundle
    /// (an `.xctest` bundle on macOS, the test executable on Linux) to the folder that
    /// holds `engage`. The test target depends on `engage`, so it is built first.
    public static let executable: URL = {
        if let path = ProcessInfo.processInfo.environment["ENGAGE_EXECUTABLE"] { return URL(fileURLWithPath: path) }
        let starts =
            Bundle.allBundles.map(\.bundleURL).filter { $0.pathExtension == "xctest" }
            + [Bundle.main.executableURL, Bundle.main.bundleURL].compactMap { $0 }
            + [URL(fileURLWithPath: CommandLine.arguments[0])]
        for start in starts {
            var dir = start.deletingLastPathComponent()
            while dir.path != "/" && !dir.path.isEmpty {
                let candidate = dir.appendingPathComponent("engage")
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isFolder), !isFolder.boolValue,
                    FileManager.default.isExecutableFile(atPath: candidate.path)
                {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return URL(fileURLWithPath: "engage")
    }()

    /// The repository root, for shipped fixtures such as Examples/ and Surveys/.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The runner's own temporary folder, where commands run.
    public var directory: URL
    /// Extra environment for every command run.
    public var environment: [String: String] = [:]

    /// A runner in a fresh temporary folder.
    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("engage-e2e-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The path of `name` in the runner's folder.
    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Writes `text` to the file `name` in the runner's folder.
    public func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    /// Writes `bytes` to the file `name` in the runner's folder.
    public func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    /// Runs `engage` with `arguments` in the runner's folder, giving it `stdin` when given, and waits for it.
    @discardableResult
    public func run(_ arguments: String..., stdin: String? = nil) throws -> Result {
        try run(arguments: arguments, stdin: stdin)
    }

    /// Runs engage with these arguments; `stdin`, when given, is what it reads on its
    /// standard input (otherwise it reads nothing).
    public func run(arguments: [String], stdin: String? = nil) throws -> Result {
        try run(program: Self.executable, arguments: arguments, stdin: stdin)
    }

    /// Runs another program (found on the PATH through `/usr/bin/env`) in the runner's
    /// folder, for tests that read engage's output with an independent tool.
    public func runTool(_ arguments: String...) throws -> Result {
        try run(program: URL(fileURLWithPath: "/usr/bin/env"), arguments: arguments, stdin: nil)
    }

    private func run(program: URL, arguments: [String], stdin: String?) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "ENGAGE_WORKSPACE")
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = stdin.map { _ in Pipe() }
        process.standardInput = input ?? FileHandle.nullDevice
        try process.run()
        if let input, let stdin {
            // Written from another thread, so that a child that writes before it reads
            // cannot block on a full pipe while this one blocks writing.
            let handle = input.fileHandleForWriting
            DispatchQueue.global().async {
                try? handle.write(contentsOf: Data(stdin.utf8))
                try? handle.close()
            }
        }
        // Read both pipes concurrently so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts engage in the background (its output discarded), for tests that stop it
    /// part-way or run something beside it.
    public func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "ENGAGE_WORKSPACE")
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        for (k, v) in extra { env[k] = v }
        process.environment = env
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until `path` exists (a process paused at a test point creates it), or the
    /// process has ended without creating it; true when the file appeared. Never a
    /// measure of speed: the generous limit only keeps a broken build from hanging the run.
    public static func waitForFile(_ path: String, while process: Process, limit: TimeInterval = 600) -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: path) { return true }
            if !process.isRunning { return FileManager.default.fileExists(atPath: path) }
            usleep(10_000)
        }
        return false
    }

    /// Removes the runner's folder.
    public func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }
}
