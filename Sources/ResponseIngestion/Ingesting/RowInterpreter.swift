import SurveyDefinition

/// Decides what one data row is: an accepted response, or a row set aside or
/// rejected with its reason, column and value.
struct RowInterpreter {
    enum Result {
        case accepted(IngestedResponse)
        case outcome(RowOutcome)
    }

    let survey: Survey
    let plan: ColumnPlan
    let format: ExportFormat
    let dateOrder: DateOrder
    let now: Int64?
    let headerWidth: Int
    private var normalisers: [String: AnswerNormaliser] = [:]
    private let questionColumns: [(index: Int, header: String, question: Question)]
    private let tickColumns: [(index: Int, header: String, question: Question, option: AnswerOption)]
    private let submittedColumn: Int?
    private let idColumn: Int?
    private let statusColumn: Int?
    private let finishedColumn: Int?
    private let nameColumns: [Int]
    /// Identity hash → (line, content hash) of responses already seen in this file.
    private var seen: [UInt64: (line: Int, content: UInt64)] = [:]
    private(set) var damagedIDs = 0
    private let questionOrder: [String: Int]

    init(survey: Survey, plan: ColumnPlan, format: ExportFormat, dateOrder: DateOrder, mapping: ImportMapping?, now: Int64?, headerWidth: Int) {
        self.survey = survey
        self.plan = plan
        self.format = format
        self.dateOrder = dateOrder
        self.now = now
        self.headerWidth = headerWidth
        var questionColumns: [(Int, String, Question)] = []
        var tickColumns: [(Int, String, Question, AnswerOption)] = []
        var normalisers: [String: AnswerNormaliser] = [:]
        for c in plan.columns {
            switch c.use {
            case .answer(let qid):
                guard let q = survey.question(qid) else { continue }
                questionColumns.append((c.index, c.header, q))
                if let scale = survey.scale(for: q) {
                    normalisers[qid] = AnswerNormaliser(question: q, scale: scale, mapping: mapping)
                }
            case .optionTick(let qid, let code):
                guard let q = survey.question(qid), let option = survey.scale(for: q)?.option(code) else { continue }
                tickColumns.append((c.index, c.header, q, option))
            default:
                break
            }
        }
        self.questionColumns = questionColumns
        self.tickColumns = tickColumns
        self.normalisers = normalisers
        submittedColumn = plan.column(for: .submitted)
        idColumn = plan.column(for: .responseID)
        statusColumn = plan.column(for: .status)
        finishedColumn = plan.column(for: .finished)
        nameColumns = plan.columns.filter { if case .metadata(let r) = $0.use { return r.isName }; return false }.map(\.index)
        questionOrder = Dictionary(uniqueKeysWithValues: survey.questions.enumerated().map { ($1.id, $0) })
    }

