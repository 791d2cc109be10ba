import SurveyDefinition
extension Store {
    /// Adds an action with its KPIs and themes; returns its number.
    @discardableResult
    public func addAction(_ action: NewAction) throws -> Int64 {
        try db.transaction { try insertAction(action) }
    }

    /// Adds many actions (e.g. a log kept in a spreadsheet) in one transaction: all or none.
    @discardableResult
    public func importActions(_ actions: [NewAction]) throws -> [Int64] {
        try db.transaction { try actions.map(insertAction) }
    }

    private func insertAction(_ action: NewAction) throws -> Int64 {
        let title = action.title.trimmingSpaces
        guard !title.isEmpty else { throw StoreError.invalidValue(field: "title", value: action.title, expected: "a short description of what the service did") }
        try checkDate(action.due, field: "due")
        try checkDate(action.done, field: "done")
        try db.prepare("""
            INSERT INTO actions (title, detail, owner, due, status, done, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """).run([.text(title), .string(action.detail), .string(action.owner), .string(action.due),
                      .text(action.status.rawValue), .string(action.done), .text(nowTimestamp)])
        let id = db.lastInsertRowID
        for kpi in Set(action.kpis.map(\.trimmingSpaces)) where !kpi.isEmpty {
            try db.prepare("INSERT INTO action_kpis (action_id, kpi) VALUES (?, ?)").run([.integer(id), .text(kpi)])
        }
        for theme in Set(action.themes.map(\.trimmingSpaces)) where !theme.isEmpty {
            try db.prepare("INSERT INTO action_themes (action_id, theme) VALUES (?, ?)").run([.integer(id), .text(theme)])
        }
        return id
    }

    /// Records a dated progress update, kept as history. A given status becomes the
    /// action's current one from the update's date (the status it was logged with is
    /// kept, so the action can be shown as it stood on any date); a done date is the
    /// action's.
    public func updateAction(id: Int64, date: String, status: ActionStatus? = nil, note: String? = nil, done: String? = nil) throws {
        try checkDate(date, field: "date")
        try checkDate(done, field: "done")
        try db.transaction {
            guard try action(id: id) != nil else { throw StoreError.actionNotFound(path: path, id: id) }
            try db.prepare("INSERT INTO action_updates (action_id, date, status, note, recorded_at) VALUES (?, ?, ?, ?, ?)")
                .run([.integer(id), .text(date), .string(status?.rawValue), .string(note), .text(nowTimestamp)])
            if let done {
                try db.prepare("UPDATE actions SET done = ? WHERE id = ?").run([.text(done), .integer(id)])
            }
        }
    }

    /// Deletes an action with its links and updates.
    public func deleteAction(id: Int64) throws {
        try db.transaction {
            try db.prepare("DELETE FROM actions WHERE id = ?").run([.integer(id)])
            if db.changes == 0 { throw StoreError.actionNotFound(path: path, id: id) }
        }
    }

    /// The action with this number, if any.
    public func action(id: Int64) throws -> Action? {
        try loadActions(where: "WHERE id = ?", [.integer(id)]).first
    }

    /// Every action, oldest first; only those linked to `kpi` or `theme` when given.
    public func actions(kpi: String? = nil, theme: String? = nil) throws -> [Action] {
        try loadActions(where: """
            WHERE (?1 IS NULL OR id IN (SELECT action_id FROM action_kpis WHERE kpi = ?1))
              AND (?2 IS NULL OR id IN (SELECT action_id FROM action_themes WHERE theme = ?2))
            """, [.string(kpi), .string(theme)])
    }

    private func loadActions(where condition: String, _ values: [SQLValue]) throws -> [Action] {
        var actions = try db.prepare("SELECT id, title, detail, owner, due, status, done, created_at FROM actions \(condition) ORDER BY id")
            .rows(values) { s in
                Action(id: s.int64(0), title: s.string(1), detail: s.optionalString(2), owner: s.optionalString(3),
                       due: s.optionalString(4), status: ActionStatus(rawValue: s.string(5)) ?? .red, done: s.optionalString(6),
                       createdAt: s.string(7), kpis: [], themes: [], updates: [], loggedStatus: ActionStatus(rawValue: s.string(5)) ?? .red)
            }
        for index in actions.indices {
            let id: [SQLValue] = [.integer(actions[index].id)]
            actions[index].kpis = try db.prepare("SELECT kpi FROM action_kpis WHERE action_id = ? ORDER BY kpi").rows(id) { $0.string(0) }
            actions[index].themes = try db.prepare("SELECT theme FROM action_themes WHERE action_id = ? ORDER BY theme").rows(id) { $0.string(0) }
            actions[index].updates = try db.prepare("""
                SELECT date, status, note, recorded_at FROM action_updates WHERE action_id = ? ORDER BY date, id
                """).rows(id) { s in
                ActionUpdate(date: s.string(0), status: s.optionalString(1).flatMap(ActionStatus.init(rawValue:)),
                             note: s.optionalString(2), recordedAt: s.string(3))
            }
            actions[index].status = actions[index].updates.last(where: { $0.status != nil })?.status ?? actions[index].loggedStatus
        }
        return actions
    }

    func checkDate(_ date: String?, field: String) throws(StoreError) {
        if let date, CivilTime.parseISODate(date) == nil {
            throw StoreError.invalidValue(field: field, value: date, expected: "a date as YYYY-MM-DD, e.g. 2021-09-30")
        }
    }
}
