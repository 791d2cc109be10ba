import Foundation

/// Runs the built `engage` binary the way a user does, in a folder of its own.
struct EngageRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The engage executable beside the test bundle in the build folder, or the one
    /// `ENGAGE_TEST_EXECUTABLE` names (to watch a test fail against an older build).
    static let executable: URL = {
        if let given = ProcessInfo.processInfo.environment["ENGAGE_TEST_EXECUTABLE"], !given.isEmpty {
            return URL(fileURLWithPath: given)
        }
        let selfPath = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: selfPath).deletingLastPathComponent()
        // Inside an .xctest bundle on some platforms: walk up to the build folder.
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("engage").path) && dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("engage")
    }()

    /// The repository root, for shipped fixtures such as Examples/ and Surveys/.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    var directory: URL
    var environment: [String: String] = [:]

    /// A runner in a fresh temporary folder.
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("engage-e2e-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }

    func write(_ name: String, bytes: [UInt8]) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    @discardableResult
    func run(_ arguments: String..., stdin: String? = nil) throws -> Result {
        try run(arguments: arguments)
    }

    func run(arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "ENGAGE_WORKSPACE")
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
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
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: directory)
    }
}
