import SurveyDefinition

/// What each column of an export holds: a question's answer, one ticked option of a
/// multi-select question, a metadata field, or nothing engage recognises.
public struct ColumnPlan: Sendable, Equatable {
    /// What one column holds.
    public enum Use: Sendable, Equatable {
        case answer(question: String)
        /// One column per option (SurveyMonkey "Expanded", LimeSurvey multiple choice):
        /// a non-empty cell (or Yes/Y) means ticked.
        case optionTick(question: String, option: String)
        case metadata(MetadataRole)
        case ignored
        case unmatched
    }

    /// One column of the export and how it is read.
    public struct Column: Sendable, Equatable {
        /// The column's position, from 0.
        public var index: Int
        /// The header as shown to people (rows joined with " / " for multi-row headers).
        public var header: String
        /// What the column holds.
        public var use: Use
        /// How the match was made ("question text", "statement in [brackets]", "mapping file"...).
        public var matchedBy: String
    }

    /// Every column, in file order.
    public var columns: [Column]
    /// Problems that make the file unusable as it stands.
    public var problems: [String]
    /// Things the officer should know.
    public var notes: [String]
    /// The time zone the submitted times are written in, when the export says
    /// (Qualtrics' third header row: `{"ImportId":"recordedDate","timeZone":"America/Denver"}`);
    /// they are converted to UK wall-clock time.
    var submittedTimeZone: String? = nil

    /// Index of the column holding a metadata role, if any.
    package func column(for role: MetadataRole) -> Int? {
        columns.first { $0.use == .metadata(role) }?.index
    }

    /// Question ids with at least one column.
    public var matchedQuestions: Set<String> {
        var ids: Set<String> = []
        for c in columns {
            switch c.use {
            case .answer(let q), .optionTick(let q, _): ids.insert(q)
            default: break
            }
        }
        return ids
    }
}

/// Builds a ``ColumnPlan`` from an export's header rows.
///
/// Matching is exact (after ``HeaderText/clean(_:)``) or structural (a statement in
/// brackets, after " - ", a platform's second header row), never approximate: a header
/// that is only like a question is left unmatched and shown with the nearest question,
/// for the officer to confirm with a mapping. Work is bounded whatever the headers:
/// a header longer than ``maxMatchedLength`` cannot be a question's text and is not
/// searched, and nearest-question suggestions compare words, not characters.
struct ColumnPlanner {
    var survey: Survey
    var format: ExportFormat
    var mapping: ImportMapping?
    var memory = ColumnMemory()

    /// Headers longer than this (in characters) are not matched: no question's text
    /// is so long, and a header cell of megabytes must not cost more than reading it.
    static let maxMatchedLength = 4_000

    /// Each question's text and alternative texts as words, for ``nearestQuestion(to:)``.
    var questionWords: [(String, Set<Substring>)] {
        survey.questions.flatMap { q in ([q.text] + q.alternativeTexts).map { (q.id, HeaderSimilarity.words($0)) } }
    }

    /// Normalised question id, text or alternative text → question id.
    private var index: [String: String] {
        var index: [String: String] = [:]
        for q in survey.questions {
            for text in [q.id] + [q.text] + q.alternativeTexts {
                let key = HeaderText.clean(text)
                if index[key] == nil { index[key] = q.id }
            }
        }
        return index
    }

