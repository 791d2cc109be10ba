import Foundation
import ResponseIngestion
import ResponseStore
import Summaries
import SurveyDefinition

/// `engage import`, `engage imports`, `engage rejects`, `engage undo`.
enum ImportCommands {
    static var specs: [CommandSpec] { [importSpec, imports, rejects, changes, undo, export, check, retention] }

    static let importSpec = CommandSpec(
        path: ["import"], abstract: "Import export files into the workspace, each in one transaction.",
        usage:
            "[--survey ID|FILE] [--source NAME] [--format NAME] [--mapping FILE] [--map COLUMN=QUESTION]... [--allow-missing QUESTION]... [--submitted DATE] [--date-order ORDER] [--sheet NAME] [--member NAME] [--replace-changed] EXPORT...",
        discussion: """
            Reads each export (as 'engage inspect' shows it) and stores its responses in the workspace's
            database. Each file lands whole or not at all. A file imported before (same SHA-256) is skipped.
            Each respondent is counted once: a response already stored is recognised by its response id,
            or, in an export without ids, by the whole row, or by its submitted time and its answers to
            the questions both files have (so a cumulative re-export with a reworded, added, removed or
            moved column adds only its new responses). Two rows that differ in any cell are two people.
            A stored response whose answers changed is reported (see 'engage changes IMPORT') and kept
            unless --replace-changed is given. Every column that was not used is listed, with why.
            engage remembers which header fed which question for each survey and source: an export that
            lacks a question earlier imports had is refused, naming the nearest unmatched header; map it
            with --map, or say the form no longer asks it with --allow-missing. An export in which no KPI
            or agreement question of the survey has a column is refused as another survey's.
            Without --survey, the survey is the one in the workspace whose questions match the headers;
            --survey FILE adds that definition to the workspace first (as 'engage survey add' does).
            Rows set aside (incomplete, previews) and rows rejected are kept with their reasons: see
            'engage rejects IMPORT'. Exit status 0 when the import landed, 1 when nothing could land,
            64 on a usage error.
            """,
        options: [
            .value(
                "--survey", "ID|FILE",
                "The survey the export belongs to (default: detected from the headers); a definition FILE joins the workspace."
            ),
            .value("--source", "NAME", "How the responses were collected, e.g. portal, telephone, paper."),
            .value("--format", "NAME", "Override format detection.", allowed: ExportFormat.allCases.map(\.rawValue)),
            .value("--mapping", "FILE", "A mapping file for exports with your own headers and labels."),
            .value(
                "--map", "COLUMN=QUESTION",
                "Read a column (its header, or its position: 1 for the first) as a question, or @ignore it; remembered for later exports.",
                repeatable: true),
            .value(
                "--allow-missing", "QUESTION",
                "Import although the export has no column for a question earlier imports had (the form no longer asks it).",
                repeatable: true),
            .value(
                "--submitted", "DATE",
                "For a file whose rows carry no date: the day (YYYY-MM-DD) every response was collected; recorded as given."
            ),
            .value(
                "--date-order", "ORDER", "Override date-order inference.", allowed: DateOrder.allCases.map(\.rawValue)),
            .value("--sheet", "NAME", "The workbook sheet to read (default: the first)."),
            .value("--member", "NAME", "The file to read from a zip holding several exports."),
            .flag("--replace-changed", "Replace stored responses whose answers changed in this export."),
        ],
        arguments: (1, nil), argumentName: "one or more export files",
        examples: [
            "engage import responses-2021-q2.csv",
            "engage import --survey ehcp-parent-carer --source telephone --mapping phone-mapping.json phone.csv",
            "engage import --map 8=provision responses-2021-q3.csv",
            "engage import --survey my-survey.json --submitted 2020-06-15 calls-june.csv",
        ],
        run: runImport)

