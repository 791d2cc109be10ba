import Foundation
import ResponseIngestion
import SurveyDefinition
import Testing

@testable import ResponseStore
@testable import Summaries

/// A report for a past period is the report as it stood at the period's end: the demo's
/// 2021-22 Q2 summary from a workspace holding data up to September 2021 and from one
/// holding data up to March 2022 must be the same, except the lines naming the imported
/// files (provenance).
@Suite("Reports as they stood at the end of their period")
struct AsStoodTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples").path
    static let cutoff = "2021-09-30"

    /// The submitted-date column of each example export and how it writes dates.
    static let dateColumns: [String: (column: String, monthFirst: Bool)] = [
        "ehcp-parent-carer-surveymonkey-to-2020-12.csv": ("End Date", true),
        "ehcp-parent-carer-surveymonkey-to-2022-03.csv": ("End Date", true),
        "ehcp-parent-carer-telephone.csv": ("Date of call", false),
        "ehcp-education-setting-google-forms.csv": ("Timestamp", false),
        "annual-review-parent-carer-microsoft-forms.csv": ("Completion time", false),
    ]

    /// `YYYY-MM-DD` from "14/09/2021 10:01" (or "09/14/2021 10:01:00 AM" month first).
    static func isoDay(_ text: String, monthFirst: Bool) -> String? {
        let parts = text.split(separator: " ").first?.split(separator: "/") ?? []
        guard parts.count == 3, let a = Int(parts[0]), let b = Int(parts[1]), let y = Int(parts[2]) else { return nil }
        let (m, d) = monthFirst ? (a, b) : (b, a)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// A copy of Examples/ holding only what was known by `cutoff`: export rows submitted on
    /// or before it, progress updates dated on or before it, measures for periods ended by then.
    static func examplesUpTo(_ cutoff: String, in folder: String) throws -> String {
        let fm = FileManager.default
        try fm.copyItem(atPath: examples, toPath: folder)
        for (file, date) in dateColumns {
            let path = (folder as NSString).appendingPathComponent("exports/" + file)
            var reader = try CSVReader(path: path)
            var writer = CSVWriter()
            var column: Int?
            var kept = 0
            var dropped = 0
            while let record = try reader.next() {
                let fields = (0..<record.count).map { record.field($0) }
                if column == nil, let i = fields.firstIndex(of: date.column) {
                    column = i
                    writer.row(fields)
                    continue
                }
                if let column, column < fields.count, let day = isoDay(fields[column], monthFirst: date.monthFirst) {
                    if day <= cutoff {
                        writer.row(fields)
                        kept += 1
                    } else {
                        dropped += 1
                    }
                } else {
                    writer.row(fields) // SurveyMonkey's second header row
                }
            }
            #expect(column != nil && kept > 0, "\(file)")
            if file.contains("2022-03") || file.contains("telephone") {
                #expect(dropped > 0, "\(file) has answers after \(cutoff)")
            }
            try Data(writer.text.utf8).write(to: URL(fileURLWithPath: path))
        }
        for (file, dateField) in [("action-updates.csv", "date")] {
            let path = (folder as NSString).appendingPathComponent(file)
            var reader = try CSVReader(path: path)
            var writer = CSVWriter()
            let header = try #require(try reader.next()).fields
            writer.row(header)
            let i = try #require(header.firstIndex(of: dateField))
            while let record = try reader.next() {
                if record.field(i) <= cutoff { writer.row(record.fields) }
            }
            try Data(writer.text.utf8).write(to: URL(fileURLWithPath: path))
        }
        return folder
    }

    static func workspace(examples: String, at directory: String) throws -> Workspace {
        let names = try WorkspaceSettings.decode(
            String(contentsOfFile: (examples as NSString).appendingPathComponent("engage.json"), encoding: .utf8),
            file: "engage.json"
        ).periods.map(\.name)
        let loader = SurveyLoader(periodNames: names)
        return try ExampleWorkspace(examples: examples).build(
            into: directory, surveys: StandardSurveys.files,
            loadSurvey: { try loader.load(path: $0) }, log: { _ in })
    }

    static func summary(_ workspace: Workspace, audience: ReportAudience) throws -> Summary {
        let store = try workspace.openStore()
        defer { store.close() }
        let surveys = try workspace.surveyPaths.map {
            try SurveyLoader(periodNames: workspace.settings.periods.map(\.name)).load(path: $0)
        }
        return try SummaryBuilder(
            store: store, surveys: surveys, settings: ReportSettings(workspace.settings), audience: audience,
            engageVersion: "test"
        ).build(label: "2021-22 Q2", from: nil, to: nil, now: Date(timeIntervalSince1970: 0))
    }

    /// Every rendering without its provenance lines (which name the imported files).
    static func renderings(_ s: Summary) throws -> [String: String] {
        func strip(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.contains("sha256") && !$0.contains("SHA-256") && !$0.contains("import ") }.joined(
                    separator: "\n")
        }
        var model = s
        model.provenance.imports = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let json = String(decoding: try encoder.encode(model), as: UTF8.self)
        return [
            "text": strip(s.text()), "markdown": strip(s.markdown()), "html": strip(s.html()), "csv": strip(s.csv()),
            "json": json,
        ]
    }

    @Test(
        "the demo's 2021-22 Q2 summary is the same from data up to September 2021 and up to March 2022, internal and public"
    )
    func demoQuarterAsItStood() throws {
        let temp = (NSTemporaryDirectory() as NSString).appendingPathComponent("engage-as-stood-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: temp) }
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        let later = try Self.workspace(
            examples: Self.examples, at: (temp as NSString).appendingPathComponent("to-2022-03"))
        let cut = try Self.examplesUpTo(
            Self.cutoff, in: (temp as NSString).appendingPathComponent("examples-to-2021-09"))
        let then = try Self.workspace(examples: cut, at: (temp as NSString).appendingPathComponent("to-2021-09"))
        for audience in ReportAudience.allCases {
            let a = try Self.renderings(Self.summary(later, audience: audience))
            let b = try Self.renderings(Self.summary(then, audience: audience))
            for format in a.keys.sorted() {
                let left = a[format]!.split(separator: "\n")
                let right = b[format]!.split(separator: "\n")
                let first = zip(left, right).first { $0 != $1 }
                let same = first == nil && left.count == right.count
                #expect(
                    same, "\(audience) \(format): first difference \(first.map { "\n\($0)\n\($1)" } ?? "in length")")
            }
        }
        // The demo's communication KPI (20 of 40 against 15 of 48, change -2 to +37 points) is not GREEN;
        // involvement (30 of 40 against 21 of 48) is.
        let full = try Self.summary(later, audience: .internal)
        let rag = { (id: String) in full.items.first { $0.id == id }?.kpi?.rating.value?.rag }
        #expect(rag("communication-good") == "AMBER" && rag("felt-fully-involved") == "GREEN")
        // The later workspace does hold later data that a report on Q3 would show.
        let store = try later.openStore()
        defer { store.close() }
        #expect(try store.responsesSubmitted(onOrAfter: "2021-10-01") > 0)
    }

    @Test("an action is shown as it stood: its status then, updates up to the day, overdue when past due and not done")
    func actionAsOf() {
        let day = CivilTime.parseISODate("2021-09-30")!
        var action = Action(
            id: 1, title: "Phone every family", youSaid: nil, detail: nil, owner: nil, due: "2021-03-31", status: .red,
            done: nil, createdAt: "2026-01-01T00:00:00Z", kpis: [], themes: [],
            updates: [
                ActionUpdate(date: "2021-04-30", status: .green, note: "started", recordedAt: "2026-01-01T00:00:00Z"),
                ActionUpdate(date: "2021-12-15", status: .red, note: "stalled", recordedAt: "2026-01-01T00:00:00Z"),
            ])
        action.changes = [
            ActionChange(
                action: 1, changedAt: "2026-01-01T00:00:00Z", kind: .updated, oldValue: "amber",
                newValue: "2021-04-30 [GREEN]")
        ]
        #expect(action.loggedStatus == .amber)
        let then = action.asOf(day: day)
        #expect(then.status == .green && then.updates.map(\.note) == ["started"])
        #expect(then.isOverdue(on: day))
        #expect(action.asOf(day: CivilTime.parseISODate("2021-04-01")!).status == .amber)
        var done = action
        done.done = "2021-11-01"
        done.status = .blue
        #expect(done.asOf(day: day).done == nil && done.asOf(day: day).isOverdue(on: day))
        #expect(!done.isOverdue(on: CivilTime.parseISODate("2021-12-01")!))
    }
}
