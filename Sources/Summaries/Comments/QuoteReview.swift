import FeedbackStatistics
import ResponseStore
import SurveyDefinition

/// The quotes of a workspace as the officer reviews them before publishing: every
/// comment that may be quoted (the respondent agreed, and once personal details are
/// removed nothing is in doubt and enough is left: ``QuoteChooser/review(_:)``) and
/// mentions one of the survey's
/// comment themes, with what it would illustrate, why, and the officer's decision.
/// The summary takes its quotes from the same list (``QuotePicker``).
package struct QuoteReview {
    /// The store the comments come from.
    package var store: Store
    /// The surveys whose comments are reviewed.
    package var surveys: [Survey]
    /// The workspace settings (redact list, quote approval).
    package var settings: ReportSettings

    /// A review of the comments of `surveys` in `store`.
    package init(store: Store, surveys: [Survey], settings: ReportSettings) {
        self.store = store
        self.surveys = surveys
        self.settings = settings
    }

    /// A candidate with what identifies its comment.
    struct Entry {
        var candidate: QuoteCandidate
        var key: QuoteKey
        /// The comment as stored (its hash is kept with a decision).
        var text: String
    }

    /// The comments of the free-text questions of `survey`, submitted in `period` (all
    /// when `nil`), each with its question.
    func comments(_ survey: Survey, period: Period?) throws -> [(question: String, comment: StoredComment)] {
        var comments: [(String, StoredComment)] = []
        for question in survey.questions where question.type == .freeText {
            comments += try store.comments(
                survey: survey.id, question: question.id, from: period?.fromDate, to: period?.toDate
            )
            .map { (question.id, $0) }
        }
        return comments
    }

    /// The chooser that decides whether a comment may be quoted, and as what.
    func chooser(for survey: Survey) -> QuoteChooser {
        QuoteChooser(
            listed: settings.redact,
            knownWords: SummaryBuilder.knownWords(survey: survey, organisation: settings.organisation))
    }

    /// A title inside a sentence: "Quality of the EHC plan" as "quality of the EHC plan"
    /// (a first word in capitals, such as "EHC", stays as it is).
    static func inSentence(_ title: String) -> String {
        guard let first = title.split(separator: " ").first, first.count > 1,
            first.dropFirst().allSatisfy(\.isLowercase)
        else { return title }
        return title.prefix(1).lowercased() + title.dropFirst()
    }

    /// The candidates among `comments` of `survey`, best first.
    func entries(
        _ survey: Survey, comments: [(question: String, comment: StoredComment)],
        decisions: [QuoteKey: QuoteDecision]
    ) -> [Entry] {
        guard !survey.themes.isEmpty else { return [] }
        let matcher = ThemeMatcher(themes: survey.themes)
        let chooser = chooser(for: survey)
        func candidate(_ c: StoredComment) -> QuoteChooser.Candidate {
            QuoteChooser.Candidate(text: c.text, consent: c.consent, names: c.names)
        }
        var found: [(entry: Entry, candidate: QuoteChooser.Candidate)] = []
        // Each distinct text matched, and each distinct comment (text, consent, names)
        // reviewed, once: at a million responses many comments are alike.
        var matchesOf: [String: [(theme: String, keyword: String)]] = [:]
        var verdicts: [[String]: QuoteChooser.Verdict] = [:]
        for (question, comment) in comments {
            let matches =
                matchesOf[comment.text]
                ?? {
                    let m = matcher.matches(in: comment.text)
                    matchesOf[comment.text] = m
                    return m
                }()
            guard !matches.isEmpty else { continue }
            let same = [comment.text, comment.consent ?? ""] + comment.names
            let verdict =
                verdicts[same]
                ?? {
                    let v = chooser.review(candidate(comment))
                    verdicts[same] = v
                    return v
                }()
            guard case .usable(let quote, let removed) = verdict else { continue }
            let key = QuoteKey(survey: survey.id, identity: comment.identity, question: question)
            let themes = matches.compactMap { m in
                survey.themes.first { $0.id == m.theme }.map {
                    QuoteCandidate.ThemeMatch(theme: $0.id, title: $0.title, keyword: m.keyword)
                }
            }
            let kpis = survey.themes.filter { t in themes.contains { $0.theme == t.id } }.flatMap(\.kpis)
            var kpiIDs: [String] = []
            for kpi in kpis where !kpiIDs.contains(kpi) { kpiIDs.append(kpi) }
            let decided = decisions[key]
            let applies = decided?.applies(to: comment.text) ?? false
            var why =
                "mentions "
                + themes.map { "\(Self.inSentence($0.title)) (\"\($0.keyword)\")" }.joined(separator: " and ")
            if !kpiIDs.isEmpty {
                why +=
                    kpiIDs.count == 1
                    ? ", which KPI \(kpiIDs[0]) measures"
                    : ", which KPIs \(kpiIDs.dropLast().joined(separator: ", ")) and \(kpiIDs.last!) measure"
            }
            why += "; the respondent agreed to be quoted"
            why +=
                removed == 0
                ? "; no personal details found" : "; \(removed) personal detail\(removed == 1 ? "" : "s") removed"
            let entry = Entry(
                candidate: QuoteCandidate(
                    id: key.id, survey: survey.id, question: question,
                    submitted: comment.day.map { CivilTime.isoDate($0) }, quote: quote,
                    themes: themes, kpis: kpiIDs, detailsRemoved: removed, rank: 0,
                    decision: (applies ? decided : nil)?.kind.rawValue ?? "to review",
                    reason: (applies ? decided : nil)?.reason,
                    decidedAt: (applies ? decided : nil)?.decidedAt, changedSinceDecision: decided != nil && !applies,
                    why: why),
                key: key, text: comment.text)
            found.append((entry, candidate(comment)))
        }
        // The chooser's own order (fewest details removed, then a comfortable length):
        // it gives each comment the same quote as above.
        var seen = Set<[String]>()
        let distinct = found.map(\.candidate).filter { seen.insert([$0.text, $0.consent ?? ""] + $0.names).inserted }
        let ranked = chooser.choose(distinct, count: distinct.count)
        let order = Dictionary(ranked.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: min)
        var entries = found.map(\.entry)
        for i in entries.indices { entries[i].candidate.rank = order[entries[i].candidate.quote] ?? entries.count }
        entries.sort { ($0.candidate.rank, $0.key) < ($1.candidate.rank, $1.key) }
        return entries
    }

    /// The period a summary with these options covers (the latest period of the
    /// workspace's scheme with answers when none is given), so the officer reviews the
    /// quotes that summary would choose from.
    package func period(label: String?, from: String?, to: String?) throws -> Period {
        for survey in surveys {
            let builder = try ReportBuilder(store: store, survey: survey, settings: settings)
            guard builder.span != nil || label != nil || from != nil || to != nil else { continue }
            return try builder.period(label: label, from: from, to: to)
        }
        throw ReportError.noData(survey: surveys.map(\.id).joined(separator: ", "))
    }

    /// Every candidate of the workspace's surveys (only `survey` when given) among the
    /// comments submitted in `period` (all comments when `nil`): each survey's best first.
    package func candidates(period: Period?, survey only: String? = nil) throws -> [QuoteCandidate] {
        try allEntries(period: period, survey: only).map(\.candidate)
    }

    func allEntries(period: Period?, survey only: String? = nil) throws -> [Entry] {
        let decisions = try store.quoteDecisions()
        var entries: [Entry] = []
        for survey in surveys where only == nil || survey.id == only {
            entries += self.entries(survey, comments: try comments(survey, period: period), decisions: decisions)
        }
        return entries
    }

    /// Records the officer's decision on the quotes with these ids (every comment is
    /// searched, whatever its period), all or none; returns them as they now stand.
    /// - Throws: ``QuoteReviewError/unknownID(_:suggestion:)`` for an id that is not a candidate.
    @discardableResult
    package func decide(_ ids: [String], _ kind: QuoteDecision.Kind, reason: String? = nil) throws -> [QuoteCandidate] {
        let entries = try allEntries(period: nil)
        var chosen: [Entry] = []
        for id in ids {
            let wanted = id.lowercased()
            guard let entry = entries.first(where: { $0.candidate.id == wanted }) else {
                throw QuoteReviewError.unknownID(
                    id, suggestion: entries.map(\.candidate.id).first { $0.hasPrefix(wanted) })
            }
            if !chosen.contains(where: { $0.key == entry.key }) { chosen.append(entry) }
        }
        try store.recordQuoteDecisions(
            chosen.map {
                QuoteDecision(key: $0.key, kind: kind, reason: reason, textSHA256: QuoteKey.textHash($0.text))
            })
        let now = try allEntries(period: nil)
        return chosen.compactMap { c in now.first { $0.key == c.key }?.candidate }
    }
}

/// A quote decision that cannot be made.
enum QuoteReviewError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No candidate quote has this id.
    case unknownID(String, suggestion: String?)

    /// The message a user reads, with what to do.
    var description: String {
        switch self {
        case .unknownID(let id, let suggestion):
            return
                "there is no quote \(id) to review\(suggestion.map { " (did you mean \($0)?)" } ?? ""). `engage quotes` lists the quotes and their ids; a comment is a candidate only when the respondent agreed to be quoted and it mentions one of the survey's themes."
        }
    }
}
