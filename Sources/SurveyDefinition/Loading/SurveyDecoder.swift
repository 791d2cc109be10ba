/// Turns a positioned JSON tree into a ``Survey``, checking each rule of the
/// definition format and reporting problems through a ``DefinitionReader``.
struct SurveyDecoder {
    let reader: DefinitionReader
    /// Named periods of the workspace, lowercased.
    let periodNames: Set<String>

    static let surveyKeys = [
        "$schema", "id", "title", "version", "audience", "description", "scales", "questions", "kpis", "themes",
        "measures",
    ]
    static let scaleKeys = ["id", "title", "options"]
    static let optionKeys = ["code", "label", "synonyms", "value", "substantive"]
    static let questionKeys = ["id", "text", "alternativeTexts", "type", "scale", "options", "role", "description"]
    static let kpiKeys = [
        "id", "title", "question", "positive", "dontKnow", "baseline", "target", "comparators", "rag", "description",
    ]
    static let baselineKeys = ["period", "from", "to", "label", "published", "positive", "substantive"]
    static let targetKeys = ["atLeast", "increaseOnBaseline", "atLeastComparator"]
    static let comparatorKeys = ["name", "percent", "period"]
    static let ragKeys = ["amberWithinPoints", "amberWhenClearlyImproved", "minimumAnswers"]
    static let themeKeys = ["id", "title", "keywords", "kpis"]
    static let measureKeys = ["id", "title", "baseline", "target", "comparators", "rag", "description"]

    func survey(_ root: JSONValue) -> Survey? {
        guard reader.object(root, "the survey definition", allowed: Self.surveyKeys) != nil else { return nil }
        let what = "the survey"
        let id = reader.identifier(root, "id", in: what)
        let title = reader.string(root, "title", in: what)
        let version = versionString(root)
        let audience = enumValue(root, "audience", in: what, Audience.self)

        var scales: [AnswerScale] = []
        for item in reader.array(root, "scales", in: what) ?? [] {
            if let scale = scale(item) { scales.append(scale) }
        }
        checkUnique(
            scales.map(\.id),
            positions: (reader.array(root, "scales", in: what) ?? []).map { $0["id"]?.position ?? $0.position },
            what: "scale id")
        for scale in scales where AnswerScale.builtIn.contains(where: { $0.id == scale.id }) {
            reader.problem(
                "scale id \"\(scale.id)\" is the name of a built-in scale; choose another id or use the built-in one",
                at: position(ofID: scale.id, in: root["scales"]))
        }

        let questionItems = reader.array(root, "questions", in: what, required: true) ?? []
        if root["questions"] != nil && questionItems.isEmpty && root["questions"]?.arrayValue != nil {
            reader.problem(
                "\"questions\" is empty; a survey needs at least one question", at: root["questions"]?.position)
        }
        var questions: [Question] = []
        for item in questionItems {
            if let q = question(item, scales: scales) { questions.append(q) }
        }
        checkUnique(
            questions.map(\.id), positions: questionItems.map { $0["id"]?.position ?? $0.position }, what: "question id"
        )
        let consent = questions.filter { $0.role == .consentToQuote }
        if consent.count > 1 {
            reader.problem(
                "more than one question has role \"consent-to-quote\" (\(consent.map(\.id).joined(separator: ", "))); keep one",
                at: root["questions"]?.position)
        }

        let partial = Survey(
            id: id ?? "", title: title ?? "", version: version ?? "", audience: audience ?? .other,
            scales: scales, questions: questions)
        let kpiItems = reader.array(root, "kpis", in: what) ?? []
        var kpis: [KPI] = []
        for item in kpiItems {
            if let k = kpi(item, survey: partial) { kpis.append(k) }
        }

        let themeItems = reader.array(root, "themes", in: what) ?? []
        var themes: [CommentTheme] = []
        for item in themeItems {
            if let t = theme(item, kpiIDs: Set(kpis.map(\.id))) { themes.append(t) }
        }
        checkUnique(themes.map(\.id), positions: themeItems.map { $0["id"]?.position ?? $0.position }, what: "theme id")

        let measureItems = reader.array(root, "measures", in: what) ?? []
        var measures: [Measure] = []
        for item in measureItems {
            if let m = measure(item) { measures.append(m) }
        }
        checkUnique(
            kpis.map(\.id) + measures.map(\.id),
            positions: (kpiItems + measureItems).map { $0["id"]?.position ?? $0.position }, what: "KPI or measure id")

        guard let id, let title, let version, let audience else { return nil }
        return Survey(
            id: id, title: title, version: version, audience: audience,
            scales: scales, questions: questions, kpis: kpis, themes: themes, measures: measures)
    }

