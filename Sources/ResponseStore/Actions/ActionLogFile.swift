import ResponseIngestion
import SurveyDefinition

/// Reads an action log kept in a spreadsheet (saved as CSV), for `engage actions import`.
///
/// One header row, matched case-insensitively: `title` (required; "we did" is accepted
/// too), `detail`, `you said` (kept in the detail), `owner`, `due`, `status`
/// (red/amber/green/blue), `done`, `kpis` and `themes` (several separated by `;`).
/// Dates are `YYYY-MM-DD` or UK `DD/MM/YYYY`. Every problem names the file, line and
/// column; if any row has one, nothing is imported.
public enum ActionLogFile {
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

    /// The actions in the file, in order.
    /// - Throws: ``ActionLogError`` listing every problem, or ``IngestionError`` when the file cannot be read.
    public static func read(path: String, displayName: String? = nil) throws -> [NewAction] {
        let name = displayName ?? path
        var reader: CSVReader
        do { reader = try CSVReader(path: path, displayName: name) } catch let error as CSVError {
            throw IngestionError.cannotOpen(file: name, reason: error.description)
        }
        guard let header = try reader.next() else { throw ActionLogError(problems: ["\(name): the file is empty; the first row must name the columns (title, status, due, kpis...)"]) }
        var field: [String: Int] = [:]
        var problems: [String] = []
        for (index, cell) in header.fields.enumerated() {
            let key = AnswerText.normalise(cell)
            if let known = columns[key] {
                field[known] = index
            } else if !key.isEmpty {
                problems.append("\(name):\(header.line): column \"\(cell)\" is not one engage knows; use title, detail, you said, owner, due, status, done, kpis, themes")
            }
        }
        guard field["title"] != nil else {
            throw ActionLogError(problems: problems + ["\(name):\(header.line): no \"title\" column; the first row must name the columns, with at least title"])
        }
        var actions: [NewAction] = []
        while let record = try reader.next() {
            if let problem = record.problem {
                problems.append(problem.description)
                continue
            }
            func value(_ key: String) -> String? {
                guard let i = field[key], i < record.count else { return nil }
                let text = record.field(i).trimmingSpaces
                return text.isEmpty ? nil : text
            }
            func fail(_ key: String, _ message: String) {
                problems.append("\(name):\(record.line): column \(key): \(message)")
            }
            if record.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) { continue }
            guard let title = value("title") else {
                fail("title", "empty; every action needs a title")
                continue
            }
            var action = NewAction(title: title)
            action.detail = [value("you-said").map { "You said: " + $0 }, value("detail")].compactMap { $0 }.joined(separator: "\n")
            if action.detail == "" { action.detail = nil }
            action.owner = value("owner")
            for key in ["due", "done"] {
                guard let text = value(key) else { continue }
                if let iso = isoDate(text) {
                    if key == "due" { action.due = iso } else { action.done = iso }
                } else {
                    fail(key, "\"\(text)\" is not a date; write YYYY-MM-DD or DD/MM/YYYY")
                }
            }
            if let status = value("status") {
                do { action.status = try ActionStatus.parse(status) } catch { fail("status", error.description) }
            } else {
                action.status = action.done == nil ? .red : .blue
            }
            action.kpis = list(value("kpis"))
            action.themes = list(value("themes"))
            actions.append(action)
        }
        if !problems.isEmpty { throw ActionLogError(problems: problems) }
        return actions
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == ";" || $0 == "," }).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }

    /// `YYYY-MM-DD`, or UK `D/M/YYYY`, as `YYYY-MM-DD`; `nil` if neither.
    public static func isoDate(_ text: String) -> String? {
        if CivilTime.parseISODate(text) != nil { return text }
        let parts = text.split(separator: "/").map { Int($0) }
        guard parts.count == 3, let d = parts[0], let m = parts[1], let y = parts[2], y >= 1900, (1...12).contains(m),
              d >= 1, d <= CivilTime.daysInMonth(year: y, month: m) else { return nil }
        return CivilTime.isoDate(CivilTime.dayNumber(year: y, month: m, day: d))
    }
}

/// Problems in an action log file; nothing was imported.
public struct ActionLogError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [String]
    public var description: String {
        problems.joined(separator: "\n") + "\nnothing imported: correct the file and import it again."
    }
}
