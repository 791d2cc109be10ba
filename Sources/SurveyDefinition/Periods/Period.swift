/// A reporting period: a label and the inclusive range of UK civil dates it covers,
/// as day numbers (days since 1970-01-01; see `CivilTime`).
public struct Period: Sendable, Equatable, Hashable, Codable {
    /// As reports write it: `2021-22 Q2`, `2021 Q3`, `2021-07`, `autumn 2019`, `AY 2020/21`,
    /// `2021-22`, `2020`, or a custom name such as `baseline`.
    public var label: String
    /// The kind of period the label names (a financial quarter, an academic year...); `nil` for a custom one.
    public var scheme: PeriodScheme?
    /// First and last day, inclusive.
    public var first: Int
    /// The last day, as a day number.
    public var last: Int

    /// A period named `label` covering the days `first` to `last`.
    public init(label: String, scheme: PeriodScheme?, first: Int, last: Int) {
        self.label = label
        self.scheme = scheme
        self.first = first
        self.last = last
    }

    /// Whether `day` (a day number) falls within the period.
    public func contains(day: Int) -> Bool { first <= day && day <= last }

    /// `YYYY-MM-DD` of the first and last days.
    public var fromDate: String { CivilTime.isoDate(first) }
    /// The last day as `YYYY-MM-DD`.
    public var toDate: String { CivilTime.isoDate(last) }

    /// "2021-22 Q2 (1 July 2021 to 30 September 2021)".
    public var description: String { "\(label) (\(Self.longDate(first)) to \(Self.longDate(last)))" }

    /// "1 July 2021".
    package static func longDate(_ day: Int) -> String {
        let (y, m, d) = CivilTime.civil(day)
        return "\(d) \(CivilTime.monthName(m)) \(y)"
    }
}

/// How time is divided for reporting. School terms follow the pattern most English
/// local authorities use for term-based reporting: autumn 1 September-31 December,
/// spring 1 January-31 March, summer 1 April-31 August (so the three terms tile the
/// academic year with no gaps, and every response belongs to exactly one term; actual
/// term dates vary by school and year, and holidays would leave responses unassigned).
public enum PeriodScheme: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// UK financial quarters: Q1 April-June ... Q4 January-March (`2021-22 Q2`).
    case financialQuarter = "financial-quarter"
    /// January-March ... (`2021 Q3`).
    case calendarQuarter = "calendar-quarter"
    /// `2021-07`.
    case month
    /// `autumn 2019`, `spring 2020`, `summer 2020`.
    case schoolTerm = "school-term"
    /// September-August (`AY 2020/21`).
    case academicYear = "academic-year"
    /// April-March (`2021-22`).
    case financialYear = "financial-year"
    /// January-December (`2020`).
    case calendarYear = "calendar-year"

    /// The period of this scheme containing `day`.
    public func period(containing day: Int) -> Period {
        let (y, m, _) = CivilTime.civil(day)
        func make(_ label: String, _ fy: Int, _ fm: Int, _ ly: Int, _ lm: Int) -> Period {
            Period(
                label: label, scheme: self, first: CivilTime.dayNumber(year: fy, month: fm, day: 1),
                last: CivilTime.dayNumber(year: ly, month: lm, day: CivilTime.daysInMonth(year: ly, month: lm)))
        }
        switch self {
        case .financialQuarter:
            let start = m >= 4 ? y : y - 1
            let q = ((m - 4 + 12) % 12) / 3 + 1
            let firstMonth = (q * 3 + 1 - 1) % 12 + 1
            let firstYear = q == 4 ? start + 1 : start
            return make(
                "\(PeriodCalendar.financialYear(start)) Q\(q)", firstYear, firstMonth, firstYear, firstMonth + 2)
        case .calendarQuarter:
            let q = (m - 1) / 3 + 1
            return make("\(y) Q\(q)", y, q * 3 - 2, y, q * 3)
        case .month:
            return make(PeriodCalendar.month(y, m), y, m, y, m)
        case .schoolTerm:
            switch m {
            case 9...12: return make("autumn \(y)", y, 9, y, 12)
            case 1...3: return make("spring \(y)", y, 1, y, 3)
            default: return make("summer \(y)", y, 4, y, 8)
            }
        case .academicYear:
            let start = m >= 9 ? y : y - 1
            return make(PeriodCalendar.academicYear(start), start, 9, start + 1, 8)
        case .financialYear:
            let start = m >= 4 ? y : y - 1
            return make(PeriodCalendar.financialYear(start), start, 4, start + 1, 3)
        case .calendarYear:
            return make(String(y), y, 1, y, 12)
        }
    }

    /// Every period of this scheme that overlaps `first...last`, in order.
    public func periods(from first: Int, to last: Int) -> [Period] {
        guard first <= last else { return [] }
        var result: [Period] = []
        var day = first
        while day <= last {
            let period = period(containing: day)
            result.append(period)
            day = period.last + 1
        }
        return result
    }
}