    private func versionString(_ root: JSONValue) -> String? {
        guard let value = root["version"] else {
            reader.problem("the survey is missing \"version\" (for example \"1.0\")", at: root.position)
            return nil
        }
        if let n = value.numberValue { return NumberText.plain(n) }
        return reader.string(root, "version", in: "the survey")
    }

    private func enumValue<E: RawRepresentable & CaseIterable>(
        _ object: JSONValue, _ key: String, in what: String, _ type: E.Type, required: Bool = true
    ) -> E? where E.RawValue == String {
        guard let raw = reader.string(object, key, in: what, required: required) else { return nil }
        guard let value = E(rawValue: raw) else {
            let allowed = E.allCases.map(\.rawValue)
            reader.problem(
                "\"\(key)\" in \(what) is \"\(raw)\", which is not one of: \(allowed.joined(separator: ", ")).\(StringDistance.didYouMean(raw, among: allowed))",
                at: object[key]?.position)
            return nil
        }
        return value
    }

    private func checkUnique(_ ids: [String], positions: [SourcePosition], what: String) {
        var seen: Set<String> = []
        for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
            let position = index < positions.count ? positions[index] : nil
            reader.problem("duplicate \(what) \"\(id)\"; every \(what) must be unique", at: position)
        }
    }

    private func position(ofID id: String, in list: JSONValue?) -> SourcePosition? {
        list?.arrayValue?.first { $0["id"]?.stringValue == id }?["id"]?.position
    }

    private func scale(_ item: JSONValue) -> AnswerScale? {
        guard reader.object(item, "a scale", allowed: Self.scaleKeys) != nil else { return nil }
        let id = reader.identifier(item, "id", in: "a scale")
        let what = "scale \"\(id ?? "?")\""
        let title = reader.string(item, "title", in: what, required: false)
        let options = optionList(item, "options", in: what, required: true)
        guard let id, let options else { return nil }
        return AnswerScale(id: id, title: title, options: options)
    }

    private func optionList(_ object: JSONValue, _ key: String, in what: String, required: Bool) -> [AnswerOption]? {
        guard let items = reader.array(object, key, in: what, required: required) else { return nil }
        if items.isEmpty {
            reader.problem("\"\(key)\" in \(what) is empty; list at least one option", at: object[key]?.position)
            return nil
        }
        var options: [AnswerOption] = []
        for item in items {
            guard reader.object(item, "an option of \(what)", allowed: Self.optionKeys) != nil else { continue }
            let code = reader.identifier(item, "code", in: "an option of \(what)")
            let label = reader.string(item, "label", in: "option \"\(code ?? "?")\" of \(what)")
            let synonyms = reader.strings(item, "synonyms", in: "option \"\(code ?? "?")\"") ?? []
            let value = reader.number(item, "value", in: "option \"\(code ?? "?")\"")
            let substantive = reader.bool(item, "substantive", in: "option \"\(code ?? "?")\"") ?? true
            if let code, let label {
                options.append(
                    AnswerOption(code: code, label: label, synonyms: synonyms, value: value, substantive: substantive))
            }
        }
        checkUnique(
            options.map(\.code), positions: items.map { $0["code"]?.position ?? $0.position },
            what: "option code in \(what)")
        // Two options answering to the same spelling would make imports ambiguous.
        var owner: [String: String] = [:]
        for option in options {
            for spelling in [option.label] + option.synonyms {
                let key = AnswerText.normalise(spelling)
                if let other = owner[key], other != option.code {
                    let pos = items.first { $0["code"]?.stringValue == option.code }?.position
                    reader.problem(
                        "\"\(spelling)\" in \(what) belongs to both option \"\(other)\" and option \"\(option.code)\"; an export answer must mean one option only",
                        at: pos)
                }
                owner[key] = option.code
            }
        }
        return options
    }

    private func question(_ item: JSONValue, scales: [AnswerScale]) -> Question? {
        guard reader.object(item, "a question", allowed: Self.questionKeys) != nil else { return nil }
        let id = reader.identifier(item, "id", in: "a question")
        let what = "question \"\(id ?? "?")\""
        let text = reader.string(item, "text", in: what)
        let alternatives = reader.strings(item, "alternativeTexts", in: what) ?? []
        let type = enumValue(item, "type", in: what, QuestionType.self)
        let role = item["role"] == nil ? .answer : enumValue(item, "role", in: what, QuestionRole.self)
        let scaleID = reader.string(item, "scale", in: what, required: false)
        let options = optionList(item, "options", in: what, required: false)
        guard let id, let text, let type, let role else { return nil }

        if let scaleID, !scales.contains(where: { $0.id == scaleID }),
            !AnswerScale.builtIn.contains(where: { $0.id == scaleID })
        {
            let known = scales.map(\.id) + AnswerScale.builtIn.map(\.id)
            reader.problem(
                "\(what) uses scale \"\(scaleID)\", which is neither built in nor defined in \"scales\".\(StringDistance.didYouMean(scaleID, among: known)) Known scales: \(known.joined(separator: ", "))",
                at: item["scale"]?.position)
        }
        if scaleID != nil && item["options"] != nil {
            reader.problem(
                "\(what) has both \"scale\" and \"options\"; give one or the other", at: item["options"]?.position)
        }
        switch type {
        case .scale where scaleID == nil && item["options"] == nil:
            reader.problem(
                "\(what) is of type \"scale\" but names no \"scale\" (for example \"agreement-5\")", at: item.position)
        case .singleChoice where scaleID == nil && item["options"] == nil,
            .multipleChoice where scaleID == nil && item["options"] == nil:
            reader.problem("\(what) is of type \"\(type.rawValue)\" but lists no \"options\"", at: item.position)
        case .number, .date, .freeText:
            if scaleID != nil || item["options"] != nil {
                reader.problem(
                    "\(what) is of type \"\(type.rawValue)\", which takes no \"scale\" or \"options\"; remove them or change the type",
                    at: item["type"]?.position)
            }
        default:
            break
        }
        if role == .segment && !type.hasOptions {
            reader.problem(
                "\(what) is a segment, so it needs answer options (type single-choice, multiple-choice, yes-no or scale), not \"\(type.rawValue)\"",
                at: item["role"]?.position)
        }
        if role == .consentToQuote && type != .yesNo {
            reader.problem(
                "\(what) records consent to be quoted, so its type must be \"yes-no\", not \"\(type.rawValue)\"",
                at: item["type"]?.position)
        }
        return Question(
            id: id, text: text, alternativeTexts: alternatives, type: type, scale: scaleID, options: options, role: role
        )
    }

    private func kpi(_ item: JSONValue, survey: Survey) -> KPI? {
        guard reader.object(item, "a KPI", allowed: Self.kpiKeys) != nil else { return nil }
        let id = reader.identifier(item, "id", in: "a KPI")
        let what = "KPI \"\(id ?? "?")\""
        let title = reader.string(item, "title", in: what)
        let questionID = reader.string(item, "question", in: what)
        var positive = reader.strings(item, "positive", in: what) ?? KPI.defaultPositive
        let dontKnow = item["dontKnow"] == nil ? .exclude : dontKnowRule(item, in: what)

        var question: Question?
        if let questionID {
            question = survey.question(questionID)
            if question == nil {
                reader.problem(
                    "\(what) refers to question \"\(questionID)\", which the survey does not define.\(StringDistance.didYouMean(questionID, among: survey.questions.map(\.id))) Questions: \(survey.questions.map(\.id).joined(separator: ", "))",
                    at: item["question"]?.position)
            } else if let q = question, !q.type.hasOptions {
                reader.problem(
                    "\(what) refers to question \"\(q.id)\" of type \"\(q.type.rawValue)\"; a KPI needs a question with answer options",
                    at: item["question"]?.position)
            }
        }
        if let question, let scale = survey.scale(for: question) {
            if item["positive"] == nil && scale.id != AnswerScale.agreement5.id {
                // The default (strongly agree + agree) only fits the agreement scale.
                if !KPI.defaultPositive.allSatisfy({ scale.option($0) != nil }) {
                    reader.problem(
                        "\(what) uses scale \"\(scale.id)\", so it must say which options count as positive with \"positive\": [...] (options: \(scale.options.map(\.code).joined(separator: ", ")))",
                        at: item.position)
                    positive = []
                }
            }
            if item["positive"] != nil && positive.isEmpty {
                reader.problem(
                    "\"positive\" in \(what) is empty; name at least one option code", at: item["positive"]?.position)
            }
            for code in positive where scale.option(code) == nil {
                reader.problem(
                    "\(what) counts \"\(code)\" as positive, but scale \"\(scale.id)\" has no such option.\(StringDistance.didYouMean(code, among: scale.options.map(\.code))) Options: \(scale.options.map(\.code).joined(separator: ", "))",
                    at: item["positive"]?.position ?? item.position)
            }
            for code in positive {
                if let option = scale.option(code), !option.substantive {
                    reader.problem(
                        "\(what) counts \"\(code)\" as positive, but that option is not substantive (like \"Don't know\"), so it is never in the denominator",
                        at: item["positive"]?.position)
                }
            }
        }

        let comparators = comparatorList(item, in: what)
        let baseline = item["baseline"].flatMap { decodeBaseline($0, in: what) }
        let target = item["target"].flatMap {
            decodeTarget($0, in: what, comparators: comparators, hasBaseline: item["baseline"] != nil)
        }
        let rag = item["rag"].map { decodeRAG($0, in: what) } ?? RAGRules()

        guard let id, let title, let questionID, let dontKnow else { return nil }
        return KPI(
            id: id, title: title, question: questionID, positive: positive, dontKnow: dontKnow,
            baseline: baseline, target: target, comparators: comparators, rag: rag)
    }

    private func comparatorList(_ item: JSONValue, in what: String) -> [Comparator] {
        var comparators: [Comparator] = []
        for c in reader.array(item, "comparators", in: what) ?? [] {
            guard reader.object(c, "a comparator of \(what)", allowed: Self.comparatorKeys) != nil else { continue }
            let name = reader.string(c, "name", in: "a comparator of \(what)")
            let percent = reader.percentage(c, "percent", in: "comparator \"\(name ?? "?")\"")
            if c["percent"] == nil {
                reader.problem(
                    "comparator \"\(name ?? "?")\" of \(what) is missing \"percent\" (0-100)", at: c.position)
            }
            let period = reader.string(c, "period", in: "comparator \"\(name ?? "?")\"", required: false)
            if let name, let percent { comparators.append(Comparator(name: name, percent: percent, period: period)) }
        }
        return comparators
    }

    private func measure(_ item: JSONValue) -> Measure? {
        guard reader.object(item, "a measure", allowed: Self.measureKeys) != nil else { return nil }
        let id = reader.identifier(item, "id", in: "a measure")
        let what = "measure \"\(id ?? "?")\""
        let title = reader.string(item, "title", in: what)
        let comparators = comparatorList(item, in: what)
        let baseline = item["baseline"].flatMap { decodeBaseline($0, in: what) }
        let target = item["target"].flatMap {
            decodeTarget($0, in: what, comparators: comparators, hasBaseline: item["baseline"] != nil)
        }
        let rag = item["rag"].map { decodeRAG($0, in: what) } ?? RAGRules()
        guard let id, let title else { return nil }
        return Measure(id: id, title: title, baseline: baseline, target: target, comparators: comparators, rag: rag)
    }

    private func dontKnowRule(_ item: JSONValue, in what: String) -> DontKnowRule? {
        guard let raw = reader.string(item, "dontKnow", in: what) else { return nil }
        guard let rule = DontKnowRule(rawValue: raw) else {
            reader.problem(
                "\"dontKnow\" in \(what) must be \"exclude\" (the default: Don't know is left out of the denominator) or \"include\", not \"\(raw)\"",
                at: item["dontKnow"]?.position)
            return nil
        }
        return rule
    }

    private func decodeBaseline(_ value: JSONValue, in what: String) -> Baseline? {
        let context = "the baseline of \(what)"
        guard reader.object(value, context, allowed: Self.baselineKeys) != nil else { return nil }
        let label = reader.string(value, "label", in: context, required: false)
        let hasPeriod = value["period"] != nil
        let hasRange = value["from"] != nil || value["to"] != nil
        let hasPublished = value["published"] != nil
        if [hasPeriod, hasRange, hasPublished].filter({ $0 }).count != 1 {
            reader.problem(
                "\(context) must give exactly one of: \"period\" (a period of this survey's data, e.g. \"autumn 2019\"), \"from\" and \"to\" (ISO dates), or \"published\" (a published percentage)",
                at: value.position)
            return nil
        }
        if hasPeriod {
            guard let period = reader.string(value, "period", in: context) else { return nil }
            if !periodNames.contains(period.lowercased()), let problem = PeriodCalendar.strict.problem(period) {
                reader.problem("\(context): \(problem)", at: value["period"]?.position)
                return nil
            }
            return .period(label: period)
        }
        if hasRange {
            let from = isoDate(value, "from", in: context)
            let to = isoDate(value, "to", in: context)
            guard let from, let to else { return nil }
            if from > to {
                reader.problem(
                    "\(context) runs from \(from) to \(to); \"from\" must not be after \"to\"",
                    at: value["from"]?.position)
                return nil
            }
            return .range(from: from, to: to, label: label)
        }
        let percent = reader.percentage(value, "published", in: context)
        let positive = reader.count(value, "positive", in: context)
        let substantive = reader.count(value, "substantive", in: context)
        if (positive == nil) != (substantive == nil) && (value["positive"] != nil || value["substantive"] != nil) {
            reader.problem(
                "\(context) gives only one of \"positive\" and \"substantive\"; give both counts or neither",
                at: value.position)
            return nil
        }
        if let positive, let substantive {
            if positive > substantive || substantive == 0 {
                reader.problem(
                    "\(context) has \(positive) positive of \(substantive) substantive answers; positive must not exceed substantive, and substantive must be above 0",
                    at: value.position)
                return nil
            }
            if let percent, abs(Double(positive) / Double(substantive) * 100 - percent) > 0.5 {
                reader.problem(
                    "\(context) says \(NumberText.plain(percent))%, but \(positive) of \(substantive) is \(NumberText.fixed(Double(positive) / Double(substantive) * 100, places: 1))%; correct the percentage or the counts",
                    at: value["published"]?.position)
                return nil
            }
        }
        guard let percent else { return nil }
        return .published(percent: percent, positive: positive, substantive: substantive, label: label)
    }

    private func isoDate(_ object: JSONValue, _ key: String, in what: String) -> String? {
        guard let text = reader.string(object, key, in: what) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m),
            (1...CivilTime.daysInMonth(year: y, month: m)).contains(d)
        {
            return text
        }
        reader.problem(
            "\"\(key)\" in \(what) is \"\(text)\"; write a date as YYYY-MM-DD, for example 2019-09-01",
            at: object[key]?.position)
        return nil
    }

    private func decodeTarget(_ value: JSONValue, in what: String, comparators: [Comparator], hasBaseline: Bool)
        -> Target?
    {
        let context = "the target of \(what)"
        guard reader.object(value, context, allowed: Self.targetKeys) != nil else { return nil }
        guard value.objectMembers?.count == 1 else {
            reader.problem(
                "\(context) must give exactly one of: \"atLeast\": 80 (a percentage), \"increaseOnBaseline\": true, or \"atLeastComparator\": \"England\"",
                at: value.position)
            return nil
        }
        if value["atLeast"] != nil {
            return reader.percentage(value, "atLeast", in: context).map { .atLeast(percent: $0) }
        }
        if value["increaseOnBaseline"] != nil {
            guard reader.bool(value, "increaseOnBaseline", in: context) == true else {
                reader.problem(
                    "\"increaseOnBaseline\" in \(context) can only be true", at: value["increaseOnBaseline"]?.position)
                return nil
            }
            if !hasBaseline {
                reader.problem(
                    "\(context) is \"increase on baseline\", but \(what) has no \"baseline\"; add one",
                    at: value.position)
                return nil
            }
            return .increaseOnBaseline
        }
        guard let name = reader.string(value, "atLeastComparator", in: context) else { return nil }
        if !comparators.contains(where: { $0.name == name }) {
            reader.problem(
                "\(context) names comparator \"\(name)\", but \(what) lists no comparator of that name.\(StringDistance.didYouMean(name, among: comparators.map(\.name)))",
                at: value["atLeastComparator"]?.position)
            return nil
        }
        return .atLeastComparator(name: name)
    }

    private func decodeRAG(_ value: JSONValue, in what: String) -> RAGRules {
        let context = "the RAG rules of \(what)"
        var rules = RAGRules()
        guard reader.object(value, context, allowed: Self.ragKeys) != nil else { return rules }
        if let points = reader.number(value, "amberWithinPoints", in: context) {
            if (0...100).contains(points) {
                rules.amberWithinPoints = points
            } else {
                reader.problem(
                    "\"amberWithinPoints\" in \(context) must be between 0 and 100 percentage points",
                    at: value["amberWithinPoints"]?.position)
            }
        }
        if let improved = reader.bool(value, "amberWhenClearlyImproved", in: context) {
            rules.amberWhenClearlyImproved = improved
        }
        if let minimum = reader.count(value, "minimumAnswers", in: context) { rules.minimumAnswers = minimum }
        return rules
    }

    private func theme(_ item: JSONValue, kpiIDs: Set<String>) -> CommentTheme? {
        guard reader.object(item, "a theme", allowed: Self.themeKeys) != nil else { return nil }
        let id = reader.identifier(item, "id", in: "a theme")
        let what = "theme \"\(id ?? "?")\""
        let title = reader.string(item, "title", in: what)
        let keywords = reader.strings(item, "keywords", in: what)
        if item["keywords"] == nil {
            reader.problem("\(what) is missing \"keywords\" (words or phrases to look for)", at: item.position)
        }
        if let keywords, keywords.isEmpty {
            reader.problem("\"keywords\" in \(what) is empty", at: item["keywords"]?.position)
        }
        let kpis = reader.strings(item, "kpis", in: what) ?? []
        for k in kpis where !kpiIDs.contains(k) {
            reader.problem(
                "\(what) links KPI \"\(k)\", which the survey does not define.\(StringDistance.didYouMean(k, among: Array(kpiIDs)))",
                at: item["kpis"]?.position)
        }
        guard let id, let title, let keywords else { return nil }
        return CommentTheme(id: id, title: title, keywords: keywords, kpis: kpis)
    }
}
