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
        if rows.count >= 2, isSurveyMonkeySecondRow(rows[1]) {
            return .surveyMonkey
        }
        let names = Set(header)
        if names.contains("response id") && names.contains("date submitted")
            && (names.contains("time started") || names.contains("status"))
        {
            return .alchemer
        }
        let codes = Set(header.map { limeCode($0) })
        if (codes.contains("id") || codes.contains("response id"))
            && (codes.contains("submitdate") || codes.contains("date submitted"))
            && (codes.contains("lastpage") || codes.contains("last page") || codes.contains("startlanguage")
                || codes.contains("start language"))
        {
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

    /// SurveyMonkey's second header row, recognised by its content even without the
    /// nine metadata columns (a file re-saved without them): `Response` under a single
    /// choice, `Open-Ended Response` under a text box, option texts and statements under
    /// the others; and no date, as a first data row would have.
    static func isSurveyMonkeySecondRow(_ row: [String]) -> Bool {
        var labels = 0
        for cell in row {
            let text = AnswerText.normalise(cell)
            if text == "response" || text == "open-ended response" { labels += 1 }
            if TimestampParser.split(cell) != nil { return false }
        }
        return labels > 0
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
