import Foundation

/// A stored response that an import found with different answers, as
/// `changed_responses` keeps it: both versions, question by question.
package struct ChangedResponse: Sendable, Equatable {
    /// The import that found the change.
    package var importID: Int64
    /// The stored response's row id and identity (`surveymonkey:118052219061`).
    package var responseID: Int64
    /// How the response is recognised across exports.
    package var identity: String
    /// The line of the import's file the export's version is on.
    package var line: Int
    /// Whether the export's version replaced the stored one (`--replace-changed`).
    package var replaced: Bool
    /// Answers by question id, each `o:CODE` for an option or `t:TEXT`.
    package var stored: [String: [String]]
    /// The export's answers by question id, in the same form.
    package var exported: [String: [String]]

    /// The questions whose answers differ, in the order given.
    package func differing(in order: [String]) -> [String] {
        let all = Set(stored.keys).union(exported.keys)
        let known = order.filter { all.contains($0) }
        let rest = all.subtracting(known).sorted()
        return (known + rest).filter { stored[$0] ?? [] != exported[$0] ?? [] }
    }
}

/// Answers by question as a small JSON object (`{"involved":["o:agree"]}`), sorted keys.
enum AnswerJSON {
    static func text(_ answers: [String: [String]]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: answers, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func parse(_ text: String) -> [String: [String]] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: [String]] ?? [:]
    }
}

extension Store {
    /// The responses import `id` found changed since they were stored, by line.
    package func changedResponses(importID id: Int64) throws -> [ChangedResponse] {
        guard try importExists(id) else { throw StoreError.importNotFound(path: path, id: id) }
        return try db.prepare(
            """
            SELECT c.import_id, c.response_id, coalesce(r.identity, '') AS identity, c.line, c.replaced, c.stored, c.exported
            FROM changed_responses c LEFT JOIN responses r ON r.id = c.response_id
            WHERE c.import_id = ? ORDER BY c.line, c.id
            """
        ).rows([.integer(id)]) { s in
            ChangedResponse(
                importID: s.int64("import_id"), responseID: s.int64("response_id"), identity: s.string("identity"),
                line: s.int("line"), replaced: s.int("replaced") != 0, stored: AnswerJSON.parse(s.string("stored")),
                exported: AnswerJSON.parse(s.string("exported")))
        }
    }
}
