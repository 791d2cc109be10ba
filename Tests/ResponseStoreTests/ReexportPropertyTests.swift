import Foundation
import ResponseIngestion
import SurveyDefinition
import TestSupport
import Testing

@testable import ResponseStore

/// Random cumulative exports of random respondents, each re-exported as portals do:
/// headers reworded (then mapped, as an officer would with --map), question columns
/// added and removed (removed ones allowed with --allow-missing), other columns added,
/// every column order. After each import the store must hold exactly the respondents
/// exported so far: never one twice, never two as one.
@Suite("Re-exports never double-count nor merge respondents (property)")
struct ReexportPropertyTests {
    typealias Random = SeededGenerator

    static let survey: Survey = try! SurveyLoader().load(
        text: StandardSurveys.text(id: "ehcp-parent-carer")!, file: "ehcp-parent-carer.json")
    /// The question columns an export may have, with their usual header and a rewording.
    static let questions: [(id: String, header: String, reworded: String)] = [
        ("stage", "Stage of the process", "Which stage are you at?"),
        ("involved", "I felt fully involved in the process", "I felt fully involved in the whole process"),
        ("communication", "Communication throughout the process was good", "Communication during the process was good"),
        (
            "reflects-needs", "The EHC plan accurately reflects my child's needs",
            "The EHC plan reflects my child's needs accurately"
        ),
        ("outcomes", "The outcomes in the EHC plan are good", "The outcomes in the plan are good ones"),
        (
            "provision", "The provision in the EHC plan will meet my child's needs",
            "The provision in the EHC plan will meet my child's needs in full"
        ),
        (
            "comments", "Is there anything else you would like to tell us about your experience?",
            "Anything else you would like to tell us?"
        ),
    ]
    static let labels = [
        "Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree", "Don't know", "",
    ]

    struct Respondent {
        var time: String
        var reference: String
        var answers: [String: String]
    }

    /// `count` respondents over a few days, some in the same second with the same
    /// answers as the one before (told apart only by their reference).
    static func respondents(_ count: Int, _ random: inout Random) -> [Respondent] {
        var people: [Respondent] = []
        for i in 0..<count {
            if i > 0, Int.random(in: 0..<6, using: &random) == 0 {
                var twin = people[i - 1]
                twin.reference = "R\(1000 + i)"
                people.append(twin)
                continue
            }
            let second = Int.random(in: 0..<(3 * 86_400), using: &random)
            let time = String(
                format: "%02d/07/2021 %02d:%02d:%02d", 5 + second / 86_400, second / 3600 % 24, second / 60 % 60,
                second % 60)
            var answers: [String: String] = [:]
            answers["stage"] = Bool.random(using: &random) ? "New EHC plan" : "Annual review"
            for q in ["communication", "reflects-needs", "outcomes", "provision"] {
                answers[q] = labels.randomElement(using: &random)!
            }
            // Never blank: every row answers something.
            answers["involved"] = labels.dropLast().randomElement(using: &random)!
            answers["comments"] =
                Int.random(in: 0..<4, using: &random) == 0 ? "Comment \(Int.random(in: 0..<3, using: &random))" : ""
            people.append(Respondent(time: time, reference: "R\(1000 + i)", answers: answers))
        }
        return people
    }

    /// One export's layout: the question columns it has (each with its header), extra
    /// columns, and the order of all of them.
    struct Layout {
        var columns: [(key: String, header: String)]
        /// Question ids reworded (to be mapped by position).
        var reworded: Set<String>
        var removed: Set<String>
    }

    static func layout(_ random: inout Random, extraIndex: Int) -> Layout {
        var columns: [(String, String)] = [("time", "Timestamp"), ("reference", "Reference")]
        var reworded: Set<String> = []
        var removed: Set<String> = []
        for q in questions {
            switch Int.random(in: 0..<8, using: &random) {
            case 0 where q.id != "involved": removed.insert(q.id)
            case 1:
                reworded.insert(q.id)
                columns.append((q.id, q.reworded))
            default: columns.append((q.id, q.header))
            }
        }
        for k in 0..<Int.random(in: 0...2, using: &random) {
            columns.append(("extra\(extraIndex)-\(k)", "Extra question \(extraIndex)-\(k)"))
        }
        columns.shuffle(using: &random)
        return Layout(columns: columns, reworded: reworded, removed: removed)
    }

