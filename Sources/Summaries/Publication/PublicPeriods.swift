import FeedbackStatistics
import SurveyDefinition

/// The periods a public output may cover: whole periods of the workspace's reporting
/// scheme and the years they make up (financial quarters and financial years; calendar
/// quarters and calendar years; school terms and academic years; months and financial
/// years). Internal outputs may cover any range; a public one for anything else is
/// refused, because two ranges a day apart give away the answers of whoever answered
/// on the day between.
package struct PublicPeriods: Sendable, Equatable {
    /// The scheme's own periods (quarters, terms, months).
    package var part: PeriodScheme
    /// The years they make up.
    package var year: PeriodScheme

    init(scheme: PeriodScheme) {
        switch scheme {
        case .financialQuarter, .financialYear: (part, year) = (.financialQuarter, .financialYear)
        case .calendarQuarter, .calendarYear: (part, year) = (.calendarQuarter, .calendarYear)
        case .schoolTerm, .academicYear: (part, year) = (.schoolTerm, .academicYear)
        case .month: (part, year) = (.month, .financialYear)
        }
    }

    /// The public period covering exactly the days of `p` (a part or a year), else `nil`.
    package func whole(_ p: Period) -> Period? {
        for scheme in [part, year] {
            let candidate = scheme.period(containing: p.first)
            if candidate.first == p.first && candidate.last == p.last { return candidate }
        }
        return nil
    }

    /// Whether a trend or by-period table in `scheme` may be public.
    package func allows(_ scheme: PeriodScheme) -> Bool { scheme == part || scheme == year }

    /// The years overlapping `first...last` and their parts.
    func lattice(from first: Int, to last: Int) -> (years: [Period], parts: [Period]) {
        let years = year.periods(from: first, to: last)
        return (years, years.flatMap { part.periods(from: $0.first, to: $0.last) })
    }

    /// "financial quarters (2021-22 Q1 … 2021-22 Q3) and financial years (2021-22)", for
    /// messages, over the days with data.
    package func names(span: ClosedRange<Int>?) -> String {
        func plural(_ s: PeriodScheme) -> String {
            switch s {
            case .financialQuarter: return "financial quarters"
            case .calendarQuarter: return "calendar quarters"
            case .month: return "months"
            case .schoolTerm: return "school terms"
            case .academicYear: return "academic years"
            case .financialYear: return "financial years"
            case .calendarYear: return "calendar years"
            }
        }
        guard let span else { return "\(plural(part)) and \(plural(year))" }
        let parts = part.periods(from: span.lowerBound, to: span.upperBound).map(\.label)
        let years = year.periods(from: span.lowerBound, to: span.upperBound).map(\.label)
        func list(_ labels: [String]) -> String {
            labels.count <= 6
                ? labels.joined(separator: ", ") : "\(labels[0]), \(labels[1]) … \(labels[labels.count - 1])"
        }
        return "\(plural(part)) (\(list(parts))) and \(plural(year)) (\(list(years)))"
    }
}
