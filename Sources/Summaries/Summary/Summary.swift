import FeedbackStatistics
import ResponseStore
import SurveyDefinition

/// The "You said, we did" summary, resolved for its audience: what people told us (KPI
/// rows and comment themes, every figure a ``Published`` value), what the service did
/// (the action log), and what changed since. Every renderer works from this one model;
/// its JSON is the contract in docs/publication.md.
package struct Summary: Sendable, Encodable {
    package var organisation: String
    package var period: PeriodValue
    package var audience: ReportAudience
    /// What most needs attention first.
    package var items: [SummaryItem]
    /// Actions not linked to any item shown (still part of "we did").
    var otherActions: [ActionValue]
    /// Administrative measures with recorded figures.
    package var measures: [MeasureTable]
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
    package var survey: String
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
    package var kpi: KPIRow?
    package var trend: TrendTable?
    package var theme: ThemeRow?
}

/// A comment theme in the period.
package struct ThemeRow: Sendable, Equatable, Encodable {
    package var id: String
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
    package var id: Int64
    package var title: String
    package var status: String
    var statusMeaning: String
    package var due: String?
    package var done: String?
    /// What people said that the action answers, in their words.
    package var youSaid: String?
    package var updates: [Update]

    package struct Update: Sendable, Equatable, Encodable {
        package var date: String
        package var status: String?
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
    package var period: PeriodValue
    package var surveys: [String]
    package var imports: [ImportValue]
    package var dontKnowRule: String
    package var suppression: SuppressionValue
    package var confidence: Double
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

    package struct ImportValue: Sendable, Equatable, Encodable {
        package var id: Int64
        package var file: String
        package var sha256: String
    }
}
