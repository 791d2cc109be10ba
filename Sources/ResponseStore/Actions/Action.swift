import SurveyDefinition

/// RAG status of an action, as the seed papers' key defines it.
package enum ActionStatus: String, Sendable, Equatable, CaseIterable {
    /// Not started or significantly delayed.
    case red
    /// Some delay.
    case amber
    /// On track.
    case green
    /// Completed and embedded.
    case blue

    /// The RAG key's words, so that colour is never the only carrier of meaning.
    package var meaning: String {
        switch self {
        case .red: return "not started or significantly delayed"
        case .amber: return "some delay"
        case .green: return "on track"
        case .blue: return "completed and embedded"
        }
    }

    /// Parses `red`, `Amber`, `GREEN`... with an actionable error.
    package static func parse(_ text: String, field: String = "status") throws(StoreError) -> ActionStatus {
        guard let status = ActionStatus(rawValue: text.lowercased().trimmingSpaces) else {
            throw StoreError.invalidValue(
                field: field, value: text,
                expected:
                    "red (not started or significantly delayed), amber (some delay), green (on track) or blue (completed and embedded)"
            )
        }
        return status
    }
}

/// An action to add to the "we did" log.
package struct NewAction: Sendable, Equatable {
    /// What will be done.
    package var title: String
    /// What people said that the action answers, in their words ("Nobody called back").
    package var youSaid: String?
    /// More about it.
    package var detail: String?
    /// Who is responsible.
    package var owner: String?
    /// Due date, `YYYY-MM-DD`.
    package var due: String?
    /// Its RAG status.
    package var status: ActionStatus
    /// Date completed, `YYYY-MM-DD`.
    package var done: String?
    /// KPI ids the action responds to.
    package var kpis: [String]
    /// Comment themes the action responds to.
    package var themes: [String]

    /// An action titled `title`; every other field may be left out.
    package init(
        title: String, youSaid: String? = nil, detail: String? = nil, owner: String? = nil, due: String? = nil,
        status: ActionStatus = .red, done: String? = nil, kpis: [String] = [], themes: [String] = []
    ) {
        self.title = title
        self.youSaid = youSaid
        self.detail = detail
        self.owner = owner
        self.due = due
        self.status = status
        self.done = done
        self.kpis = kpis
        self.themes = themes
    }
}

/// An action in the log, with its dated progress updates and the history of its changes.
public struct Action: Sendable, Equatable {
    /// The action's number in the log.
    public var id: Int64
    /// What will be done.
    public var title: String
    /// What people said that the action answers, in their words.
    public var youSaid: String?
    /// More about it.
    public var detail: String?
    /// Who is responsible.
    public var owner: String?
    /// When it is due, `YYYY-MM-DD`.
    public var due: String?
    /// Its RAG status, as last updated.
    package var status: ActionStatus
    /// When it was done, `YYYY-MM-DD`.
    public var done: String?
    /// When the action was added, `YYYY-MM-DDTHH:MM:SSZ`.
    package var createdAt: String
    /// The KPIs it answers.
    public var kpis: [String]
    /// The comment themes it answers.
    public var themes: [String]
    /// Progress updates, oldest first.
    package var updates: [ActionUpdate]
    /// Every change to the action since it was added, oldest first (see ``ActionChange``).
    package var changes: [ActionChange] = []

    /// The status the action was logged with, before any update changed it (the first
    /// status-changing update keeps it as its old value; stores written before that was
    /// kept give the current status).
    package var loggedStatus: ActionStatus {
        changes.first { $0.kind == .updated && $0.oldValue != nil }.flatMap {
            $0.oldValue.flatMap(ActionStatus.init(rawValue:))
        } ?? status
    }

    /// The action as it stood at the end of `day` (a day number): only the updates dated
    /// on or before it; the status the latest of them set, else the status it was logged
    /// with; not done if its done date is later. (An action has no date of its own: one
    /// logged later is shown as logged.)
    public func asOf(day: Int) -> Action {
        var past = self
        let logged = loggedStatus
        past.updates = updates.filter { (CivilTime.parseISODate($0.date) ?? Int.max) <= day }
        if let done, (CivilTime.parseISODate(done) ?? Int.max) > day { past.done = nil }
        past.status = past.updates.last(where: { $0.status != nil })?.status ?? logged
        if past.status == .blue, done != nil, past.done == nil {
            // Logged as complete, but completed after `day`: its status then was not recorded.
            past.statusRecorded = false
        }
        past.changes = changes.filter { (CivilTime.parseISODate(String($0.changedAt.prefix(10))) ?? Int.max) <= day }
        return past
    }

    /// False when ``asOf(day:)`` could not know the status on that day (the action was
    /// logged as complete, and completed later): show "not recorded", not ``status``.
    public var statusRecorded = true

