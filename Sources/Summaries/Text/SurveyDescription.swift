import SurveyDefinition

/// A readable description of a survey definition for the terminal.
package enum SurveyDescription {
    /// The survey's definition in words, as `engage survey show` prints it.
    package static func text(_ survey: Survey, origin: String) -> String {
        var out = [
            "\(survey.title)", "id \(survey.id), version \(survey.version), answered by \(survey.audience.displayName)",
            "from \(origin)", "",
        ]
        out.append("QUESTIONS")
        var questions = TextTable(headers: ["id", "type", "answers", "role", "text"])
        for q in survey.questions {
            let answers = survey.scale(for: q).map { q.options != nil ? "\($0.options.count) options" : $0.id } ?? "-"
            questions.add([q.id, q.type.rawValue, answers, q.role == .answer ? "" : q.role.rawValue, q.text])
        }
        out.append(questions.render(indent: "  "))
        var scaleIDs: [String] = []
        for q in survey.questions {
            if let id = q.scale, !scaleIDs.contains(id) { scaleIDs.append(id) }
        }
        for id in scaleIDs {
            guard
                let scale = survey.scales.first(where: { $0.id == id })
                    ?? AnswerScale.builtIn.first(where: { $0.id == id })
            else { continue }
            out += ["", "SCALE \(scale.id)" + (scale.title.map { ": \($0)" } ?? "")]
            var table = TextTable(headers: ["code", "label", "substantive", "also accepts"])
            for o in scale.options {
                table.add([o.code, o.label, o.substantive ? "yes" : "no", o.synonyms.joined(separator: ", ")])
            }
            out.append(table.render(indent: "  "))
        }
        for q in survey.questions where q.options != nil {
            out += ["", "OPTIONS of \(q.id)"]
            var table = TextTable(headers: ["code", "label", "also accepts"])
            for o in q.options ?? [] { table.add([o.code, o.label, o.synonyms.joined(separator: ", ")]) }
            out.append(table.render(indent: "  "))
        }
        if !survey.kpis.isEmpty {
            out += ["", "KPIS"]
            var table = TextTable(headers: ["id", "title", "question", "positive", "baseline", "target", "comparators"])
            for k in survey.kpis {
                table.add([
                    k.id, k.title, k.question, k.positive.joined(separator: "+"), k.baseline?.displayText ?? "-",
                    k.target?.displayText ?? "-",
                    k.comparators.map { "\($0.name) \(NumberText.plain($0.percent))%" }.joined(separator: ", "),
                ])
            }
            out.append(table.render(indent: "  "))
        }
        if !survey.themes.isEmpty {
            out += ["", "COMMENT THEMES"]
            var table = TextTable(headers: ["id", "title", "keywords"])
            for t in survey.themes {
                table.add([
                    t.id, t.title, t.keywords.prefix(6).joined(separator: ", ") + (t.keywords.count > 6 ? ", ..." : ""),
                ])
            }
            out.append(table.render(indent: "  "))
        }
        return out.joined(separator: "\n")
    }
}