    static func csv(_ people: [Respondent], _ layout: Layout, _ random: inout Random) -> String {
        func cell(_ s: String) -> String {
            s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var lines = [layout.columns.map { cell($0.header) }.joined(separator: ",")]
        for p in people {
            lines.append(
                layout.columns.map { key, _ in
                    switch key {
                    case "time": return p.time
                    case "reference": return p.reference
                    default: return cell(p.answers[key] ?? "x\(p.reference.count)") // extra columns: the same for all
                    }
                }.joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    @Test(
        "random cumulative re-exports with reworded, added, removed and moved columns store each respondent exactly once",
        arguments: 0..<12)
    func reexports(seed: Int) throws {
        var random = Random(seed: UInt64(seed) &* 7919 &+ 17)
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        defer { store.close() }
        let people = Self.respondents(Int.random(in: 20...60, using: &random), &random)
        var exported = 0
        var earlierQuestions: Set<String> = []
        for round in 0..<4 {
            exported = min(people.count, exported + Int.random(in: (round == 0 ? 5 : 0)...20, using: &random))
            let layout = Self.layout(&random, extraIndex: round)
            let file = dir.file("export-\(round).csv")
            try Data(Self.csv(Array(people[..<exported]), layout, &random).utf8).write(to: URL(fileURLWithPath: file))
            // The officer maps each reworded header by position and allows what the form dropped.
            var mapping = ImportMapping(file: "--map")
            for (i, column) in layout.columns.enumerated() where layout.reworded.contains(column.key) {
                mapping = try mapping.adding(map: "\(i + 1)=\(column.key)", survey: Self.survey)
            }
            var importer = ExportImporter(
                store: store, options: IngestionOptions(format: .googleForms, dateOrder: .dmy, mapping: mapping))
            importer.allowMissing = layout.removed.intersection(earlierQuestions)
            let outcome = try importer.importFile(path: file, survey: Self.survey)
            earlierQuestions.formUnion(Set(Self.questions.map(\.id)).subtracting(layout.removed))
            guard case .imported(let summary) = outcome.result else {
                Issue.record("round \(round) of seed \(seed) was not imported")
                return
            }
            #expect(summary.rejected == 0, "seed \(seed) round \(round)")
            // Exactly the respondents exported so far, each submitted when they were.
            #expect(try store.responseCount() == exported, "seed \(seed) round \(round): \(summary.sentence)")
            let times = try store.db.prepare("SELECT submitted FROM responses ORDER BY 1").rows { $0.string(0) }
            let expected = people[..<exported].map { p -> String in
                let parts = p.time.split(whereSeparator: { $0 == "/" || $0 == " " })
                return "\(parts[2])-\(parts[1])-\(parts[0]) \(parts[3])"
            }.sorted()
            #expect(times == expected, "seed \(seed) round \(round)")
        }
    }

    @Test(
        "a workspace imported before schema 7 (content fingerprints, no column memory) recognises a re-export of its responses"
    )
    func legacyFingerprints() throws {
        var random = Random(seed: 99)
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.file("engage.sqlite"))
        defer { store.close() }
        // No two in the same second (the old fingerprints could not tell such people apart).
        var seen: Set<String> = []
        let people = Array(Self.respondents(40, &random).filter { seen.insert($0.time).inserted }.prefix(30))
        #expect(people.count == 30)
        let all = Layout(
            columns: [("time", "Timestamp"), ("reference", "Reference")] + Self.questions.map { ($0.id, $0.header) },
            reworded: [], removed: [])
        try Data(Self.csv(Array(people[..<20]), all, &random).utf8).write(to: URL(fileURLWithPath: dir.file("a.csv")))
        let importer = ExportImporter(store: store, options: IngestionOptions(format: .googleForms, dateOrder: .dmy))
        _ = try importer.importFile(path: dir.file("a.csv"), survey: Self.survey)
        // As engage stored responses without ids before schema 7.
        try store.db.execute("UPDATE responses SET identity = 'fp:' || content_hash; DELETE FROM import_columns;")
        var moved = all
        moved.columns.reverse()
        try Data(Self.csv(people, moved, &random).utf8).write(to: URL(fileURLWithPath: dir.file("b.csv")))
        let outcome = try importer.importFile(path: dir.file("b.csv"), survey: Self.survey)
        guard case .imported(let summary) = outcome.result else {
            Issue.record("not imported")
            return
        }
        #expect(summary.accepted == 10 && summary.alreadyPresent == 20, "\(summary.sentence)")
        #expect(try store.responseCount() == 30)
    }
}
