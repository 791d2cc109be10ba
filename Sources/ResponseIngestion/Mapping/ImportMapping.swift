import Foundation
import SurveyDefinition

/// A mapping file for exports whose headers and labels are someone's own, such as a
/// telephone-survey spreadsheet headed "Involved? (SA/A/N/D/SD)".
///
///     {
///       "columns": { "Involved? (SA/A/N/D/SD)": "involved", "Date of call": "@submitted",
///                    "Ref": "@response-id", "Parent name": "@name", "Notes": "@ignore" },
///       "answers": { "SA": "strongly-agree", "A": "agree", "N": "neither", "D": "disagree", "SD": "strongly-disagree" },
///       "questionAnswers": { "stage": { "New": "new-plan", "AR": "annual-review" } },
///       "dateOrder": "dmy",
///       "format": "generic"
///     }
///
/// Column targets are question ids or one of the metadata roles `@submitted`,
/// `@response-id`, `@started`, `@name`, `@first-name`, `@last-name`, `@email`, `@ignore`.
/// `answers` applies to every question whose options include the code; `questionAnswers`
/// to one question.
public struct ImportMapping: Sendable, Equatable {
    /// Targets by header text, from the mapping file or `--map HEADER=QUESTION`.
    package var columns: [String: ColumnTarget]
    /// Targets by column position (1 = the first column), from `--map N=QUESTION`.
    package var positions: [Int: ColumnTarget] = [:]
    /// Answer labels to option codes, for every question with that code.
    public var answers: [String: String]
    var questionAnswers: [String: [String: String]]
    /// The date order given (`--date-order` or the mapping file's `dateOrder`).
    package var dateOrder: DateOrder?
    /// The export format, when the mapping names it.
    public var format: ExportFormat?
    /// The file, for messages.
    public var file: String

    /// What a mapped column feeds.
    package enum ColumnTarget: Sendable, Equatable {
        case question(String)
        case metadata(MetadataRole)
        case ignore
    }

    /// A mapping from its parts (`--map` options build one without a file).
    package init(
        columns: [String: ColumnTarget] = [:], answers: [String: String] = [:],
        questionAnswers: [String: [String: String]] = [:],
        dateOrder: DateOrder? = nil, format: ExportFormat? = nil, file: String = "mapping"
    ) {
        self.columns = columns
        self.answers = answers
        self.questionAnswers = questionAnswers
        self.dateOrder = dateOrder
        self.format = format
        self.file = file
    }

    static let roles: [String: ColumnTarget] = [
        "@submitted": .metadata(.submitted), "@response-id": .metadata(.responseID), "@started": .metadata(.started),
        "@name": .metadata(.fullName), "@first-name": .metadata(.firstName), "@last-name": .metadata(.lastName),
        "@email": .metadata(.email), "@personal": .metadata(.personal), "@ignore": .ignore,
    ]

