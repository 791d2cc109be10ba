/// Reads typed members out of positioned JSON objects, collecting problems instead
/// of stopping at the first one, so a user sees everything to fix in one go.
package final class DefinitionReader {
    /// The file, for messages.
    package let file: String
    /// Every problem found so far, in the order found.
    package private(set) var problems: [DefinitionProblem] = []

    /// A reader collecting the problems of `file`.
    package init(file: String) {
        self.file = file
    }

    /// Records a problem at `position`.
    package func problem(_ message: String, at position: SourcePosition?) {
        problems.append(DefinitionProblem(file: file, position: position, message: message))
    }

    /// Reports members not in `allowed` (with a suggestion) and returns the object's members.
    @discardableResult
    package func object(_ value: JSONValue, _ what: String, allowed: [String]) -> JSONValue? {
        guard let members = value.objectMembers else {
            problem("\(what) must be an object ({ ... }), found \(value.kindName)", at: value.position)
            return nil
        }
        var seen: Set<String> = []
        for member in members {
            if !seen.insert(member.key).inserted {
                problem("\"\(member.key)\" appears twice in \(what); keep one", at: member.keyPosition)
            }
            if !allowed.contains(member.key) {
                problem(
                    "unknown key \"\(member.key)\" in \(what).\(StringDistance.didYouMean(member.key, among: allowed)) Allowed keys: \(allowed.joined(separator: ", "))",
                    at: member.keyPosition)
            }
        }
        return value
    }

    /// The string member `key` of `object`, recording a problem when it is missing (and `required`) or not a string.
    package func string(_ object: JSONValue, _ key: String, in what: String, required: Bool = true) -> String? {
        guard let value = object[key] else {
            if required { problem("\(what) is missing \"\(key)\"", at: object.position) }
            return nil
        }
        guard let s = value.stringValue else {
            problem(
                "\"\(key)\" in \(what) must be a string (text in double quotes), found \(value.kindName)",
                at: value.position)
            return nil
        }
        if required && s.trimmingWhitespace().isEmpty {
            problem("\"\(key)\" in \(what) must not be empty", at: value.position)
            return nil
        }
        if s.count > 10_000 {
            problem("\"\(key)\" in \(what) is \(s.count) characters long; the limit is 10000", at: value.position)
            return nil
        }
        return s
    }

    /// The number member `key`, recording a problem when it is not a number.
    package func number(_ object: JSONValue, _ key: String, in what: String) -> Double? {
        guard let value = object[key] else { return nil }
        guard let n = value.numberValue else {
            problem("\"\(key)\" in \(what) must be a number, found \(value.kindName)", at: value.position)
            return nil
        }
        return n
    }

    /// The member `key` as a percentage (0-100), recording a problem when it is out of range.
    package func percentage(_ object: JSONValue, _ key: String, in what: String) -> Double? {
        guard let n = number(object, key, in: what) else { return nil }
        guard (0...100).contains(n) else {
            problem(
                "\"\(key)\" in \(what) is \(NumberText.plain(n)), but a percentage must be between 0 and 100 (write 58 for 58%)",
                at: object[key]?.position)
            return nil
        }
        return n
    }

    /// The member `key` as a count (a whole number, 0 or more), recording a problem otherwise.
    package func count(_ object: JSONValue, _ key: String, in what: String) -> Int? {
        guard let n = number(object, key, in: what) else { return nil }
        guard n >= 0, n == n.rounded(), n < 1e12 else {
            problem(
                "\"\(key)\" in \(what) must be a whole number of 0 or more, found \(NumberText.plain(n))",
                at: object[key]?.position)
            return nil
        }
        return Int(n)
    }

    /// The Boolean member `key`, recording a problem when it is not one.
    func bool(_ object: JSONValue, _ key: String, in what: String) -> Bool? {
        guard let value = object[key] else { return nil }
        guard let b = value.boolValue else {
            problem("\"\(key)\" in \(what) must be true or false, found \(value.kindName)", at: value.position)
            return nil
        }
        return b
    }

    /// The member `key` as a list of strings, recording a problem otherwise.
    package func strings(_ object: JSONValue, _ key: String, in what: String) -> [String]? {
        guard let value = object[key] else { return nil }
        guard let items = value.arrayValue else {
            problem(
                "\"\(key)\" in \(what) must be a list of strings ([\"...\", \"...\"]), found \(value.kindName)",
                at: value.position)
            return nil
        }
        var result: [String] = []
        for item in items {
            guard let s = item.stringValue else {
                problem(
                    "every entry of \"\(key)\" in \(what) must be a string, found \(item.kindName)", at: item.position)
                continue
            }
            result.append(s)
        }
        return result
    }

    /// The array member `key`, recording a problem when it is not an array (or is missing and `required`).
    package func array(_ object: JSONValue, _ key: String, in what: String, required: Bool = false) -> [JSONValue]? {
        guard let value = object[key] else {
            if required { problem("\(what) is missing \"\(key)\" (a list)", at: object.position) }
            return nil
        }
        guard let items = value.arrayValue else {
            problem("\"\(key)\" in \(what) must be a list ([ ... ]), found \(value.kindName)", at: value.position)
            return nil
        }
        if items.count > 5_000 {
            problem("\"\(key)\" in \(what) has \(items.count) entries; the limit is 5000", at: value.position)
            return nil
        }
        return items
    }

    /// Checks that an identifier is a lower-case slug (`felt-fully-involved`).
    package func identifier(_ object: JSONValue, _ key: String, in what: String) -> String? {
        guard let id = string(object, key, in: what) else { return nil }
        let ok = id.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_"
        }
        if !ok || id.first == "-" {
            problem(
                "\"\(key)\" \"\(id)\" in \(what) must use lower-case letters, digits and hyphens only (for example \"felt-fully-involved\")",
                at: object[key]?.position)
            return nil
        }
        return id
    }

}

extension String {
    /// The text without leading and trailing whitespace (Unicode whitespace included).
    package func trimmingWhitespace() -> String {
        // Fast path: nothing to trim when both ends are visible ASCII.
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        if first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return self }
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
