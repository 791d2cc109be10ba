import ResponseIngestion
import SurveyDefinition

/// Reads an action log kept in a spreadsheet (saved as CSV), for `engage actions import`.
///
/// One header row, matched case-insensitively: `title` (required; "we did" is accepted
/// too), `you said`, `detail`, `owner`, `due`, `status` (red/amber/green/blue, any case),
/// `done`, `kpis` and `themes` (several separated by `;`). Dates are `YYYY-MM-DD` or UK
/// `DD/MM/YYYY`. Every problem names the file, line and column; if any row has one,
/// nothing is imported.
package enum ActionLogFile {
    static let columns: [String: String] = [
        "title": "title", "we did": "title", "action": "title",
        "detail": "detail", "details": "detail", "description": "detail",
        "you said": "you-said",
        "owner": "owner", "lead": "owner",
        "due": "due", "due date": "due",
        "status": "status", "rag": "status", "rag status": "status",
        "done": "done", "completed": "done", "date completed": "done",
        "kpis": "kpis", "kpi": "kpis",
        "themes": "themes", "theme": "themes",
    ]
    static let known = "title, detail, you said, owner, due, status, done, kpis, themes"

    /// The actions in the file, in order.
    /// - Throws: ``ActionLogError`` listing every problem, or ``IngestionError`` when the file cannot be read.
    package static func read(path: String, displayName: String? = nil) throws -> [NewAction] {
        var sheet = try ActionSpreadsheet(path: path, displayName: displayName ?? path, columns: columns, known: known)
        { unknown in
            unknown.contains(where: {
                ActionUpdatesFile.columns[$0] == "date" || ActionUpdatesFile.columns[$0] == "note"
            })
                ? "this looks like a file of progress updates (action, date, status, note): import it with `engage actions updates import FILE`"
                : nil
        }
        guard sheet.keys.contains("title") else {
            throw ActionLogError(
                problems: sheet.problems + [
                    "\(sheet.name): no \"title\" column; the first row must name the columns, with at least title"
                ])
        }
        var actions: [NewAction] = []
        for row in sheet.rows {
            guard let title = row.value("title") else {
                sheet.fail(row, "title", "empty; every action needs a title")
                continue
            }
            var action = NewAction(
                title: title, youSaid: row.value("you-said"), detail: row.value("detail"), owner: row.value("owner"))
            action.due = sheet.date(row, "due")
            action.done = sheet.date(row, "done")
            action.status = sheet.status(row, "status") ?? (action.done == nil ? .red : .blue)
            action.kpis = list(row.value("kpis"))
            action.themes = list(row.value("themes"))
            actions.append(action)
        }
        try sheet.check()
        return actions
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == ";" || $0 == "," }).map { String($0).trimmingSpaces }.filter {
            !$0.isEmpty
        }
    }

    /// `YYYY-MM-DD`, or UK `D/M/YYYY`, as `YYYY-MM-DD`; `nil` if neither.
    package static func isoDate(_ text: String) -> String? {
        let text = text.trimmingSpaces
        if CivilTime.parseISODate(text) != nil { return text }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let d = parts[0], let m = parts[1], let y = parts[2], y >= 1900, (1...12).contains(m),
            d >= 1, d <= CivilTime.daysInMonth(year: y, month: m)
        else { return nil }
        return CivilTime.isoDate(CivilTime.dayNumber(year: y, month: m, day: d))
    }

    /// A date as the spreadsheet accepts it (`YYYY-MM-DD` or UK `DD/MM/YYYY`), as
    /// `YYYY-MM-DD`, for the command line's `--due`, `--done` and `--date`.
    /// - Throws: ``StoreError/invalidValue(field:value:expected:)`` naming `field`.
    package static func date(_ text: String, field: String) throws(StoreError) -> String {
        guard let iso = isoDate(text) else {
            throw StoreError.invalidValue(
                field: field, value: text, expected: "a date as YYYY-MM-DD or DD/MM/YYYY, e.g. 2021-09-30 or 30/09/2021"
            )
        }
        return iso
    }
}

/// Problems in an action log file; nothing was imported.
package struct ActionLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found, with its line.
    package var problems: [String]
    /// The problems, one a line.
    package var description: String {
        problems.joined(separator: "\n") + "\nnothing imported: correct the file and import it again."
    }
}
