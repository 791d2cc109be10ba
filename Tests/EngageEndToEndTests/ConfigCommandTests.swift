import Foundation
import TestSupport
import Testing

@Suite("engage config and the check of engage.json on every command")
struct ConfigCommandTests {
    /// engage.json with a typo of each kind; the comments give the line numbers the test expects.
    static let settings = """
        {
          "organisation": "Anyshire SEND Service",
          "surveys": ["ehcp-parent-carer.json", "ehcp-education-setting.json"],
          "populationShares": {
            "phase": {"Early years": 5, "Primary": 40, "Secondary": 35, "Special school": 12, "Post 16": 8},
            "stage": {"New EHC plan": 70, "Annual review": 50},
            "phse": {"Primary": 100}
          },
          "eligible": {
            "ehcp-parent-carer": {"2021-22 Q2": 150, "2021/22 Q3": 170},
            "ehcp-parent": {"2021-22 Q2": 10}
          },
          "quoteApproval": true
        }

        """

    func workspace() throws -> EngageRunner {
        let runner = try EngageRunner()
        #expect(
            try runner.run("init", "ws", "--survey", "ehcp-parent-carer", "--survey", "ehcp-education-setting").status
                == 0)
        try runner.write("ws/engage.json", Self.settings)
        return runner
    }

    @Test("each settings typo is warned on an ordinary command, naming the file, line and the nearest valid label")
    func typosWarned() throws {
        let runner = try workspace()
        defer { runner.cleanUp() }
        let result = try runner.run("actions", "list", "--workspace", "ws")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        func line(_ prefix: String) -> String? { lines.first { $0.contains("engage.json:" + prefix) } }
        let group = try #require(line("5:"), "\(result.stderr)")
        #expect(
            group.contains("populationShares.phase.Post 16: warning:") && group.contains("Did you mean \"Post-16\"?"),
            "\(group)")
        let period = try #require(line("10:"), "\(result.stderr)")
        #expect(
            period.contains("eligible.ehcp-parent-carer.2021/22 Q3: warning:")
                && period.contains("Did you mean \"2021-22 Q3\"?"), "\(period)")
        let shares = try #require(line("6:"), "\(result.stderr)")
        #expect(shares.contains("populationShares.stage: warning: the shares add up to 120%"), "\(shares)")
        let segment = try #require(line("7:"), "\(result.stderr)")
        #expect(
            segment.contains("populationShares.phse: warning:") && segment.contains("Did you mean \"phase\"?"),
            "\(segment)")
        let survey = try #require(line("11:"), "\(result.stderr)")
        #expect(
            survey.contains("eligible.ehcp-parent: warning:") && survey.contains("Did you mean \"ehcp-parent-carer\"?"),
            "\(survey)")
        #expect(lines.filter { $0.contains("warning:") }.count == 5, "\(result.stderr)")
        // Any command: an import (with --survey) and the reports say each once too.
        try runner.write("export.csv", QuoteCommandTests.export([]))
        for arguments in [
            ["import", "--survey", "ehcp-parent-carer", "export.csv"], ["kpis"], ["reach"], ["summary"], ["quotes"],
        ] {
            let run = try runner.run(arguments: arguments + ["--workspace", "ws"])
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            let warnings = run.stderr.split(separator: "\n").filter { $0.contains("warning:") }
            #expect(warnings.count == 5 && Set(warnings).count == 5, "\(arguments): \(run.stderr)")
            #expect(warnings.contains { $0.contains("engage.json:5:") && $0.contains("\"Post-16\"") }, "\(arguments)")
        }

        // The checks on their own, with an exit status for scripts.
        let check = try runner.run("config", "check", "--workspace", "ws")
        #expect(check.status == 1 && check.stdout.contains("5 problems"), "\(check.stdout)")

        // An unknown key stops every command, with its line and a suggestion.
        try runner.write(
            "ws/engage.json", Self.settings.replacingOccurrences(of: "\"quoteApproval\"", with: "\"quoteAproval\""))
        let unknown = try runner.run("actions", "list", "--workspace", "ws")
        #expect(
            unknown.status == 1
                && unknown.stderr.contains(
                    "engage.json:13:3: quoteAproval: unknown setting. Did you mean \"quoteApproval\"?"),
            "\(unknown.stderr)")
    }

    @Test("config set and unset mend the typos without editing JSON; a new typo is refused and nothing written")
    func setAndUnset() throws {
        let runner = try workspace()
        defer { runner.cleanUp() }
        let refused = try runner.run("config", "set", "--workspace", "ws", "populationShares.phase.Post 17", "8")
        #expect(
            refused.status == 1 && refused.stderr.contains("Did you mean \"Post-16\"?")
                && refused.stderr.contains("nothing was written"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: runner.path("ws/engage.json"), encoding: .utf8) == Self.settings)
        for arguments in [
            ["unset", "populationShares.phase.Post 16"], ["set", "populationShares.phase.Post-16", "8%"],
            ["unset", "eligible.ehcp-parent-carer.2021/22 Q3"],
            ["set", "eligible.ehcp-parent-carer.2021-22 Q3", "170"],
            ["set", "populationShares.stage.Annual review", "30"], ["unset", "populationShares.phse"],
            ["unset", "eligible.ehcp-parent"],
        ] {
            let result = try runner.run(arguments: ["config"] + arguments + ["--workspace", "ws"])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let check = try runner.run("config", "check", "--workspace", "ws")
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check.stderr)")
        #expect(try runner.run("config", "get", "--workspace", "ws", "populationShares.phase.Post-16").stdout == "8\n")
        #expect(
            try runner.run("config", "get", "--workspace", "ws", "eligible.ehcp-parent-carer").stdout
                == "2021-22 Q2: 150\n2021-22 Q3: 170\n")
        let bad = try runner.run("config", "set", "--workspace", "ws", "suppressionThreshold", "ten")
        #expect(bad.status == 1 && bad.stderr.contains("expected a whole number"), "\(bad.stderr)")
        let typo = try runner.run("config", "get", "--workspace", "ws", "supressionThreshold")
        #expect(typo.status == 1 && typo.stderr.contains("Did you mean \"suppressionThreshold\"?"), "\(typo.stderr)")
        #expect(try runner.run("config", "set", "--workspace", "ws", "quoteApproval", "false").status == 0)
        #expect(try runner.run("config", "get", "--workspace", "ws", "quoteApproval").stdout == "false\n")
        let help = try runner.run("help")
        for command in ["config", "config check", "config get", "config set", "config unset"] {
            #expect(help.stdout.contains("  \(command) "), "\(command)")
        }
    }
}
