import SurveyDefinition

/// What each column of an export holds: a question's answer, one ticked option of a
/// multi-select question, a metadata field, or nothing engage recognises.
public struct ColumnPlan: Sendable, Equatable {
    public enum Use: Sendable, Equatable {
        case answer(question: String)
        /// One column per option (SurveyMonkey "Expanded", LimeSurvey multiple choice):
        /// a non-empty cell (or Yes/Y) means ticked.
        case optionTick(question: String, option: String)
        case metadata(MetadataRole)
        case ignored
        case unmatched
    }

    public struct Column: Sendable, Equatable {
        public var index: Int
        /// The header as shown to people (rows joined with " / " for multi-row headers).
        public var header: String
        public var use: Use
        /// How the match was made ("question text", "statement in [brackets]", "mapping file"...).
        public var matchedBy: String
    }

    public var columns: [Column]
    /// Problems that make the file unusable as it stands.
    public var problems: [String]
    /// Things the officer should know.
    public var notes: [String]

    /// Index of the column holding a metadata role, if any.
    func column(for role: MetadataRole) -> Int? {
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
struct ColumnPlanner {
    var survey: Survey
    var format: ExportFormat
    var mapping: ImportMapping?

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
        var columns: [ColumnPlan.Column] = []
        var notes: [String] = []
        var problems: [String] = []
        var carried = "" // SurveyMonkey: row 1 is blank in continuation columns

        for i in 0..<width {
            func cell(_ row: Int) -> String { row < headerRows.count && i < headerRows[row].count ? headerRows[row][i] : "" }
            let first = cell(0)
            var display = first
            var matchTexts = [first]
            var questionForOptions: String? = nil
            var optionText: String? = nil
            switch format {
            case .surveyMonkey:
                if !first.trimmingWhitespace().isEmpty { carried = first }
                let sub = cell(1)
                let subKey = AnswerText.normalise(sub)
                display = sub.isEmpty ? carried : "\(carried) / \(sub)"
                if subKey.isEmpty || subKey == "response" || subKey == "open-ended response" {
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

            // 1. A mapping file decides first.
            if let target = mapping?.target(forHeader: first) ?? (display != first ? mapping?.target(forHeader: display) : nil) {
                switch target {
                case .question(let q): columns.append(.init(index: i, header: display, use: .answer(question: q), matchedBy: "mapping file"))
                case .metadata(let role): columns.append(.init(index: i, header: display, use: .metadata(role), matchedBy: "mapping file"))
                case .ignore: columns.append(.init(index: i, header: display, use: .ignored, matchedBy: "mapping file"))
                }
                continue
            }
            // 2. A header that is exactly a question's id or text.
            if let q = matchTexts.lazy.compactMap({ index[HeaderText.clean($0)] }).first {
                columns.append(.init(index: i, header: display, use: .answer(question: q), matchedBy: "question text"))
                continue
            }
            // 3. Platform metadata.
            let metaKey = format == .limeSurvey ? FormatDetector.limeCode(AnswerText.normalise(first)) : AnswerText.normalise(first)
            if let role = format.metadata[metaKey] ?? (format == .limeSurvey ? format.metadata[AnswerText.normalise(first)] : nil) {
                columns.append(.init(index: i, header: display, use: .metadata(role), matchedBy: "\(format.displayName) metadata"))
                continue
            }
            // 4. A statement inside a grid header, or text after a code or number.
            var matched = false
            for text in matchTexts {
                for candidate in HeaderText.candidates(text) {
                    if let q = index[candidate] {
                        columns.append(.init(index: i, header: display, use: .answer(question: q), matchedBy: "statement within the header"))
                        matched = true
                        break
                    }
                }
                if matched { break }
            }
            if matched { continue }
            // 5. One column per option of a multi-select question.
            var pairs: [(String, String)] = []
            if let q = questionForOptions, let o = optionText { pairs.append((HeaderText.clean(q), HeaderText.clean(o))) }
            pairs += HeaderText.questionAndOption(first)
            for (qText, oText) in pairs {
                guard let qid = index[qText], let question = survey.question(qid), question.type == .multipleChoice,
                      let scale = survey.scale(for: question) else { continue }
                if let option = scale.options.first(where: { ([$0.label] + $0.synonyms).map(HeaderText.clean).contains(oText) }) {
                    columns.append(.init(index: i, header: display, use: .optionTick(question: qid, option: option.code), matchedBy: "option column of a multi-select question"))
                    matched = true
                    break
                }
            }
            if matched { continue }
            if display.trimmingWhitespace().isEmpty {
                columns.append(.init(index: i, header: "(column \(i + 1), no header)", use: .unmatched, matchedBy: ""))
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
                problems.append("question \"\(key.replacingOccurrences(of: "\u{0}", with: "\", option \""))\" matches two columns: column \(other.index + 1) \"\(other.header)\" and column \(c.index + 1) \"\(c.header)\". Remove one, or say which to use in a mapping file (--mapping; map the other to \"@ignore\")")
            } else {
                seen[key] = c
            }
        }
        for c in columns {
            if case .answer(let q) = c.use, seen.keys.contains(where: { $0.hasPrefix(q + "\u{0}") }) {
                problems.append("question \"\(q)\" has both a whole-answer column (\(c.index + 1) \"\(c.header)\") and option columns; use one layout")
            }
        }
        // One column per metadata role that matters; later ones are kept as plain metadata.
        for role in [MetadataRole.submitted, .responseID, .status, .finished] {
            let holders = columns.indices.filter { columns[$0].use == .metadata(role) }
            for extra in holders.dropFirst() {
                notes.append("column \(columns[extra].index + 1) \"\(columns[extra].header)\" also looks like the \(role.rawValue); using column \(columns[holders[0]].index + 1) \"\(columns[holders[0]].header)\"")
                columns[extra].use = .metadata(.other)
            }
        }
        if columns.allSatisfy({ if case .metadata = $0.use { return true }; return $0.use == .ignored || $0.use == .unmatched }) {
            problems.append("no column matches any question of survey \(survey.id). Check that this is an export of that survey, or give a mapping file (--mapping) that names each column's question")
        }
        return ColumnPlan(columns: columns, problems: problems, notes: notes)
    }

    /// The question whose text is nearest an unmatched header, for the report.
    func nearestQuestion(to header: String) -> String? {
        let key = HeaderText.clean(header)
        var best: (String, Int)?
        for q in survey.questions {
            for text in [q.text] + q.alternativeTexts {
                let d = StringDistance.levenshtein(key, HeaderText.clean(text))
                if best.map({ d < $0.1 }) ?? true { best = (q.id, d) }
            }
        }
        guard let best, best.1 <= max(3, key.count / 4) else { return nil }
        return best.0
    }
}
