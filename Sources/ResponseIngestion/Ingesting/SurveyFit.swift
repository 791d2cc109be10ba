import SurveyDefinition

/// How well an export's headers fit one survey, read from the header rows only, so
/// that `engage import` can pick the survey when the officer does not name it.
public struct SurveyFit: Sendable, Equatable {
    /// The survey's id.
    public var survey: String
    /// Questions with at least one column in the export.
    public var matchedQuestions: Int
    /// All the survey's questions.
    public var questions: Int
    /// Columns that are neither metadata nor matched to a question.
    var unmatchedColumns: Int

    /// A survey is a candidate when at least one of its questions has a column.
    public var fits: Bool { matchedQuestions > 0 }

    /// Reads the header rows of `path` (the format detected, or `format`, or the survey's mapping's)
    /// and measures each candidate survey against them, best fit first.
    /// - Throws: ``IngestionError`` when the file cannot be read.
    public static func measure(
        path: String, displayName: String? = nil, surveys: [Survey],
        format: ExportFormat? = nil, selection: ExportSelection = ExportSelection(),
        mapping: (Survey) -> ImportMapping? = { _ in nil }
    ) throws -> [SurveyFit] {
        let lookahead = try headerRows(path: path, displayName: displayName ?? path, selection: selection)
        let detected = FormatDetector.detect(lookahead)
        let fits = surveys.map { survey -> SurveyFit in
            let surveyMapping = mapping(survey)
            let chosen = format ?? surveyMapping?.format ?? detected
            let headerRows = Array(lookahead.prefix(min(chosen.headerRows, lookahead.count)))
            let plan = ColumnPlanner(survey: survey, format: chosen, mapping: surveyMapping).plan(
                headerRows: headerRows)
            return SurveyFit(
                survey: survey.id, matchedQuestions: plan.matchedQuestions.count,
                questions: survey.questions.count,
                unmatchedColumns: plan.columns.filter { $0.use == .unmatched }.count)
        }
        return fits.sorted {
            ($0.matchedQuestions, -$0.unmatchedColumns, $1.survey) > (
                $1.matchedQuestions, -$1.unmatchedColumns, $0.survey
            )
        }
    }

    /// The export format of `path`, detected from its header rows as ingestion will
    /// (never from the file name).
    public static func detectFormat(
        path: String, displayName: String? = nil, selection: ExportSelection = ExportSelection()
    ) throws -> ExportFormat {
        FormatDetector.detect(try headerRows(path: path, displayName: displayName ?? path, selection: selection))
    }

    /// The first three records: enough to recognise any format.
    static func headerRows(path: String, displayName name: String, selection: ExportSelection) throws -> [[String]] {
        var lookahead: [[String]] = []
        var source = try RecordSource(path: path, displayName: name, selection: selection)
        while lookahead.count < 3, let record = try source.next() {
            lookahead.append(record.fields)
        }
        guard !lookahead.isEmpty else { throw IngestionError.empty(file: name) }
        return lookahead
    }
}
