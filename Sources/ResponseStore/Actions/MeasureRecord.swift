/// An administrative measure for one period, e.g. EHC plans issued within 20 weeks in
/// 2020: 86 of 100. The store keeps the figures as given; it computes nothing.
public struct MeasureRecord: Sendable, Equatable {
    /// Stable id of the measure (`ehcp-20-weeks`).
    public var measure: String
    /// The period's label ("2020", "2021-22 Q2").
    public var period: String
    /// How many met the measure, when counts were given.
    public var numerator: Int?
    /// Out of how many.
    public var denominator: Int?
    /// The percentage as published, when one was.
    public var percent: Double?
    /// A note kept with the figure (its source).
    public var note: String?
    /// When it was recorded, `YYYY-MM-DDTHH:MM:SSZ` (set by the store).
    package var recordedAt: String?

    /// A figure for `measure` in `period`, as counts, a percentage, or both.
    public init(
        measure: String, period: String, numerator: Int? = nil, denominator: Int? = nil,
        percent: Double? = nil, note: String? = nil
    ) {
        self.measure = measure
        self.period = period
        self.numerator = numerator
        self.denominator = denominator
        self.percent = percent
        self.note = note
    }
}

extension Store {
    /// Records a measure's figures for a period, replacing earlier figures for the same period.
    package func recordMeasure(_ m: MeasureRecord) throws {
        guard !m.measure.trimmingSpaces.isEmpty else {
            throw StoreError.invalidValue(field: "measure", value: m.measure, expected: "an id such as ehcp-20-weeks")
        }
        guard !m.period.trimmingSpaces.isEmpty else {
            throw StoreError.invalidValue(field: "period", value: m.period, expected: "a period label such as 2020")
        }
        if let n = m.numerator, let d = m.denominator, n < 0 || d < 0 || n > d {
            throw StoreError.invalidValue(
                field: "numerator", value: "\(n) of \(d)", expected: "0 ≤ numerator ≤ denominator")
        }
        if let p = m.percent, !(0...100).contains(p) {
            throw StoreError.invalidValue(field: "percent", value: "\(p)", expected: "a percentage from 0 to 100")
        }
        try db.transaction {
            try db.prepare(
                """
                INSERT INTO measures (measure, period, numerator, denominator, percent, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (measure, period) DO UPDATE SET numerator = excluded.numerator, denominator = excluded.denominator,
                  percent = excluded.percent, note = excluded.note, recorded_at = excluded.recorded_at
                """
            ).run([
                .text(m.measure), .text(m.period), .int(m.numerator), .int(m.denominator), .double(m.percent),
                .string(m.note), .text(nowTimestamp),
            ])
        }
    }

    /// Recorded measures (one measure's when `measure` is given), by measure then period.
    public func measures(_ measure: String? = nil) throws -> [MeasureRecord] {
        try db.prepare(
            """
            SELECT measure, period, numerator, denominator, percent, note, recorded_at FROM measures
            WHERE ?1 IS NULL OR measure = ?1 ORDER BY measure, period
            """
        ).rows([.string(measure)]) { s in
            var m = MeasureRecord(
                measure: s.string("measure"), period: s.string("period"), numerator: s.optionalInt("numerator"),
                denominator: s.optionalInt("denominator"), percent: s.optionalDouble("percent"),
                note: s.optionalString("note"))
            m.recordedAt = s.optionalString("recorded_at")
            return m
        }
    }
}