    static func runImport(_ invocation: Invocation) throws -> Int32 {
        var workspace = try WorkspaceAccess.locate(invocation)
        var named: Survey?
        if let reference = invocation.value("--survey") {
            let (survey, origin) = try Definitions.catalog(invocation, workspace: workspace).load(
                WorkspaceAccess.isDefinitionFile(reference) ? WorkspaceAccess.path(reference, invocation) : reference)
            named = survey
            if case .file(let file) = origin, WorkspaceAccess.isDefinitionFile(reference) {
                // A definition given as a file joins the workspace, so that every command finds it by its id.
                if case .added(let fileName) = try WorkspaceAccess.addSurvey(survey, file: file, to: &workspace) {
                    Console.err(
                        "added survey \(survey.id) to the workspace (\(Workspace.surveysFolderName)/\(fileName), listed in \(Workspace.settingsFileName))"
                    )
                }
            }
        }
        let store = try WorkspaceAccess.openForWriting(workspace, invocation)
        defer { store.close() }
        if invocation.flag("--replace-changed"), try store.importCount() > 0 {
            try WorkspaceAccess.snapshot(workspace, before: "import --replace-changed")
        }
        let candidates = try named.map { [$0] } ?? WorkspaceAccess.surveys(of: workspace)
        let format = invocation.value("--format").flatMap(ExportFormat.init(rawValue:))
        var mappings: [String: ImportMapping] = [:]
        if let mappingPath = invocation.value("--mapping") {
            var failures: [DefinitionError] = []
            for survey in candidates {
                do {
                    mappings[survey.id] = try ImportMapping.load(
                        path: WorkspaceAccess.path(mappingPath, invocation), survey: survey)
                } catch { failures.append(error) }
            }
            if mappings.isEmpty, let first = failures.first { throw first }
        }
        let maps = invocation.all("--map")
        if !maps.isEmpty {
            var failures: [DefinitionError] = []
            var mapped: [String: ImportMapping] = [:]
            for survey in candidates where invocation.value("--mapping") == nil || mappings[survey.id] != nil {
                do {
                    var mapping = mappings[survey.id] ?? ImportMapping(file: "--map")
                    for spec in maps { mapping = try mapping.adding(map: spec, survey: survey) }
                    mapped[survey.id] = mapping
                } catch { failures.append(error) }
            }
            if mapped.isEmpty, let first = failures.first { throw first }
            mappings = mapped
        }
        let mapped = invocation.value("--mapping") != nil || !maps.isEmpty
        var submitted: Int64?
        if let day = invocation.value("--submitted") {
            guard let number = CivilTime.parseISODate(day) else {
                throw UsageError(
                    message:
                        "--submitted \(day): give the day the responses were collected as YYYY-MM-DD, e.g. 2020-06-15",
                    command: "import")
            }
            submitted = Int64(number) * 86_400
        }
        var failed = 0
        for argument in invocation.arguments {
            let path = WorkspaceAccess.path(argument, invocation)
            do {
                let selection = ExportSelection(
                    member: invocation.value("--member"), sheet: invocation.value("--sheet"))
                let survey =
                    try named
                    ?? ExportImporter.chooseSurvey(
                        path: path, displayName: argument,
                        candidates: candidates.filter { !mapped || mappings[$0.id] != nil },
                        format: format, selection: selection, mapping: { mappings[$0.id] })
                var options = IngestionOptions(
                    format: format,
                    dateOrder: invocation.value("--date-order").flatMap(DateOrder.init(rawValue:)),
                    mapping: mappings[survey.id], now: Int64(Date().timeIntervalSince1970))
                options.sampleLimit = 0
                options.selection = selection
                options.submitted = submitted
                var importer = ExportImporter(
                    store: store, options: options, source: invocation.value("--source"),
                    replaceChanged: invocation.flag("--replace-changed"))
                importer.allowMissing = Set(invocation.all("--allow-missing"))
                let progress = ProgressLine(file: argument, path: path)
                if progress.enabled { importer.progress = progress.update }
                let outcome = try importer.importFile(
                    path: path, displayName: argument, survey: survey,
                    otherSurveys: named == nil ? candidates : WorkspaceAccess.surveys(of: workspace))
                progress.finish()
                switch outcome.result {
                case .alreadyImported(let record):
                    Console.out(
                        "\(argument): skipped: this file was already imported as import \(record.id) on \(record.importedAt) (same SHA-256)"
                    )
                case .imported(let summary):
                    Console.out("\(argument): \(summary.sentence) [import \(summary.importID), survey \(survey.id)]")
                    if let unused = outcome.report?.unusedColumns, !unused.isEmpty {
                        Console.out("  columns not used:")
                        for column in unused {
                            Console.out(
                                "    column \(column.position) \"\(oneLine(column.header, limit: 70))\": \(column.reason)"
                            )
                        }
                    }
                    for note in outcome.report?.notes ?? [] { Console.err("\(argument): note: \(note)") }
                    if !summary.landedResponses {
                        Console.err(
                            "\(argument): no response could be imported; the rows set aside or rejected are kept: see engage rejects \(summary.importID), or remove the import with engage undo \(summary.importID)"
                        )
                        failed += 1
                    }
                }
            } catch let error as ImportError {
                failed += 1
                Console.err(error.description)
            } catch let error as IngestionError {
                failed += 1
                Console.err(error.description)
            }
        }
        return failed == 0 ? 0 : 1
    }

