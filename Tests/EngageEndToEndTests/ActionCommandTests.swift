import Foundation
import Testing
import TestSupport

@Suite("engage actions: the we-did log, run as an officer would")
struct ActionCommandTests {
    @Test("an action is added, updated with dated notes and listed with its RAG words")
    func addUpdateList() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let added = try runner.run("actions", "add", "--workspace", "ws", "--title", "Named caseworker for every family",
                                   "--kpi", "communication-good", "--theme", "communication", "--due", "2021-09-30", "--status", "green")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("added action 1"))
        let updated = try runner.run("actions", "update", "--workspace", "ws", "1", "--status", "amber", "--date", "2021-10-15",
                                     "--note", "Two posts still vacant")
        #expect(updated.status == 0, "\(updated.stderr)")
        let listed = try runner.run("actions", "list", "--workspace", "ws")
        #expect(listed.stdout.contains("1. Named caseworker for every family [AMBER: some delay] due 2021-09-30"), "\(listed.stdout)")
        #expect(listed.stdout.contains("2021-10-15 [AMBER] Two posts still vacant"))
        #expect(listed.stdout.contains("KPI communication-good, theme communication"))
        let json = try runner.run("actions", "list", "--workspace", "ws", "--format", "json", "--kpi", "communication-good")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let actions = object?["actions"] as? [[String: Any]]
        #expect(actions?.count == 1)
        #expect((actions?.first?["updates"] as? [[String: Any]])?.first?["note"] as? String == "Two posts still vacant")
    }

    @Test("a misspelt KPI or a bad status is refused with a suggestion and nothing is recorded")
    func refused() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let typo = try runner.run("actions", "add", "--workspace", "ws", "--title", "X", "--kpi", "comunication-good")
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("Did you mean 'communication-good'?"), "\(typo.stderr)")
        let bad = try runner.run("actions", "add", "--workspace", "ws", "--title", "X", "--status", "purple")
        #expect(bad.status == 64)
        let missing = try runner.run("actions", "update", "--workspace", "ws", "4", "--note", "x")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("there is no action 4"))
        #expect(try runner.run("actions", "list", "--workspace", "ws").stdout.contains("no actions recorded yet"))
    }

    @Test("a spreadsheet log is imported whole, or not at all with every problem's line and column")
    func importLog() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        try runner.write("bad.csv", """
            You said,We did,RAG,Due date,KPIs
            Nobody called back,Named caseworker,Green,30/09/2021,communication-good
            Plans were late,Extra EHC coordinators,Mauve,31/02/2022,
            """)
        let bad = try runner.run("actions", "import", "--workspace", "ws", "bad.csv")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.csv:3: column status"), "\(bad.stderr)")
        #expect(bad.stderr.contains("bad.csv:3: column due: \"31/02/2022\" is not a date"), "\(bad.stderr)")
        #expect(try runner.run("actions", "list", "--workspace", "ws").stdout.contains("no actions recorded yet"))
        try runner.write("good.csv", """
            You said,We did,RAG,Due date,KPIs,Themes
            Nobody called back,Named caseworker,Green,30/09/2021,communication-good,communication
            "Plans were late, often by months",Extra EHC coordinators,Blue,2022-03-31,,timeliness
            """)
        let good = try runner.run("actions", "import", "--workspace", "ws", "good.csv")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("imported 2 actions"))
        let listed = try runner.run("actions", "list", "--workspace", "ws")
        #expect(listed.stdout.contains("2. Extra EHC coordinators [BLUE: completed and embedded] due 2022-03-31"), "\(listed.stdout)")
        #expect(listed.stdout.contains("You said: Plans were late, often by months"))
    }
}
