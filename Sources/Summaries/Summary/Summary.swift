import FeedbackStatistics
import ResponseStore
import SurveyDefinition

/// The "You said, we did" summary, resolved for its audience: what people told us (KPI
/// rows and comment themes, every figure a ``Published`` value), what the service did
/// (the action log), and what changed since. Every renderer works from this one model;
/// its JSON is the contract in docs/publication.md.
package struct Summary: Sendable, Encodable {
    /// The organisation's name.
    package var organisation: String
    /// The period the summary covers.
    package var period: PeriodValue
    /// Internal or public.
    package var audience: ReportAudience
    /// What most needs attention first.
    package var items: [SummaryItem]
    /// Actions not linked to any item shown (still part of "we did").
    var otherActions: [ActionValue]
    /// Administrative measures with recorded figures.
    package var measures: [MeasureTable]
    /// Where the figures come from and the rules they were resolved by.
    package var provenance: Provenance
    /// The comparisons behind the summary's verdicts, allowed for by Holm's method.
    package var comparisons: ComparisonsValue?
    /// The organisation's page furniture: colour, logo, published and next-update dates, contact.
    package var page: PageFurniture
}

/// One finding joined to what was done about it.
package struct SummaryItem: Sendable, Encodable {
    /// The KPI id, or `theme:` and the theme id.
    package var id: String
    /// "kpi" or "theme".
    package var kind: String
    /// The survey's id.
    package var survey: String
    /// The KPI's or theme's title.
    package var title: String
    /// "You said", first in every format, in plain English: the words of a linked
    /// action's "you said" (what families told the service), or else a sentence from
    /// the figures a parent can read (``PlainWords``), built only from the values shown.
    package var youSaid: String
    /// Where ``youSaid`` comes from: "action" (families' words from the action log),
    /// "figures" (the survey's figures in words) or "comments" (a theme's mentions).
    package var youSaidFrom = "figures"
    /// The figures in plain words when ``youSaid`` is families' words (so the exact
    /// counts stay beside them); `nil` otherwise.
    package var surveyShowed: String?
    /// The exact figures as a committee reads them (percentage, counts, change in
    /// percentage points, target and RAG rating); KPI items only.
    package var figures: String?

    /// ``youSaid`` as printed: families' words in quotation marks.
    var youSaidText: String { youSaidFrom == "action" ? "\u{201C}\(youSaid)\u{201D}" : youSaid }
    /// Short consented, redacted quotes that mention the item's theme, each used once
    /// per summary (``QuotePicker``).
    package var quotes: [QuoteValue]
    /// "We did": the linked actions, oldest first.
    package var weDid: [ActionValue]
    /// "What changed": the figure in the periods after the first action's date.
    var whatChanged: [String]
    /// Lower is more urgent (see ``SummaryBuilder``), judged from what is shown.
    package var attention: Int
    /// Why it is where it is in the order ("below target", "figure withheld"...).
    var attentionReason: String
    /// The KPI's row, for a KPI item.
    package var kpi: KPIRow?
    /// The KPI's figure over the recent periods, for a KPI item.
    package var trend: TrendTable?
    /// The theme's row, for a theme item.
    package var theme: ThemeRow?
}

/// A comment theme in the period.
package struct ThemeRow: Sendable, Equatable, Encodable {
    /// The theme's id.
    package var id: String
    /// The theme's title.
    package var title: String
    /// Comments that mention the theme.
    package var mentions: Published<Int>
    /// All comments in the period.
    package var comments: Published<Int>
    /// Mentions as a share of comments (percent).
    package var share: Published<Double>
}

