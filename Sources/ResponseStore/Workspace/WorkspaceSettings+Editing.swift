import Foundation
import SurveyDefinition

/// Reading and changing one setting by name, for `engage config get|set|unset`, so that
/// an officer never has to edit the JSON by hand. A name is a top-level key
/// (`suppressionThreshold`) or a path into one (`populationShares.phase.Post-16`,
/// `eligible.ehcp-parent-carer.2021-22 Q3`, `periods.baseline`).
extension WorkspaceSettings {
    /// The names `config` takes, as shown in messages.
    static let editableKeys = [
        "organisation", "surveys", "suppressionThreshold", "periodScheme", "slashYears", "confidenceLevel",
        "periods.NAME", "populationShares.SEGMENT.GROUP", "eligible.SURVEY.PERIOD", "redact", "quoteApproval",
    ]

    /// A setting's name split into its key and the path below it.
    struct SettingName {
        var key: String
        var rest: [String]

        /// Splits at the first dots the key needs (a group or period label may hold dots).
        init(_ name: String, file: String) throws(WorkspaceError) {
            let parts = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            key = parts[0]
            let depth = ["periods": 1, "populationShares": 2, "eligible": 2][key] ?? 0
            let top = WorkspaceSettings.fields.dropFirst()
            guard top.contains(key) else {
                throw .invalidSettings(
                    file: file, line: nil, column: nil, field: name,
                    message:
                        "no setting \"\(key)\".\(StringDistance.didYouMean(key, among: Array(top))) Settings: \(WorkspaceSettings.editableKeys.joined(separator: ", "))."
                )
            }
            rest =
                parts.count > 1
                ? (depth == 2
                    ? parts[1].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                    : [parts[1]]) : []
            guard rest.count <= depth, !rest.contains(where: { $0.trimmingSpaces.isEmpty }) else {
                let shape = WorkspaceSettings.editableKeys.first { $0.hasPrefix(key + ".") || $0 == key } ?? key
                throw .invalidSettings(file: file, line: nil, column: nil, field: name, message: "name it as \(shape)")
            }
        }
    }

    /// The value of a setting as text: a scalar as it is, a list one item per line, a
    /// group of values as `name: value` lines.
    /// - Throws: ``WorkspaceError/invalidSettings(file:line:column:field:message:)`` for an unknown name.
    package func value(of name: String, file: String) throws(WorkspaceError) -> String {
        let n = try SettingName(name, file: file)
        func missing() -> WorkspaceError {
            .invalidSettings(file: file, line: nil, column: nil, field: name, message: "not set")
        }
        switch n.key {
        case "organisation": return organisation
        case "surveys": return surveys.joined(separator: "\n")
        case "suppressionThreshold": return String(suppressionThreshold)
        case "periodScheme": return periodScheme.rawValue
        case "slashYears": return slashYears.rawValue
        case "confidenceLevel": return NumberText.plain(confidenceLevel)
        case "redact": return redact.joined(separator: "\n")
        case "quoteApproval": return String(quoteApproval)
        case "publication": return publication.encoded()
        case "periods":
            if let wanted = n.rest.first {
                guard let p = periods.first(where: { $0.name == wanted }) else { throw missing() }
                return p.from + ".." + p.to
            }
            return periods.map { "\($0.name): \($0.from)..\($0.to)" }.joined(separator: "\n")
        case "populationShares":
            return try nested(populationShares.mapValues { $0.mapValues(NumberText.plain) }, n.rest, missing)
        default:
            return try nested(eligible.mapValues { $0.mapValues(String.init) }, n.rest, missing)
        }
    }

    private func nested(_ map: [String: [String: String]], _ rest: [String], _ missing: () -> WorkspaceError)
        throws(WorkspaceError) -> String
    {
        switch rest.count {
        case 0:
            return map.sorted { $0.key < $1.key }.flatMap { group, values in
                values.sorted { $0.key < $1.key }.map { "\(group).\($0.key): \($0.value)" }
            }.joined(separator: "\n")
        case 1:
            guard let values = map[rest[0]] else { throw missing() }
            return values.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
        default:
            guard let value = map[rest[0]]?[rest[1]] else { throw missing() }
            return value
        }
    }

