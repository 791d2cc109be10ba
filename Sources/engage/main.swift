import Foundation

// engage: the command-line tool. Everything it decides lives in the libraries;
// this file only hands the command line to the dispatcher and exits with its status.
guard Console.claimStandardDescriptors() else {
    Console.err(
        "engage: standard output is closed (started with >&-), so nothing could be shown; nothing was done. Send it somewhere: > FILE, or > /dev/null to discard it."
    )
    exit(1)
}
let status = Engage.run(
    arguments: Array(CommandLine.arguments.dropFirst()),
    environment: ProcessInfo.processInfo.environment,
    currentDirectory: FileManager.default.currentDirectoryPath)
exit(status)
