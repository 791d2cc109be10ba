import Foundation

// engage: the command-line tool. Everything it decides lives in the libraries;
// this file only hands the command line to the dispatcher and exits with its status.
let status = Engage.run(arguments: Array(CommandLine.arguments.dropFirst()),
                        environment: ProcessInfo.processInfo.environment,
                        currentDirectory: FileManager.default.currentDirectoryPath)
exit(status)