    /// The settings with one changed. `values` is the new value (several for a list:
    /// `surveys`, `redact`). The result is checked as engage.json is when it is read.
    /// - Throws: ``WorkspaceError/invalidSettings(file:line:column:field:message:)`` saying what is accepted.
    package func setting(_ name: String, to values: [String], file: String) throws(WorkspaceError) -> WorkspaceSettings
    {
        let n = try SettingName(name, file: file)
        func fail(_ message: String) -> WorkspaceError {
            .invalidSettings(file: file, line: nil, column: nil, field: name, message: message)
        }
        let isList = n.key == "surveys" || n.key == "redact"
        guard !values.isEmpty || isList else { throw fail("give a value") }
        guard values.count == 1 || isList else { throw fail("give one value (quote it if it has spaces)") }
        let text = values.first?.trimmingSpaces ?? ""
        var changed = self
        switch n.key {
        case "publication":
            throw fail(
                "the public page's settings (colour, logo, contact...) are edited in engage.json itself; engage config get publication shows them"
            )
        case "organisation": changed.organisation = text
        case "surveys": changed.surveys = values
        case "redact": changed.redact = values
        case "suppressionThreshold":
            guard let v = Int(text) else {
                throw fail("expected a whole number of answers of at least 1 (the default is 10)")
            }
            changed.suppressionThreshold = v
        case "periodScheme":
            guard let v = PeriodScheme(rawValue: text) else {
                let all = PeriodScheme.allCases.map(\.rawValue)
                throw fail(
                    "expected one of \(all.joined(separator: ", ")).\(StringDistance.didYouMean(text, among: all))")
            }
            changed.periodScheme = v
        case "slashYears":
            guard let v = SlashYearMeaning(rawValue: text) else {
                throw fail(
                    "expected financial-year (2021/22 is April 2021 to March 2022) or academic-year (September to August)"
                )
            }
            changed.slashYears = v
        case "confidenceLevel":
            let percent = text.hasSuffix("%")
            guard let v = Double(percent ? String(text.dropLast()) : text) else {
                throw fail("expected a fraction such as 0.95, or 95%")
            }
            changed.confidenceLevel = percent ? v / 100 : v
        case "quoteApproval":
            switch text.lowercased() {
            case "true", "yes", "on": changed.quoteApproval = true
            case "false", "no", "off": changed.quoteApproval = false
            default: throw fail("expected true (public outputs use only approved quotes) or false")
            }
        case "periods":
            guard let label = n.rest.first else { throw fail("name the period: periods.NAME, e.g. periods.baseline") }
            guard let period = NamedPeriod(name: label, range: text) else {
                throw fail("expected a date range \"YYYY-MM-DD..YYYY-MM-DD\" with the start on or before the end")
            }
            changed.periods.removeAll { $0.name == label }
            changed.periods.append(period)
        case "populationShares":
            guard n.rest.count == 2 else {
                throw fail("name the group: populationShares.SEGMENT.GROUP, e.g. populationShares.phase.Primary")
            }
            guard let v = Double(text.hasSuffix("%") ? String(text.dropLast()) : text) else {
                throw fail("expected a percentage from 0 to 100")
            }
            changed.populationShares[n.rest[0], default: [:]][n.rest[1]] = v
        default:
            guard n.rest.count == 2 else {
                throw fail("name the period: eligible.SURVEY.PERIOD, e.g. eligible.ehcp-parent-carer.2021-22 Q2")
            }
            guard let v = Int(text) else { throw fail("expected a whole number of people, 0 or more") }
            changed.eligible[n.rest[0], default: [:]][n.rest[1]] = v
        }
        // Checked exactly as when the file is read.
        return try WorkspaceSettings.decode(changed.encoded(), file: file)
    }

    /// The settings without one: a top-level setting goes back to its default; a
    /// named period, a segment's or a group's share, a survey's or a period's count is removed.
    package func removing(_ name: String, file: String) throws(WorkspaceError) -> WorkspaceSettings {
        let n = try SettingName(name, file: file)
        func fail(_ message: String) -> WorkspaceError {
            .invalidSettings(file: file, line: nil, column: nil, field: name, message: message)
        }
        var changed = self
        let defaults = WorkspaceSettings(organisation: organisation)
        switch (n.key, n.rest.count) {
        case ("organisation", _):
            throw fail("the organisation is required; change it with engage config set organisation NAME")
        case ("surveys", _): changed.surveys = []
        case ("suppressionThreshold", _): changed.suppressionThreshold = defaults.suppressionThreshold
        case ("periodScheme", _): changed.periodScheme = defaults.periodScheme
        case ("slashYears", _): changed.slashYears = defaults.slashYears
        case ("confidenceLevel", _): changed.confidenceLevel = defaults.confidenceLevel
        case ("redact", _): changed.redact = []
        case ("quoteApproval", _): changed.quoteApproval = false
        case ("publication", _): changed.publication = defaults.publication
        case ("periods", 0): changed.periods = []
        case ("periods", _):
            guard changed.periods.contains(where: { $0.name == n.rest[0] }) else { throw fail("not set") }
            changed.periods.removeAll { $0.name == n.rest[0] }
        case ("populationShares", 0): changed.populationShares = [:]
        case ("populationShares", 1):
            guard changed.populationShares.removeValue(forKey: n.rest[0]) != nil else { throw fail("not set") }
        case ("populationShares", _):
            guard changed.populationShares[n.rest[0]]?.removeValue(forKey: n.rest[1]) != nil else {
                throw fail("not set")
            }
            if changed.populationShares[n.rest[0]]?.isEmpty == true { changed.populationShares[n.rest[0]] = nil }
        case ("eligible", 0): changed.eligible = [:]
        case ("eligible", 1):
            guard changed.eligible.removeValue(forKey: n.rest[0]) != nil else { throw fail("not set") }
        default:
            guard changed.eligible[n.rest[0]]?.removeValue(forKey: n.rest[1]) != nil else { throw fail("not set") }
            if changed.eligible[n.rest[0]]?.isEmpty == true { changed.eligible[n.rest[0]] = nil }
        }
        return changed
    }
}