    /// Loads and checks a mapping file against the survey it is for.
    public static func load(path: String, survey: Survey) throws(DefinitionError) -> ImportMapping {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DefinitionError(problems: [
                DefinitionProblem(file: path, position: nil, message: "cannot read the mapping file; check the path")
            ])
        }
        return try parse(bytes: Array(data), file: path, survey: survey)
    }

    /// Reads a mapping file's JSON, checking every header target and answer code against `survey`.
    public static func parse(bytes: [UInt8], file: String, survey: Survey) throws(DefinitionError) -> ImportMapping {
        let root = try JSONParser.definitionDocument(bytes, file: file)
        let reader = DefinitionReader(file: file)
        var mapping = ImportMapping(file: file)
        guard
            reader.object(
                root, "the mapping",
                allowed: ["$schema", "description", "columns", "answers", "questionAnswers", "dateOrder", "format"])
                != nil
        else {
            throw DefinitionError(problems: reader.problems)
        }
        let questionIDs = survey.questions.map(\.id)
        if let columns = root["columns"] {
            for member in reader.object(columns, "\"columns\"", allowed: columns.objectMembers?.map(\.key) ?? [])?
                .objectMembers ?? []
            {
                guard let target = member.value.stringValue else {
                    reader.problem(
                        "the column \"\(member.key)\" must map to a question id or a role such as \"@submitted\", in double quotes",
                        at: member.value.position)
                    continue
                }
                if target.hasPrefix("@") {
                    guard let role = roles[target] else {
                        reader.problem(
                            "unknown role \"\(target)\" for column \"\(member.key)\".\(StringDistance.didYouMean(target, among: Array(roles.keys))) Roles: \(roles.keys.sorted().joined(separator: ", "))",
                            at: member.value.position)
                        continue
                    }
                    mapping.columns[member.key] = role
                } else if survey.question(target) != nil {
                    mapping.columns[member.key] = .question(target)
                } else {
                    reader.problem(
                        "the column \"\(member.key)\" maps to \"\(target)\", which is not a question of survey \(survey.id).\(StringDistance.didYouMean(target, among: questionIDs)) Questions: \(questionIDs.joined(separator: ", "))",
                        at: member.value.position)
                }
            }
        }
        let allCodes = Set(survey.questions.flatMap { survey.scale(for: $0)?.options.map(\.code) ?? [] })
        if let answers = root["answers"] {
            for member in reader.object(answers, "\"answers\"", allowed: answers.objectMembers?.map(\.key) ?? [])?
                .objectMembers ?? []
            {
                guard let code = member.value.stringValue else {
                    reader.problem(
                        "the answer \"\(member.key)\" must map to an option code in double quotes",
                        at: member.value.position)
                    continue
                }
                if !allCodes.contains(code) {
                    reader.problem(
                        "the answer \"\(member.key)\" maps to \"\(code)\", which no question of survey \(survey.id) offers.\(StringDistance.didYouMean(code, among: Array(allCodes)))",
                        at: member.value.position)
                    continue
                }
                mapping.answers[member.key] = code
            }
        }
        if let perQuestion = root["questionAnswers"] {
            for q in reader.object(
                perQuestion, "\"questionAnswers\"", allowed: perQuestion.objectMembers?.map(\.key) ?? [])?.objectMembers
                ?? []
            {
                guard let question = survey.question(q.key), let scale = survey.scale(for: question) else {
                    reader.problem(
                        "\"questionAnswers\" names \"\(q.key)\", which is not a question with options in survey \(survey.id)",
                        at: q.keyPosition)
                    continue
                }
                var table: [String: String] = [:]
                for member in q.value.objectMembers ?? [] {
                    guard let code = member.value.stringValue, scale.option(code) != nil else {
                        reader.problem(
                            "the answer \"\(member.key)\" for question \(q.key) must map to one of: \(scale.options.map(\.code).joined(separator: ", "))",
                            at: member.value.position)
                        continue
                    }
                    table[member.key] = code
                }
                mapping.questionAnswers[q.key] = table
            }
        }
        if let order = reader.string(root, "dateOrder", in: "the mapping", required: false) {
            if let o = DateOrder(rawValue: order) {
                mapping.dateOrder = o
            } else {
                reader.problem(
                    "\"dateOrder\" must be dmy, mdy or ymd, not \"\(order)\"", at: root["dateOrder"]?.position)
            }
        }
        if let format = reader.string(root, "format", in: "the mapping", required: false) {
            if let f = ExportFormat(rawValue: format) {
                mapping.format = f
            } else {
                reader.problem(
                    "\"format\" must be one of \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")), not \"\(format)\"",
                    at: root["format"]?.position)
            }
        }
        if !reader.problems.isEmpty { throw DefinitionError(problems: reader.problems) }
        return mapping
    }

    /// The mapping with one more column from `--map`: `HEADER=TARGET` or `N=TARGET`
    /// (N the column's position, 1 for the first), TARGET a question id of `survey`, a
    /// role such as `@ignore`, as in a mapping file's `columns`. The map given on the
    /// command line wins over the file's.
    package func adding(map spec: String, survey: Survey) throws(DefinitionError) -> ImportMapping {
        func fail(_ message: String) -> DefinitionError {
            DefinitionError(problems: [DefinitionProblem(file: "--map \(spec)", position: nil, message: message)])
        }
        guard let equals = spec.lastIndex(of: "=") else {
            throw fail(
                "expected COLUMN=QUESTION, where COLUMN is the header (or its position, 1 for the first column) and QUESTION a question id of survey \(survey.id)"
            )
        }
        let column = String(spec[..<equals]).trimmingWhitespace()
        let targetText = String(spec[spec.index(after: equals)...]).trimmingWhitespace()
        let questionIDs = survey.questions.map(\.id)
        let target: ColumnTarget
        if targetText.hasPrefix("@") {
            guard let role = Self.roles[targetText] else {
                throw fail(
                    "unknown role \"\(targetText)\".\(StringDistance.didYouMean(targetText, among: Array(Self.roles.keys))) Roles: \(Self.roles.keys.sorted().joined(separator: ", "))"
                )
            }
            target = role
        } else if survey.question(targetText) != nil {
            target = .question(targetText)
        } else {
            throw fail(
                "\"\(targetText)\" is not a question of survey \(survey.id).\(StringDistance.didYouMean(targetText, among: questionIDs)) Questions: \(questionIDs.joined(separator: ", "))"
            )
        }
        guard !column.isEmpty else { throw fail("the column before \"=\" is empty") }
        var mapping = self
        if let position = Int(column), column.allSatisfy(\.isASCII) {
            guard position >= 1 else { throw fail("column positions start at 1") }
            mapping.positions[position] = target
        } else {
            mapping.columns[column] = target
        }
        return mapping
    }

    /// The mapping's target for a header, compared after normalisation.
    func target(forHeader header: String) -> ColumnTarget? {
        if let exact = columns[header] { return exact }
        let key = AnswerText.normalise(header)
        return columns.first { AnswerText.normalise($0.key) == key }?.value
    }
}
