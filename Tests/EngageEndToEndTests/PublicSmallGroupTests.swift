import Foundation
import TestSupport
import Testing

/// Property: for random small groups, public KPI output never shows a figure based on
/// fewer answers than the threshold (10), and never withholds exactly one group of a
/// breakdown whose total is shown (it could be recovered by subtraction).
@Suite("Public output for random small groups")
struct PublicSmallGroupTests {
    static let header =
        "Timestamp,Stage of the process,I felt fully involved in the process,Communication throughout the process was good\n"
    static let answers = [
        "Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree", "Don't know", "",
    ]
    static let stages = ["New EHC plan", "Annual review", ""]

    static func export(_ random: inout SeededGenerator) -> String {
        var text = header
        let n = 3 + Int(random.next() % 38)
        for i in 0..<n {
            let day = 1 + Int(random.next() % 28)
            let month = 7 + Int(random.next() % 3)
            // Most responses in the first stage, so the other is often small.
            let stage = stages[random.next() % 10 < 7 ? 0 : Int(random.next() % 3)]
            text +=
                String(format: "%02d/%02d/2021 10:%02d", day, month, i % 60)
                + ",\(stage),\(answers[Int(random.next() % 7)]),\(answers[Int(random.next() % 7)])\n"
        }
        return text
    }

    @Test("40 random workspaces: public JSON and CSV by stage show no small base and leave no single withheld group")
    func randomSmallGroups() throws {
        var random = SeededGenerator(seed: 20_261_123)
        var checkedKPIs = 0
        var withheldSeen = 0
        for round in 0..<40 {
            let runner = try EngageRunner()
            try runner.write("export.csv", Self.export(&random))
            #expect(try runner.run("init", "ws").status == 0)
            let imported = try runner.run("import", "--workspace", "ws", "--survey", "ehcp-parent-carer", "export.csv")
            #expect(imported.status == 0, "round \(round): \(imported.stderr)")
            let json = try runner.run(
                "kpis", "--workspace", "ws", "--period", "2021-22 Q2", "--by", "stage", "--audience", "public",
                "--format", "json")
            #expect(json.status == 0, "round \(round): \(json.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            let reports = (object?["reports"] as? [[String: Any]]) ?? [object ?? [:]]
            for report in reports {
                for kpi in (report["kpis"] as? [[String: Any]]) ?? [] {
                    checkedKPIs += 1
                    let totalShown = JSONPath.value(kpi, "figure", "value", "substantive") as? Int
                    if let total = totalShown {
                        #expect(total >= 10 || total == 0, "round \(round): total \(total) shown")
                    }
                    let groups = (kpi["groups"] as? [[String: Any]]) ?? []
                    var withheld = 0
                    for g in groups {
                        if let n = JSONPath.value(g, "figure", "value", "substantive") as? Int {
                            #expect(n >= 10 || n == 0, "round \(round): group \(g["label"] ?? "") shown with \(n)")
                        } else if (JSONPath.value(g, "figure", "withheld", "symbol") as? String) == "c" {
                            withheld += 1
                        }
                    }
                    withheldSeen += withheld
                    let nonEmpty = groups.filter { (JSONPath.value($0, "figure", "value", "substantive") as? Int) != 0 }
                    if totalShown != nil && nonEmpty.count > 1 {
                        #expect(
                            withheld != 1, "round \(round): one group withheld, recoverable from the total: \(groups)")
                    }
                }
            }
            // The CSV says the same: a withheld cell is "c", and no row shows a base under 10.
            let csv = try runner.run(
                "kpis", "--workspace", "ws", "--period", "2021-22 Q2", "--by", "stage", "--audience", "public",
                "--format", "csv")
            #expect(csv.status == 0)
            #expect(!EngageCSV.isMarked(csv.stdout), "a public CSV carries no internal marking")
            let rows = csv.stdout.split(separator: "\n").dropFirst().map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
            for row in rows where row.count > 7 {
                if let n = Int(row[7]) {
                    #expect(n >= 10 || n == 0, "round \(round): CSV row shows a base of \(n): \(row)")
                } else {
                    #expect(row[7] == "c")
                }
            }
        }
        #expect(checkedKPIs >= 40 * 5)
        #expect(withheldSeen > 20, "the generator must produce small groups")
    }
}
