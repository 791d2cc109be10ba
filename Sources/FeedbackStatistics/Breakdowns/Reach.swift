/// Who answered, against who could have: responses per group compared with the
/// population's shares (e.g. pupils with EHC plans by school phase).
///
/// A group is flagged as under-represented when the upper end of the Wilson interval
/// for its share of responses is below its share of the population: the shortfall is
/// larger than chance alone would explain.
public struct Reach: Sendable, Equatable, Codable {
    public struct Row: Sendable, Equatable, Codable {
        public var group: String
        public var responses: Int
        /// The group's share of all responses.
        public var share: Proportion
        public var interval: Interval?
        /// The population share, 0-100.
        public var populationPercent: Double?
        public var underRepresented: Bool
    }

    public var rows: [Row]

    /// `responses` per group; `populationPercent` per group (0-100). Groups in either
    /// list appear.
    public init(responses: [String: Int], populationPercent: [String: Double], z: Double = Wilson.z95) {
        let total = responses.values.reduce(0, +)
        let groups = Set(responses.keys).union(populationPercent.keys).sorted()
        rows = groups.map { group in
            let n = responses[group, default: 0]
            let share = Proportion(positive: n, total: total)
            let interval = share.wilson(z: z)
            let population = populationPercent[group]
            let under = population.map { p in interval.map { $0.upper < p / 100 } ?? false } ?? false
            return Row(
                group: group, responses: n, share: share, interval: interval, populationPercent: population,
                underRepresented: under)
        }
    }
}

/// Responses against the number of people who could have answered in a period.
public struct ResponseRate: Sendable, Equatable, Codable {
    public var responses: Int
    public var eligible: Int
    public var rate: Proportion
    public var interval: Interval?

    public init?(responses: Int, eligible: Int, z: Double = Wilson.z95) {
        guard eligible > 0 else { return nil }
        self.responses = responses
        self.eligible = eligible
        rate = Proportion(positive: min(responses, eligible), total: eligible)
        interval = rate.wilson(z: z)
    }
}
