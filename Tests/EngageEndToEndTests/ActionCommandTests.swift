import Foundation
import TestSupport
import Testing

@Suite("engage actions: the we-did log, run as an officer would")
struct ActionCommandTests {
    @Test("an action is added, updated with dated notes and listed with its RAG words")
    func addUpdateList() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let added = try runner.run(
            "actions", "add", "--workspace", "ws", "--title", "Named caseworker for every family",
            "--kpi", "communication-good", "--theme", "communication", "--due", "2021-09-30", "--status", "green")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("added action 1"))
        let updated = try runner.run(
            "actions", "update", "--workspace", "ws", "1", "--status", "amber", "--date", "2021-10-15",
            "--note", "Two posts still vacant")
        #expect(updated.status == 0, "\(updated.stderr)")
        let listed = try runner.run("actions", "list", "--workspace", "ws")
        #expect(
            listed.stdout.contains("1. Named caseworker for every family [AMBER: some delay] due 2021-09-30"),
            "\(listed.stdout)")
        #expect(listed.stdout.contains("2021-10-15 [AMBER] Two posts still vacant"))
        #expect(listed.stdout.contains("KPI communication-good, theme communication"))
        let json = try runner.run(
            "actions", "list", "--workspace", "ws", "--format", "json", "--kpi", "communication-good")
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
        try runner.write(
            "bad.csv",
            """
            You said,We did,RAG,Due date,KPIs
            Nobody called back,Named caseworker,Green,30/09/2021,communication-good
            Plans were late,Extra EHC coordinators,Mauve,31/02/2022,
            """)
        let bad = try runner.run("actions", "import", "--workspace", "ws", "bad.csv")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.csv:3: column status"), "\(bad.stderr)")
        #expect(bad.stderr.contains("bad.csv:3: column due: \"31/02/2022\" is not a date"), "\(bad.stderr)")
        #expect(try runner.run("actions", "list", "--workspace", "ws").stdout.contains("no actions recorded yet"))
        try runner.write(
            "good.csv",
            """
            You said,We did,RAG,Due date,KPIs,Themes
            Nobody called back,Named caseworker,Green,30/09/2021,communication-good,communication
            "Plans were late, often by months",Extra EHC coordinators,Blue,2022-03-31,,timeliness
            """)
        let good = try runner.run("actions", "import", "--workspace", "ws", "good.csv")
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("imported 2 actions"))
        let listed = try runner.run("actions", "list", "--workspace", "ws")
        #expect(
            listed.stdout.contains("2. Extra EHC coordinators [BLUE: completed and embedded] due 2022-03-31"),
            "\(listed.stdout)")
        #expect(listed.stdout.contains("you said: Plans were late, often by months"))
    }

    func json(_ runner: EngageRunner, _ arguments: String...) throws -> [[String: Any]] {
        let listed = try runner.run(
            arguments: ["actions", "list", "--workspace", "ws", "--format", "json"] + arguments)
        #expect(listed.status == 0, "\(listed.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        return try #require(object?["actions"] as? [[String: Any]])
    }

    @Test("the command line accepts what the spreadsheet accepts: UK dates, RAG words in any case, you said")
    func commandLineParity() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let added = try runner.run(
            "actions", "add", "--workspace", "ws", "--title", "Named caseworker", "--due", "30/09/2021",
            "--status", "Green", "--you-said", "Nobody called back")
        #expect(added.status == 0, "\(added.stderr)")
        let updated = try runner.run(
            "actions", "update", "--workspace", "ws", "1", "--status", "AMBER", "--date", "15/10/2021",
            "--done", "1/11/2021")
        #expect(updated.status == 0, "\(updated.stderr)")
        let action = try json(runner)[0]
        #expect(action["due"] as? String == "2021-09-30" && action["done"] as? String == "2021-11-01")
        #expect(action["status"] as? String == "amber" && action["youSaid"] as? String == "Nobody called back")
        #expect((action["updates"] as? [[String: Any]])?.first?["date"] as? String == "2021-10-15")
        let bad = try runner.run("actions", "add", "--workspace", "ws", "--title", "X", "--due", "31/02/2022")
        #expect(bad.status == 1 && bad.stderr.contains("--due: \"31/02/2022\" is not valid"), "\(bad.stderr)")
    }

    @Test(
        "edit, delete and bulk progress updates round-trip through actions list --format json, with every change dated")
    func editDeleteUpdatesRoundTrip() throws {
        let runner = try EngageRunner()
        defer { runner.cleanUp() }
        #expect(try runner.run("init", "ws").status == 0)
        let examples = EngageRunner.repository.appendingPathComponent("Examples")
        let log = try runner.run(
            "actions", "import", "--workspace", "ws", examples.appendingPathComponent("actions.csv").path)
        #expect(log.status == 0, "\(log.stderr)")
        let before = try json(runner)
        #expect(before.count == 9)
        #expect(
            before[0]["youSaid"] as? String
                == "Communication was poor: nobody called back, and we had to chase for updates")
        #expect(before[0]["detail"] is NSNull)

        // Examples/action-updates.csv imports with its own command (not as a log), and only once.
        let updatesFile = examples.appendingPathComponent("action-updates.csv").path
        let wrong = try runner.run("actions", "import", "--workspace", "ws", updatesFile)
        #expect(wrong.status == 1 && wrong.stderr.contains("engage actions updates import"), "\(wrong.stderr)")
        let updates = try runner.run("actions", "updates", "import", "--workspace", "ws", updatesFile)
        #expect(updates.status == 0, "\(updates.stderr)")
        #expect(updates.stdout.contains("imported 4 progress updates"), "\(updates.stdout)")
        let again = try runner.run("actions", "updates", "import", "--workspace", "ws", updatesFile)
        #expect(
            again.stdout.contains("imported 0 progress updates") && again.stdout.contains("4 already recorded"),
            "\(again.stdout)")
        var actions = try json(runner)
        #expect(
            (actions[0]["updates"] as? [[String: Any]])?.map { $0["date"] as? String } == ["2021-04-30", "2021-10-29"])
        #expect(actions[6]["status"] as? String == "amber" && actions[8]["status"] as? String == "red")

        let edited = try runner.run(
            "actions", "edit", "--workspace", "ws", "7", "--title", "Co-production training for every coordinator",
            "--due", "31/12/2021", "--add-kpi", "communication-good", "--you-said", "We were not involved")
        #expect(edited.status == 0, "\(edited.stderr)")
        let typo = try runner.run("actions", "edit", "--workspace", "ws", "7", "--add-kpi", "comunication-good")
        #expect(typo.status == 1 && typo.stderr.contains("Did you mean 'communication-good'?"), "\(typo.stderr)")
        actions = try json(runner)
        let seventh = actions[6]
        #expect(seventh["title"] as? String == "Co-production training for every coordinator")
        #expect(seventh["due"] as? String == "2021-12-31" && seventh["youSaid"] as? String == "We were not involved")
        #expect(seventh["kpis"] as? [String] == ["communication-good", "felt-fully-involved"])
        let changes = try #require(seventh["changes"] as? [[String: Any]])
        #expect(
            changes.map { $0["change"] as? String } == ["added", "updated", "edited", "edited", "edited", "edited"])
        #expect(changes.first { $0["field"] as? String == "due" }?["old"] as? String == "2021-06-30")

        let deleted = try runner.run("actions", "delete", "--workspace", "ws", "9")
        #expect(deleted.status == 0, "\(deleted.stderr)")
        #expect(
            deleted.stdout.contains("1 progress update")
                && deleted.stdout.contains("1 KPI link (provision-meets-needs)"), "\(deleted.stdout)")
        actions = try json(runner)
        #expect(actions.count == 8 && !actions.contains { $0["id"] as? Int == 9 })
        let history = try runner.run("actions", "history", "--workspace", "ws", "9")
        #expect(
            history.stdout.contains(
                "deleted (\"Speech and language therapy capacity review with health partners\" [RED]"),
            "\(history.stdout)")
        #expect(try runner.run("actions", "delete", "--workspace", "ws", "9").status == 1)
    }
}
