import Foundation

/// The one home of calendar arithmetic in engage: day numbers (days since 1970-01-01) and UTC seconds, without
/// Foundation's calendars, fast enough to run for every stored response.
///
/// The store records each response's date as the **UK civil date** (Europe/London):
/// a form submitted at 00:30 BST on 1 April belongs to 1 April (Q1), although it is
/// 23:30 UTC on 31 March. British Summer Time is taken as running from 01:00 UTC on
/// the last Sunday of March to 01:00 UTC on the last Sunday of October (the rule in
/// force since 1996).
package enum CivilTime {
    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    package static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The year, month and day of a day number.
    package static func civil(_ dayNumber: Int) -> (year: Int, month: Int, day: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// The last Sunday of a month, as a day number.
    private static func lastSunday(year: Int, month: Int, lastDay: Int) -> Int {
        let d = dayNumber(year: year, month: month, day: lastDay)
        // 1970-01-01 was a Thursday: weekday 0 = Sunday.
        let weekday = ((d + 4) % 7 + 7) % 7
        return d - weekday
    }

    /// Seconds to add to UTC for UK civil time at `utc`: 3600 in British Summer Time, else 0.
    package static func ukOffset(utc: Int64) -> Int64 {
        let day = Int(floorDiv(utc, 86_400))
        let year = civil(day).year
        let start = Int64(lastSunday(year: year, month: 3, lastDay: 31)) * 86_400 + 3600
        let end = Int64(lastSunday(year: year, month: 10, lastDay: 31)) * 86_400 + 3600
        return (utc >= start && utc < end) ? 3600 : 0
    }

    /// Today's day number on the UK clock (Europe/London: BST in summer), whatever the
    /// computer's time zone: the date an action update takes by default and the date an
    /// output says it was generated or published. At 23:30 UTC on 1 July it is already
    /// 2 July in the UK; at 23:30 UTC on 1 January it is still 1 January.
    package static func today(now: Date = Date()) -> Int {
        let utc = Int64(now.timeIntervalSince1970.rounded(.down))
        return day(wallClock: utc + ukOffset(utc: utc))
    }

    /// `YYYY-MM-DD` for a day number.
    package static func isoDate(_ dayNumber: Int) -> String {
        let (y, m, d) = civil(dayNumber)
        // Written straight into the string's storage (an import does this a million times).
        return String(unsafeUninitializedCapacity: 10) { bytes in
            writeDate(y, m, d, into: bytes)
            return 10
        }
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` (UTC) for seconds since 1970.
    package static func isoTimestamp(utc: Int64) -> String {
        timestamp(utc, separator: 84, zulu: true) // T
    }

    /// Seconds since 1970 of a strict `YYYY-MM-DDTHH:MM:SSZ` (as ``isoTimestamp(utc:)``
    /// writes it), or `nil` when it is not one.
    package static func parseISOTimestamp(_ text: String) -> Int64? {
        let b = Array(text.utf8)
        guard b.count == 20, b[10] == 84, b[13] == 58, b[16] == 58, b[19] == 90, // T : : Z
            let day = parseISODate(String(decoding: b[0..<10], as: UTF8.self))
        else { return nil }
        var seconds: Int64 = 0
        for (start, limit, scale) in [(11, 24, 3600), (14, 60, 60), (17, 60, 1)] {
            guard (48...57).contains(b[start]), (48...57).contains(b[start + 1]) else { return nil }
            let v = Int(b[start] - 48) * 10 + Int(b[start + 1] - 48)
            guard v < limit else { return nil }
            seconds += Int64(v * scale)
        }
        return Int64(day) * 86_400 + seconds
    }

    /// `YYYY-MM-DD HH:MM:SS`, or with `T` and a final `Z`.
    private static func timestamp(_ t: Int64, separator: UInt8, zulu: Bool) -> String {
        let day = floorDiv(t, 86_400)
        let secondOfDay = Int(t - day * 86_400)
        let (y, m, d) = civil(Int(day))
        let count = zulu ? 20 : 19
        return String(unsafeUninitializedCapacity: count) { bytes in
            writeDate(y, m, d, into: bytes)
            bytes[10] = separator
            write2(secondOfDay / 3600, into: bytes, at: 11)
            bytes[13] = 58
            write2(secondOfDay / 60 % 60, into: bytes, at: 14)
            bytes[16] = 58
            write2(secondOfDay % 60, into: bytes, at: 17)
            if zulu { bytes[19] = 90 } // Z
            return count
        }
    }

    /// The day number of a strict `YYYY-MM-DD` date, or `nil` when it is not one.
    package static func parseISODate(_ text: String) -> Int? {
        let b = Array(text.utf8)
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        func digits(_ range: Range<Int>) -> Int? {
            var v = 0
            for i in range {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10),
            (1...12).contains(m), d >= 1, d <= daysInMonth(year: y, month: m)
        else { return nil }
        return dayNumber(year: y, month: m, day: d)
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1-12) of `year`.
    package static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The English name of month `m` (1-12).
    package static func monthName(_ m: Int) -> String {
        [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ][max(0, min(11, m - 1))]
    }

    /// `2021-07-01 09:30:00` for a UK wall-clock timestamp (seconds since 1970 read as if UTC).
    package static func wallClockText(_ t: Int64) -> String {
        timestamp(t, separator: 32, zulu: false)
    }

    /// The day number of a UK wall-clock timestamp (seconds since 1970 read as if UTC).
    package static func day(wallClock t: Int64) -> Int {
        Int(floorDiv(t, 86_400))
    }

    /// `YYYY-MM-DD` into the first ten bytes.
    private static func writeDate(_ y: Int, _ m: Int, _ d: Int, into bytes: UnsafeMutableBufferPointer<UInt8>) {
        write4(y, into: bytes, at: 0)
        bytes[4] = 45
        write2(m, into: bytes, at: 5)
        bytes[7] = 45
        write2(d, into: bytes, at: 8)
    }

    private static func write2(_ v: Int, into bytes: UnsafeMutableBufferPointer<UInt8>, at i: Int) {
        bytes[i] = UInt8(48 + v / 10 % 10)
        bytes[i + 1] = UInt8(48 + v % 10)
    }

    private static func write4(_ v: Int, into bytes: UnsafeMutableBufferPointer<UInt8>, at i: Int) {
        bytes[i] = UInt8(48 + v / 1000 % 10)
        bytes[i + 1] = UInt8(48 + v / 100 % 10)
        bytes[i + 2] = UInt8(48 + v / 10 % 10)
        bytes[i + 3] = UInt8(48 + v % 10)
    }
}