    func plan(headerRows: [[String]]) -> ColumnPlan {
        let width = headerRows.map(\.count).max() ?? 0
        let index = self.index
        let remembered = memory.headerIndex()
        var columns: [ColumnPlan.Column] = []
        var notes: [String] = []
        var problems: [String] = []
        var carried = "" // SurveyMonkey: row 1 is blank in continuation columns
        var carriedQuestion: String? // the question the carried text matched, if any

        for i in 0..<width {
            func cell(_ row: Int) -> String {
                row < headerRows.count && i < headerRows[row].count ? headerRows[row][i] : ""
            }
            let first = cell(0)
            var display = first
            var matchTexts = [first]
            var questionForOptions: String? = nil
            var optionText: String? = nil
            /// SurveyMonkey: a continuation column (row 1 blank) holding free text beside
            /// a choice question ("Other (please specify)", a comment box).
            var commentOf: String? = nil
            var continuation = false
            switch format {
            case .surveyMonkey:
                continuation = first.trimmingWhitespace().isEmpty
                if !continuation {
                    carried = first
                    carriedQuestion = nil
                }
                let sub = cell(1)
                let subKey = AnswerText.normalise(sub)
                display = sub.isEmpty ? carried : "\(carried) / \(sub)"
                if continuation && !carried.isEmpty
                    && (subKey.isEmpty || subKey == "response" || subKey == "open-ended response"
                        || Self.isOtherOrComment(subKey))
                {
                    // Never the question's own answer again: its comment or "Other" text.
                    matchTexts = subKey.isEmpty || subKey == "response" || subKey == "open-ended response" ? [] : [sub]
                    commentOf = carried
                } else if subKey.isEmpty || subKey == "response" || subKey == "open-ended response" {
                    matchTexts = [carried]
                } else {
                    matchTexts = [sub, "\(carried) [\(sub)]"]
                    questionForOptions = carried
                    optionText = sub
                }
            case .qualtrics:
                let text = cell(1)
                display = text.isEmpty ? first : "\(first) / \(text)"
                matchTexts = [text, first]
            default:
                break
            }

            // A header too long to be any question's text is read as it is, not searched.
            if display.count > Self.maxMatchedLength && mapping?.positions[i + 1] == nil {
                columns.append(.init(index: i, header: display, use: .unmatched, matchedBy: ""))
                continue
            }
            // 1. A mapping (by position, from --map, then by header) decides first.
            let byPosition = mapping?.positions[i + 1]
            if let target = byPosition ?? mapping?.target(forHeader: first)
                ?? (display != first ? mapping?.target(forHeader: display) : nil)
            {
                let how = byPosition != nil ? "--map" : "mapping file"
                switch target {
                case .question(let q):
                    columns.append(.init(index: i, header: display, use: .answer(question: q), matchedBy: how))
                case .metadata(let role):
                    columns.append(.init(index: i, header: display, use: .metadata(role), matchedBy: how))
                case .ignore: columns.append(.init(index: i, header: display, use: .ignored, matchedBy: how))
                }
                if case .question(let q) = target, commentOf == nil { carriedQuestion = q }
                continue
            }
            /// SurveyMonkey: a continuation column that would feed the question its first
            /// column already answers is that question's comment or "Other" box.
            func isCommentBox(_ q: String) -> Bool {
                format == .surveyMonkey && continuation && q == carriedQuestion
            }
            func commentBox() -> ColumnPlan.Column {
                .init(
                    index: i, header: display, use: .ignored,
                    matchedBy:
                        "SurveyMonkey comment or \"Other\" text beside question \(carriedQuestion ?? ""): not imported")
            }
            // 2. A header that is exactly a question's id or text.
            if let q = matchTexts.lazy.compactMap({ index[HeaderText.clean($0)] }).first {
                if isCommentBox(q) {
                    columns.append(commentBox())
                    continue
                }
                columns.append(.init(index: i, header: display, use: .answer(question: q), matchedBy: "question text"))
                if commentOf == nil { carriedQuestion = q }
                continue
            }
            // 2b. A header an earlier import of this survey read as a question.
            let rememberedEntry = remembered.isEmpty ? nil : remembered[HeaderText.clean(display)]
            if let rememberedEntry, survey.question(rememberedEntry.question) != nil {
                columns.append(
                    .init(
                        index: i, header: display, use: .answer(question: rememberedEntry.question),
                        matchedBy: "as in import \(rememberedEntry.importID)"))
                continue
            }
            // 3. Platform metadata.
            let metaKey =
                format == .limeSurvey
                ? FormatDetector.limeCode(AnswerText.normalise(first)) : AnswerText.normalise(first)
            if let role = format.metadata[metaKey]
                ?? (format == .limeSurvey ? format.metadata[AnswerText.normalise(first)] : nil)
            {
                columns.append(
                    .init(index: i, header: display, use: .metadata(role), matchedBy: "\(format.displayName) metadata"))
                continue
            }
            // 4. A statement inside a grid header, or text after a code or number.
            var matched = false
            for text in matchTexts {
                for candidate in HeaderText.candidates(text) {
                    if let q = index[candidate] {
                        if isCommentBox(q) {
                            columns.append(commentBox())
                        } else {
                            columns.append(
                                .init(
                                    index: i, header: display, use: .answer(question: q),
                                    matchedBy: "statement within the header"))
                            if commentOf == nil && !continuation { carriedQuestion = q }
                        }
                        matched = true
                        break
                    }
                }
                if matched { break }
            }
            if matched { continue }
            // 5. One column per option of a multi-select question.
            var pairs: [(String, String)] = []
            if let q = questionForOptions, let o = optionText {
                pairs.append((HeaderText.clean(q), HeaderText.clean(o)))
            }
            pairs += HeaderText.questionAndOption(first)
            for (qText, oText) in pairs {
                guard let qid = index[qText], let question = survey.question(qid), question.type == .multipleChoice,
                    let scale = survey.scale(for: question)
                else { continue }
                if let option = scale.options.first(where: {
                    ([$0.label] + $0.synonyms).map(HeaderText.clean).contains(oText)
                }) {
                    columns.append(
                        .init(
                            index: i, header: display, use: .optionTick(question: qid, option: option.code),
                            matchedBy: "option column of a multi-select question"))
                    matched = true
                    break
                }
            }
            if matched { continue }
            if let commentOf {
                let about = carriedQuestion.map { "question \($0)" } ?? "\"\(commentOf.singleLine.truncated(60))\""
                columns.append(
                    .init(
                        index: i, header: display, use: .ignored,
                        matchedBy: "SurveyMonkey comment or \"Other\" text beside \(about): not imported"))
                continue
            }
            if display.trimmingWhitespace().isEmpty {
                columns.append(.init(index: i, header: "(column \(i + 1), no header)", use: .unmatched, matchedBy: ""))
            } else if let rememberedEntry {
                // It fed a question the definition no longer has.
                columns.append(
                    .init(
                        index: i, header: display, use: .unmatched,
                        matchedBy:
                            "fed question \(rememberedEntry.question) in import \(rememberedEntry.importID), which survey \(survey.id) no longer has"
                    ))
            } else {
                columns.append(.init(index: i, header: display, use: .unmatched, matchedBy: ""))
            }
        }

        // One column per question (a second would double-count or contradict).
        var seen: [String: ColumnPlan.Column] = [:]
        for c in columns {
            let key: String
            switch c.use {
            case .answer(let q): key = q
            case .optionTick(let q, let o): key = q + "\u{0}" + o
            default: continue
            }
            if let other = seen[key] {
                problems.append(
                    "question \"\(key.replacingOccurrences(of: "\u{0}", with: "\", option \""))\" matches two columns: column \(other.index + 1) \"\(other.header)\" and column \(c.index + 1) \"\(c.header)\". Remove one, or say which to use in a mapping file (--mapping; map the other to \"@ignore\")"
                )
            } else {
                seen[key] = c
            }
        }
        for c in columns {
            if case .answer(let q) = c.use, seen.keys.contains(where: { $0.hasPrefix(q + "\u{0}") }) {
                problems.append(
                    "question \"\(q)\" has both a whole-answer column (\(c.index + 1) \"\(c.header)\") and option columns; use one layout"
                )
            }
        }
        // One column per metadata role that matters; later ones are kept as plain metadata.
        for role in [MetadataRole.submitted, .responseID, .status, .finished] {
            let holders = columns.indices.filter { columns[$0].use == .metadata(role) }
            for extra in holders.dropFirst() {
                notes.append(
                    "column \(columns[extra].index + 1) \"\(columns[extra].header)\" also looks like the \(role.rawValue); using column \(columns[holders[0]].index + 1) \"\(columns[holders[0]].header)\""
                )
                columns[extra].use = .metadata(.other)
            }
        }
        if columns.allSatisfy({
            if case .metadata = $0.use { return true }
            return $0.use == .ignored || $0.use == .unmatched
        }) {
            problems.append(
                "no column matches any question of survey \(survey.id). Check that this is an export of that survey, or give a mapping file (--mapping) that names each column's question"
            )
        }
        var plan = ColumnPlan(columns: columns, problems: problems, notes: notes)
        if format == .qualtrics, headerRows.count >= 3, let submitted = plan.column(for: .submitted),
            submitted < headerRows[2].count,
            let zone = Self.qualtricsTimeZone(headerRows[2][submitted])
        {
            if TimeZones.zone(zone) == nil {
                plan.problems.append(
                    "the export says its times are in time zone \"\(zone)\" (third header row), which engage does not know; re-export with a time zone such as Europe/London, or check that the machine has its time-zone data (tzdata)"
                )
            } else {
                plan.submittedTimeZone = zone
                if !TimeZones.isUK(zone) {
                    plan.notes.append(
                        "submitted times are in time zone \(zone) (as the export's third header row says); converted to UK time, so each response falls on the UK day and period it was submitted in"
                    )
                }
            }
        }
        return plan
    }

    /// The question whose text is nearest an unmatched header, for the report: the one
    /// sharing most words with it (``HeaderSimilarity``), when it shares enough.
    /// Bounded: words of the first ``HeaderSimilarity/maxCharacters`` characters only.
    func nearestQuestion(to header: String) -> String? {
        nearestQuestion(to: header, among: questionWords)
    }

    /// ``nearestQuestion(to:)`` with the questions' words worked out once for many headers.
    func nearestQuestion(to header: String, among questionWords: [(String, Set<Substring>)]) -> String? {
        let words = HeaderSimilarity.words(header)
        guard !words.isEmpty else { return nil }
        var best: (String, Double)?
        for (q, other) in questionWords where !other.isEmpty {
            let score = HeaderSimilarity.score(words, other)
            if best.map({ score > $0.1 }) ?? true { best = (q, score) }
        }
        guard let best, best.1 >= HeaderSimilarity.threshold else { return nil }
        return best.0
    }

    /// The `timeZone` of a Qualtrics ImportId cell (`{"ImportId":"recordedDate","timeZone":"America/Denver"}`).
    static func qualtricsTimeZone(_ cell: String) -> String? {
        guard cell.contains("timeZone"), let object = try? JSONParser.parse(cell) else { return nil }
        return object["timeZone"]?.stringValue.map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// SurveyMonkey's second-row labels for a free-text box beside a choice question.
    static func isOtherOrComment(_ normalised: String) -> Bool {
        normalised.hasPrefix("other (please specify") || normalised == "other"
            || normalised.hasPrefix("other, please specify")
            || normalised.hasPrefix("comment") || normalised.hasPrefix("please specify")
    }
}
