import SurveyDefinition

/// Reads the timestamps survey platforms write: `28/10/2019 15:03:45`,
/// `10/28/2019 3:03:45 PM`, `2020/10/30 3:08:44 PM GMT+1`, `2017-07-18 08:28:09`,
/// `2021-07-01T09:30:00Z`, `7/2/20 11:00`, or a bare date.
///
/// The result is local UK wall-clock time as seconds since 1970 "as if UTC": a time
/// written with an offset (`GMT+1`, `+01:00`, `Z`) is converted to UK time (GMT in
/// winter, BST in summer), so a response belongs to the day and period a person in
/// the UK would say it was submitted.
struct TimestampParser: Sendable {
    /// A timestamp split into its numbers before the date order is known.
    struct Parts: Sendable, Equatable {
        var a: Int, b: Int, c: Int
        /// True when the first component has four digits (y/m/d).
        var yearFirst: Bool
        var seconds: Int
        /// Offset from UTC in seconds when the text gave one.
        var offset: Int?
        /// Whether the text gave a time of day (not a bare date).
        var hasTime = false
        /// Whether the time of day had seconds (Excel's re-saved `17:54` has not).
        var hasSeconds = false
    }

    enum Failure: Error, Equatable {
        case unreadable
        case impossible(String)
    }

    /// Splits a timestamp into numbers; `nil` when the text is not a timestamp.
    static func split(_ text: String) -> Parts? {
        var text = text
        return text.withUTF8 { split(bytes: $0) }
    }

    /// Splits a timestamp given as UTF-8 bytes (a cell straight from the reader).
    static func split(bytes all: UnsafeBufferPointer<UInt8>) -> Parts? {
        var lo = 0
        var hi = all.count
        while lo < hi, all[lo] == 0x20 || all[lo] == 0x09 { lo += 1 }
        while hi > lo, all[hi - 1] == 0x20 || all[hi - 1] == 0x09 { hi -= 1 }
        if lo == hi { return nil }
        let bytes = UnsafeBufferPointer(rebasing: all[lo..<hi])
        var i = bytes.startIndex
        func number(maxDigits: Int) -> (Int, Int)? {
            var value = 0
            var digits = 0
            while i < bytes.endIndex, bytes[i] >= 0x30, bytes[i] <= 0x39, digits < maxDigits {
                value = value * 10 + Int(bytes[i] - 0x30)
                digits += 1
                i += 1
            }
            return digits == 0 ? nil : (value, digits)
        }
        guard let (a, aDigits) = number(maxDigits: 4), i < bytes.endIndex else { return nil }
        let sep = bytes[i]
        guard sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") || sep == UInt8(ascii: ".") else { return nil }
        i += 1
        guard let (b, _) = number(maxDigits: 2), i < bytes.endIndex, bytes[i] == sep else { return nil }
        i += 1
        guard let (c, cDigits) = number(maxDigits: 4) else { return nil }
        if aDigits == 3 || cDigits == 3 || (aDigits == 4 && cDigits == 4) { return nil }
        var seconds = 0
        var offset: Int?
        var hasTime = false
        var hasSeconds = false
        // Time part.
        if i < bytes.endIndex {
            guard bytes[i] == 0x20 || bytes[i] == UInt8(ascii: "T") else { return nil }
            while i < bytes.endIndex, bytes[i] == 0x20 || bytes[i] == UInt8(ascii: "T") { i += 1 }
            if i < bytes.endIndex {
                guard var (h, _) = number(maxDigits: 2) else { return nil }
                var m = 0
                var s = 0
                if i < bytes.endIndex, bytes[i] == UInt8(ascii: ":") {
                    i += 1
                    guard let (mm, _) = number(maxDigits: 2) else { return nil }
                    m = mm
                    if i < bytes.endIndex, bytes[i] == UInt8(ascii: ":") {
                        i += 1
                        guard let (ss, _) = number(maxDigits: 2) else { return nil }
                        s = ss
                        hasSeconds = true
                        // Fractions of a second.
                        if i < bytes.endIndex, bytes[i] == UInt8(ascii: ".") {
                            i += 1
                            _ = number(maxDigits: 9)
                        }
                    }
                } else {
                    return nil
                }
                while i < bytes.endIndex, bytes[i] == 0x20 { i += 1 }
                // AM / PM.
                if i + 1 < bytes.endIndex || (i < bytes.endIndex && bytes.endIndex - i >= 2) {
                    let w0 = bytes[i] | 0x20
                    if w0 == UInt8(ascii: "a") || w0 == UInt8(ascii: "p"), i + 1 < bytes.endIndex,
                        (bytes[i + 1] | 0x20) == UInt8(ascii: "m")
                    {
                        guard h >= 1 && h <= 12 else { return nil }
                        if w0 == UInt8(ascii: "a") { h = h == 12 ? 0 : h } else { h = h == 12 ? 12 : h + 12 }
                        i += 2
                        while i < bytes.endIndex, bytes[i] == 0x20 { i += 1 }
                    }
                }
                guard h < 24, m < 60, s < 61 else { return nil }
                seconds = h * 3600 + m * 60 + min(s, 59)
                hasTime = true
                // Zone: Z, UTC, GMT, GMT+1, BST, +01:00, +0100.
                if i < bytes.endIndex {
                    let rest = String(decoding: bytes[i...], as: UTF8.self).uppercased()
                    guard let parsed = parseZone(rest) else { return nil }
                    offset = parsed
                }
            }
        }
        return Parts(
            a: a, b: b, c: c, yearFirst: aDigits == 4, seconds: seconds, offset: offset, hasTime: hasTime,
            hasSeconds: hasSeconds)
    }

