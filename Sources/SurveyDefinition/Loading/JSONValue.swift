/// A JSON value that remembers where it was written, so that problems found while
/// reading a definition can name the line and column.
///
/// Used for survey definitions and workspace settings; kept `package` so the other
/// modules can read their own JSON files with the same precise errors.
package struct JSONValue: Sendable, Equatable {
    /// What the value is, with its contents.
    package enum Kind: Sendable, Equatable {
        case object([(key: String, keyPosition: SourcePosition, value: JSONValue)])
        case array([JSONValue])
        case string(String)
        case number(Double)
        case bool(Bool)
        case null

        /// Values are equal when their contents are, wherever they are in the file.
        package static func == (lhs: Kind, rhs: Kind) -> Bool {
            switch (lhs, rhs) {
            case (.object(let a), .object(let b)):
                return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            case (.array(let a), .array(let b)): return a == b
            case (.string(let a), .string(let b)): return a == b
            case (.number(let a), .number(let b)): return a == b
            case (.bool(let a), .bool(let b)): return a == b
            case (.null, .null): return true
            default: return false
            }
        }
    }

    /// What the value is.
    package var kind: Kind
    /// Where the value starts in the file.
    package var position: SourcePosition

    /// A value of `kind` found at `position`.
    package init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }

    /// A short name for the kind of value, for messages ("a string", "an array").
    package var kindName: String {
        switch kind {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true or false"
        case .null: return "null"
        }
    }

    /// The string, when the value is one.
    package var stringValue: String? {
        if case .string(let s) = kind { return s }
        return nil
    }

    /// The number, when the value is one.
    package var numberValue: Double? {
        if case .number(let n) = kind { return n }
        return nil
    }

    /// The Boolean, when the value is one.
    package var boolValue: Bool? {
        if case .bool(let b) = kind { return b }
        return nil
    }

    /// The elements, when the value is an array.
    package var arrayValue: [JSONValue]? {
        if case .array(let a) = kind { return a }
        return nil
    }

    /// The members in file order with their key positions, when the value is an object.
    package var objectMembers: [(key: String, keyPosition: SourcePosition, value: JSONValue)]? {
        if case .object(let members) = kind { return members }
        return nil
    }

    /// The member with this key, if this is an object that has it.
    package subscript(key: String) -> JSONValue? {
        objectMembers?.first { $0.key == key }?.value
    }
}

/// A line and column in a source file, both 1-based.
public struct SourcePosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1.
    public var column: Int

    /// A position at `line` and `column` (both 1-based).
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// "line L, column C", as messages write it.
    public var description: String { "line \(line), column \(column)" }
}
