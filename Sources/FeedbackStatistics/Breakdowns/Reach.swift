/// Who answered, against who could have: responses per group compared with the
/// population's shares (e.g. pupils with EHC plans by school phase).
///
/// A group is flagged as under-represented when the upper end of the Wilson interval
/// for its share of responses is below its share of the population: the shortfall is
/// larger than chance alone would explain.
public struct Reach: Sendable, Equatable, Codable {
    /// One group: its responses, its share of them and the population's share.
    public struct Row: Sendable, Equatable, Codable {
        /// The group's name (a segment option or a source).
        public var group: String
        /// Responses from the group.
        public var responses: Int
        /// The group's share of all responses.
        public var share: Proportion
        /// The Wilson interval of the group's share of responses.
        public var interval: Interval?
        /// The population share, 0-100.
        public var populationPercent: Double?
        /// Whether the interval's upper end is below the population share.
        public var underRepresented: Bool
    }

    /// One row per group, in name order.
    public var rows: [Row]

    /// `responses` per group; `populationPercent` per group (0-100). Groups in either
    /// list appear.
    package init(responses: [String: Int], populationPercent: [String: Double], z: Double = Wilson.z95) {
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
    /// Responses received in the period.
    public var responses: Int
    /// People who could have answered.
    public var eligible: Int
    /// Responses out of the eligible (responses capped at the eligible).
    public var rate: Proportion
    /// The Wilson interval of the rate.
    public var interval: Interval?

    /// The rate of `responses` among `eligible`; `nil` when no one was eligible.
    package init?(responses: Int, eligible: Int, z: Double = Wilson.z95) {
        guard eligible > 0 else { return nil }
        self.responses = responses
        self.eligible = eligible
        rate = Proportion(positive: min(responses, eligible), total: eligible)
        interval = rate.wilson(z: z)
    }
}
