import SurveyDefinition

/// Reads and writes period labels.
public enum PeriodLabels {
    static func twoDigits(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v % 100)" }
    static func financialYear(_ start: Int) -> String { "\(start)-\(twoDigits((start + 1) % 100))" }
    static func academicYear(_ start: Int) -> String { "\(start)/\(twoDigits((start + 1) % 100))" }
    static func month(_ y: Int, _ m: Int) -> String { "\(y)-\(twoDigits(m))" }

    /// The accepted forms, for messages.
    public static let forms =
        "2021-22 Q2 (financial quarter), 2021 Q3 (calendar quarter), 2021-07 (month), autumn 2019 / spring 2020 / summer 2020 (school term), 2020/21 (academic year), 2021-22 (financial year), 2020 (calendar year), 2019-09-01..2019-12-31 (dates), or a name defined in engage.json's \"periods\""

    /// The period a label names. `custom` holds named ranges from the workspace
    /// settings (name → first and last day), matched ignoring case.
    /// - Throws: ``PeriodError`` saying what forms are accepted.
    public static func parse(_ text: String, custom: [String: (first: Int, last: Int)] = [:]) throws(PeriodError)
        -> Period
    {
        let label = text.trimmingCharacters(in: .whitespaces)
        if let named = custom.first(where: { $0.key.lowercased() == label.lowercased() }) {
            return Period(label: named.key, scheme: nil, first: named.value.first, last: named.value.last)
        }
        if let range = dateRange(label) { return range }
        guard let period = standard(label) else {
            throw PeriodError.unknownLabel(label: label, custom: custom.keys.sorted())
        }
        return period
    }

    /// `nil` when the label names a period, else what is wrong: usable as the survey
    /// loader's check of baseline periods.
    public static func problem(_ label: String) -> String? {
        do {
            _ = try parse(label)
            return nil
        } catch {
            return error.description
        }
    }

    static func dateRange(_ label: String) -> Period? {
        let parts = label.components(separatedBy: "..")
        guard parts.count == 2, let a = CivilTime.parseISODate(parts[0].trimmingCharacters(in: .whitespaces)),
            let b = CivilTime.parseISODate(parts[1].trimmingCharacters(in: .whitespaces)), a <= b
        else { return nil }
        return Period(label: "\(CivilTime.isoDate(a)) to \(CivilTime.isoDate(b))", scheme: nil, first: a, last: b)
    }

    static func standard(_ label: String) -> Period? {
        let lower = label.lowercased()
        let words = lower.split(separator: " ").map(String.init)
        func year(_ s: Substring) -> Int? {
            s.count == 4 ? Int(s).flatMap { (1900...2200).contains($0) ? $0 : nil } : nil
        }
        func day(_ y: Int, _ m: Int, _ d: Int = 1) -> Int { CivilTime.dayNumber(year: y, month: m, day: d) }
        // "autumn 2019", "autumn term 2019"
        if words.count == 2 || (words.count == 3 && words[1] == "term"),
            let last = words.last, let y = year(Substring(last)),
            let term = ["autumn": 9, "spring": 1, "summer": 4][words[0]]
        {
            return PeriodScheme.schoolTerm.period(containing: day(y, term))
        }
        // "2021-22 Q2", "2021 Q3"
        if words.count == 2, words[1].count == 2, words[1].hasPrefix("q"), let q = Int(words[1].dropFirst()),
            (1...4).contains(q)
        {
            if let fy = financialYearStart(Substring(words[0])) {
                let month = (q * 3 + 1 - 1) % 12 + 1
                return PeriodScheme.financialQuarter.period(containing: day(q == 4 ? fy + 1 : fy, month))
            }
            if let y = year(Substring(words[0])) {
                return PeriodScheme.calendarQuarter.period(containing: day(y, q * 3 - 2))
            }
            return nil
        }
        guard words.count == 1 else { return nil }
        let word = Substring(words[0])
        if let y = year(word) { return PeriodScheme.calendarYear.period(containing: day(y, 1)) }
        if let fy = financialYearStart(word) { return PeriodScheme.financialYear.period(containing: day(fy, 4)) }
        let slash = word.split(separator: "/")
        if slash.count == 2, let y = year(slash[0]), slash[1].count == 2, Int(slash[1]) == (y + 1) % 100 {
            return PeriodScheme.academicYear.period(containing: day(y, 9))
        }
        let dash = word.split(separator: "-")
        if dash.count == 2, let y = year(dash[0]), dash[1].count == 2, let m = Int(dash[1]), (1...12).contains(m) {
            return PeriodScheme.month.period(containing: day(y, m))
        }
        return nil
    }

    /// 2021 for "2021-22" (the second part must be the next year).
    static func financialYearStart(_ s: Substring) -> Int? {
        let parts = s.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]), (1900...2200).contains(y),
            parts[1].count == 2, let next = Int(parts[1]), next == (y + 1) % 100
        else { return nil }
        return y
    }
}

/// A period label that names no period.
public enum PeriodError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownLabel(label: String, custom: [String])

    public var description: String {
        switch self {
        case .unknownLabel(let label, let custom):
            return "\"\(label)\" is not a period engage knows; write one of: \(PeriodLabels.forms)"
                + (custom.isEmpty ? "" : ". Named periods in this workspace: \(custom.joined(separator: ", "))")
        }
    }
}
