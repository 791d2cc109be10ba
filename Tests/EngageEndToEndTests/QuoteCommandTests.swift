import Foundation
import TestSupport
import Testing

@Suite("engage quotes: the officer approves and hides quotes before publishing")
struct QuoteCommandTests {
    static let communication = "Nobody called back after the plan was issued, we had to chase every week."
    static let generic = "The plan is generic, copied from another child, it is not my son."
    static let listened = "For the first time we were listened to and our views are in the plan."
    static let noConsent = "Speech and language therapy is still not in place after six months."
    static let staff = "Our caseworker was brilliant at communication from start to finish."
    static let wrong = "The plan was wrong about his school and nobody noticed before it was issued."

    /// A workspace (approval required, as engage init makes it) with 40 responses in
    /// 2021-22 Q2, six of them with comments, one of those without consent.
    func workspace(
        _ comments: [(text: String, consent: String)] = [
            (communication, "Yes"), (generic, "Yes"), (listened, "Yes"),
            (noConsent, "No"), (staff, "Yes"), (wrong, "Yes"),
        ]
    ) throws -> EngageRunner {
        let runner = try EngageRunner()
        #expect(try runner.run("init", "ws", "--survey", "ehcp-parent-carer").status == 0)
        try runner.write("export.csv", Self.export(comments))
        let imported = try runner.run("import", "--workspace", "ws", "export.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        return runner
    }

    static func export(_ comments: [(text: String, consent: String)]) -> String {
        var rows = [
            "Response ID,Timestamp,Stage of the process,I felt fully involved in the process,Communication throughout the process was good,The EHC plan accurately reflects my child's needs,The outcomes in the EHC plan are good,Is there anything else you would like to tell us about your experience?,\"Are you happy for your comments to be quoted anonymously in our \"\"You said, we did\"\" updates\""
        ]
        for i in 0..<40 {
            let day = String(format: "%02d", i % 28 + 1)
            let comment = i < comments.count ? "\"\(comments[i].text)\",\(comments[i].consent)" : ","
            rows.append(
                "R\(i),\(day)/08/2021 10:00:00,New EHC plan,\(i % 4 == 0 ? "Disagree" : "Agree"),\(i % 2 == 0 ? "Disagree" : "Agree"),Agree,\(i % 3 == 0 ? "Agree" : "Disagree"),\(comment)"
            )
        }
        return rows.joined(separator: "\n") + "\n"
    }

    func candidates(_ runner: EngageRunner, _ extra: String...) throws -> [[String: Any]] {
        let listed = try runner.run(arguments: ["quotes", "--workspace", "ws", "--format", "json"] + extra)
        #expect(listed.status == 0, "\(listed.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        return try #require(object?["quotes"] as? [[String: Any]])
    }

    func id(_ quotes: [[String: Any]], _ text: String) throws -> String {
        try #require(quotes.first { $0["quote"] as? String == text }?["id"] as? String, "no candidate \(text)")
    }

    func summary(_ runner: EngageRunner, _ format: String, _ audience: String = "public") throws -> String {
        let result = try runner.run(
            "summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", format, "--audience", audience)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    static let all = [communication, generic, listened, noConsent, staff, wrong]

    /// How many times each comment appears in `text` (HTML and JSON escape an apostrophe or quote differently: compare words).
    func uses(_ text: String) -> [String: Int] {
        let plain = text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "\\/", with: "/")
        var counts: [String: Int] = [:]
        for quote in Self.all { counts[quote] = plain.components(separatedBy: quote).count - 1 }
        return counts
    }

    @Test(
        "a public summary shows exactly the approved quotes in HTML, Markdown and JSON, each once; internal marks the rest; hidden ones nowhere"
    )
    func approvedOnly() throws {
        let runner = try workspace()
        defer { runner.cleanUp() }
        var quotes = try candidates(runner)
        // The comment without consent is never a candidate.
        #expect(
            Set(quotes.compactMap { $0["quote"] as? String }) == [
                Self.communication, Self.generic, Self.listened, Self.staff, Self.wrong,
            ])
        #expect(quotes.allSatisfy { $0["decision"] as? String == "to review" })
        let generic = try #require(quotes.first { $0["quote"] as? String == Self.generic })
        #expect(generic["kpis"] as? [String] == ["plan-reflects-needs", "outcomes-good"])
        #expect((generic["why"] as? String)?.contains("\"generic\"") == true)

        // Before any approval, a public summary has no quote at all.
        for format in ["html", "markdown", "json"] {
            #expect(uses(try summary(runner, format)).values.allSatisfy { $0 == 0 }, "\(format)")
        }
        let approved = try runner.run(
            "quotes", "approve", "--workspace", "ws", try id(quotes, Self.communication), try id(quotes, Self.generic))
        #expect(approved.status == 0, "\(approved.stderr)")
        let hidden = try runner.run(
            "quotes", "hide", "--workspace", "ws", try id(quotes, Self.staff), "--reason", "names a member of staff")
        #expect(hidden.status == 0, "\(hidden.stderr)")
        quotes = try candidates(runner)
        #expect(
            quotes.first { $0["quote"] as? String == Self.staff }?["reason"] as? String == "names a member of staff")

