extension ImportSummary {
    /// The one-line outcome officers read after an import, e.g.
    /// `imported 212 responses (31 already present, 2 set aside: incomplete, 1 rejected: see engage rejects 7)`.
    public var sentence: String {
        var parts: [String] = []
        if alreadyPresent > 0 { parts.append("\(alreadyPresent) already present") }
        if !conflictsKept.isEmpty {
            parts.append("\(conflictsKept.count) changed since imported: stored version kept, use --replace-changed to take the new one")
        }
        if !conflictsReplaced.isEmpty { parts.append("\(conflictsReplaced.count) changed since imported: replaced") }
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
    public var landedResponses: Bool {
        accepted + alreadyPresent + conflictsKept.count + conflictsReplaced.count > 0
    }
}