    static let imports = CommandSpec(
        path: ["imports"], abstract: "List the imports in the workspace with their counts.",
        usage: "[--format text|json]",
        discussion:
            "Each import's number (for 'engage rejects' and 'engage undo'), file, survey, source, date, and how many responses were accepted, already present, set aside and rejected.",
        options: [.format(["text", "json"], "Output format.")],
        examples: ["engage imports", "engage imports --format json"],
        run: { invocation in
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try workspace.openStore(readOnly: true)
            defer { store.close() }
            let records = try store.listImports()
            if invocation.format(default: "text") == "json" {
                let rows: [[String: Any]] = records.map { r in
                    [
                        "id": r.id, "file": r.fileName, "sha256": r.sha256, "format": r.format, "encoding": r.encoding,
                        "survey": r.survey, "surveyVersion": r.surveyVersion, "source": r.source ?? NSNull(),
                        "importedAt": r.importedAt, "accepted": r.accepted, "alreadyPresent": r.alreadyPresent,
                        "conflictsKept": r.conflictsKept, "conflictsReplaced": r.conflictsReplaced,
                        "setAside": r.setAside,
                        "rejected": r.rejected, "responsesStored": r.responsesStored,
                        "submittedGiven": r.submittedGiven ?? NSNull(),
                    ]
                }
                Console.out(try JSONOutput.text(["imports": rows]))
                return 0
            }
            if records.isEmpty {
                Console.out("no imports yet: engage import EXPORT.csv")
                return 0
            }
            var table = TextTable(
                headers: [
                    "import", "file", "survey", "source", "imported (UTC)", "accepted", "already", "set aside",
                    "rejected",
                ],
                alignments: [.right, .left, .left, .left, .left, .right, .right, .right, .right])
            for r in records {
                table.add([
                    String(r.id), r.fileName + (r.submittedGiven.map { " (dates given: \($0))" } ?? ""), r.survey,
                    r.source ?? "-", r.importedAt, String(r.accepted),
                    String(r.alreadyPresent), String(r.setAside), String(r.rejected),
                ])
            }
            Console.out(table.render())
            return 0
        })

