import Foundation

/// What a year written with a slash, "2021/22", means. Councils write it for the
/// financial year (April-March); schools for the academic year (September-August). A
/// workspace says which in engage.json (`"slashYears"`, default the financial year); a
/// survey definition, which is shared between workspaces, may not use it at all.
public enum SlashYearMeaning: String, Sendable, Equatable, Hashable, CaseIterable {
    case financialYear = "financial-year"
    case academicYear = "academic-year"
}

/// Reads and writes period labels: the one owner of the period vocabulary. Built with
/// the workspace's named periods and its reading of "2021/22"; without one, a label
/// that could be a financial or an academic year is refused with both readings.
public struct PeriodCalendar: Sendable {
    /// Named ranges from the workspace settings (name → first and last day), matched ignoring case.
    public var named: [String: ClosedRange<Int>]
    /// What "2021/22" means here; `nil` refuses it (the strict reading survey definitions use).
    public var slashYears: SlashYearMeaning?

    /// A calendar with the workspace's `named` periods and its reading of "2021/22".
    public init(named: [String: ClosedRange<Int>] = [:], slashYears: SlashYearMeaning? = nil) {
        self.named = named
        self.slashYears = slashYears
    }

    /// No named periods; "2021/22" refused. What survey definitions are checked with.
    package static let strict = PeriodCalendar()

    static func twoDigits(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v % 100)" }
    static func financialYear(_ start: Int) -> String { "\(start)-\(twoDigits((start + 1) % 100))" }
    static func academicYear(_ start: Int) -> String { "AY \(start)/\(twoDigits((start + 1) % 100))" }
    static func month(_ y: Int, _ m: Int) -> String { "\(y)-\(twoDigits(m))" }

    /// The accepted forms, for messages.
    public static let forms =
        "2021-22 Q2 (financial quarter), 2021 Q3 (calendar quarter), 2021-07 (month), autumn 2019 / spring 2020 / summer 2020 (school term), AY 2020/21 (academic year), 2021-22 (financial year), 2020 (calendar year), 2019-09-01..2019-12-31 (dates), or a name defined in engage.json's \"periods\""

    /// The period a label names.
    /// - Throws: ``PeriodError`` saying what forms are accepted, or both readings of an
    ///   ambiguous year.
    public func parse(_ text: String) throws(PeriodError) -> Period {
        let label = text.trimmingCharacters(in: .whitespaces)
        if let name = named.keys.first(where: { $0.lowercased() == label.lowercased() }), let range = named[name] {
            return Period(label: name, scheme: nil, first: range.lowerBound, last: range.upperBound)
        }
        if let range = Self.dateRange(label) { return range }
        if let start = Self.slashYearStart(label) {
            switch slashYears {
            case .financialYear: return Self.financialYearPeriod(start)
            case .academicYear: return Self.academicYearPeriod(start)
            case nil:
                throw PeriodError.ambiguousYear(
                    label: label, financial: Self.financialYearPeriod(start),
                    academic: Self.academicYearPeriod(start))
            }
        }
        guard let period = Self.standard(label) else {
            throw PeriodError.unknownLabel(label: label, custom: named.keys.sorted())
        }
        return period
    }

    /// `nil` when the label names a period, else what is wrong.
    public func problem(_ label: String) -> String? {
        do {
            _ = try parse(label)
            return nil
        } catch {
            return error.description
        }
    }

    static func financialYearPeriod(_ start: Int) -> Period {
        PeriodScheme.financialYear.period(containing: CivilTime.dayNumber(year: start, month: 4, day: 1))
    }

    static func academicYearPeriod(_ start: Int) -> Period {
        PeriodScheme.academicYear.period(containing: CivilTime.dayNumber(year: start, month: 9, day: 1))
    }

    static func dateRange(_ label: String) -> Period? {
        let parts = label.components(separatedBy: "..")
        guard parts.count == 2, let a = CivilTime.parseISODate(parts[0].trimmingCharacters(in: .whitespaces)),
            let b = CivilTime.parseISODate(parts[1].trimmingCharacters(in: .whitespaces)), a <= b
        else { return nil }
        return Period(label: "\(CivilTime.isoDate(a)) to \(CivilTime.isoDate(b))", scheme: nil, first: a, last: b)
    }

    static func year(_ s: Substring) -> Int? {
        s.count == 4 ? Int(s).flatMap { (1900...2200).contains($0) ? $0 : nil } : nil
    }

    /// 2021 for "2021/22" (the second part must be the next year).
    static func slashYearStart(_ s: String) -> Int? {
        let slash = s.split(separator: "/", omittingEmptySubsequences: false)
        guard slash.count == 2, let y = year(slash[0]), slash[1].count == 2, Int(slash[1]) == (y + 1) % 100 else {
            return nil
        }
        return y
    }

    /// 2021 for "2021-22" (the second part must be the next year).
    static func financialYearStart(_ s: Substring) -> Int? {
        let parts = s.split(separator: "-")
        guard parts.count == 2, let y = year(parts[0]), parts[1].count == 2, let next = Int(parts[1]),
            next == (y + 1) % 100
        else { return nil }
        return y
    }

    static func standard(_ label: String) -> Period? {
        let lower = label.lowercased()
        let words = lower.split(separator: " ").map(String.init)
        func day(_ y: Int, _ m: Int, _ d: Int = 1) -> Int { CivilTime.dayNumber(year: y, month: m, day: d) }
        // "AY 2021/22" (or "AY 2021-22"): the academic year; "FY 2021-22" (or "FY 2021/22"): the financial year.
        if words.count == 2, words[0] == "ay" || words[0] == "fy" {
            let word = Substring(words[1])
            guard let start = slashYearStart(words[1]) ?? financialYearStart(word) else { return nil }
            return words[0] == "ay" ? academicYearPeriod(start) : financialYearPeriod(start)
        }
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
        if let fy = financialYearStart(word) { return financialYearPeriod(fy) }
        let dash = word.split(separator: "-")
        if dash.count == 2, let y = year(dash[0]), dash[1].count == 2, let m = Int(dash[1]), (1...12).contains(m) {
            return PeriodScheme.month.period(containing: day(y, m))
        }
        return nil
    }
}

/// A period label that names no period, or more than one.
public enum PeriodError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownLabel(label: String, custom: [String])
    /// "2021/22" without a workspace setting that says which year it means.
    case ambiguousYear(label: String, financial: Period, academic: Period)

    /// The message a user reads, naming the label and what to write instead.
    public var description: String {
        switch self {
        case .unknownLabel(let label, let custom):
            return "\"\(label)\" is not a period engage knows; write one of: \(PeriodCalendar.forms)"
                + (custom.isEmpty ? "" : ". Named periods in this workspace: \(custom.joined(separator: ", "))")
        case .ambiguousYear(let label, let financial, let academic):
            return
                "\"\(label)\" could mean the financial year \(financial.description) or the academic year \(academic.description); "
                + "write \(financial.label) for the financial year or \(academic.label) for the academic year"
                + " (in a workspace, \"slashYears\" in engage.json says which \(label) means; the default is the financial year)"
        }
    }
}
