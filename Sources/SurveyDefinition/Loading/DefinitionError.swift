/// One problem found in a definition file, with where it is and what to do.
public struct DefinitionProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// Where in the file, when known.
    public var position: SourcePosition?
    /// What is wrong and what is expected.
    public var message: String

    /// A problem in `file` at `position`, with what to do.
    public init(file: String, position: SourcePosition?, message: String) {
        self.file = file
        self.position = position
        self.message = message
    }

    /// `file:line:column: message`, the form editors and terminals link to.
    public var description: String {
        if let position {
            return "\(file):\(position.line):\(position.column): \(message)"
        }
        return "\(file): \(message)"
    }
}

/// A definition that could not be loaded, with every problem found in it.
public struct DefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found, in file order.
    public var problems: [DefinitionProblem]

    /// An error listing `problems`.
    public init(problems: [DefinitionProblem]) {
        self.problems = problems
    }

    /// Every problem on its own line, as the CLI prints them.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
