extension ImportSummary {
    /// The one-line outcome officers read after an import, e.g.
    /// `imported 212 responses (31 already present, 2 set aside: incomplete, 1 rejected: see engage rejects 7)`.
    public var sentence: String {
        var parts: [String] = []
        if alreadyPresent > 0 {
            var present = "\(alreadyPresent) already present"
            if recognisedByAnswers > 0 {
                present +=
                    ", \(recognisedByAnswers) of them recognised by submitted time and answers as the columns differ from the earlier import's"
            }
            if recognisedOnFewerQuestions > 0 {
                present += ", \(recognisedOnFewerQuestions) compared only on the questions both files have"
            }
            parts.append(present)
        }
        if !conflictsKept.isEmpty {
            parts.append(
                "\(conflictsKept.count) changed since imported: stored version kept; see engage changes \(importID), and to take the new versions: engage undo \(importID), then import again with --replace-changed"
            )
        }
        if !conflictsReplaced.isEmpty {
            parts.append("\(conflictsReplaced.count) changed since imported: replaced; see engage changes \(importID)")
        }
        if setAsideTotal > 0 {
            let reasons = setAside.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .map { setAside.count == 1 ? $0.key : "\($0.value) \($0.key)" }
            parts.append("\(setAsideTotal) set aside: " + reasons.joined(separator: ", "))
        }
        if rejected > 0 { parts.append("\(rejected) rejected: see engage rejects \(importID)") }
        let head = "imported \(accepted) response\(accepted == 1 ? "" : "s")"
        return parts.isEmpty ? head : head + " (" + parts.joined(separator: ", ") + ")"
    }

    /// Whether anything from the file is now in the store or was recognised as already there.
    package var landedResponses: Bool {
        accepted + alreadyPresent + conflictsKept.count + conflictsReplaced.count > 0
    }
}