    mutating func interpret(_ record: SourceRecord) -> Result {
        let fields = record.fields
        func outcome(_ kind: RowOutcome.Kind, _ code: String, _ reason: String, column: String? = nil, value: String? = nil) -> Result {
            .outcome(RowOutcome(kind: kind, line: record.line, column: column, value: value, reason: reason, code: code, raw: record.raw()))
        }
        if record.unterminatedQuote {
            return outcome(.rejected, "unterminated-quote", "a quoted field starting on this line never ends (unterminated quote), so the rest of the file was read as one value. Check for a missing closing \" or a cut-off export")
        }
        if record.invalidEncoding {
            return outcome(.rejected, "invalid-encoding", "the row contains bytes that are not valid UTF-8 text; the file may mix encodings. Re-save the export as \"CSV UTF-8\"")
        }
        if fields.count != headerWidth {
            let extraAreEmpty = fields.count > headerWidth && fields[headerWidth...].allSatisfy { $0.isEmpty }
            if !extraAreEmpty {
                return outcome(.rejected, "wrong-field-count", "the row has \(fields.count) field\(fields.count == 1 ? "" : "s") but the header has \(headerWidth); a value may contain an unquoted separator or line break, or the file is cut off")
            }
        }
        func cell(_ i: Int?) -> String {
            guard let i, i < fields.count else { return "" }
            return fields[i]
        }
        func header(_ i: Int) -> String { plan.columns.first { $0.index == i }?.header ?? "column \(i + 1)" }

        // Platform markers for responses that are not real or not finished.
        if let statusColumn {
            let status = AnswerText.normalise(cell(statusColumn))
            switch status {
            case "", "0", "ip address", "4", "imported", "16", "offline":
                break
            case "1", "survey preview", "preview":
                return outcome(.setAside, "preview", "a survey preview, not a real response", column: header(statusColumn), value: cell(statusColumn))
            case "2", "survey test", "test":
                return outcome(.setAside, "test", "a survey test, not a real response", column: header(statusColumn), value: cell(statusColumn))
            case "8", "spam":
                return outcome(.setAside, "spam", "marked as spam by the platform", column: header(statusColumn), value: cell(statusColumn))
            default:
                return outcome(.setAside, "status", "response status \"\(cell(statusColumn))\" is not a normal response", column: header(statusColumn), value: cell(statusColumn))
            }
        }
        if let finishedColumn {
            let finished = AnswerText.normalise(cell(finishedColumn))
            if finished == "0" || finished == "false" || finished == "no" {
                return outcome(.setAside, "incomplete", "the respondent did not finish the survey", column: header(finishedColumn), value: cell(finishedColumn))
            }
        }
        // Submitted time: the date the response belongs to.
        let stampText = cell(submittedColumn).trimmingWhitespace()
        var submitted: Int64?
        if let submittedColumn {
            if stampText.isEmpty {
                if format == .limeSurvey {
                    return outcome(.setAside, "incomplete", "no submission date: LimeSurvey marks an incomplete response this way", column: header(submittedColumn))
                }
                return outcome(.rejected, "missing-date", "the submitted date is empty; fill it in (for a telephone survey, the date of the call)", column: header(submittedColumn))
            }
            guard let parts = TimestampParser.split(stampText) else {
                return outcome(.rejected, "bad-date", "\"\(stampText)\" is not a date engage can read; write it like \(dateOrder.example) 14:30", column: header(submittedColumn), value: stampText)
            }
            do {
                submitted = try TimestampParser.resolve(parts, order: dateOrder)
            } catch {
                let detail: String
                if case .impossible(let why) = error { detail = why } else { detail = "unreadable" }
                return outcome(.rejected, "bad-date", "\"\(stampText)\" cannot be a date read as \(dateOrder.rawValue) (\(detail)); check the value, or the date order (--date-order)", column: header(submittedColumn), value: stampText)
            }
            if let now, let submitted, submitted > now + 86_400 {
                return outcome(.rejected, "future-date", "the submitted date \(CivilTime.wallClockText(submitted)) is in the future; check the value and the date order", column: header(submittedColumn), value: stampText)
            }
        }

        // Answers.
        var answers: [Answer] = []
        for (index, colHeader, question) in questionColumns {
            let raw = cell(index)
            let value = raw.trimmingWhitespace()
            if value.isEmpty { continue }
            switch question.type {
            case .scale, .singleChoice, .yesNo:
                guard let code = normalisers[question.id]?.code(for: value) else {
                    return outcome(.rejected, "unknown-answer", "\"\(value)\" is not an answer to \"\(question.text)\"; expected one of: \(optionList(question)). Add it as a synonym in the survey definition or the mapping file if it means one of them", column: colHeader, value: value)
                }
                answers.append(Answer(question: question.id, option: code, value: survey.scale(for: question)?.option(code)?.value))
            case .multipleChoice:
                guard let codes = normalisers[question.id]?.codes(forMultiSelect: value, separators: format.multiSelectSeparators) else {
                    return outcome(.rejected, "unknown-answer", "\"\(value)\" does not split into answers to \"\(question.text)\"; expected some of: \(optionList(question))", column: colHeader, value: value)
                }
                for code in codes { answers.append(Answer(question: question.id, option: code)) }
            case .number:
                guard let number = Double(value.replacingOccurrences(of: ",", with: "")), number.isFinite else {
                    return outcome(.rejected, "bad-number", "\"\(value)\" is not a number", column: colHeader, value: value)
                }
                answers.append(Answer(question: question.id, text: value, value: number))
            case .date:
                guard let parts = TimestampParser.split(value), let t = try? TimestampParser.resolve(parts, order: dateOrder) else {
                    return outcome(.rejected, "bad-date", "\"\(value)\" is not a date (expected like \(dateOrder.example))", column: colHeader, value: value)
                }
                answers.append(Answer(question: question.id, text: CivilTime.isoDate(CivilTime.day(wallClock: t))))
            case .freeText:
                answers.append(Answer(question: question.id, text: value))
            }
        }
        for (index, colHeader, question, option) in tickColumns {
            let raw = cell(index)
            switch AnswerNormaliser.tick(raw, optionLabel: option.label) {
            case .some(true): answers.append(Answer(question: question.id, option: option.code))
            case .some(false): break
            case .none:
                return outcome(.rejected, "unknown-answer", "\"\(raw.trimmingWhitespace())\" in the column for option \"\(option.label)\" of \"\(question.text)\" is neither the option nor Yes/No", column: colHeader, value: raw)
            }
        }
        if answers.isEmpty {
            return outcome(.setAside, "no-answers", "the row answers none of the survey's questions")
        }
        answers.sort { (questionOrder[$0.question] ?? 0, $0.option ?? "") < (questionOrder[$1.question] ?? 0, $1.option ?? "") }

        var content = ContentHasher()
        content.add(submitted ?? -1)
        for a in answers {
            content.add(a.question)
            content.add(a.option ?? "")
            content.add(a.text ?? "")
        }
        // Identity: the platform's id, unless missing or damaged by Excel.
        let rawID = cell(idColumn).trimmingWhitespace()
        let identity: ResponseIdentity
        if rawID.isEmpty {
            identity = .fingerprint(content.hex)
        } else if Self.isScientific(rawID) {
            damagedIDs += 1
            identity = .fingerprint(content.hex)
        } else {
            identity = .platform(rawID)
        }
        var idHasher = ContentHasher()
        idHasher.add(identity.key)
        if let earlier = seen[idHasher.value] {
            if earlier.content == content.value {
                return outcome(.setAside, "duplicate-in-file", "the same response appears earlier in this file (line \(earlier.line))")
            }
            return outcome(.rejected, "conflicting-duplicate", "response id \(rawID) appears earlier in this file (line \(earlier.line)) with different answers; keep the right one", column: idColumn.map(header), value: rawID)
        }
        seen[idHasher.value] = (record.line, content.value)

        var names: [String] = []
        for i in nameColumns {
            let n = cell(i).trimmingWhitespace()
            if !n.isEmpty && AnswerText.normalise(n) != "anonymous" { names.append(n) }
        }
        return .accepted(IngestedResponse(identity: identity, submitted: submitted, line: record.line, answers: answers,
                                          contentHash: content.hex, names: names))
    }

    private func optionList(_ question: Question) -> String {
        (survey.scale(for: question)?.options.map(\.label) ?? []).joined(separator: ", ")
    }

    /// `1.18052E+11`: a number Excel has rewritten in scientific notation.
    static func isScientific(_ text: String) -> Bool {
        let upper = text.uppercased()
        guard let e = upper.firstIndex(of: "E") else { return false }
        let mantissa = upper[..<e], exponent = upper[upper.index(after: e)...]
        return !mantissa.isEmpty && mantissa.allSatisfy { $0.isNumber || $0 == "." }
            && exponent.count >= 2 && (exponent.first == "+" || exponent.first == "-") && exponent.dropFirst().allSatisfy(\.isNumber)
    }
}
