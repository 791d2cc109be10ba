/// Parses `engage <command> [options] [arguments]` against the command specs, the way
/// swift-argument-parser and git do: `--name value` or `--name=value`, `--` ends the
/// options, unknown options and missing values are usage errors with a suggestion.
struct CommandLineParser {
    var commands: [CommandSpec]

    /// Finds the longest command path that matches the leading words.
    func command(for words: [String]) -> (CommandSpec, consumed: Int)? {
        var best: (CommandSpec, Int)?
        for spec in commands where words.count >= spec.path.count && Array(words.prefix(spec.path.count)) == spec.path {
            if best.map({ spec.path.count > $0.1 }) ?? true { best = (spec, spec.path.count) }
        }
        return best
    }

    /// Top-level command words, for suggestions.
    var commandNames: [String] { Array(Set(commands.map(\.path[0]))).sorted() }

    func parse(_ words: [String], environment: [String: String], currentDirectory: String) throws -> Invocation {
        guard let (spec, consumed) = command(for: words) else {
            let word = words.first ?? ""
            // A group such as `engage survey` with an unknown or missing subcommand.
            let group = commands.filter { $0.path.count > 1 && $0.path[0] == word }
            if !group.isEmpty {
                let subs = group.map { $0.path[1] }
                if words.count < 2 || words[1].hasPrefix("-") {
                    throw UsageError(
                        message: "'\(word)' needs a subcommand: \(subs.joined(separator: ", "))", command: word)
                }
                let hint = StringSuggest.didYouMean(words[1], among: subs)
                throw UsageError(message: "'\(words[1])' is not an 'engage \(word)' command.\(hint)", command: word)
            }
            let hint = StringSuggest.didYouMean(word, among: commandNames)
            throw UsageError(message: "'\(word)' is not an engage command.\(hint)", command: nil)
        }
        var invocation = Invocation(spec: spec, environment: environment, currentDirectory: currentDirectory)
        let options = spec.options + OptionSpec.global
        var rest = Array(words.dropFirst(consumed))
        var optionsEnded = false
        while !rest.isEmpty {
            let word = rest.removeFirst()
            if optionsEnded || !word.hasPrefix("-") || word == "-" {
                invocation.arguments.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            if word == "-h" {
                invocation.flags.insert("--help")
                continue
            }
            var name = word
            var inlineValue: String?
            if let eq = word.firstIndex(of: "=") {
                name = String(word[..<eq])
                inlineValue = String(word[word.index(after: eq)...])
            }
            guard let option = options.first(where: { $0.name == name }) else {
                let hint = StringSuggest.didYouMean(name, among: options.map(\.name))
                throw UsageError(
                    message: "unknown option '\(name)' for 'engage \(spec.name)'.\(hint)", command: spec.name)
            }
            if option.valueName == nil {
                if inlineValue != nil {
                    throw UsageError(message: "'\(name)' takes no value", command: spec.name)
                }
                invocation.flags.insert(name)
                continue
            }
            var value: String
            if let inlineValue {
                value = inlineValue
            } else if let next = rest.first, !(next.hasPrefix("--") && next.count > 2) {
                value = rest.removeFirst()
            } else {
                throw UsageError(message: "'\(name)' needs a value: \(name) \(option.valueName!)", command: spec.name)
            }
            if let allowed = option.allowed {
                // Any case: `--status Green` as the spreadsheet import accepts it.
                guard
                    let match = allowed.first(where: { $0 == value })
                        ?? allowed.first(where: { $0.lowercased() == value.lowercased() })
                else {
                    let hint = StringSuggest.didYouMean(value, among: allowed)
                    throw UsageError(
                        message:
                            "'\(value)' is not a valid value for \(name); choose one of: \(allowed.joined(separator: ", ")).\(hint)",
                        command: spec.name)
                }
                value = match
            }
            if invocation.values[name] != nil && !option.repeatable {
                throw UsageError(message: "'\(name)' was given more than once", command: spec.name)
            }
            invocation.values[name, default: []].append(value)
        }
        if invocation.flag("--help") { return invocation }
        if invocation.arguments.count < spec.arguments.min {
            let what = spec.argumentName.isEmpty ? "an argument" : spec.argumentName
            throw UsageError(message: "'engage \(spec.name)' needs \(what)", command: spec.name)
        }
        if let max = spec.arguments.max, invocation.arguments.count > max {
            let extra = invocation.arguments[max]
            throw UsageError(message: "unexpected argument '\(extra)' for 'engage \(spec.name)'", command: spec.name)
        }
        return invocation
    }
}