    static let rejects = CommandSpec(
        path: ["rejects"], abstract: "List the rows an import rejected or set aside, with reasons.",
        usage: "[--format text|json|csv] [--all] IMPORT",
        discussion: """
            Shows each rejected row of import IMPORT (its number from 'engage imports') with the line in the
            file, the column, the value and the reason, and the row as it was in the file. --all also lists
            the rows set aside (incomplete responses, previews, repeats). --format csv gives a spreadsheet to
            hand back to whoever keeps the data: line, column, value, reason, then the row's own cells.
            """,
        options: [
            .format(["text", "json", "csv"], "Output format."),
            .flag("--all", "Also list rows set aside, not only rejected ones."),
        ],
        arguments: (1, 1), argumentName: "an import number",
        examples: ["engage rejects 7"],
        run: { invocation in
            let id = try importNumber(invocation)
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try workspace.openStore(readOnly: true)
            defer { store.close() }
            let rows = try store.rowOutcomes(importID: id, kind: invocation.flag("--all") ? nil : .rejected)
            let record = try store.importRecord(id: id)
            let file = record?.fileName ?? ""
            if invocation.format(default: "text") == "json" {
                Console.out(
                    try JSONOutput.text([
                        "import": id, "file": file,
                        "rows": rows.map { r in
                            [
                                "line": r.line, "kind": r.kind.rawValue, "column": r.column ?? NSNull(),
                                "value": r.value ?? NSNull(),
                                "code": r.code, "reason": r.reason, "raw": r.raw,
                            ] as [String: Any]
                        },
                    ]))
                return 0
            }
            if invocation.format(default: "text") == "csv" {
                var writer = CSVWriter()
                writer.row(["file", "line", "kind", "column", "value", "code", "reason", "row as in the file"])
                for r in rows {
                    writer.row([
                        .text(file), .number(r.line), .text(r.kind.rawValue), .optional(r.column), .optional(r.value),
                        .text(r.code), .text(r.reason), .text(r.raw),
                    ])
                }
                Console.write(writer.text)
                return 0
            }
            if rows.isEmpty {
                Console.out(
                    "import \(id) (\(file)): no rows \(invocation.flag("--all") ? "rejected or set aside" : "rejected")"
                )
                return 0
            }
            for r in rows {
                var line = "\(file):\(r.line): \(r.kind.rawValue): \(r.reason)"
                if let column = r.column {
                    line += " [column \"\(column)\"" + (r.value.map { ", value \"\($0)\"" } ?? "") + "]"
                }
                Console.out(line)
                if !r.raw.isEmpty { Console.out("    " + r.raw.replacingOccurrences(of: "\n", with: "\n    ")) }
            }
            let repeats = record?.duplicatesInFile ?? 0
            if invocation.flag("--all"), repeats > Store.repeatsKeptRowByRow {
                Console.out(
                    "and \(repeats - Store.repeatsKeptRowByRow) more rows repeating an earlier row of the file, counted but not kept row by row (engage keeps the first \(Store.repeatsKeptRowByRow))"
                )
            }
            return 0
        })

    static let changes = CommandSpec(
        path: ["changes"],
        abstract: "Show the responses an import found changed since they were stored, question by question.",
        usage: "[--format text|json] IMPORT",
        discussion: """
            A response the platform let someone edit comes back in a later export under the same response id
            with other answers. The import keeps the stored version (unless --replace-changed was given) and
            reports how many changed; this lists each one: the line of the export, the response, and for each
            question whose answer differs, the stored answer and the export's. To take the export's versions:
            engage undo IMPORT, then import the file again with --replace-changed.
            """,
        options: [.format(["text", "json"], "Output format.")],
        arguments: (1, 1), argumentName: "an import number",
        examples: ["engage changes 7"],
        run: { invocation in
            let id = try importNumber(invocation)
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try workspace.openStore(readOnly: true)
            defer { store.close() }
            let changed = try store.changedResponses(importID: id)
            let record = try store.importRecord(id: id)
            let order =
                (try? WorkspaceAccess.surveys(of: workspace).first { $0.id == record?.survey }?.questions.map(\.id))
                ?? nil
            func shown(_ answers: [String]?) -> String {
                guard let answers, !answers.isEmpty else { return "(no answer)" }
                return answers.map {
                    $0.hasPrefix("o:")
                        ? String($0.dropFirst(2)) : "\"" + oneLine(String($0.dropFirst(2)), limit: 60) + "\""
                }
                .joined(separator: ", ")
            }
            if invocation.format(default: "text") == "json" {
                Console.out(
                    try JSONOutput.text([
                        "import": id, "file": record?.fileName ?? "",
                        "changed": changed.map { c -> [String: Any] in
                            [
                                "line": c.line, "response": c.responseID, "identity": c.identity,
                                "replaced": c.replaced,
                                "questions": c.differing(in: order ?? []).map { q -> [String: Any] in
                                    ["question": q, "stored": c.stored[q] ?? [], "export": c.exported[q] ?? []]
                                },
                            ]
                        },
                    ]))
                return 0
            }
            let file = record?.fileName ?? ""
            if changed.isEmpty {
                Console.out("import \(id) (\(file)): no response had changed since it was stored")
                return 0
            }
            for c in changed {
                Console.out(
                    "\(file):\(c.line): response \(c.identity) changed since it was stored; \(c.replaced ? "replaced by the export's version" : "stored version kept")"
                )
                for q in c.differing(in: order ?? []) {
                    Console.out("    \(q): stored \(shown(c.stored[q])) → export \(shown(c.exported[q]))")
                }
            }
            if changed.contains(where: { !$0.replaced }) {
                Console.out(
                    "To take the export's versions: engage undo \(id), then engage import --replace-changed \(file)")
            }
            return 0
        })

