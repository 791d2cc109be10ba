import SurveyDefinition

/// Dates and periods as a reader of a public page says them: "5 December 2026",
/// "July to September 2021", "Jul to Sep 2021" (never "2021-22 Q2").
enum PlainDates {
    static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "5 December 2026" for an ISO date; the text itself when it is not one.
    static func long(_ iso: String) -> String {
        CivilTime.parseISODate(iso).map(Period.longDate) ?? iso
    }

    /// A period by its dates: whole months as "July to September 2021", "April 2021 to
    /// March 2022" or "July 2021"; other ranges as "3 July to 28 September 2021".
    static func period(from: String, to: String, short: Bool = false) -> String {
        guard let a = CivilTime.parseISODate(from), let b = CivilTime.parseISODate(to) else {
            return "\(from) to \(to)"
        }
        let (y1, m1, d1) = CivilTime.civil(a)
        let (y2, m2, d2) = CivilTime.civil(b)
        func month(_ m: Int) -> String { short ? shortMonths[m - 1] : CivilTime.monthName(m) }
        if d1 == 1 && d2 == CivilTime.daysInMonth(year: y2, month: m2) {
            if y1 == y2 && m1 == m2 { return "\(month(m1)) \(y1)" }
            if y1 == y2 { return "\(month(m1)) to \(month(m2)) \(y2)" }
            return "\(month(m1)) \(y1) to \(month(m2)) \(y2)"
        }
        if y1 == y2 { return "\(d1) \(month(m1)) to \(d2) \(month(m2)) \(y2)" }
        return "\(d1) \(month(m1)) \(y1) to \(d2) \(month(m2)) \(y2)"
    }

    /// The same for a ``PeriodValue``; a named range ("autumn 2019") keeps its name.
    static func period(_ p: PeriodValue, short: Bool = false) -> String {
        period(from: p.from, to: p.to, short: short)
    }
}
