import SurveyDefinition

/// Recognises an export's platform from its first rows (the header fingerprint).
enum FormatDetector {
    /// - Parameter rows: the first (up to three) records of the file.
    static func detect(_ rows: [[String]]) -> ExportFormat {
        guard let first = rows.first else { return .generic }
        let header = first.map(AnswerText.normalise)
        if rows.count >= 3, let cell = rows[2].first, cell.trimmingWhitespace().hasPrefix("{\"ImportId\"") {
            return .qualtrics
        }
        if header.count >= 2, header[0] == "respondent id", header[1] == "collector id" {
            return .surveyMonkey
        }
        let codes = Set(header.map { limeCode($0) })
        if (codes.contains("id") || codes.contains("response id")) && (codes.contains("submitdate") || codes.contains("date submitted"))
            && (codes.contains("lastpage") || codes.contains("last page") || codes.contains("startlanguage") || codes.contains("start language")) {
            return .limeSurvey
        }
        if header.count >= 3, header[0] == "id", header[1] == "start time", header[2] == "completion time" {
            return .microsoftForms
        }
        if header.first == "timestamp" {
            if rows.count >= 2, let stamp = rows[1].first, looksLikeFormsDownloadStamp(stamp) {
                return .googleFormsDownload
            }
            return .googleForms
        }
        return .generic
    }

    /// `2020/10/30 3:08:44 PM GMT+1`: year first with slashes, a 12-hour clock or a zone.
    static func looksLikeFormsDownloadStamp(_ text: String) -> Bool {
        let t = text.uppercased()
        guard let parts = TimestampParser.split(text), parts.yearFirst else { return false }
        return t.contains("/") && (t.contains("AM") || t.contains("PM") || t.contains("GMT"))
    }

    /// LimeSurvey "code. text" headings: the code before ". ".
    static func limeCode(_ normalised: String) -> String {
        if let range = normalised.range(of: ". ") {
            let code = normalised[..<range.lowerBound]
            if !code.contains(" ") { return String(code) }
        }
        return normalised
    }
}
