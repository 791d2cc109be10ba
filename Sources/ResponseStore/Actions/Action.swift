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
    public var status: ActionStatus
    public var done: String?
    /// When the action was added, `YYYY-MM-DDTHH:MM:SSZ`.
    public var createdAt: String
    public var kpis: [String]
    public var themes: [String]
    /// Progress updates, oldest first.
    public var updates: [ActionUpdate]
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