        for format in ["html", "markdown", "json"] {
            let text = try summary(runner, format)
            let counts = uses(text)
            // Exactly the approved ones, once each, though the generic plan speaks to two KPIs.
            #expect(
                counts == [
                    Self.communication: 1, Self.generic: 1, Self.listened: 0, Self.noConsent: 0, Self.staff: 0,
                    Self.wrong: 0,
                ],
                "\(format): \(counts)")
            if format == "json" {
                let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
                // Each quote illustrates an item of its own KPIs or themes (as the review listed them).
                for item in (object?["items"] as? [[String: Any]]) ?? [] {
                    for used in (item["quotes"] as? [[String: Any]]) ?? [] {
                        let candidate = try #require(quotes.first { $0["quote"] as? String == used["text"] as? String })
                        let fits =
                            ((candidate["kpis"] as? [String]) ?? [])
                            + ((candidate["themes"] as? [[String: Any]]) ?? []).compactMap {
                                ($0["theme"] as? String).map { "theme:" + $0 }
                            }
                        #expect(fits.contains(item["id"] as? String ?? ""), "\(used) under \(item["id"] ?? "")")
                    }
                }
                let provenance = JSONPath.value(object, "provenance", "quotes") as? [String: Any]
                #expect(
                    provenance?["approvalRequired"] as? Bool == true && provenance?["used"] as? Int == 2
                        && provenance?["approved"] as? Int == 2
                        && provenance?["hidden"] as? Int == 1, "\(String(describing: provenance))")
            } else {
                #expect(
                    text.contains(
                        "only those the engagement officer approved (engage quotes); 2 quotes used, all approved; 1 hidden"
                    ), "\(format)")
            }
            #expect(!text.contains("not yet approved"), "\(format)")
        }
        // Internal: the unapproved ones marked; the hidden one and the one without consent nowhere.
        let internalText = try summary(runner, "text", "internal")
        let counts = uses(internalText)
        #expect(counts[Self.staff] == 0 && counts[Self.noConsent] == 0, "\(counts)")
        #expect(counts.values.allSatisfy { $0 <= 1 }, "\(counts)")
        for line in internalText.split(separator: "\n") where line.contains(Self.listened) || line.contains(Self.wrong)
        {
            #expect(line.contains("[not yet approved: engage quotes approve q"), "\(line)")
        }
        for line in internalText.split(separator: "\n") where line.contains(Self.communication) {
            #expect(!line.contains("not yet approved"), "\(line)")
        }
    }

    @Test("decisions survive undoing and re-importing the export; a comment changed by a re-import is back to review")
    func decisionsSurviveReimport() throws {
        let runner = try workspace()
        defer { runner.cleanUp() }
        let quotes = try candidates(runner)
        #expect(
            try runner.run(
                "quotes", "approve", "--workspace", "ws", try id(quotes, Self.communication), try id(quotes, Self.wrong)
            ).status == 0)
        #expect(try runner.run("undo", "--workspace", "ws", "1").status == 0)
        #expect(try runner.run("import", "--workspace", "ws", "export.csv").status == 0)
        var after = try candidates(runner)
        #expect(after.first { $0["quote"] as? String == Self.communication }?["decision"] as? String == "approved")
        #expect(try id(after, Self.communication) == (try id(quotes, Self.communication)))

        var changed = [
            (Self.communication, "Yes"), (Self.generic, "Yes"), (Self.listened, "Yes"), (Self.noConsent, "No"),
            (Self.staff, "Yes"),
            ("The plan was wrong about his school, and it was issued anyway.", "Yes"),
        ]
        changed[0].1 = "Yes"
        try runner.write("export-2.csv", Self.export(changed))
        let reimported = try runner.run("import", "--workspace", "ws", "--replace-changed", "export-2.csv")
        #expect(reimported.status == 0, "\(reimported.stderr)")
        after = try candidates(runner)
        let edited = try #require(
            after.first { ($0["quote"] as? String)?.hasPrefix("The plan was wrong about his school, and") == true })
        #expect(edited["decision"] as? String == "to review" && edited["changedSinceDecision"] as? Bool == true)
        #expect(after.first { $0["quote"] as? String == Self.communication }?["decision"] as? String == "approved")
        let html = try summary(runner, "html")
        #expect(uses(html)[Self.communication] == 1 && !html.contains("issued anyway"))
    }

    @Test(
        "an unknown quote id is refused with the list command to run, and nothing is recorded; engage help lists and explains every review command"
    )
    func unknownID() throws {
        let runner = try workspace()
        defer { runner.cleanUp() }
        let quotes = try candidates(runner)
        let result = try runner.run(
            "quotes", "approve", "--workspace", "ws", try id(quotes, Self.communication), "q0000000000")
        #expect(result.status == 1 && result.stderr.contains("there is no quote q0000000000"), "\(result.stderr)")
        #expect(try candidates(runner).allSatisfy { $0["decision"] as? String == "to review" })
        let help = try runner.run("help")
        for command in [
            "quotes", "quotes approve", "quotes hide", "quotes reset", "actions edit", "actions delete",
            "actions history", "actions updates import", "config", "config check", "config get", "config set",
            "config unset",
        ] {
            #expect(help.stdout.contains("  \(command) "), "\(command)")
            // And each has its own page.
            let page = try runner.run(arguments: ["help"] + command.split(separator: " ").map(String.init))
            #expect(page.status == 0 && page.stdout.contains("USAGE: engage \(command) "), "help \(command)")
        }
    }
}