    /// Past its due date on `day` and not done: overdue. A completed (blue) action never is.
    public func isOverdue(on day: Int) -> Bool {
        guard let due, let dueDay = CivilTime.parseISODate(due), done == nil, status != .blue || !statusRecorded else {
            return false
        }
        return dueDay < day
    }
}

/// A dated progress update ("Q2: guidance published"), kept as history.
package struct ActionUpdate: Sendable, Equatable {
    /// The date the update is about, `YYYY-MM-DD`.
    package var date: String
    /// The status set by the update, if it changed it.
    package var status: ActionStatus?
    /// What the update says.
    package var note: String?
    /// When it was recorded, `YYYY-MM-DDTHH:MM:SSZ`.
    package var recordedAt: String
}

/// A progress update to record (one row of an updates spreadsheet, or `actions update`).
package struct NewActionUpdate: Sendable, Equatable {
    /// The action's number.
    package var action: Int64
    /// The date the update is about, `YYYY-MM-DD`.
    package var date: String
    /// The status it sets, if it changes it.
    package var status: ActionStatus?
    /// What the update says.
    package var note: String?
    /// The date the action was completed, `YYYY-MM-DD`, when the update says so.
    package var done: String?
    /// Where it came from ("updates.csv:3"), for messages.
    package var source: String?

    /// An update of action `action` on `date`.
    package init(
        action: Int64, date: String, status: ActionStatus? = nil, note: String? = nil, done: String? = nil,
        source: String? = nil
    ) {
        self.action = action
        self.date = date
        self.status = status
        self.note = note
        self.done = done
        self.source = source
    }
}

/// A correction to an action's record (`engage actions edit`). `nil` leaves a field
/// as it is; an empty text clears it (the title excepted, which every action needs).
package struct ActionEdit: Sendable, Equatable {
    /// The new title, if changed.
    package var title: String?
    /// What people said, if changed.
    package var youSaid: String?
    /// The detail, if changed.
    package var detail: String?
    /// The owner, if changed.
    package var owner: String?
    /// `YYYY-MM-DD`, or empty to clear.
    package var due: String?
    /// `YYYY-MM-DD`, or empty to clear.
    package var done: String?
    /// The KPIs the action answers, replacing those linked before.
    package var kpis: [String]?
    /// The themes the action answers, replacing those linked before.
    package var themes: [String]?

    /// An edit of the fields given.
    package init(
        title: String? = nil, youSaid: String? = nil, detail: String? = nil, owner: String? = nil, due: String? = nil,
        done: String? = nil, kpis: [String]? = nil, themes: [String]? = nil
    ) {
        self.title = title
        self.youSaid = youSaid
        self.detail = detail
        self.owner = owner
        self.due = due
        self.done = done
        self.kpis = kpis
        self.themes = themes
    }

    /// Whether the edit changes nothing at all.
    package var isEmpty: Bool { self == ActionEdit() }
}

/// One dated change to the action log, kept for good: the forum can see what was
/// promised and when it changed. A deleted action's history stays after it.
package struct ActionChange: Sendable, Equatable {
    /// What kind of change it was.
    package enum Kind: String, Sendable, Equatable {
        /// The action was added; `newValue` is its title.
        case added
        /// A field was corrected (`actions edit`); `field` names it.
        case edited
        /// A progress update was recorded; `newValue` describes it.
        case updated
        /// The action was deleted; `oldValue` says what it was and what went with it.
        case deleted
    }
    /// The action's number.
    package var action: Int64
    /// When the change was recorded, `YYYY-MM-DDTHH:MM:SSZ`.
    package var changedAt: String
    /// What kind of change it was.
    package var kind: Kind
    /// For edits: `title`, `you-said`, `detail`, `owner`, `due`, `done`, `kpis`, `themes`.
    package var field: String?
    /// The value before the change, when there was one.
    package var oldValue: String?
    /// The value after the change, when there is one.
    package var newValue: String?

    /// The change in a sentence ("2021-10-02: due changed from 2021-09-30 to 2021-12-31").
    package var sentence: String {
        let day = String(changedAt.prefix(10))
        switch kind {
        case .added: return "\(day): added" + (newValue.map { " as \"\($0)\"" } ?? "")
        case .updated: return "\(day): progress update" + (newValue.map { " \($0)" } ?? "")
        case .deleted: return "\(day): deleted" + (oldValue.map { " (\($0))" } ?? "")
        case .edited:
            let from = oldValue.map { "\"\($0)\"" } ?? "(none)"
            let to = newValue.map { "\"\($0)\"" } ?? "(none)"
            return "\(day): \(field ?? "a field") changed from \(from) to \(to)"
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
