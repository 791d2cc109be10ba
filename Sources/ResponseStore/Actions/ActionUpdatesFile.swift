/// Reads dated progress updates kept in a spreadsheet (saved as CSV), for
/// `engage actions updates import`, like the quarterly updates of an action plan.
///
/// One header row, matched case-insensitively: `action` (the action's number, as
/// `engage actions list` shows it; required), `date` (required; `YYYY-MM-DD` or UK
/// `DD/MM/YYYY`), `status` (red/amber/green/blue, any case), `note`, `done` (the date
/// it was completed). Each row needs a status, a note or a done date. Every problem
/// names the file, line and column; if any row has one, nothing is imported.
package enum ActionUpdatesFile {
    static let columns: [String: String] = [
        "action": "action", "action number": "action", "action id": "action", "id": "action", "number": "action",
        "no": "action",
        "date": "date", "update date": "date", "as of": "date",
        "status": "status", "rag": "status", "rag status": "status",
        "note": "note", "notes": "note", "update": "note", "progress": "note", "comment": "note",
        "done": "done", "completed": "done", "date completed": "done",
    ]
    static let known = "action, date, status, note, done"

    /// The updates in the file, in order, each with its source line.
    /// - Throws: ``ActionLogError`` listing every problem, or ``IngestionError`` when the file cannot be read.
    package static func read(path: String, displayName: String? = nil) throws -> [NewActionUpdate] {
        var sheet = try ActionSpreadsheet(path: path, displayName: displayName ?? path, columns: columns, known: known)
        { unknown in
            unknown.contains(where: { ["title", "we did", "you said", "kpis", "themes", "due"].contains($0) })
                ? "this looks like an action log (title, you said, due...): import it with `engage actions import FILE`"
                : nil
        }
        let missing = ["action", "date"].filter { !sheet.keys.contains($0) }
        if !missing.isEmpty {
            throw ActionLogError(
                problems: sheet.problems + [
                    "\(sheet.name): no \(missing.map { "\"\($0)\"" }.joined(separator: " or ")) column; the first row must name the columns, with at least action and date"
                ])
        }
        var updates: [NewActionUpdate] = []
        for row in sheet.rows {
            guard let text = row.value("action") else {
                sheet.fail(row, "action", "empty; give the action's number, as `engage actions list` shows it")
                continue
            }
            guard let number = Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text), number > 0 else {
                sheet.fail(
                    row, "action", "\"\(text)\" is not an action number; `engage actions list` shows the numbers")
                continue
            }
            guard row.value("date") != nil else {
                sheet.fail(row, "date", "empty; every update needs the date it is about")
                continue
            }
            let date = sheet.date(row, "date")
            let status = sheet.status(row, "status")
            let done = sheet.date(row, "done")
            if row.value("status") == nil && row.value("note") == nil && row.value("done") == nil {
                sheet.fail(row, "status", "the row has no status, note or done date: nothing to record")
                continue
            }
            if let date {
                updates.append(
                    NewActionUpdate(
                        action: number, date: date, status: status, note: row.value("note"), done: done,
                        source: "\(sheet.name):\(row.line)"))
            }
        }
        try sheet.check()
        return updates
    }
}
