import Foundation
import SurveyDefinition

/// Times written in a named time zone (Qualtrics says which in its third header row),
/// converted to UK wall-clock time as ``IngestedResponse/submitted`` keeps them. The
/// zone rules are the operating system's (tzdata), through Foundation's `TimeZone`.
enum TimeZones {
    /// The zone for an IANA name, or "Z" / "UTC" / "GMT"; `nil` when unknown.
    static func zone(_ name: String) -> TimeZone? {
        switch name.uppercased() {
        case "Z", "UTC", "GMT", "ETC/UTC", "ETC/GMT": return TimeZone(secondsFromGMT: 0)
        default: return TimeZone(identifier: name)
        }
    }

    /// Whether times in this zone are already UK wall-clock time.
    static func isUK(_ name: String) -> Bool {
        ["europe/london", "gb", "gb-eire", "europe/belfast"].contains(name.lowercased())
    }

    /// The UK wall-clock time of `wallClock` (seconds since 1970 as if UTC) read in `zone`.
    /// Around a change of the clocks, a time that does not exist (or exists twice) in the
    /// zone is read with the offset in force just before the change.
    static func ukWallClock(_ wallClock: Int64, in zone: TimeZone) -> Int64 {
        let first = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wallClock))))
        var utc = wallClock - first
        let second = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc))))
        if second != first { utc = wallClock - second }
        return utc + Int64(CivilTime.ukOffset(utc: utc))
    }
}
