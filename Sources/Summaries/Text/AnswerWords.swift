/// The words that go with a KPI's figure, so a reader sees who is in the base and who is
/// not: "5 of the 12 who gave a view; 12 more said Don't know". Used wherever a
/// figure is written out in a sentence.
enum AnswerWords {
    /// Not applicable is mentioned when it is at least this share of all the answers (or
    /// there is no base at all).
    static let largeNotApplicable = 0.1

    /// "5 of the 12 who gave a view; 12 more said Don't know", or with Don't know in the
    /// base, "5 of the 24 who answered (12 of them said Don't know, counted as not positive)".
    static func base(_ f: FigureValue, dontKnow: Published<Int>, notApplicable: Published<Int>, includesDontKnow: Bool)
        -> String
    {
        var s: String
        if includesDontKnow {
            s = "\(f.positive) of the \(f.substantive) who answered"
            if let dk = dontKnow.value, dk > 0 { s += ", \(dk) of whom said Don't know (counted as not positive)" }
        } else {
            s = "\(f.positive) of the \(f.substantive) who gave a view"
        }
        let others = self.others(
            dontKnow: dontKnow, notApplicable: notApplicable, base: f.substantive, includesDontKnow: includesDontKnow)
        return others.isEmpty ? s : s + "; " + others
    }

    /// "12 more said Don't know; 8 said Not applicable", what is withheld said so, or "".
    static func others(dontKnow: Published<Int>, notApplicable: Published<Int>, base: Int, includesDontKnow: Bool)
        -> String
    {
        var parts: [String] = []
        if !includesDontKnow {
            if let dk = dontKnow.value {
                if dk > 0 { parts.append("\(dk) \(base > 0 ? "more " : "")said Don't know") }
            } else if let w = dontKnow.withheld {
                parts.append("how many said Don't know is withheld (\(w.symbol))")
            }
        }
        let all = base + (includesDontKnow ? 0 : dontKnow.value ?? 0) + (notApplicable.value ?? 0)
        if let na = notApplicable.value, na > 0, base == 0 || Double(na) >= largeNotApplicable * Double(all) {
            parts.append("\(na) said Not applicable")
        }
        return parts.joined(separator: "; ")
    }
}
