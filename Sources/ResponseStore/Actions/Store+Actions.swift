import SurveyDefinition

/// The action log ("we did"): actions, their dated progress updates, and the history of
/// every change, kept so that the forum can see what was promised and when it changed.
extension Store {
    /// Adds an action with its KPIs and themes; returns its number.
    @discardableResult
    package func addAction(_ action: NewAction) throws -> Int64 {
        try db.transaction { try insertAction(action) }
    }

    /// Adds many actions (e.g. a log kept in a spreadsheet) in one transaction: all or none.
    @discardableResult
    package func importActions(_ actions: [NewAction]) throws -> [Int64] {
        try db.transaction { try actions.map(insertAction) }
    }

    private func insertAction(_ action: NewAction) throws -> Int64 {
        let title = action.title.trimmingSpaces
        guard !title.isEmpty else {
            throw StoreError.invalidValue(
                field: "title", value: action.title, expected: "a short description of what the service did")
        }
        try checkDate(action.due, field: "due")
        try checkDate(action.done, field: "done")
        let now = nowTimestamp
        try db.prepare(
            """
            INSERT INTO actions (title, you_said, detail, owner, due, status, done, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).run([
            .text(title), .string(Self.cleaned(action.youSaid)), .string(Self.cleaned(action.detail)),
            .string(Self.cleaned(action.owner)), .string(action.due), .text(action.status.rawValue),
            .string(action.done), .text(now),
        ])
        let id = db.lastInsertRowID
        try link(id, kpis: action.kpis, themes: action.themes)
        try recordChange(ActionChange(action: id, changedAt: now, kind: .added, newValue: title))
        return id
    }

    private func link(_ id: Int64, kpis: [String]?, themes: [String]?) throws {
        if let kpis {
            try db.prepare("DELETE FROM action_kpis WHERE action_id = ?").run([.integer(id)])
            for kpi in Set(kpis.map(\.trimmingSpaces)) where !kpi.isEmpty {
                try db.prepare("INSERT INTO action_kpis (action_id, kpi) VALUES (?, ?)").run([.integer(id), .text(kpi)])
            }
        }
        if let themes {
            try db.prepare("DELETE FROM action_themes WHERE action_id = ?").run([.integer(id)])
            for theme in Set(themes.map(\.trimmingSpaces)) where !theme.isEmpty {
                try db.prepare("INSERT INTO action_themes (action_id, theme) VALUES (?, ?)").run([
                    .integer(id), .text(theme),
                ])
            }
        }
    }

    private func recordChange(_ change: ActionChange) throws {
        try db.prepare(
            """
            INSERT INTO action_changes (action_id, changed_at, change, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)
            """
        ).run([
            .integer(change.action), .text(change.changedAt), .text(change.kind.rawValue), .string(change.field),
            .string(change.oldValue), .string(change.newValue),
        ])
    }

    /// Records a dated progress update, kept as history; a given status (and done date)
    /// also becomes the action's current one unless a later-dated update already set it.
    package func updateAction(
        id: Int64, date: String, status: ActionStatus? = nil, note: String? = nil, done: String? = nil
    ) throws {
        try db.transaction {
            _ = try record(NewActionUpdate(action: id, date: date, status: status, note: note, done: done))
        }
    }

    /// Records many progress updates (e.g. a spreadsheet of quarterly updates) in one
    /// transaction: all or none. An update already recorded (same action, date, status,
    /// note and done date) is not recorded twice, so importing the same file again
    /// changes nothing. Returns how many were new and how many were already there.
    /// - Throws: ``ActionLogError`` naming every update whose action does not exist.
    @discardableResult
    package func importActionUpdates(_ updates: [NewActionUpdate]) throws -> (recorded: Int, alreadyRecorded: Int) {
        try db.transaction {
            let known = Set(try db.prepare("SELECT id FROM actions").rows { $0.int64(0) })
            let missing = updates.filter { !known.contains($0.action) }
            if !missing.isEmpty {
                throw ActionLogError(
                    problems: missing.map {
                        "\($0.source.map { $0 + ": " } ?? "")there is no action \($0.action); `engage actions list` shows the numbers"
                    })
            }
            var recorded = 0
            // In date order, so the latest-dated status becomes the current one.
            for update in updates.enumerated().sorted(by: {
                ($0.element.date, $0.offset) < ($1.element.date, $1.offset)
            }).map(\.element) {
                if try record(update) { recorded += 1 }
            }
            return (recorded, updates.count - recorded)
        }
    }

    /// Records one update inside a transaction; `false` when the same one was already recorded.
    private func record(_ update: NewActionUpdate) throws -> Bool {
        let place = update.source.map { "\($0): " } ?? ""
        try checkDate(update.date, field: place + "date")
        try checkDate(update.done, field: place + "done")
        guard try action(id: update.action) != nil else {
            throw StoreError.actionNotFound(path: path, id: update.action)
        }
        let note = Self.cleaned(update.note)
        let values: [SQLValue] = [
            .integer(update.action), .text(update.date), .string(update.status?.rawValue), .string(note),
        ]
        let seen =
            try db.prepare(
                """
                SELECT count(*) FROM action_updates WHERE action_id = ? AND date = ? AND status IS ? AND note IS ?
                """
            ).firstRow(values) { $0.int(0) } ?? 0
        let current = try db.prepare("SELECT done FROM actions WHERE id = ?").firstRow([.integer(update.action)]) {
            $0.optionalString(0)
        }
        if seen > 0 && (update.done == nil || update.done == current) { return false }
        let now = nowTimestamp
        if seen == 0 {
            try db.prepare(
                "INSERT INTO action_updates (action_id, date, status, note, recorded_at) VALUES (?, ?, ?, ?, ?)"
            )
            .run(values + [.text(now)])
        }
        // The status before this update, when the update changes it: kept as the change's
        // old value, so the status an action was logged with is never lost (Action.loggedStatus).
        var previousStatus: String?
        if let status = update.status {
            let later =
                try db.prepare(
                    """
                    SELECT count(*) FROM action_updates WHERE action_id = ? AND status IS NOT NULL AND date > ?
                    """
                ).firstRow([.integer(update.action), .text(update.date)]) { $0.int(0) } ?? 0
            if later == 0 {
                let before = try db.prepare("SELECT status FROM actions WHERE id = ?").firstRow([
                    .integer(update.action)
                ]) { $0.string(0) }
                if before != status.rawValue { previousStatus = before }
                try db.prepare("UPDATE actions SET status = ? WHERE id = ?").run([
                    .text(status.rawValue), .integer(update.action),
                ])
            }
        }
        if let done = update.done {
            try db.prepare("UPDATE actions SET done = ? WHERE id = ?").run([.text(done), .integer(update.action)])
        }
        let words = [update.status.map { "[\($0.rawValue.uppercased())]" }, note, update.done.map { "done \($0)" }]
            .compactMap { $0 }
        try recordChange(
            ActionChange(
                action: update.action, changedAt: now, kind: .updated, oldValue: previousStatus,
                newValue: ([update.date] + words).joined(separator: " ")))
        return true
    }

    /// Corrects an action's record; every field that changes is kept in its history
    /// with the old and new value. Returns the changes made (none when nothing differed).
    @discardableResult
    package func editAction(id: Int64, _ edit: ActionEdit) throws -> [ActionChange] {
        if let title = edit.title, title.trimmingSpaces.isEmpty {
            throw StoreError.invalidValue(
                field: "title", value: title,
                expected: "a short description of what the service did (the title cannot be empty)")
        }
        for (date, field) in [(edit.due, "due"), (edit.done, "done")] where date?.isEmpty == false {
            try checkDate(date, field: field)
        }
        return try db.transaction {
            guard let before = try action(id: id) else { throw StoreError.actionNotFound(path: path, id: id) }
            let now = nowTimestamp
            var changes: [ActionChange] = []
            func text(_ field: String, _ column: String, _ old: String?, _ new: String?) throws {
                guard let new else { return }
                let value = field == "title" ? new.trimmingSpaces : Self.cleaned(new)
                guard value != old else { return }
                try db.prepare("UPDATE actions SET \(column) = ? WHERE id = ?").run([.string(value), .integer(id)])
                changes.append(
                    ActionChange(
                        action: id, changedAt: now, kind: .edited, field: field, oldValue: old, newValue: value))
            }
            try text("title", "title", before.title, edit.title)
            try text("you-said", "you_said", before.youSaid, edit.youSaid)
            try text("detail", "detail", before.detail, edit.detail)
            try text("owner", "owner", before.owner, edit.owner)
            try text("due", "due", before.due, edit.due)
            try text("done", "done", before.done, edit.done)
            func list(_ field: String, _ old: [String], _ new: [String]?) {
                guard let new else { return }
                let value = Array(Set(new.map(\.trimmingSpaces).filter { !$0.isEmpty })).sorted()
                guard value != old else { return }
                changes.append(
                    ActionChange(
                        action: id, changedAt: now, kind: .edited, field: field,
                        oldValue: old.isEmpty ? nil : old.joined(separator: ", "),
                        newValue: value.isEmpty ? nil : value.joined(separator: ", ")))
            }
            list("kpis", before.kpis, edit.kpis)
            list("themes", before.themes, edit.themes)
            try link(id, kpis: edit.kpis, themes: edit.themes)
            for change in changes { try recordChange(change) }
            return changes
        }
    }

    /// Deletes an action with its KPI and theme links and its progress updates. Its
    /// history stays, ending with the deletion, which says what was removed.
    /// Returns that last change.
    @discardableResult
    package func deleteAction(id: Int64) throws -> ActionChange {
        try db.transaction {
            guard let before = try action(id: id) else { throw StoreError.actionNotFound(path: path, id: id) }
            try db.prepare("DELETE FROM actions WHERE id = ?").run([.integer(id)])
            let change = ActionChange(
                action: id, changedAt: nowTimestamp, kind: .deleted, oldValue: Self.removal(before))
            try recordChange(change)
            return change
        }
    }

    /// What deleting `action` removes, in words.
    static func removal(_ action: Action) -> String {
        func count(_ n: Int, _ what: String) -> String { "\(n) \(what)\(n == 1 ? "" : "s")" }
        var parts = ["\"\(action.title)\" [\(action.status.rawValue.uppercased())]"]
        if let said = action.youSaid { parts.append("you said \"\(said)\"") }
        parts.append(count(action.updates.count, "progress update"))
        parts.append(
            count(action.kpis.count, "KPI link")
                + (action.kpis.isEmpty ? "" : " (\(action.kpis.joined(separator: ", ")))"))
        parts.append(
            count(action.themes.count, "theme link")
                + (action.themes.isEmpty ? "" : " (\(action.themes.joined(separator: ", ")))"))
        return parts.joined(separator: ", ")
    }

    /// The history of one action (deleted or not), or of the whole log, oldest first.
    package func actionHistory(id: Int64? = nil) throws -> [ActionChange] {
        try db.prepare(
            """
            SELECT action_id, changed_at, change, field, old_value, new_value FROM action_changes
            WHERE ?1 IS NULL OR action_id = ?1 ORDER BY id
            """
        ).rows([.int64(id)]) { s in
            ActionChange(
                action: s.int64("action_id"), changedAt: s.string("changed_at"),
                kind: ActionChange.Kind(rawValue: s.string("change")) ?? .edited, field: s.optionalString("field"),
                oldValue: s.optionalString("old_value"), newValue: s.optionalString("new_value"))
        }
    }

    /// The action with this number, if any.
    public func action(id: Int64) throws -> Action? {
        try loadActions(where: "WHERE id = ?", [.integer(id)]).first
    }

    /// Every action, oldest first; only those linked to `kpi` or `theme` when given.
    public func actions(kpi: String? = nil, theme: String? = nil) throws -> [Action] {
        try loadActions(
            where: """
                WHERE (?1 IS NULL OR id IN (SELECT action_id FROM action_kpis WHERE kpi = ?1))
                  AND (?2 IS NULL OR id IN (SELECT action_id FROM action_themes WHERE theme = ?2))
                """, [.string(kpi), .string(theme)])
    }

    private func loadActions(where condition: String, _ values: [SQLValue]) throws -> [Action] {
        var actions = try db.prepare(
            """
            SELECT id, title, you_said, detail, owner, due, status, done, created_at FROM actions \(condition) ORDER BY id
            """
        ).rows(values) { s in
            Action(
                id: s.int64("id"), title: s.string("title"), youSaid: s.optionalString("you_said"),
                detail: s.optionalString("detail"), owner: s.optionalString("owner"), due: s.optionalString("due"),
                status: ActionStatus(rawValue: s.string("status")) ?? .red,
                done: s.optionalString("done"), createdAt: s.string("created_at"), kpis: [], themes: [], updates: [])
        }
        for index in actions.indices {
            let id: [SQLValue] = [.integer(actions[index].id)]
            actions[index].kpis = try db.prepare("SELECT kpi FROM action_kpis WHERE action_id = ? ORDER BY kpi").rows(
                id
            ) { $0.string(0) }
            actions[index].themes = try db.prepare("SELECT theme FROM action_themes WHERE action_id = ? ORDER BY theme")
                .rows(id) { $0.string(0) }
            actions[index].updates = try db.prepare(
                """
                SELECT date, status, note, recorded_at FROM action_updates WHERE action_id = ? ORDER BY date, id
                """
            ).rows(id) { s in
                ActionUpdate(
                    date: s.string("date"), status: s.optionalString("status").flatMap(ActionStatus.init(rawValue:)),
                    note: s.optionalString("note"), recordedAt: s.string("recorded_at"))
            }
            actions[index].changes = try actionHistory(id: actions[index].id)
        }
        return actions
    }

    /// Trimmed text, `nil` when empty.
    static func cleaned(_ text: String?) -> String? {
        guard let text = text?.trimmingSpaces, !text.isEmpty else { return nil }
        return text
    }

    func checkDate(_ date: String?, field: String) throws(StoreError) {
        if let date, CivilTime.parseISODate(date) == nil {
            throw StoreError.invalidValue(field: field, value: date, expected: "a date as YYYY-MM-DD, e.g. 2021-09-30")
        }
    }
}
