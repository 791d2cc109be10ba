import Foundation
import Testing

@testable import ResponseStore

@Suite("The action log keeps every change")
struct ActionLogTests {
    func store(_ dir: TemporaryDirectory) throws -> Store {
        let store = try Store(path: dir.file("engage.sqlite"))
        var tick: Int64 = 1_633_000_000
        store.clock = {
            tick += 86_400
            return tick
        }
        return store
    }

    @Test(
        "upgrading to schema 6 moves a spreadsheet's \"You said:\" line out of the detail and starts each action's history"
    )
    func migrationSplitsYouSaid() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("old.sqlite")
        let old = try Store(path: path, readOnly: false, migrateTo: 5)
        for detail in [
            "You said: Nobody called back\nCalls now made within two weeks", "You said: Plans were late",
            "Plain detail", nil,
        ] {
            try old.db.prepare(
                "INSERT INTO actions (title, detail, status, created_at) VALUES ('T', ?, 'red', '2021-01-02T10:00:00Z')"
            )
            .run([.string(detail)])
        }
        old.close()
        let upgraded = try Store(path: path)
        let actions = try upgraded.actions()
        #expect(actions.map(\.youSaid) == ["Nobody called back", "Plans were late", nil, nil])
        #expect(actions.map(\.detail) == ["Calls now made within two weeks", nil, "Plain detail", nil])
        #expect(
            actions.allSatisfy {
                $0.changes.map(\.kind) == [.added] && $0.changes[0].changedAt == "2021-01-02T10:00:00Z"
            })
        #expect(try upgraded.integrityCheck() == ["ok"] && upgraded.missingIndexes().isEmpty)
    }

    @Test("an edit keeps the old and new value of each field it changes, and nothing for a field given as it was")
    func editKeepsOldValues() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        let id = try store.addAction(
            NewAction(
                title: "Named caseworker", youSaid: "Nobody called back", owner: "Head of SEND",
                due: "2021-09-30", kpis: ["communication-good"]))
        let changes = try store.editAction(
            id: id,
            ActionEdit(
                title: "Named caseworker", youSaid: "Nobody ever called back",
                owner: "", due: "2021-12-31", kpis: ["communication-good", "felt-fully-involved"]))
        #expect(changes.map(\.field) == ["you-said", "owner", "due", "kpis"])
        let action = try #require(try store.action(id: id))
        #expect(action.youSaid == "Nobody ever called back" && action.owner == nil && action.due == "2021-12-31")
        #expect(action.kpis == ["communication-good", "felt-fully-involved"])
        #expect(action.changes.map(\.kind) == [.added, .edited, .edited, .edited, .edited])
        #expect(action.changes[3].oldValue == "2021-09-30" && action.changes[3].newValue == "2021-12-31")
        #expect(action.changes[2].oldValue == "Head of SEND" && action.changes[2].newValue == nil)
        #expect(try store.editAction(id: id, ActionEdit(due: "2021-12-31")).isEmpty)
        #expect(throws: StoreError.self) { try store.editAction(id: id, ActionEdit(title: "  ")) }
        #expect(throws: StoreError.self) { try store.editAction(id: id, ActionEdit(due: "31/12/2021")) }
        #expect(throws: StoreError.actionNotFound(path: store.path, id: 99)) {
            try store.editAction(id: 99, ActionEdit(title: "X"))
        }
    }

    @Test("deleting an action removes its links and updates but keeps its history, ending with what was removed")
    func deleteKeepsHistory() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        let id = try store.addAction(NewAction(title: "Hangout youth club", kpis: ["k"], themes: ["t1", "t2"]))
        try store.updateAction(id: id, date: "2021-05-28", status: .blue, note: "Opened")
        let change = try store.deleteAction(id: id)
        #expect(
            change.oldValue
                == "\"Hangout youth club\" [BLUE], 1 progress update, 1 KPI link (k), 2 theme links (t1, t2)")
        #expect(try store.action(id: id) == nil)
        #expect(try store.db.prepare("SELECT count(*) FROM action_updates").firstRow { $0.int(0) } == 0)
        #expect(try store.db.prepare("SELECT count(*) FROM action_themes").firstRow { $0.int(0) } == 0)
        #expect(try store.actionHistory(id: id).map(\.kind) == [.added, .updated, .deleted])
        #expect(throws: StoreError.actionNotFound(path: store.path, id: id)) { try store.deleteAction(id: id) }
    }

    @Test("bulk updates land all or none, the latest-dated status becomes current, and a repeat is not recorded twice")
    func bulkUpdates() throws {
        let dir = TemporaryDirectory()
        let store = try store(dir)
        let a = try store.addAction(NewAction(title: "A", status: .red))
        let b = try store.addAction(NewAction(title: "B", status: .red))
        let updates = [
            NewActionUpdate(action: a, date: "2021-10-29", status: .green, note: "Reviewed monthly"),
            NewActionUpdate(action: a, date: "2021-04-30", status: .amber, note: "Calls started"),
            NewActionUpdate(action: b, date: "2021-06-30", note: "Half the team trained", done: "2021-06-30"),
        ]
        #expect(throws: ActionLogError.self) {
            try store.importActionUpdates(
                updates + [NewActionUpdate(action: 9, date: "2021-01-01", note: "x", source: "u.csv:5")])
        }
        #expect(try store.actions().allSatisfy { $0.updates.isEmpty })
        let first = try store.importActionUpdates(updates)
        #expect(first.recorded == 3 && first.alreadyRecorded == 0)
        // The April update, recorded after October's, does not take the status back.
        #expect(try store.action(id: a)?.status == .green)
        #expect(try store.action(id: a)?.updates.map(\.date) == ["2021-04-30", "2021-10-29"])
        #expect(try store.action(id: b)?.done == "2021-06-30")
        let again = try store.importActionUpdates(updates)
        #expect(again.recorded == 0 && again.alreadyRecorded == 3)
        #expect(try store.action(id: a)?.updates.count == 2)
        // A backdated single update is kept, but the later status stands.
        try store.updateAction(id: a, date: "2021-07-01", status: .red, note: "Paused")
        #expect(try store.action(id: a)?.status == .green)
    }
}
