import Foundation
import SurveyDefinition

/// Decides what one data row is: an accepted response, or a row set aside or
/// rejected with its reason, column and value. Each row is read on its own (so rows
/// can be read on several cores, each with its own interpreter); repeats within the
/// file are found afterwards, in file order, by ``InFileDuplicates``.
///
/// Cells are read as bytes from the reader's buffer: an answer column's distinct
/// spellings are normalised once each (``CellCache``), and only free text, ids and
/// names become `String`s.
struct RowInterpreter: Sendable {
    enum Result: Sendable {
        /// The response is `nil` when the interpreter was told not to keep responses
        /// (`engage inspect` only counts them; they are still read in full).
        case accepted(IngestedResponse?, Identity)
        case outcome(RowOutcome)
    }

    /// What ``InFileDuplicates`` needs to know about an accepted response.
    struct Identity: Sendable {
        /// The line the row starts on.
        var line: Int
        /// The platform's response id, or `nil` when the identity is the whole row.
        var platformID: String?
        /// Hash of the identity: of the key `id:…` for a platform id, or of the row's
        /// raw bytes (``RowHash``) without one.
        var key: UInt64
        /// Hash of the normalised content.
        var content: UInt64
        /// The id column held an id Excel had damaged (the identity is the whole row).
        var damagedID: Bool
        /// Nothing tells this row from an identical one: no platform id and no time of
        /// day (a bare date, or dates given with `--submitted`). Identical rows are then
        /// different respondents, not one response twice.
        var timeless: Bool = false
    }

    /// An answer cell as read.
    enum CellAnswer: Sendable {
        case blank
        case unknown
        /// The option's code, value, and position in its scale (-1 if not in it).
        case option(String, Double?, Int)
    }

    let survey: Survey
    let plan: ColumnPlan
    let format: ExportFormat
    let dateOrder: DateOrder
    let now: Int64?
    let headerWidth: Int
    /// The submitted time of every row, when the file has no date column and the
    /// officer gave one (`--submitted`).
    var givenSubmitted: Int64?
    /// The zone the submitted times are written in, when not UK time (Qualtrics).
    private let submittedZone: TimeZone?
    /// Whether accepted rows hand back their response (false for `engage inspect`).
    var keepResponses = true
    private var normalisers: [String: AnswerNormaliser] = [:]
    /// A column that answers a question, with what the hot loop needs at hand.
    private struct AnswerColumn: Sendable {
        let index: Int
        let header: String
        let question: Question
        let questionID: String
        let type: QuestionType
        /// The question's position in the survey (answers are kept in that order).
        let rank: Int
    }
    private let questionColumns: [AnswerColumn]
    private let tickColumns: [(index: Int, header: String, question: Question, option: AnswerOption)]
    private let submittedColumn: Int?
    private let idColumn: Int?
    private let statusColumn: Int?
    private let finishedColumn: Int?
    private let nameColumns: [Int]
    private let emailColumns: [Int]
    private let questionOrder: [String: Int]
    private var answerCaches: [CellCache<CellAnswer>]
    /// For each question column, the content hash's step for each option of its scale,
    /// by position: an option answer is hashed in one step instead of byte by byte.
    private let optionSteps: [[ContentHasher.Step]]
    /// Whether answers always come out in question order: every column is a single
    /// answer (scale, single choice, yes/no, free text) of a different question, in
    /// the survey's order, and there are no option-tick columns.
    let answersInOrder: Bool
    private var statusCache = CellCache<(String, String)?>(limit: 64)
    private var finishedCache = CellCache<Bool>(limit: 64)