@Suite("Quotes engage never publishes: staff names from the settings, mostly-redacted comments")
struct QuoteSafetyTests {
    static let staffLower = "our caseworker sarah jones always called back the same day, brilliant."
    static let staffFirst = "Sarah always called back the same day, she was brilliant."
    static let mostlyRemoved = "Please contact me at jo.bloggs@example.com, we live at 14 Acacia Avenue. No updates."
    static let mostlyRemovedLong =
        "Please contact me at jo.bloggs@example.com or 07700 900123, we live at 14 Acacia Avenue, Anytown AB1 2CD, communication."
    static let formats = ["text", "markdown", "html", "json", "csv"]

    func summary(_ runner: EngageRunner, _ format: String, _ audience: String) throws -> String {
        let result = try runner.run(
            "summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", format, "--audience", audience)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test(
        "a staff name listed in the settings (engage config set redact) is removed from every quote, in the review and every format, even written in lower case or as a first name"
    )
    func staffNameNeverPublished() throws {
        let runner = try QuoteCommandTests().workspace([
            (Self.staffLower, "Yes"), (Self.staffFirst, "Yes"), (QuoteCommandTests.communication, "Yes"),
        ])
        defer { runner.cleanUp() }
        let set = try runner.run("config", "set", "--workspace", "ws", "redact", "Sarah Jones")
        #expect(set.status == 0, "\(set.stderr)")
        let quotes = try QuoteCommandTests().candidates(runner)
        let texts = quotes.compactMap { $0["quote"] as? String }
        // Both comments are still candidates, with the name removed.
        #expect(
            texts.contains("our caseworker [removed] always called back the same day, brilliant.")
                && texts.contains("[removed] always called back the same day, she was brilliant."), "\(texts)")
        let ids = quotes.compactMap { $0["id"] as? String }
        #expect(try runner.run(arguments: ["quotes", "approve", "--workspace", "ws"] + ids).status == 0)
        var outputs = [("quotes", try runner.run("quotes", "--workspace", "ws").stdout)]
        for audience in ["public", "internal"] {
            for format in Self.formats {
                outputs.append(("\(audience) \(format)", try summary(runner, format, audience)))
            }
        }
        for (what, text) in outputs {
            #expect(!text.lowercased().contains("sarah") && !text.lowercased().contains("jones"), "\(what)")
            #expect(text.contains("always called back the same day"), "\(what): the quotes are published")
        }
    }

