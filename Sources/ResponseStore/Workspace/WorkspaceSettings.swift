import SurveyDefinition

/// The settings in a workspace's `engage.json`.
///
/// ```json
/// {
///   "organisation": "Anyshire County Council SEND Service",
///   "surveys": ["ehcp-parent-carer.json"],
///   "suppressionThreshold": 10,
///   "periodScheme": "financial-quarter",
///   "slashYears": "financial-year",
///   "confidenceLevel": 0.95,
///   "periods": { "baseline": "2019-09-01..2019-12-31" },
///   "populationShares": { "phase": { "Primary": 45.0, "Secondary": 40.0 } },
///   "eligible": { "ehcp-parent-carer": { "2021-22 Q2": 120 } },
///   "redact": ["Sarah Jones", "Woodside Academy", "Grays"],
///   "quoteApproval": true,
///   "publication": { "colour": "#1d70b8", "logo": "logo.svg", "contact": "send@anyshire.gov.uk", "weeksAfterPeriod": 6 }
/// }
/// ```
/// Only `organisation` is required; the others have the defaults shown.
public struct WorkspaceSettings: Sendable, Equatable {
    /// The organisation's name, printed on reports.
    public var organisation: String
    /// Survey definitions in use: file names in the workspace's `surveys/` folder.
    public var surveys: [String]
    /// Percentages based on fewer substantive answers than this are withheld in published output.
    public var suppressionThreshold: Int
    /// How periods are reported.
    public var periodScheme: PeriodScheme
    /// What a year written "2021/22" means in this workspace (councils: the financial year).
    public var slashYears: SlashYearMeaning
    /// Confidence level of intervals (0.95 for 95%).
    public var confidenceLevel: Double
    /// What was odd but usable in the file (a key given twice), each with its line and
    /// what engage did; commands print them on standard error. Not part of the settings.
    package var warnings: [String] = []
    /// Named custom periods, in the order written ("baseline": 2019-09-01..2019-12-31).
    package var periods: [NamedPeriod]
    /// For reach: the population's percentage share per segment option, per segment
    /// question ("phase" → "Primary" → 45.0).
    public var populationShares: [String: [String: Double]]
    /// For response rates: how many people could have answered, per survey id, per period label.
    public var eligible: [String: [String: Int]]
    /// Names and places removed from every quote, whole and word by word: staff,
    /// schools, settings, villages ("Sarah Jones", "Woodside Academy", "Grays").
    public var redact: [String] = []
    /// Whether public outputs use only quotes the officer approved (`engage quotes
    /// approve`). `engage init` writes `true`; a file without the key means `false`.
    public var quoteApproval: Bool = false
    /// How published pages look and what they promise (``PublicationSettings``).
    public var publication = PublicationSettings()

    /// Settings for `organisation`, with engage's defaults for the rest.
    package init(
        organisation: String, surveys: [String] = [], suppressionThreshold: Int = 10,
        periodScheme: PeriodScheme = .financialQuarter, slashYears: SlashYearMeaning = .financialYear,
        confidenceLevel: Double = 0.95, periods: [NamedPeriod] = [],
        populationShares: [String: [String: Double]] = [:], eligible: [String: [String: Int]] = [:]
    ) {
        self.organisation = organisation
        self.surveys = surveys
        self.suppressionThreshold = suppressionThreshold
        self.periodScheme = periodScheme
        self.slashYears = slashYears
        self.confidenceLevel = confidenceLevel
        self.periods = periods
        self.populationShares = populationShares
        self.eligible = eligible
    }

    static let fields = [
        "$schema", "organisation", "surveys", "suppressionThreshold", "periodScheme", "slashYears", "confidenceLevel",
        "periods", "populationShares", "eligible", "redact", "quoteApproval", "publication",
    ]

