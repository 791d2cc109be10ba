/// Which part of a file holds the responses, when the file holds several: the member
/// of a zip download (`--member NAME`) and the sheet of a workbook (`--sheet NAME`).
/// Left empty, a zip's only export and a workbook's first sheet are read.
public struct ExportSelection: Sendable, Equatable {
    /// The zip member's path (`CSV/Survey.csv`) or just its file name.
    public var member: String?
    /// The sheet's name (exact, or ignoring case).
    public var sheet: String?

    /// Reads `member` of a zip and `sheet` of a workbook; `nil` picks the only one.
    public init(member: String? = nil, sheet: String? = nil) {
        self.member = member
        self.sheet = sheet
    }
}