    init(
        survey: Survey, plan: ColumnPlan, format: ExportFormat, dateOrder: DateOrder, mapping: ImportMapping?,
        now: Int64?, headerWidth: Int
    ) {
        self.survey = survey
        self.plan = plan
        self.format = format
        self.dateOrder = dateOrder
        self.now = now
        self.headerWidth = headerWidth
        var questionColumns: [AnswerColumn] = []
        let questionOrder = Dictionary(uniqueKeysWithValues: survey.questions.enumerated().map { ($1.id, $0) })
        var tickColumns: [(Int, String, Question, AnswerOption)] = []
        var normalisers: [String: AnswerNormaliser] = [:]
        for c in plan.columns {
            switch c.use {
            case .answer(let qid):
                guard let q = survey.question(qid) else { continue }
                questionColumns.append(
                    AnswerColumn(
                        index: c.index, header: c.header, question: q, questionID: q.id, type: q.type,
                        rank: questionOrder[q.id] ?? 0))
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
        answerCaches = questionColumns.map { _ in CellCache<CellAnswer>() }
        optionSteps = questionColumns.map { column in
            guard [.scale, .singleChoice, .yesNo].contains(column.type) else { return [] }
            return (survey.scale(for: column.question)?.options ?? []).map {
                ContentHasher.Step.answer(question: column.questionID, option: $0.code)
            }
        }
        answersInOrder =
            tickColumns.isEmpty
            && questionColumns.allSatisfy { [.scale, .singleChoice, .yesNo, .freeText].contains($0.type) }
            && zip(questionColumns, questionColumns.dropFirst()).allSatisfy { $0.rank < $1.rank }
        self.tickColumns = tickColumns
        self.normalisers = normalisers
        submittedColumn = plan.column(for: .submitted)
        submittedZone = plan.submittedTimeZone.flatMap { TimeZones.isUK($0) ? nil : TimeZones.zone($0) }
        idColumn = plan.column(for: .responseID)
        statusColumn = plan.column(for: .status)
        finishedColumn = plan.column(for: .finished)
        nameColumns = plan.columns.filter {
            if case .metadata(let r) = $0.use { return r.isName }
            return false
        }.map(\.index)
        emailColumns = plan.columns.filter {
            if case .metadata(.email) = $0.use { return true }
            return false
        }.map(\.index)
        self.questionOrder = questionOrder
    }

    // MARK: Interpreting a row, stage by stage

    /// Interprets one data row, stage by stage; each stage may end it as a row set aside
    /// or rejected (with its reason, column and value):
    /// 1. ``checkShape(_:)``: quotes closed, valid text, as many fields as the header;
    /// 2. ``checkPlatformMarkers(_:)``: the platform's status and finished columns;
    /// 3. ``readSubmitted(_:)``: the submitted time;
    /// 4. ``readAnswerColumns(_:into:)`` and ``readTickColumns(_:into:)``: the answers;
    /// 5. ``AnswersRead/orderAndHash(questionOrder:optionSteps:)``: the answers in
    ///    question order and the content hash;
    /// 6. ``identify(_:content:hasTime:)``: the platform id or the whole row;
    /// 7. ``makeResponse(_:answers:time:identity:)``, when responses are kept.
    ///
    /// When only counting (`keepResponses` false, `engage inspect`) and the columns can
    /// only give answers in question order, stage 4 hashes the content as it reads and
    /// builds no answer (the "direct" path): the same hash, without the allocations
    /// (`DirectHashingTests` checks both give the same identities and hashes).
    ///
    /// The stages are `mutating`, even those that change nothing: called from here, a
    /// non-mutating one cost a copy a row (callgrind), and this runs for every row.
    mutating func interpret(_ record: CSVRecord) -> Result {
        do throws(RowEnded) {
            try checkShape(record)
            try checkPlatformMarkers(record)
            let time = try readSubmitted(record)
            var answers = AnswersRead(
                direct: !keepResponses && answersInOrder, submitted: time.submitted, columns: questionColumns.count)
            try readAnswerColumns(record, into: &answers)
            try readTickColumns(record, into: &answers)
            if answers.list.isEmpty && answers.answered == 0 {
                throw outcome(record, .setAside, "no-answers", "the row answers none of the survey's questions")
            }
            answers.orderAndHash(questionOrder: questionOrder, optionSteps: optionSteps)
            let identity = identify(record, content: answers.content.value, hasTime: time.hasTime)
            guard keepResponses else { return .accepted(nil, identity) }
            return .accepted(makeResponse(record, answers: answers, time: time, identity: identity), identity)
        } catch {
            return .outcome(error.outcome)
        }
    }

    /// A row ended by a stage: set aside or rejected, with its reason, column and value.
    /// Stages throw it (a typed throw: no boxed error, and nothing on the path of a row
    /// that goes on).
    struct RowEnded: Error {
        let outcome: RowOutcome
    }

    /// The row ended with this reason, column and value.
    private func outcome(
        _ record: CSVRecord, _ kind: RowOutcome.Kind, _ code: String, _ reason: String, column: String? = nil,
        value: String? = nil
    ) -> RowEnded {
        RowEnded(
            outcome: RowOutcome(
                kind: kind, line: record.line, column: column, value: value, reason: reason, code: code,
                raw: record.rawText()))
    }

    private func cell(_ record: CSVRecord, _ i: Int?) -> String {
        guard let i else { return "" }
        return record.field(i)
    }

    private func trimmed(_ record: CSVRecord, _ i: Int?) -> String {
        guard let i else { return "" }
        return record.withFieldBytes(i) { CellBytes.trimmedString($0) }
    }

    private func header(_ i: Int) -> String { plan.columns.first { $0.index == i }?.header ?? "column \(i + 1)" }

    /// Stage 1: an unterminated quote, bytes that are not text, or a field count other
    /// than the header's (extra empty fields aside) reject the row.
    @inline(__always)
    private mutating func checkShape(_ record: CSVRecord) throws(RowEnded) {
        if record.hasUnterminatedQuote {
            throw outcome(
                record, .rejected, "unterminated-quote",
                "a quoted field starting on this line never ends (unterminated quote), so the rest of the file was read as one value. Check for a missing closing \" or a cut-off export"
            )
        }
        if record.hasInvalidEncoding {
            throw outcome(
                record, .rejected, "invalid-encoding",
                "the row contains bytes that are not valid UTF-8 text; the file may mix encodings. Re-save the export as \"CSV UTF-8\""
            )
        }
        let fieldCount = record.count
        if fieldCount != headerWidth {
            let extraAreEmpty = fieldCount > headerWidth && (headerWidth..<fieldCount).allSatisfy { record.isEmpty($0) }
            if !extraAreEmpty {
                throw outcome(
                    record, .rejected, "wrong-field-count",
                    "the row has \(fieldCount) field\(fieldCount == 1 ? "" : "s") but the header has \(headerWidth); a value may contain an unquoted separator or line break, or the file is cut off"
                )
            }
        }
    }

    /// Stage 2: the platform's markers for responses that are not real or not finished
    /// set the row aside.
    @inline(__always)
    private mutating func checkPlatformMarkers(_ record: CSVRecord) throws(RowEnded) {
        if let statusColumn {
            let format = format
            let marker = record.withFieldBytes(statusColumn) { bytes in
                statusCache.value(for: bytes) {
                    Self.statusMarker(
                        String(decoding: $0, as: UTF8.self), unknownSetsAside: format.unknownStatusSetsAside)
                }
            }
            if let (code, reason) = marker {
                throw outcome(
                    record, .setAside, code, reason, column: header(statusColumn), value: cell(record, statusColumn))
            }
        }
        if let finishedColumn {
            let unfinished = record.withFieldBytes(finishedColumn) { bytes in
                finishedCache.value(for: bytes) {
                    let finished = AnswerText.normalise(String(decoding: $0, as: UTF8.self))
                    return finished == "0" || finished == "false" || finished == "no"
                }
            }
            if unfinished {
                throw outcome(
                    record, .setAside, "incomplete", "the respondent did not finish the survey",
                    column: header(finishedColumn), value: cell(record, finishedColumn))
            }
        }
    }

    /// When a response was submitted, as UK wall-clock time, and how precisely.
    struct SubmittedTime {
        var submitted: Int64?
        var hasTime = false
        var hasSeconds = false
    }

    /// Stage 3: the submitted time (the date the response belongs to), or the row
    /// rejected (or, for LimeSurvey, set aside) for a missing, unreadable or future date.
    @inline(__always)
    private mutating func readSubmitted(_ record: CSVRecord) throws(RowEnded) -> SubmittedTime {
        guard let submittedColumn else { return SubmittedTime(submitted: givenSubmitted) }
        var time = SubmittedTime()
        if record.withFieldBytes(submittedColumn, CellBytes.isBlank) {
            if format == .limeSurvey {
                throw outcome(
                    record, .setAside, "incomplete",
                    "no submission date: LimeSurvey marks an incomplete response this way",
                    column: header(submittedColumn))
            }
            throw outcome(
                record, .rejected, "missing-date",
                "the submitted date is empty; fill it in (for a telephone survey, the date of the call)",
                column: header(submittedColumn))
        }
        let parts = record.withFieldBytes(submittedColumn) { bytes in
            CellBytes.trimmedASCII(bytes).flatMap { TimestampParser.split(bytes: $0) }
                ?? TimestampParser.split(String(decoding: bytes, as: UTF8.self).trimmingWhitespace())
        }
        guard let parts else {
            let stampText = trimmed(record, submittedColumn)
            throw outcome(
                record, .rejected, "bad-date",
                "\"\(stampText)\" is not a date engage can read; write it like \(dateOrder.example) 14:30",
                column: header(submittedColumn), value: stampText)
        }
        time.hasTime = parts.hasTime
        time.hasSeconds = parts.hasSeconds
        do {
            time.submitted = try TimestampParser.resolve(parts, order: dateOrder)
            if let submittedZone, parts.offset == nil, let wall = time.submitted {
                time.submitted = TimeZones.ukWallClock(wall, in: submittedZone)
            }
        } catch {
            let detail: String
            if case .impossible(let why) = error { detail = why } else { detail = "unreadable" }
            let stampText = trimmed(record, submittedColumn)
            throw outcome(
                record, .rejected, "bad-date",
                "\"\(stampText)\" cannot be a date read as \(dateOrder.rawValue) (\(detail)); check the value, or the date order (--date-order)",
                column: header(submittedColumn), value: stampText)
        }
        if let now, let submitted = time.submitted, submitted > now + 86_400 {
            throw outcome(
                record, .rejected, "future-date",
                "the submitted date \(CivilTime.wallClockText(submitted)) is in the future; check the value and the date order",
                column: header(submittedColumn), value: trimmed(record, submittedColumn))
        }
        return time
    }

    /// The answers read from a row so far, with each answer's question rank alongside
    /// (to check their order) and its content-hash step, and the content hash.
    struct AnswersRead {
        /// Hash as the row is read and build no answer (see ``interpret(_:)``).
        let direct: Bool
        var content = ContentHasher()
        /// Answers given (in `list`, or only hashed when `direct`).
        var answered = 0
        var list: [Answer] = []
        var ranks: [Int] = []
        /// For each answer in `list`, its step (column << 16 | option position) or -1.
        var steps: [Int] = []

        @inline(__always)
        init(direct: Bool, submitted: Int64?, columns: Int) {
            self.direct = direct
            content.add(submitted ?? -1)
            if !direct {
                list.reserveCapacity(columns)
                ranks.reserveCapacity(columns)
                steps.reserveCapacity(columns)
            }
        }

        @inline(__always)
        mutating func append(_ answer: Answer, rank: Int, step: Int = -1) {
            list.append(answer)
            ranks.append(rank)
            steps.append(step)
        }

        /// Stage 5: the answers in question order, options in code order (usually
        /// already so), hashed into `content` in that order (with the precomputed step
        /// of each option answer when none moved).
        @inline(__always)
        mutating func orderAndHash(questionOrder: [String: Int], optionSteps: [[ContentHasher.Step]]) {
            var ordered = true
            for k in list.indices.dropFirst()
            where ranks[k - 1] > ranks[k]
                || (ranks[k - 1] == ranks[k] && (list[k - 1].option ?? "") > (list[k].option ?? ""))
            {
                ordered = false
                break
            }
            if !ordered {
                list.sort {
                    (questionOrder[$0.question] ?? 0, $0.option ?? "")
                        < (questionOrder[$1.question] ?? 0, $1.option ?? "")
                }
            }
            precondition(steps.count == list.count, "every answer has its step (or -1)")
            for (i, a) in list.enumerated() {
                // Sorting above reorders the answers but not their steps: hash byte by byte then.
                if ordered, steps[i] >= 0 {
                    content.add(optionSteps[steps[i] >> 16][steps[i] & 0xFFFF])
                } else {
                    content.add(answerTo: a.question, option: a.option ?? "", text: a.text ?? "")
                }
            }
        }
    }

    /// Stage 4a: the answer of each question column (an option through the column's
    /// ``CellCache``, free text, several options, a number or a date); an answer that
    /// is none of what its question takes rejects the row.
    @inline(__always)
    private mutating func readAnswerColumns(_ record: CSVRecord, into answers: inout AnswersRead) throws(RowEnded) {
        let direct = answers.direct
        for k in questionColumns.indices {
            let index = questionColumns[k].index
            let rank = questionColumns[k].rank
            switch questionColumns[k].type {
            case .scale, .singleChoice, .yesNo:
                let read = readOption(record, column: k)
                switch read {
                case .blank:
                    continue
                case .unknown:
                    let value = trimmed(record, index)
                    let question = questionColumns[k].question
                    throw outcome(
                        record, .rejected, "unknown-answer",
                        "\"\(value)\" is not an answer to \"\(question.text)\"; expected one of: \(optionList(question)). Add it as a synonym in the survey definition or the mapping file if it means one of them",
                        column: questionColumns[k].header, value: value)
                case .option(let code, let number, let position):
                    answers.answered += 1
                    if direct {
                        if position >= 0 {
                            answers.content.add(optionSteps[k][position])
                        } else {
                            answers.content.add(answerTo: questionColumns[k].questionID, option: code, text: "")
                        }
                    } else {
                        answers.append(
                            Answer(question: questionColumns[k].questionID, option: code, value: number), rank: rank,
                            step: position >= 0 && position < 1 << 16 ? k << 16 | position : -1)
                    }
                }
                continue
            case .freeText:
                if direct,
                    let hashed = record.withFieldBytes(
                        index,
                        { bytes -> Bool? in
                            guard let text = CellBytes.trimmedASCII(bytes) else { return nil }
                            guard !text.isEmpty else { return false }
                            answers.content.add(questionColumns[k].questionID)
                            answers.content.add("")
                            answers.content.add(bytes: text)
                            return true
                        })
                {
                    if hashed { answers.answered += 1 }
                    continue
                }
                let value = trimmed(record, index)
                if value.isEmpty { continue }
                answers.answered += 1
                if direct {
                    answers.content.add(answerTo: questionColumns[k].questionID, option: "", text: value)
                } else {
                    answers.append(Answer(question: questionColumns[k].questionID, text: value), rank: rank)
                }
                continue
            default:
                break
            }
            let question = questionColumns[k].question
            let colHeader = questionColumns[k].header
            let value = trimmed(record, index)
            if value.isEmpty { continue }
            switch question.type {
            case .multipleChoice:
                guard
                    let codes = normalisers[question.id]?.codes(
                        forMultiSelect: value, separators: format.multiSelectSeparators)
                else {
                    throw outcome(
                        record, .rejected, "unknown-answer",
                        "\"\(value)\" does not split into answers to \"\(question.text)\"; expected some of: \(optionList(question))",
                        column: colHeader, value: value)
                }
                for code in codes { answers.append(Answer(question: question.id, option: code), rank: rank) }
            case .number:
                guard let number = Double(value.replacingOccurrences(of: ",", with: "")), number.isFinite else {
                    throw outcome(
                        record, .rejected, "bad-number", "\"\(value)\" is not a number", column: colHeader,
                        value: value)
                }
                answers.append(Answer(question: question.id, text: value, value: number), rank: rank)
            case .date:
                guard let parts = TimestampParser.split(value),
                    let t = try? TimestampParser.resolve(parts, order: dateOrder)
                else {
                    throw outcome(
                        record, .rejected, "bad-date",
                        "\"\(value)\" is not a date (expected like \(dateOrder.example))",
                        column: colHeader, value: value)
                }
                answers.append(
                    Answer(question: question.id, text: CivilTime.isoDate(CivilTime.day(wallClock: t))), rank: rank)
            case .scale, .singleChoice, .yesNo, .freeText:
                break
            }
        }
    }

    /// An option column's cell, as its ``CellCache`` remembers it (normalised once per
    /// distinct spelling).
    @inline(__always)
    private mutating func readOption(_ record: CSVRecord, column k: Int) -> CellAnswer {
        record.withFieldBytes(questionColumns[k].index) { bytes in
            answerCaches[k].value(for: bytes) { bytes in
                // Only for a spelling not seen before in this column.
                let value = String(decoding: bytes, as: UTF8.self).trimmingWhitespace()
                if value.isEmpty { return .blank }
                let question = questionColumns[k].question
                guard let code = normalisers[question.id]?.code(for: value) else { return .unknown }
                let options = survey.scale(for: question)?.options ?? []
                let position = options.firstIndex { $0.code == code }
                return .option(code, position.flatMap { options[$0].value }, position ?? -1)
            }
        }
    }

    /// Stage 4b: option-tick columns (one column per option): ticked, not ticked, or a
    /// value that is neither, which rejects the row.
    @inline(__always)
    private mutating func readTickColumns(_ record: CSVRecord, into answers: inout AnswersRead) throws(RowEnded) {
        for (index, colHeader, question, option) in tickColumns {
            let raw = cell(record, index)
            switch AnswerNormaliser.tick(raw, optionLabel: option.label) {
            case .some(true):
                answers.append(
                    Answer(question: question.id, option: option.code), rank: questionOrder[question.id] ?? 0)
            case .some(false): break
            case .none:
                throw outcome(
                    record, .rejected, "unknown-answer",
                    "\"\(raw.trimmingWhitespace())\" in the column for option \"\(option.label)\" of \"\(question.text)\" is neither the option nor Yes/No",
                    column: colHeader, value: raw)
            }
        }
    }

    /// Stage 6: the identity, the platform's id unless missing or damaged by Excel;
    /// otherwise the whole raw row, every cell of it (not only the answers read), so that
    /// two people who gave the same answers in the same second are still two.
    @inline(__always)
    private mutating func identify(_ record: CSVRecord, content: UInt64, hasTime: Bool) -> Identity {
        let rawID = trimmed(record, idColumn)
        var platformID: String?
        var damaged = false
        let key: UInt64
        if rawID.isEmpty || Self.isScientific(rawID) {
            damaged = !rawID.isEmpty
            key = record.text.bytes.withUnsafeBufferPointer {
                RowHash.of(UnsafeBufferPointer(rebasing: $0[record.rawStart..<record.rawEnd]))
            }
        } else {
            platformID = rawID
            var idHasher = ContentHasher()
            idHasher.add("id:", rawID.utf8)
            key = idHasher.value
        }
        return Identity(
            line: record.line, platformID: platformID, key: key, content: content, damagedID: damaged,
            timeless: platformID == nil && !hasTime)
    }

    /// Stage 7: the response, with the names it gives (to remove them from quotes).
    @inline(__always)
    private mutating func makeResponse(
        _ record: CSVRecord, answers: consuming AnswersRead, time: SubmittedTime, identity: Identity
    )
        -> IngestedResponse
    {
        var names: [String] = []
        for i in nameColumns {
            let n = trimmed(record, i)
            if !n.isEmpty && AnswerText.normalise(n) != "anonymous" { names.append(n) }
        }
        // An e-mail address is not kept, but what comes before its @ often spells the
        // respondent's name ("jo.bloggs"): kept with the names, only to remove it from quotes.
        for i in emailColumns {
            let e = trimmed(record, i)
            if let at = e.firstIndex(of: "@"), at > e.startIndex { names.append(String(e[..<at])) }
        }
        var response = IngestedResponse(
            identity: identity.platformID.map { .platform($0) } ?? .row(identity.key), submitted: time.submitted,
            line: record.line, answers: answers.list, contentHash: answers.content.hex, names: names)
        response.submittedPrecision = time.hasSeconds ? .second : time.hasTime ? .minute : .day
        return response
    }

    /// The set-aside code and reason for a response-status value, `nil` for a normal
    /// response: Qualtrics' codes and words, Alchemer's Complete / Partial /
    /// Disqualified, and the words a spreadsheet's own Status column uses. A value not
    /// known sets the row aside only when `unknownSetsAside` (a platform whose statuses
    /// are all documented).
    static func statusMarker(_ text: String, unknownSetsAside: Bool = true) -> (String, String)? {
        switch AnswerText.normalise(text) {
        case "", "0", "ip address", "4", "imported", "16", "offline", "complete", "completed", "finished", "submitted":
            return nil
        case "partial", "incomplete", "in progress", "in-progress", "not finished", "unfinished", "abandoned":
            return ("incomplete", "a partial response: the respondent did not finish the survey")
        case "disqualified", "screened out":
            return ("disqualified", "disqualified by the survey's own rules, not a counted response")
        case "deleted":
            return ("status", "marked as deleted on the platform")
        case "1", "survey preview", "preview":
            return ("preview", "a survey preview, not a real response")
        case "2", "survey test", "test":
            return ("test", "a survey test, not a real response")
        case "8", "spam":
            return ("spam", "marked as spam by the platform")
        default:
            return unknownSetsAside ? ("status", "response status \"\(text)\" is not a normal response") : nil
        }
    }

    private func optionList(_ question: Question) -> String {
        (survey.scale(for: question)?.options.map(\.label) ?? []).joined(separator: ", ")
    }

    /// `1.18052E+11`: a number Excel has rewritten in scientific notation.
    static func isScientific(_ text: String) -> Bool {
        guard text.utf8.contains(where: { $0 == 0x45 || $0 == 0x65 }) else { return false }
        let upper = text.uppercased()
        guard let e = upper.firstIndex(of: "E") else { return false }
        let mantissa = upper[..<e]
        let exponent = upper[upper.index(after: e)...]
        return !mantissa.isEmpty && mantissa.allSatisfy { $0.isNumber || $0 == "." }
            && exponent.count >= 2 && (exponent.first == "+" || exponent.first == "-")
            && exponent.dropFirst().allSatisfy(\.isNumber)
    }
}

/// Finds a response that appears twice in one file, in file order: the same content
/// again is set aside, different answers under the same id are rejected.
///
/// Keeps, per response, the 64-bit hash of its identity, the hash of its content and
/// its line, in an ``OpenAddressingTable`` of 24-byte slots, at most 3/4 full: the keys
/// are already hashes, so nothing is hashed again.
struct InFileDuplicates {
    struct Slot: HashSlot {
        /// The identity's ``RowInterpreter/Identity/key`` (any value, 0 included).
        var hash: UInt64
        var content: UInt64
        /// 0 marks an empty slot (lines start at 1).
        var line: Int

        static var empty: Slot { Slot(hash: 0, content: 0, line: 0) }
        var isEmpty: Bool { line == 0 }
    }
    private var table: OpenAddressingTable<Slot>
    /// For the block of identities given to ``prefetch(_:)``, in order: each key and the
    /// slot its look-up may start from; `next` is the one the next check uses.
    private var starts: [(key: UInt64, slot: Int)] = []
    private var next = 0

    init(capacity: Int = 1024) {
        table = OpenAddressingTable(capacity: capacity, maxLoad: (3, 4))
    }

    /// Looks up a block of identities (by their ``RowInterpreter/Identity/key``, in the
    /// order they will be checked) before they are checked one by one, reading only. At
    /// a million responses the table is far bigger than the processor's caches and every
    /// check missed them, one after another; these look-ups do not depend on each other,
    /// so their misses overlap, and each check then starts where its look-up stopped (a
    /// slot is never emptied nor given another key, so every slot before it still holds
    /// another identity) and finds that slot in cache.
    mutating func prefetch(_ keys: [UInt64]) {
        starts.removeAll(keepingCapacity: true)
        next = 0
        guard table.capacity >= 1 << 16 else { return } // small enough to stay in cache
        for key in keys {
            starts.append((key, table.probe(key) { $0.hash == key }.index))
        }
    }

    /// `nil` when the response is the first with its identity.
    mutating func check(_ identity: RowInterpreter.Identity, raw: RowText, idHeader: String?) -> RowOutcome? {
        var start: Int?
        if next < starts.count {
            if starts[next].key == identity.key { start = starts[next].slot }
            next += 1
        }
        let key = identity.key
        let (index, found) = table.probe(key, from: start) { $0.hash == key }
        guard found else {
            let capacity = table.capacity
            table.fill(index, with: Slot(hash: key, content: identity.content, line: identity.line))
            if table.capacity != capacity {
                // Grown: the starts were slots of the smaller table.
                starts.removeAll(keepingCapacity: true)
                next = 0
            }
            return nil
        }
        let earlier = table[index]
        if earlier.content == identity.content {
            return RowOutcome(
                kind: .setAside, line: identity.line,
                reason: "the same response appears earlier in this file (line \(earlier.line))",
                code: "duplicate-in-file", raw: raw.string())
        }
        let rawID = identity.platformID ?? ""
        return RowOutcome(
            kind: .rejected, line: identity.line, column: idHeader, value: rawID,
            reason:
                "response id \(rawID) appears earlier in this file (line \(earlier.line)) with different answers; keep the right one",
            code: "conflicting-duplicate", raw: raw.string())
    }
}
