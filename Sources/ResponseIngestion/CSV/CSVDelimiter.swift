/// The character that separates fields: detected from the first records, or given.
public enum CSVDelimiter: UInt8, Sendable, Hashable, CaseIterable {
    case comma = 0x2C
    case semicolon = 0x3B
    case tab = 0x09
    case pipe = 0x7C

    /// The byte value.
    public var byte: UInt8 { rawValue }

    /// A human name for reports ("comma", "semicolon", "tab", "pipe").
    public var name: String {
        switch self {
        case .comma: return "comma"
        case .semicolon: return "semicolon"
        case .tab: return "tab"
        case .pipe: return "pipe"
        }
    }

    /// Picks the delimiter from the first records of decoded text, counting candidates
    /// outside quotes. The winner is the candidate that splits the most following
    /// records into as many fields as the first record (so commas inside unquoted
    /// question text of a `;` file do not win), then the one with most fields.
    /// - Parameters:
    ///   - isWholeInput: whether `text` is all of the input (else its last, possibly
    ///     cut-off, record is ignored).
    ///   - fallback: what to use when no candidate appears at all.
    static func detect(in text: UnsafeBufferPointer<UInt8>, isWholeInput: Bool, fallback: CSVDelimiter) -> CSVDelimiter
    {
        let candidates = CSVDelimiter.allCases
        var rows: [[Int]] = []
        var counts = [Int](repeating: 0, count: candidates.count)
        var inQuotes = false
        var i = 0
        let n = text.count
        var sawContent = false
        while i < n && rows.count < 20 {
            let b = text[i]
            if b == 0x22 {
                inQuotes.toggle()
                sawContent = true
            } else if !inQuotes && (b == 0x0A || b == 0x0D) {
                if sawContent { rows.append(counts) }
                counts = [Int](repeating: 0, count: candidates.count)
                sawContent = false
            } else {
                sawContent = true
                if !inQuotes, let k = candidates.firstIndex(where: { $0.rawValue == b }) { counts[k] += 1 }
            }
            i += 1
        }
        if i >= n && isWholeInput && sawContent && rows.count < 20 { rows.append(counts) }
        guard let header = rows.first else { return fallback }
        var best: (candidate: CSVDelimiter, consistent: Int, fields: Int)?
        for (k, candidate) in candidates.enumerated() where header[k] > 0 {
            let consistent = rows.dropFirst().filter { $0[k] == header[k] }.count
            if let b = best, (b.consistent, b.fields) >= (consistent, header[k]) { continue }
            best = (candidate, consistent, header[k])
        }
        return best?.candidate ?? fallback
    }
}