    /// Reads settings from the text of `engage.json`; `file` names it in errors.
    package static func decode(_ text: String, file: String) throws(WorkspaceError) -> WorkspaceSettings {
        let root: JSONValue
        do {
            root = try JSONParser.parse(text)
        } catch {
            throw .invalidSettings(
                file: file, line: error.position.line, column: error.position.column, field: nil, message: error.message
            )
        }
        func fail(_ value: JSONValue?, _ field: String?, _ message: String) -> WorkspaceError {
            .invalidSettings(
                file: file, line: value?.position.line, column: value?.position.column, field: field, message: message)
        }
        guard let members = root.objectMembers else {
            throw fail(root, nil, "expected a JSON object ({ \"organisation\": ... }), found \(root.kindName)")
        }
        for member in members where !fields.contains(member.key) {
            let hint =
                StringDistance.suggestion(for: member.key, among: fields).map { " Did you mean \"\($0)\"?" } ?? ""
            throw .invalidSettings(
                file: file, line: member.keyPosition.line, column: member.keyPosition.column, field: member.key,
                message: "unknown setting.\(hint) Known settings: \(fields.dropFirst().joined(separator: ", ")).")
        }

        guard let orgValue = root["organisation"] else {
            throw fail(
                root, "organisation",
                "missing: give the organisation's name for reports, e.g. \"organisation\": \"Anyshire SEND Service\"")
        }
        guard let organisation = orgValue.stringValue, !organisation.trimmingSpaces.isEmpty else {
            throw fail(
                orgValue, "organisation",
                "expected the organisation's name as a non-empty string, found \(orgValue.kindName)")
        }
        var settings = WorkspaceSettings(organisation: organisation)

        if let value = root["surveys"] {
            guard let items = value.arrayValue else {
                throw fail(value, "surveys", "expected an array of file names in surveys/, found \(value.kindName)")
            }
            settings.surveys = try items.enumerated().map { (i, item) throws(WorkspaceError) -> String in
                guard let name = item.stringValue, Workspace.isPlainFileName(name) else {
                    throw fail(
                        item, "surveys[\(i)]",
                        "expected a file name in the surveys/ folder such as \"ehcp-parent-carer.json\"")
                }
                if let earlier = items.prefix(i).firstIndex(where: { $0.stringValue == name }) {
                    throw fail(
                        item, "surveys[\(i)]",
                        "\"\(name)\" is listed twice (also as surveys[\(earlier)]); list each survey once")
                }
                return name
            }
        }
        if let value = root["suppressionThreshold"] {
            guard let n = value.numberValue, n == n.rounded(), n >= 1, n <= 1_000_000 else {
                throw fail(
                    value, "suppressionThreshold",
                    "expected a whole number of answers of at least 1 (the default is 10)")
            }
            settings.suppressionThreshold = Int(n)
        }
        if let value = root["periodScheme"] {
            let schemes = PeriodScheme.allCases.map(\.rawValue)
            guard let scheme = value.stringValue.flatMap(PeriodScheme.init(rawValue:)) else {
                let hint =
                    value.stringValue.flatMap { StringDistance.suggestion(for: $0, among: schemes) }.map {
                        " Did you mean \"\($0)\"?"
                    } ?? ""
                throw fail(value, "periodScheme", "expected one of \(schemes.joined(separator: ", ")).\(hint)")
            }
            settings.periodScheme = scheme
        }
        if let value = root["slashYears"] {
            guard let meaning = value.stringValue.flatMap(SlashYearMeaning.init(rawValue:)) else {
                throw fail(
                    value, "slashYears",
                    "expected \"financial-year\" (2021/22 means April 2021 to March 2022, the default) or \"academic-year\" (September 2021 to August 2022)"
                )
            }
            settings.slashYears = meaning
        }
        if let value = root["confidenceLevel"] {
            guard let level = value.numberValue, level > 0.5, level < 1 else {
                throw fail(value, "confidenceLevel", "expected a fraction between 0.5 and 1, such as 0.95 for 95%")
            }
            settings.confidenceLevel = level
        }
        if let value = root["periods"] {
            guard let items = value.objectMembers else {
                throw fail(
                    value, "periods",
                    "expected an object of named ranges, e.g. { \"baseline\": \"2019-09-01..2019-12-31\" }")
            }
            for item in items {
                guard let text = item.value.stringValue, let period = NamedPeriod(name: item.key, range: text) else {
                    throw fail(
                        item.value, "periods.\(item.key)",
                        "expected a date range \"YYYY-MM-DD..YYYY-MM-DD\" with the start on or before the end")
                }
                settings.periods.append(period)
            }
        }
        /// `{ "outer": { "inner": value } }` under `key`; the first of a repeated name stands.
        func nested<T>(
            _ key: String, outer: String, inner: String, _ read: (JSONValue) -> T?, _ expected: String
        ) throws(WorkspaceError) -> [String: [String: T]] {
            guard let value = root[key] else { return [:] }
            guard let groups = value.objectMembers else { throw fail(value, key, outer) }
            var result: [String: [String: T]] = [:]
            for group in groups {
                guard let members = group.value.objectMembers else {
                    throw fail(group.value, "\(key).\(group.key)", inner)
                }
                var map: [String: T] = [:]
                for member in members {
                    guard let item = read(member.value) else {
                        throw fail(member.value, "\(key).\(group.key).\(member.key)", expected)
                    }
                    if map[member.key] == nil { map[member.key] = item }
                }
                if result[group.key] == nil { result[group.key] = map }
            }
            return result
        }
        settings.populationShares = try nested(
            "populationShares", outer: "expected an object per segment, e.g. { \"phase\": { \"Primary\": 45.0 } }",
            inner: "expected an object of percentages per option, e.g. { \"Primary\": 45.0 }",
            { $0.numberValue.flatMap { (0...100).contains($0) ? $0 : nil } }, "expected a percentage from 0 to 100")
        settings.eligible = try nested(
            "eligible",
            outer: "expected an object per survey id, e.g. { \"ehcp-parent-carer\": { \"2021-22 Q2\": 120 } }",
            inner: "expected an object of counts per period, e.g. { \"2021-22 Q2\": 120 }",
            { $0.numberValue.flatMap { $0 == $0.rounded() && $0 >= 0 && $0 < 1e15 ? Int($0) : nil } },
            "expected a whole number of people, 0 or more")
        if let value = root["redact"] {
            guard let items = value.arrayValue else {
                throw fail(
                    value, "redact",
                    "expected an array of names and places to remove from quotes, e.g. [\"Sarah Jones\", \"Woodside Academy\"]"
                )
            }
            settings.redact = try items.enumerated().map { (i, item) throws(WorkspaceError) -> String in
                guard let text = item.stringValue, !text.trimmingSpaces.isEmpty else {
                    throw fail(
                        item, "redact[\(i)]", "expected a name or place as a non-empty string, such as \"Sarah Jones\"")
                }
                return text
            }
        }
        if let value = root["quoteApproval"] {
            guard let approval = value.boolValue else {
                throw fail(
                    value, "quoteApproval",
                    "expected true (public outputs use only quotes approved with `engage quotes approve`) or false")
            }
            settings.quoteApproval = approval
        }
        if let value = root["publication"] {
            settings.publication = try PublicationSettings.decode(value, file: file)
        }
        settings.warnings = duplicateKeys(in: root, file: file)
        return settings
    }

