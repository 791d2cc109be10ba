import SurveyDefinition

/// RAG status of an action, as the seed papers' key defines it.
public enum ActionStatus: String, Sendable, Equatable, CaseIterable {
    /// Not started or significantly delayed.
    case red
    /// Some delay.
    case amber
    /// On track.
    case green
    /// Completed and embedded.
    case blue

    /// The RAG key's words, so that colour is never the only carrier of meaning.
    public var meaning: String {
        switch self {
        case .red: return "not started or significantly delayed"
        case .amber: return "some delay"
        case .green: return "on track"
        case .blue: return "completed and embedded"
        }
    }

    /// Parses `red`, `Amber`, `GREEN`... with an actionable error.
    public static func parse(_ text: String, field: String = "status") throws(StoreError) -> ActionStatus {
        guard let status = ActionStatus(rawValue: text.lowercased().trimmingSpaces) else {
            throw StoreError.invalidValue(field: field, value: text,
                                          expected: "red (not started or significantly delayed), amber (some delay), green (on track) or blue (completed and embedded)")
        }
        return status
    }
}

/// An action to add to the "we did" log.
public struct NewAction: Sendable, Equatable {
    public var title: String
    public var detail: String?
    public var owner: String?
    /// Due date, `YYYY-MM-DD`.
    public var due: String?
    public var status: ActionStatus
    /// Date completed, `YYYY-MM-DD`.
    public var done: String?
    /// KPI ids the action responds to.
    public var kpis: [String]
    /// Comment themes the action responds to.
    public var themes: [String]

    public init(title: String, detail: String? = nil, owner: String? = nil, due: String? = nil, status: ActionStatus = .red,
                done: String? = nil, kpis: [String] = [], themes: [String] = []) {
        self.title = title
        self.detail = detail
        self.owner = owner
        self.due = due
        self.status = status
        self.done = done
        self.kpis = kpis
        self.themes = themes
    }
}

/// An action in the log, with its dated progress updates.
public struct Action: Sendable, Equatable {
    public var id: Int64
    public var title: String
    public var detail: String?
    public var owner: String?
    public var due: String?
    /// The current status: the latest-dated update's that set one, else ``loggedStatus``.
    public var status: ActionStatus
    public var done: String?
    /// When the action was added, `YYYY-MM-DDTHH:MM:SSZ`.
    public var createdAt: String
    public var kpis: [String]
    public var themes: [String]
    /// Progress updates, oldest first (by date, then as recorded).
    public var updates: [ActionUpdate]
    /// The status the action was logged with, before any update changed it.
    public var loggedStatus: ActionStatus

    /// The action as it stood at the end of `day` (a day number): only the updates dated
    /// on or before it; the status the latest of them set, else the status it was logged
    /// with; not done if its done date is later. (An action has no date of its own: one
    /// logged later is shown as logged.)
    public func asOf(day: Int) -> Action {
        var past = self
        past.updates = updates.filter { (CivilTime.parseISODate($0.date) ?? Int.max) <= day }
        if let done, (CivilTime.parseISODate(done) ?? Int.max) > day { past.done = nil }
        past.status = past.updates.last(where: { $0.status != nil })?.status ?? loggedStatus
        if past.status == .blue, done != nil, past.done == nil {
            // Logged as complete, but completed after `day`: its status then was not recorded.
            past.statusRecorded = false
        }
        return past
    }

    /// False when ``asOf(day:)`` could not know the status on that day (the action was
    /// logged as complete, and completed later): show "not recorded", not ``status``.
    public var statusRecorded = true

    /// Past its due date on `day` and not done: overdue. A completed (blue) action never is.
    public func isOverdue(on day: Int) -> Bool {
        guard let due, let dueDay = CivilTime.parseISODate(due), done == nil, status != .blue || !statusRecorded else { return false }
        return dueDay < day
    }
}

/// A dated progress update ("Q2: guidance published"), kept as history.
public struct ActionUpdate: Sendable, Equatable {
    /// The date the update is about, `YYYY-MM-DD`.
    public var date: String
    /// The status set by the update, if it changed it.
    public var status: ActionStatus?
    public var note: String?
    /// When it was recorded, `YYYY-MM-DDTHH:MM:SSZ`.
    public var recordedAt: String
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