/// An action from the log, as published.
package struct ActionValue: Sendable, Equatable, Encodable {
    /// The action's number in the log.
    package var id: Int64
    /// What will be done.
    package var title: String
    /// Its RAG status as of the end of the period.
    package var status: String
    var statusMeaning: String
    /// When it is due, `YYYY-MM-DD`.
    package var due: String?
    /// When it was done, `YYYY-MM-DD`.
    package var done: String?
    /// What people said that the action answers, in their words.
    package var youSaid: String?
    /// Its progress updates up to the end of the period, oldest first.
    package var updates: [Update]

    /// One progress update.
    package struct Update: Sendable, Equatable, Encodable {
        /// The date the update is about, `YYYY-MM-DD`.
        package var date: String
        /// The status it set, if it changed it.
        package var status: String?
        /// What the update says.
        package var note: String?
    }

    /// Past its due date and not done, on the day the output is about.
    package var overdue: Bool
    /// The day the status is as of (`YYYY-MM-DD`): the end of the output's period.
    package var asOf: String

    /// `a` as it stood on `day` (``Action/asOf(day:)``).
    init(_ action: Action, on day: Int) {
        let a = action.asOf(day: day)
        id = a.id
        title = a.title
        asOf = CivilTime.isoDate(day)
        overdue = a.isOverdue(on: day)
        status = a.statusRecorded ? a.status.rawValue : "not recorded"
        statusMeaning = a.statusRecorded ? a.status.meaning : "no status recorded by \(CivilTime.isoDate(day))"
        due = a.due
        done = a.done
        youSaid = a.youSaid
        updates = a.updates.map { Update(date: $0.date, status: $0.status?.rawValue, note: $0.note) }
    }

    /// "Phone parents after each plan (GREEN: on track, done 2021-08-01); latest update …".
    var line: String {
        var s = "\(title) (\(status.uppercased()): \(statusMeaning)"
        if let done {
            s += ", done \(done)"
        } else if let due {
            s += ", due \(due)" + (overdue ? ", overdue on \(asOf)" : "")
        }
        s += ")"
        if let last = updates.last, let note = last.note { s += "; latest update \(last.date): \(note)" }
        return s
    }
}

/// What a rendering rests on, so anyone can reproduce it.
package struct Provenance: Sendable, Encodable {
    /// The period the output covers.
    package var period: PeriodValue
    /// The surveys whose answers it uses.
    package var surveys: [String]
    /// The imports those answers came from.
    package var imports: [ImportValue]
    /// How Don't know answers were counted, in words.
    package var dontKnowRule: String
    /// The small-number rule applied.
    package var suppression: SuppressionValue
    /// The confidence level of every interval and verdict.
    package var confidence: Double
    /// The engage version that made the output.
    package var engageVersion: String
    var generated: String
    /// How the quotes were chosen.
    package var quotes = QuoteProvenance()

    /// The quotes' part of the provenance: whether the officer's approval was required,
    /// and how many of the quotes used were approved.
    package struct QuoteProvenance: Sendable, Equatable, Encodable {
        /// engage.json's `quoteApproval`.
        package var approvalRequired = false
        /// Quotes in this summary.
        package var used = 0
        /// Of those, approved by the officer.
        package var approved = 0
        /// Quotes of the period the officer hid.
        package var hidden = 0

        /// The sentence printed with the provenance.
        package var sentence: String {
            let approvedText =
                used == 0
                ? "" : approved == used ? (used == 1 ? ", approved" : ", all approved") : ", \(approved) approved"
            let usedText = "\(used) quote\(used == 1 ? "" : "s") used\(approvedText)"
            let hiddenText = hidden > 0 ? "; \(hidden) hidden by the officer" : ""
            return approvalRequired
                ? "Quotes: only those the engagement officer approved (engage quotes); \(usedText)\(hiddenText)."
                : "Quotes: chosen by engage; the officer's approval is not required (engage.json \"quoteApproval\"); \(usedText)\(hiddenText)."
        }
    }

    /// One import used: its number, file and SHA-256.
    package struct ImportValue: Sendable, Equatable, Encodable {
        /// The import's number.
        package var id: Int64
        /// The file as the user named it.
        package var file: String
        /// The file's SHA-256, hex.
        package var sha256: String

        /// The imports of these surveys in `store`, oldest first.
        static func of(surveys: [String], in store: Store) throws -> [ImportValue] {
            try store.importedFiles().filter { surveys.contains($0.survey) }
                .map { ImportValue(id: $0.id, file: $0.fileName, sha256: $0.sha256) }
        }
    }
}