    /// A warning for every key given twice in one object, at any depth. Like every
    /// reader of the settings, engage uses the first and ignores the others.
    static func duplicateKeys(in value: JSONValue, file: String, path: String = "") -> [String] {
        var warnings: [String] = []
        if let members = value.objectMembers {
            var first: [String: SourcePosition] = [:]
            for member in members {
                let field = path.isEmpty ? member.key : path + "." + member.key
                if let earlier = first[member.key] {
                    warnings.append(
                        "\(file):\(member.keyPosition.line):\(member.keyPosition.column): \(field): warning: given twice (first at line \(earlier.line)); engage uses the first and ignores this one. Remove one of them."
                    )
                } else {
                    first[member.key] = member.keyPosition
                    warnings += duplicateKeys(in: member.value, file: file, path: field)
                }
            }
        } else if let items = value.arrayValue {
            for (i, item) in items.enumerated() {
                warnings += duplicateKeys(in: item, file: file, path: path + "[\(i)]")
            }
        }
        return warnings
    }

    /// The settings as `engage.json` text (pretty-printed, keys in a fixed order).
    public func encoded() -> String {
        func str(_ s: String) -> String { JSONText.string(s) }
        var lines: [String] = []
        lines.append("  \"organisation\": \(str(organisation))")
        lines.append("  \"surveys\": [" + surveys.map(str).joined(separator: ", ") + "]")
        lines.append("  \"suppressionThreshold\": \(suppressionThreshold)")
        lines.append("  \"periodScheme\": \(str(periodScheme.rawValue))")
        lines.append("  \"slashYears\": \(str(slashYears.rawValue))")
        lines.append("  \"confidenceLevel\": \(NumberText.plain(confidenceLevel))")
        lines.append(
            "  \"periods\": {"
                + (periods.isEmpty
                    ? "}"
                    : "\n"
                        + periods.map {
                            "    \(str($0.name)): \(str($0.from + ".." + $0.to))"
                        }.joined(separator: ",\n") + "\n  }"))
        lines.append(
            "  \"populationShares\": {"
                + (populationShares.isEmpty
                    ? "}"
                    : "\n"
                        + populationShares.sorted { $0.key < $1.key }.map { key, shares in
                            "    \(str(key)): {"
                                + shares.sorted { $0.key < $1.key }.map {
                                    "\(str($0.key)): \(NumberText.plain($0.value))"
                                }.joined(separator: ", ") + "}"
                        }.joined(separator: ",\n") + "\n  }"))
        lines.append(
            "  \"eligible\": {"
                + (eligible.isEmpty
                    ? "}"
                    : "\n"
                        + eligible.sorted { $0.key < $1.key }.map { key, counts in
                            "    \(str(key)): {"
                                + counts.sorted { $0.key < $1.key }.map { "\(str($0.key)): \($0.value)" }.joined(
                                    separator: ", ") + "}"
                        }.joined(separator: ",\n") + "\n  }"))
        lines.append("  \"redact\": [" + redact.map(str).joined(separator: ", ") + "]")
        lines.append("  \"quoteApproval\": \(quoteApproval)")
        if publication != PublicationSettings() { lines.append("  \"publication\": " + publication.encoded()) }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }
}

/// A named date range from engage.json's `periods`, inclusive at both ends.
package struct NamedPeriod: Sendable, Equatable {
    /// The period's name as reports and `--period` write it.
    package var name: String
    /// `YYYY-MM-DD`.
    package var from: String
    /// `YYYY-MM-DD`.
    package var to: String

    init?(name: String, range: String) {
        let parts = range.components(separatedBy: "..")
        guard parts.count == 2 else { return nil }
        self.init(name: name, from: parts[0].trimmingSpaces, to: parts[1].trimmingSpaces)
    }

    init?(name: String, from: String, to: String) {
        guard let a = CivilTime.parseISODate(from), let b = CivilTime.parseISODate(to), a <= b else { return nil }
        self.name = name
        self.from = from
        self.to = to
    }
}

enum JSONText {
    /// A JSON string literal.
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
