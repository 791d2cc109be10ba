/// The order of day, month and year in a date written with numbers.
package enum DateOrder: String, Sendable, Equatable, CaseIterable {
    /// 28/10/2019: the UK reading, and the default for ambiguous columns.
    case dmy
    /// 10/28/2019: US locale (Google Sheets default, SurveyMonkey, Microsoft Forms via US Excel).
    case mdy
    /// 2019-10-28 or 2019/10/28.
    case ymd

    /// A date written in this order, for messages ("31/01/2022").
    package var example: String {
        switch self {
        case .dmy: return "28/10/2019"
        case .mdy: return "10/28/2019"
        case .ymd: return "2019-10-28"
        }
    }
}

/// How the date order of a file was decided, for the import report.
package enum DateOrderDecision: Sendable, Equatable, CustomStringConvertible {
    /// Given with `--date-order` or in a mapping file.
    case given(DateOrder)
    /// Fixed by the export format (ISO timestamps in Qualtrics, for example).
    case format(DateOrder)
    /// Inferred from a value whose first or second component is above 12.
    case inferred(DateOrder, evidence: String, line: Int)
    /// Every date could be read either way: read day-first, as UK dates are.
    case ambiguousDefaultedToUK
    /// There were no dates to read.
    case none

    /// The order chosen, when one was.
    package var order: DateOrder? {
        switch self {
        case .given(let o), .format(let o), .inferred(let o, _, _): return o
        case .ambiguousDefaultedToUK: return .dmy
        case .none: return nil
        }
    }

    /// How the order was chosen, as the import report says it.
    package var description: String {
        switch self {
        case .given(let o): return "\(o.rawValue) (as given)"
        case .format(let o): return "\(o.rawValue) (fixed by the export format)"
        case .inferred(let o, let evidence, let line):
            return "\(o.rawValue) (inferred: \"\(evidence)\" on line \(line) can only be read this way)"
        case .ambiguousDefaultedToUK:
            return
                "dmy: every date in the file could be day-first or month-first, so they were read day-first (UK); if the export came from a US-locale tool, re-run with --date-order mdy"
        case .none: return "no dates read"
        }
    }
}
