// The JSON shapes of baselines and targets match the definition format, so that
// `engage survey show --format json` reads like the file a user writes.

extension Baseline {
    private enum Keys: String, CodingKey { case period, from, to, label, published, positive, substantive }

    /// Writes the baseline in the shape the definition format uses.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .period(let label):
            try c.encode(label, forKey: .period)
        case .range(let from, let to, let label):
            try c.encode(from, forKey: .from)
            try c.encode(to, forKey: .to)
            try c.encodeIfPresent(label, forKey: .label)
        case .published(let percent, let positive, let substantive, let label):
            try c.encode(percent, forKey: .published)
            try c.encodeIfPresent(positive, forKey: .positive)
            try c.encodeIfPresent(substantive, forKey: .substantive)
            try c.encodeIfPresent(label, forKey: .label)
        }
    }

    /// Plain-English description ("autumn 2019", "published 58% (30 of 52)").
    public var displayText: String {
        switch self {
        case .period(let label): return label
        case .range(let from, let to, let label): return label.map { "\($0) (\(from) to \(to))" } ?? "\(from) to \(to)"
        case .published(let percent, let positive, let substantive, let label):
            let counts = positive.flatMap { p in substantive.map { " (\(p) of \($0))" } } ?? " (no counts published)"
            return (label.map { "\($0): " } ?? "published ") + NumberText.plain(percent) + "%" + counts
        }
    }
}

extension Target {
    private enum Keys: String, CodingKey { case atLeast, increaseOnBaseline, atLeastComparator }

    /// Writes the target in the shape the definition format uses.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        switch self {
        case .atLeast(let percent): try c.encode(percent, forKey: .atLeast)
        case .increaseOnBaseline: try c.encode(true, forKey: .increaseOnBaseline)
        case .atLeastComparator(let name): try c.encode(name, forKey: .atLeastComparator)
        }
    }

    /// Plain-English description ("at least 80%", "increase on baseline", "at least England").
    public var displayText: String {
        switch self {
        case .atLeast(let percent): return "at least \(NumberText.plain(percent))%"
        case .increaseOnBaseline: return "increase on baseline"
        case .atLeastComparator(let name): return "at least \(name)"
        }
    }
}
