import Foundation

/// JSON of the publication model: the typed values as they are, keys sorted, so scripts
/// can rely on the shapes documented in docs/publication.md; through JSON's one
/// escaping layer (``Escaping/json(_:)``), so no text from a file can end a page it is
/// pasted into or carry invisible characters.
package enum PublicationJSON {
    /// `value` as engage's JSON: sorted keys, two-space indent, one line end.
    package static func text<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Escaping.json(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n"
    }
}

/// One of several model types, for an output that is one or another.
struct AnyEncodable: Encodable {
    let encodeValue: (Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encodeValue = value.encode }
    func encode(to encoder: Encoder) throws { try encodeValue(encoder) }
}