    static let undo = CommandSpec(
        path: ["undo"], abstract: "Remove exactly what one import added, in one transaction.",
        usage: "IMPORT",
        discussion:
            "Deletes the responses import IMPORT added, gives back the earlier version of responses it replaced, and removes its rejected rows and its record, so the same file can be imported again.",
        arguments: (1, 1), argumentName: "an import number",
        examples: ["engage undo 7"],
        run: { invocation in
            let id = try importNumber(invocation)
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try WorkspaceAccess.openForWriting(workspace, invocation)
            defer { store.close() }
            if try store.importRecord(id: id) != nil { try WorkspaceAccess.snapshot(workspace, before: "undo \(id)") }
            let summary = try store.undoImport(id: id)
            Console.out(
                "undid import \(id) (\(summary.fileName)): removed \(summary.responsesRemoved) response\(summary.responsesRemoved == 1 ? "" : "s")"
                    + (summary.responsesRestored > 0
                        ? ", restored the earlier version of \(summary.responsesRestored)" : "")
                    + (summary.rowOutcomesRemoved > 0
                        ? ", removed \(summary.rowOutcomesRemoved) rejected or set-aside rows" : ""))
            return 0
        })

    static let export = CommandSpec(
        path: ["export"], abstract: "Export the stored answers in tidy long format for Power BI, R or DuckDB.",
        usage: "[--survey ID] [--format csv|json|xlsx] [--output FILE]",
        discussion: """
            One row per response and answer: survey, response, identity, submitted (UK time), submitted
            date, source, question, option code, option label, value, text, and the response's segment
            answers (e.g. stage=new-plan). Text cells a spreadsheet would run as formulas are prefixed
            with '. JSON is written as one object per line (JSON Lines). --format xlsx writes an Excel
            workbook (with --output FILE): the same columns, numbers as numbers, times as date cells, and
            the provenance on an "About" sheet. Personal names are never exported.
            """,
        options: [
            .value("--survey", "ID", "Only this survey."),
            .format(["csv", "json", "xlsx"], "Output format (default csv)."),
            .output(),
        ],
        examples: [
            "engage export > answers.csv",
            "engage export --survey ehcp-parent-carer --format json --output answers.jsonl",
            "engage export --format xlsx --output answers.xlsx",
        ],
        run: { invocation in
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try workspace.openStore(readOnly: true)
            defer { store.close() }
            let output = try OutputFile(invocation.value("--output"), invocation: invocation, workspace: workspace)
            if invocation.value("--format") == "xlsx" {
                var book = AnswerWorkbook()
                try store.exportRows(survey: invocation.value("--survey")) { book.add($0) }
                try output.write(
                    bytes: book.finished(provenance: try KPICommands.provenance(store)),
                    what: "an Excel workbook (--format xlsx)")
                try output.commit()
                return 0
            }
            let json = invocation.value("--format") == "json"
            var writer = CSVWriter()
            if !json {
                writer.row([
                    "survey", "response", "identity", "submitted", "submitted_date", "source", "question",
                    "option_code", "option_label", "value", "text", "segments",
                ])
            }
            var count = 0
            try store.exportRows(survey: invocation.value("--survey")) { row in
                let segments = row.segments.map { "\($0.question)=\($0.optionCode)" }.joined(separator: ";")
                if json {
                    var object: [String: Any] = [
                        "survey": row.survey, "response": row.responseID, "identity": row.identity,
                        "question": row.question,
                    ]
                    object["submitted"] = row.submitted
                    object["submitted_date"] = row.submittedDate
                    object["source"] = row.source
                    object["option_code"] = row.optionCode
                    object["option_label"] = row.optionLabel
                    object["value"] = row.value
                    object["text"] = row.text
                    object["segments"] = Dictionary(
                        row.segments.map { ($0.question, $0.optionCode) }, uniquingKeysWith: { first, _ in first })
                    let data = try JSONSerialization.data(
                        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                    try output.write(Escaping.json(String(decoding: data, as: UTF8.self)) + "\n")
                } else {
                    writer.row([
                        .text(row.survey), .number(String(row.responseID)), .text(row.identity),
                        .optional(row.submitted),
                        .optional(row.submittedDate), .optional(row.source), .text(row.question),
                        .optional(row.optionCode),
                        .optional(row.optionLabel), row.value.map { .number(NumberText.plain($0)) } ?? .empty,
                        .optional(row.text), .text(segments),
                    ])
                    count += 1
                    if count % 10_000 == 0 {
                        try output.write(writer.text)
                        writer = CSVWriter()
                    }
                }
            }
            if !json { try output.write(writer.text) }
            try output.commit()
            return 0
        })

    /// `engage check`'s line for what a check found: `none`, or `some` and the first ten.
    private static func findings(_ found: [String], none: String, some: String) -> String {
        if found.isEmpty { return none }
        return some + " " + found.prefix(10).joined(separator: "; ")
            + (found.count > 10 ? " and \(found.count - 10) more" : "")
            + " (the database was changed outside engage: restore a backup or report this)"
    }

    static let check = CommandSpec(
        path: ["check"], abstract: "Check the workspace database's integrity and print its counts.",
        usage: "[--format text|json]",
        discussion:
            "Runs SQLite's integrity check, checks that every index of the schema is there, that the answer counts KPIs read agree with the stored answers and that each answer is kept where the schema says, and prints the schema version and the numbers of imports, responses and answers. Exit status 1 if the database is damaged, an index is missing or the counts differ.",
        options: [.format(["text", "json"], "Output format.")],
        examples: ["engage check"],
        run: { invocation in
            let workspace = try WorkspaceAccess.locate(invocation)
            let found = try workspace.check()
            let (integrity, missing, mismatches, misplaced, ok) = (
                found.integrity, found.missingIndexes, found.countMismatches,
                found.misplacedAnswers, found.ok
            )
            let version = found.schemaVersion.map(String.init) ?? "unknown"
            if invocation.format(default: "text") == "json" {
                Console.out(
                    try JSONOutput.text([
                        "integrity": integrity, "missingIndexes": missing, "countMismatches": mismatches,
                        "answerPlacementProblems": misplaced,
                        "ok": ok, "schemaVersion": found.schemaVersion ?? NSNull(), "imports": found.imports,
                        "responses": found.responses, "answers": found.answers,
                        "lastBackup": found.lastBackup.map { ["path": $0.path, "takenAt": $0.takenAt] } ?? NSNull(),
                        "lastSnapshot": found.lastSnapshot.map {
                            ["path": $0.path, "takenAt": $0.takenAt, "reason": $0.reason]
                        } ?? NSNull(),
                    ]))
            } else {
                Console.out(
                    """
                    \(workspace.databasePath)
                      integrity: \(integrity.joined(separator: "; "))
                      indexes: \(missing.isEmpty ? "all present" : "MISSING " + missing.joined(separator: ", ") + " (queries will be slow; restore a backup or report this)")
                      answer counts: \(findings(mismatches, none: "agree with the answers", some: "DIFFER for"))
                      answers: \(findings(misplaced, none: "each where the schema keeps it", some: "MISPLACED for"))
                      schema version \(version), \(found.imports) imports, \(found.responses) responses, \(found.answers) answers
                      last backup: \(found.lastBackup.map { "\($0.takenAt) (\($0.age())), \($0.path)" } ?? "none in \(workspace.backupsDirectory): take one with engage backup")
                    """)
            }
            if !ok {
                Console.err(
                    "engage: \(workspace.databasePath) is damaged; engage will not write to it until engage check finds it sound (see \(workspace.damageMarkerPath)). Restore the last backup (engage restore), or move it away and import the exports again."
                )
            }
            return ok ? 0 : 1
        })

    static let retention = CommandSpec(
        path: ["retention"],
        abstract: "Delete responses submitted before a date (your retention policy), with the counts.",
        usage: "--before DATE [--yes]",
        discussion: """
            Deletes, in one transaction, every response submitted before DATE (YYYY-MM-DD) with its answers,
            comments and names, the earlier versions kept for undo, and the raw rejected rows of imports made
            before DATE. Import records (file name, SHA-256, counts) stay as provenance. Without --yes it only
            says what would be deleted. Run VACUUM in the sqlite3 shell afterwards to shrink the file.
            """,
        options: [
            .value("--before", "DATE", "Delete what was submitted before this day (YYYY-MM-DD)."),
            .flag("--yes", "Really delete (otherwise a dry run)."),
        ],
        examples: ["engage retention --before 2019-04-01", "engage retention --before 2019-04-01 --yes"],
        run: { invocation in
            guard let before = invocation.value("--before") else {
                throw UsageError(message: "'engage retention' needs --before DATE (YYYY-MM-DD)", command: "retention")
            }
            let workspace = try WorkspaceAccess.locate(invocation)
            let store = try WorkspaceAccess.openForWriting(workspace, invocation)
            defer { store.close() }
            if !invocation.flag("--yes") {
                let total = try store.responseCount()
                let kept = try store.responsesSubmitted(onOrAfter: before)
                Console.out(
                    "dry run: \(total - kept) of \(total) responses were submitted before \(before) and would be deleted; add --yes to delete them"
                )
                return 0
            }
            try WorkspaceAccess.snapshot(workspace, before: "retention --before \(before)")
            let summary = try store.deleteResponses(before: before)
            Console.out(
                "deleted \(summary.responsesDeleted) responses submitted before \(before) (\(summary.answersDeleted) answers, \(summary.replacedVersionsDeleted) earlier versions, \(summary.rowOutcomesDeleted) rejected or set-aside rows)"
            )
            return 0
        })

    /// A header or value on one line, at most `limit` characters, for a listing.
    static func oneLine(_ text: String, limit: Int) -> String {
        let flat = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
        return flat.count <= limit ? flat : String(flat.prefix(limit - 1)) + "…"
    }

    static func importNumber(_ invocation: Invocation) throws -> Int64 {
        guard let id = Int64(invocation.arguments[0]), id > 0 else {
            throw UsageError(
                message: "'\(invocation.arguments[0])' is not an import number; 'engage imports' lists them",
                command: invocation.spec.name)
        }
        return id
    }
}

/// Pretty-printed JSON for command output, through JSON's one escaping layer (``Escaping/json(_:)``).
enum JSONOutput {
    static func text(_ object: Any) throws -> String {
        let data = try JSONSerialization.data(
            withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return Escaping.json(String(decoding: data, as: UTF8.self))
    }
}

/// A progress line on stderr for large imports (rows read so far), only when stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    let file: String
    let enabled: Bool

    /// Shown only when stderr is a terminal and the file is over 10 MB (about 50,000 responses).
    init(file: String, path: String) {
        self.file = file
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        enabled = Console.stderrIsTerminal && size > 10_000_000
    }

    func update(_ rows: Int) {
        Console.errRaw("\r\(file): read \(rows) rows…")
    }

    func finish() {
        if enabled { Console.errRaw("\r\u{1B}[K") }
    }
}