    static func parseZone(_ text: String) -> Int? {
        var t = Substring(text)
        if t == "Z" || t == "UTC" || t == "GMT" || t == "UT" { return 0 }
        if t == "BST" { return 3600 }
        if t.hasPrefix("GMT") || t.hasPrefix("UTC") { t = t.dropFirst(3) }
        guard let sign = t.first, sign == "+" || sign == "-" else { return nil }
        t = t.dropFirst()
        let digits = t.filter { $0 != ":" }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), digits.count <= 4 else {
            return nil
        }
        let split = digits.count <= 2 ? digits.count : digits.count - 2
        guard let hours = Int(digits.prefix(split)), let minutes = split == digits.count ? 0 : Int(digits.suffix(2)),
            hours <= 14, minutes < 60
        else { return nil }
        return (sign == "+" ? 1 : -1) * (hours * 3600 + minutes * 60)
    }

    /// What the parts say about the order: `.dmy` when the first number is above 12,
    /// `.mdy` when the second is, `nil` when either reading works.
    static func evidence(_ p: Parts) -> DateOrder? {
        if p.yearFirst { return .ymd }
        if p.a > 12 && p.b <= 12 { return .dmy }
        if p.b > 12 && p.a <= 12 { return .mdy }
        return nil
    }

    /// The UK wall-clock timestamp for the parts read in the given order.
    static func resolve(_ p: Parts, order: DateOrder) throws(Failure) -> Int64 {
        var year: Int
        var month: Int
        var day: Int
        if p.yearFirst {
            (year, month, day) = (p.a, p.b, p.c)
        } else {
            switch order {
            case .dmy, .ymd: (day, month, year) = (p.a, p.b, p.c)
            case .mdy: (month, day, year) = (p.a, p.b, p.c)
            }
        }
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        guard (1...12).contains(month) else { throw .impossible("there is no month \(month)") }
        guard day >= 1 && day <= CivilTime.daysInMonth(year: year, month: month) else {
            throw .impossible("\(CivilTime.monthName(month)) \(year) has no day \(day)")
        }
        guard (1900...2200).contains(year) else { throw .impossible("the year \(year) is out of range") }
        var utc = Int64(CivilTime.dayNumber(year: year, month: month, day: day)) * 86_400 + Int64(p.seconds)
        guard let offset = p.offset else { return utc }
        utc -= Int64(offset)
        return utc + Int64(CivilTime.ukOffset(utc: utc))
    }
}
