/// The standard SEND surveys that ship with engage, compiled into the binary so that
/// `engage survey show ehcp-parent-carer` works from any folder.
///
/// Their ids, question ids and KPI ids are a public contract: examples, workspaces and
/// users' scripts rely on them.
package enum StandardSurveys {
    /// File names and JSON texts of the standard definitions (without the schema).
    package static var files: [(fileName: String, text: String)] {
        embedded.filter { $0.fileName != schemaFileName }
    }

    /// The JSON Schema of the definition format, as shipped in `Surveys/`.
    package static var schema: String {
        embedded.first { $0.fileName == schemaFileName }!.text
    }

    static let schemaFileName = "survey.schema.json"

    /// The ids of the standard surveys.
    package static let ids = ["ehcp-parent-carer", "ehcp-education-setting", "annual-review-parent-carer"]

    /// The JSON text of the standard survey with this id.
    package static func text(id: String) -> String? {
        files.first { $0.fileName == id + ".json" }?.text
    }
}
