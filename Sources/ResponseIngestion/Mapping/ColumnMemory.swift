/// How earlier imports of one survey, from one source, read their exports: which
/// header fed which question. The workspace keeps it (``ColumnPlan`` of every import);
/// an import reads it back so that
/// - a header an officer once mapped to a question (with a mapping file or `--map`)
///   feeds that question again in the next export, without the mapping;
/// - an export that lacks a question earlier exports had is noticed, not silently
///   read without it (see ``missing(from:survey:)``).
public struct ColumnMemory: Sendable, Equatable {
    /// One header that fed one question.
    public struct Entry: Sendable, Equatable {
        /// The header as shown (SurveyMonkey's two rows joined with " / ").
        public var header: String
        /// The question's id.
        public var question: String
        /// The import that read it (the latest, when several did).
        public var importID: Int64
        /// A column for one option of a multi-select question (not remembered as the
        /// question's answer; it still counts for ``missing(from:survey:)``).
        public var isOption: Bool

        /// A header that fed `question` in import `importID`.
        public init(header: String, question: String, importID: Int64, isOption: Bool = false) {
            self.header = header
            self.question = question
            self.importID = importID
            self.isOption = isOption
        }
    }

    /// Oldest import first.
    public var entries: [Entry]

    /// A memory of `entries` (oldest import first).
    public init(entries: [Entry] = []) {
        self.entries = entries
    }

    /// The remembered answer columns by header, compared as headers are matched
    /// (``HeaderText/clean(_:)``); the latest import's when several read a header.
    func headerIndex() -> [String: Entry] {
        var index: [String: Entry] = [:]
        for entry in entries where !entry.isOption && entry.header.count <= ColumnPlanner.maxMatchedLength {
            let key = HeaderText.clean(entry.header)
            if !key.isEmpty { index[key] = entry }
        }
        return index
    }

    /// A question earlier imports had that `plan` gives no column, with the header that
    /// last fed it.
    package struct Missing: Sendable, Equatable {
        /// The question's id.
        package var question: String
        /// The header that last fed it.
        package var header: String
        /// The import that read that header.
        package var importID: Int64
        /// The unmatched header of the new file most like the one that fed it, if any is alike.
        package var nearestHeader: (index: Int, header: String)?

        /// Misses are equal when question, header, import and nearest header agree.
        package static func == (a: Missing, b: Missing) -> Bool {
            a.question == b.question && a.header == b.header && a.importID == b.importID
                && a.nearestHeader?.index == b.nearestHeader?.index
                && a.nearestHeader?.header == b.nearestHeader?.header
        }
    }

    /// The questions of `survey` that earlier imports read and `plan` does not, each
    /// with the nearest unmatched header of the new file. Questions the definition no
    /// longer has are not missing.
    package func missing(from plan: ColumnPlan, survey questions: [String]) -> [Missing] {
        let matched = plan.matchedQuestions
        let known = Set(questions)
        var latest: [String: Entry] = [:]
        var order: [String] = []
        for entry in entries where known.contains(entry.question) && !matched.contains(entry.question) {
            if latest[entry.question] == nil { order.append(entry.question) }
            latest[entry.question] = entry
        }
        guard !order.isEmpty else { return [] }
        let unmatched = plan.columns.filter { $0.use == .unmatched }
        let unmatchedWords = unmatched.map { HeaderSimilarity.words($0.header) }
        return order.sorted { (questions.firstIndex(of: $0) ?? 0) < (questions.firstIndex(of: $1) ?? 0) }.compactMap {
            question in
            guard let entry = latest[question] else { return nil }
            let wanted = HeaderSimilarity.words(entry.header)
            var best: (Int, String, Double)?
            for (column, words) in zip(unmatched, unmatchedWords) {
                let score = HeaderSimilarity.score(wanted, words)
                if score >= HeaderSimilarity.threshold, best.map({ score > $0.2 }) ?? true {
                    best = (column.index, column.header, score)
                }
            }
            return Missing(
                question: question, header: entry.header, importID: entry.importID,
                nearestHeader: best.map { ($0.0, $0.1) })
        }
    }
}

/// How alike two headers are, in a time bounded whatever their length: the share of
/// words they have in common (Dice's coefficient over the words of their first
/// ``maxCharacters`` characters after ``HeaderText/clean(_:)``). Reworded statements keep
/// most of their words ("… will meet my child's needs" and "… will meet my child's
/// needs in full": 0.95); a different question shares few.
enum HeaderSimilarity {
    /// Only this much of a header is compared: a 6 MB header cell costs no more than this.
    static let maxCharacters = 2_000
    /// From this score a header is offered as the likely rewording.
    static let threshold = 0.6

    static func words(_ header: String) -> Set<Substring> {
        let cleaned = HeaderText.clean(String(header.prefix(maxCharacters)))
        return Set(cleaned.split { !($0.isLetter || $0.isNumber) })
    }

    static func score(_ a: String, _ b: String) -> Double {
        score(words(a), words(b))
    }

    static func score(_ x: Set<Substring>, _ y: Set<Substring>) -> Double {
        guard !x.isEmpty || !y.isEmpty else { return 0 }
        return 2 * Double(x.intersection(y).count) / Double(x.count + y.count)
    }
}
