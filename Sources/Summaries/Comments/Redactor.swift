import Foundation

/// Removes personal details from free text before it may be quoted: e-mail addresses,
/// UK phone numbers, UK postcodes, web addresses, NHS numbers, and the respondent's
/// own names as given in the export's name columns. Each becomes "[removed]".
///
/// Patterns are deliberately broad (a false "[removed]" costs little; a leaked phone
/// number costs a lot) but leave ordinary figures alone: "20 weeks", "2021-22",
/// "75%", dates such as 12/08/2021.
public struct Redactor: Sendable {
    public static let marker = "[removed]"

    /// Names from the export (first name, last name, full name); one-letter names are ignored.
    public var names: [String]

    public init(names: [String] = []) {
        self.names = names
    }

    static let patterns: [NSRegularExpression] = [
        // E-mail addresses.
        #"[A-Za-z0-9._%+\-']+\s*@\s*[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+"#,
        // Web addresses. Case is ignored only where it matters: ICU closes every class
        // under case when `(?i)` covers it, which for `[^\s<>"]` is most of Unicode and
        // was a tenth of `engage demo`'s time. `[A-Za-z\u017F\u212A]` is what `(?i)[a-z]`
        // matches (long s and the Kelvin sign fold to s and k).
        #"\b(?i:https?://|www\.)[^\s<>"]+"#,
        #"\b[A-Za-z\u017F\u212A0-9\-]+(\.[A-Za-z\u017F\u212A0-9\-]+)*\.(?i:co\.uk|org\.uk|gov\.uk|nhs\.uk|ac\.uk|com|org|net|uk)(/[^\s<>"]*)?\b"#,
        // UK phone numbers: +44 / 0044 / 0 followed by 9-10 more digits, with spaces, dashes, dots or brackets.
        #"(?<![\d])(\+\s*44|0044|\(?0)[\s\-.()]*\d(?:[\s\-.()]*\d){8,10}(?![\d])"#,
        // NHS numbers: 10 digits, optionally 3-3-4 with spaces or dashes.
        #"(?<![\d])\d{3}[\s\-]?\d{3}[\s\-]?\d{4}(?![\d])"#,
        // UK postcodes (any case, space optional), including GIR 0AA.
        #"(?i)\b(GIR\s?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// The text with personal details replaced.
    public func redact(_ text: String) -> String {
        var result = text
        for pattern in Self.patterns {
            result = pattern.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result),
                                                      withTemplate: NSRegularExpression.escapedTemplate(for: Self.marker))
        }
        for name in names.flatMap({ $0.split(whereSeparator: { $0 == " " || $0 == "," }) }).map(String.init)
            where name.count > 1 && name.rangeOfCharacter(from: .letters) != nil {
            let escaped = NSRegularExpression.escapedPattern(for: name)
            // `\u0345` is what `(?i)` adds to `\p{L}` (it folds to a Greek iota).
            if let regex = try? NSRegularExpression(pattern: "(?<![\\p{L}\\u0345])(?i:" + escaped + ")(?![\\p{L}\\u0345])") {
                result = regex.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result),
                                                        withTemplate: NSRegularExpression.escapedTemplate(for: Self.marker))
            }
        }
        // "[removed] [removed]" reads better as one.
        while result.contains("\(Self.marker) \(Self.marker)") {
            result = result.replacingOccurrences(of: "\(Self.marker) \(Self.marker)", with: Self.marker)
        }
        return result
    }
}
