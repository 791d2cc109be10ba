import SurveyDefinition

/// What a cell's number format makes of the number it holds: a plain number, or a
/// date, a time of day or both (an Excel date serial). Worked out from the format's
/// built-in id or its custom code, as Excel decides how to show the cell.
enum CellFormat: UInt8, Sendable, Equatable {
    case number
    case date
    case time
    case dateTime

    var isDate: Bool { self != .number }

    /// The built-in number formats of ECMA-376 Part 1 §18.8.30 that show dates or
    /// times (14-22, 45-47), and the East Asian date formats Excel numbers 27-36 and 50-58.
    static func builtIn(_ id: Int) -> CellFormat {
        switch id {
        case 14, 15, 16, 17, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58: return .date
        case 18, 19, 20, 21, 32, 33, 45, 46, 47, 55, 56: return .time
        case 22: return .dateTime
        default: return .number
        }
    }

    /// Classifies a custom format code such as `dd/mm/yyyy hh:mm`, `[$-809]d mmmm yyyy`,
    /// `m/d/yy h:mm AM/PM` or `0.00%`. Only the first section (before `;`) counts;
    /// quoted text, escaped characters, colours and conditions are ignored, while
    /// elapsed-time brackets (`[h]`, `[mm]`, `[ss]`) mean a time.
    static func classify(_ code: String) -> CellFormat {
        var hasDate = false
        var hasTime = false
        var hasMonthOrMinute = false
        let chars = Array(code.unicodeScalars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case ";":
                i = chars.count
                continue
            case "\"":
                i += 1
                while i < chars.count && chars[i] != "\"" { i += 1 }
            case "\\", "_", "*":
                i += 1 // the next character is literal (or a padding width)
            case "[":
                var j = i + 1
                var inner = ""
                while j < chars.count && chars[j] != "]" {
                    inner.unicodeScalars.append(chars[j])
                    j += 1
                }
                let lower = inner.lowercased()
                if !lower.isEmpty && lower.allSatisfy({ "hms".contains($0) }) { hasTime = true }
                i = j
            default:
                switch Character(c).lowercased() {
                case "y", "d": hasDate = true
                case "h", "s": hasTime = true
                case "m": hasMonthOrMinute = true
                case "a":
                    // AM/PM or A/P: a clock, not a date letter.
                    let rest = String(String.UnicodeScalarView(chars[i...].prefix(5))).uppercased()
                    if rest.hasPrefix("AM/PM") {
                        hasTime = true
                        i += 4
                    } else if rest.hasPrefix("A/P") {
                        hasTime = true
                        i += 2
                    }
                default: break
                }
            }
            i += 1
        }
        // A bare "m" is a month unless the format is only a clock ("h:mm").
        if hasMonthOrMinute && !hasTime { hasDate = true }
        switch (hasDate, hasTime) {
        case (true, true): return .dateTime
        case (true, false): return .date
        case (false, true): return .time
        default: return .number
        }
    }
}

/// Turns an Excel date serial into the text engage reads dates from: `2024-03-05`,
/// `2024-03-05 14:30:00` or `14:30:00` (year first, so never ambiguous).
///
/// The 1900 date system counts days from 1899-12-31 (serial 1 = 1900-01-01) and, as
/// Lotus 1-2-3 did, counts a 29 February 1900 that never was (serial 60); serials from
/// 61 on are therefore one day ahead of a plain count, and serial 60 is written as the
/// impossible date `1900-02-29` (which the date reader then rejects, with its reason).
/// The 1904 system (old Mac workbooks) counts days from 1904-01-01 (serial 0).
enum ExcelDate {
    /// Appends the text for `serial` to `out`; false (nothing appended) when the
    /// number cannot be a date (negative, or beyond the year 9999).
    static func append(serial: Double, format: CellFormat, date1904: Bool, to out: inout [UInt8]) -> Bool {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return false }
        // Round to the second (Excel keeps about a millisecond's noise).
        var totalSeconds = Int64((serial * 86_400).rounded())
        var days = Int(totalSeconds / 86_400)
        totalSeconds -= Int64(days) * 86_400
        let seconds = Int(totalSeconds)
        if format == .time && days > 0 {
            // A duration past a day ([h]:mm:ss): hours keep counting.
            appendNumber(days * 24 + seconds / 3600, width: 2, to: &out)
            appendClock(seconds % 3600, to: &out)
            return true
        }
        if format != .time {
            let (year, month, day): (Int, Int, Int)
            if date1904 {
                (year, month, day) = CivilTime.civil(CivilTime.dayNumber(year: 1904, month: 1, day: 1) + days)
            } else if days == 60 {
                (year, month, day) = (1900, 2, 29)
            } else if days == 0 {
                (year, month, day) = (1900, 1, 0)
            } else {
                if days > 60 { days -= 1 }
                (year, month, day) = CivilTime.civil(CivilTime.dayNumber(year: 1899, month: 12, day: 31) + days)
            }
            appendNumber(year, width: 4, to: &out)
            out.append(UInt8(ascii: "-"))
            appendNumber(month, width: 2, to: &out)
            out.append(UInt8(ascii: "-"))
            appendNumber(day, width: 2, to: &out)
            // A date cell keeps the time it holds even when its format hides it.
            if seconds == 0 && format == .date { return true }
            out.append(UInt8(ascii: " "))
        }
        appendNumber(seconds / 3600, width: 2, to: &out)
        appendClock(seconds % 3600, to: &out)
        return true
    }

    /// `:MM:SS` for the seconds within an hour.
    private static func appendClock(_ seconds: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: ":"))
        appendNumber(seconds / 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendNumber(seconds % 60, width: 2, to: &out)
    }

    private static func appendNumber(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits: [UInt8] = []
        var v = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(v % 10))
            v /= 10
        } while v > 0
        if digits.count < width {
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count))
        }
        out.append(contentsOf: digits.reversed())
    }
}
