import Foundation
import Testing

@testable import SurveyDefinition

@Suite("Today on the UK clock")
struct CivilTimeTests {
    /// Instants (seconds since 1970, UTC) and the UK date at each, read from Python's
    /// `zoneinfo` (Europe/London), not from engage.
    @Test(
        "today is the date on a UK clock: BST moves late evening UTC to the next day in summer, never in winter",
        arguments: [
            (1_782_948_600, "2026-07-02"), // 2026-07-01 23:30 UTC = 00:30 BST on 2 July
            (1_767_310_200, "2026-01-01"), // 2026-01-01 23:30 UTC = 23:30 GMT
            (1_782_860_399, "2026-06-30"), // 2026-06-30 22:59:59 UTC = 23:59:59 BST
            (1_774_740_600, "2026-03-28"), // the night before BST starts: still GMT
            (1_774_745_999, "2026-03-29"), // 00:59:59 UTC on the day BST starts: GMT
            (1_774_827_000, "2026-03-30"), // 2026-03-29 23:30 UTC, the first evening of BST
            (1_792_882_800, "2026-10-25"), // 2026-10-24 23:00 UTC = midnight BST
            (1_792_889_999, "2026-10-25"), // the last second of BST
            (1_792_971_000, "2026-10-25"), // 2026-10-25 23:30 UTC, back on GMT
            (1_798_761_599, "2026-12-31"), // the last second of the year, GMT
        ])
    func todayIsTheUKDate(utc: Int, expected: String) {
        #expect(CivilTime.isoDate(CivilTime.today(now: Date(timeIntervalSince1970: TimeInterval(utc)))) == expected)
    }

    @Test("a moment within a second is on the same UK day as the second it falls in")
    func fractionsOfASecond() {
        // 2026-06-30 22:59:59.9 UTC is still 30 June in the UK, never rounded into 1 July.
        #expect(CivilTime.isoDate(CivilTime.today(now: Date(timeIntervalSince1970: 1_782_860_399.9))) == "2026-06-30")
    }

    @Test(
        "a timestamp engage wrote reads back as its seconds since 1970; anything else is not one",
        arguments: [
            ("2026-12-05T10:00:00Z", 1_796_464_800 as Int64?), // values from Python's datetime
            ("1970-01-01T00:00:00Z", 0),
            ("2024-02-29T23:59:59Z", 1_709_251_199),
            ("1969-12-31T23:59:59Z", -1),
            ("2026-12-05T10:00:00", nil),
            ("2026-12-05 10:00:00Z", nil),
            ("2026-12-05T24:00:00Z", nil),
            ("2026-12-05T10:60:00Z", nil),
            ("2023-02-29T10:00:00Z", nil),
            ("2026-12-05T1a:00:00Z", nil),
            ("2026-12-05T10:00:00+01:00", nil),
        ])
    func timestamps(text: String, seconds: Int64?) {
        #expect(CivilTime.parseISOTimestamp(text) == seconds)
        if let seconds { #expect(CivilTime.isoTimestamp(utc: seconds) == text) }
    }
}
