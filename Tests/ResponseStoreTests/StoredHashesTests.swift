import Foundation
import SurveyDefinition
import Testing

@testable import ResponseStore

/// A stored response is recognised again by its identity and told apart from a changed
/// one by its content hash, so neither may change between versions of engage without
/// a way to recognise the old ones: a workspace imported by an earlier version must see
/// a re-export as "already present". (Schema 7 changed the identity of responses without
/// a platform id from `fp:` and the content hash to `row:` and the hash of the whole
/// row; the old ones are recognised by submitted time and answers, tested in
/// ImportIdentityTests.)
@Suite("Stored identities and content hashes")
struct StoredHashesTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(
        "the example exports (SurveyMonkey twice, a telephone spreadsheet with its mapping, Google Forms, Microsoft Forms) are stored with the platform ids and content hashes engage has always given them, and whole-row identities"
    )
    func sameAsBefore() throws {
        let dir = TemporaryDirectory()
        let examples = Self.repository.appendingPathComponent("Examples").path
        _ = try ExampleWorkspace(examples: examples).build(
            into: dir.file("workspace"), surveys: StandardSurveys.files,
            loadSurvey: { try SurveyLoader().load(path: $0) }, log: { _ in })
        let store = try Store(path: dir.file("workspace/engage.sqlite"), readOnly: true)
        let stored = try store.db.prepare(
            """
            SELECT s.code || ' ' || r.identity || ' ' || r.content_hash FROM responses r JOIN surveys s ON s.id = r.survey_id ORDER BY 1
            """
        ).rows { $0.string(0) }
        let golden = try String(
            contentsOfFile: Self.repository.appendingPathComponent(
                "Tests/ResponseStoreTests/Fixtures/example-identities-and-hashes.txt"
            ).path,
            encoding: .utf8
        ).split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
        #expect(golden.count == 925)
        #expect(stored == golden)
    }
}