    @Test(
        "a comment redaction mostly emptied is never a candidate nor chosen, and with approval off no quote appears twice in one summary"
    )
    func mostlyRedactedNotChosen() throws {
        let runner = try QuoteCommandTests().workspace([
            (Self.mostlyRemoved, "Yes"), (Self.mostlyRemovedLong, "Yes"), (QuoteCommandTests.communication, "Yes"),
            (QuoteCommandTests.generic, "Yes"), (QuoteCommandTests.listened, "Yes"), (QuoteCommandTests.wrong, "Yes"),
        ])
        defer { runner.cleanUp() }
        // engage chooses on its own, as a workspace without approval does.
        #expect(try runner.run("config", "set", "--workspace", "ws", "quoteApproval", "false").status == 0)
        let texts = try QuoteCommandTests().candidates(runner).compactMap { $0["quote"] as? String }
        #expect(texts.count == 4 && !texts.contains { $0.hasPrefix("Please contact me") }, "\(texts)")
        let chosen = [
            QuoteCommandTests.communication, QuoteCommandTests.generic, QuoteCommandTests.listened,
            QuoteCommandTests.wrong,
        ]
        for audience in ["public", "internal"] {
            for format in Self.formats {
                let text = try summary(runner, format, audience)
                    .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "\\/", with: "/")
                #expect(
                    !text.contains("Please contact me") && !text.contains("removed]") && !text.contains("removed\\]"),
                    "\(audience) \(format): a mostly-redacted comment was quoted")
                let uses = chosen.map { text.components(separatedBy: $0).count - 1 }
                #expect(uses.allSatisfy { $0 <= 1 }, "\(audience) \(format): a quote used twice: \(uses)")
                #expect(uses.reduce(0, +) >= 2, "\(audience) \(format): quotes are chosen: \(uses)")
            }
        }
    }
}

@Suite("\"You said\" in families' words, in every summary format")
struct YouSaidWordsTests {
    @Test(
        "an item leads with the action's you-said text, or a plain sentence without RAG, points or substantive, the exact figures beside it"
    )
    func familiesWords() throws {
        let runner = try QuoteCommandTests().workspace()
        defer { runner.cleanUp() }
        let added = try runner.run(
            "actions", "add", "--workspace", "ws", "--title", "Named caseworker for every family",
            "--you-said", "Nobody called back, we had to chase", "--kpi", "communication-good")
        #expect(added.status == 0, "\(added.stderr)")
        let said = "\u{201C}Nobody called back, we had to chase\u{201D}"
        // Communication: 20 of the 40 agreed (every other row); involvement: 30 of 40.
        // Each format's heading of the item (the at-a-glance tables come before).
        let markers = [
            "text": "Felt communication was good [", "markdown": ". Felt communication was good\n",
            "html": "Felt communication was good</h3>",
        ]
        for format in ["text", "markdown", "html"] {
            let out = try runner.run(
                "summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", format, "--audience", "public"
            ).stdout
                .replacingOccurrences(of: "&#8220;", with: "\u{201C}").replacingOccurrences(
                    of: "&#8221;", with: "\u{201D}")
            // The item's body (after the at-a-glance table): its first "You said" is the families' words.
            let start = try #require(out.range(of: markers[format]!), "\(format)")
            let body = out[start.upperBound...]
            let lead = try #require(body.range(of: "You said:"), "\(format)")
            #expect(body[lead.upperBound...].prefix(60).contains(said), "\(format): \(body.prefix(300))")
            #expect(
                body.contains(
                    "20 of the 40 parents and carers who gave a view (50%) agreed that communication throughout the process was good"
                ),
                "\(format): the figures beside the families' words")
            // Involvement has no action: its lead is the figures in plain words.
            #expect(
                out.contains(
                    "30 of the 40 parents and carers who gave a view (75%) agreed that they felt fully involved in the process"
                ), "\(format)")
        }
        let json = try runner.run(
            "summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", "json", "--audience", "public"
        ).stdout
        let items = try #require(
            (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["items"] as? [[String: Any]])
        let communication = try #require(items.first { $0["id"] as? String == "communication-good" })
        #expect(
            communication["youSaid"] as? String == "Nobody called back, we had to chase"
                && communication["youSaidFrom"] as? String == "action")
        #expect(
            (communication["surveyShowed"] as? String)?.hasPrefix(
                "20 of the 40 parents and carers who gave a view (50%)") == true)
        #expect((communication["figures"] as? String)?.contains("50% (20 of the 40") == true)
        for item in items {
            for text in [item["youSaid"], item["surveyShowed"]].compactMap({ $0 as? String }) {
                for jargon in ["RAG", "points", "substantive"] {
                    #expect(!text.contains(jargon), "\(jargon) in: \(text)")
                }
            }
        }
        let csv = try runner.run(
            "summary", "--workspace", "ws", "--period", "2021-22 Q2", "--format", "csv", "--audience", "public"
        ).stdout
        #expect(
            csv.contains(",Felt communication was good,\"Nobody called back, we had to chase\","), "\(csv.prefix(600))")
    }
}
