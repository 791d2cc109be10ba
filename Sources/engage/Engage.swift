import Foundation
import SurveyDefinition

/// The engage command: dispatches to the commands and turns errors into exit statuses
/// (0 success, 1 input rejected, 64 usage error).
enum Engage {
    static let version = "0.1.0"

    static var commands: [CommandSpec] {
        [HelpCommand.spec, DemoCommand.spec, InitCommand.spec] + SurveyCommands.specs + [InspectCommand.spec]
            + ImportCommands.specs + KPICommands.specs + [SummaryCommand.spec, BoardCommand.spec, PublishCommand.spec]
            + QuoteCommands.specs + ActionCommands.specs + ConfigCommands.specs + BackupCommands.specs
    }

    static func run(arguments: [String], environment: [String: String], currentDirectory: String) -> Int32 {
        if arguments.isEmpty {
            Console.out(HelpCommand.overview())
            return 0
        }
        if arguments == ["--version"] || arguments == ["version"] {
            Console.out("engage \(version)")
            return 0
        }
        if arguments.first == "--help" || arguments.first == "-h" {
            Console.out(HelpCommand.overview())
            return 0
        }
        let parser = CommandLineParser(commands: commands)
        do {
            let invocation = try parser.parse(arguments, environment: environment, currentDirectory: currentDirectory)
            if invocation.flag("--help") {
                Console.out(HelpCommand.help(for: invocation.spec))
                return 0
            }
            return try invocation.spec.run(invocation)
        } catch let error as UsageError {
            Console.err(error.description)
            return 64
        } catch let error as CommandFailure {
            Console.err(error.description)
            return 1
        } catch let error as DefinitionError {
            Console.err(error.description)
            return 1
        } catch {
            Console.err("engage: \(error)")
            return 1
        }
    }
}
