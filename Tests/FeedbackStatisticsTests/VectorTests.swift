import Foundation
import Testing

@testable import FeedbackStatistics

/// The reference values (computed independently with scipy), copied from the
/// project's research notes into this test target.
struct Vectors: Decodable {
    struct WilsonCase: Decodable {
        var positive: Int
        var total: Int
        var lower: Double
        var upper: Double
    }
    struct NewcombeCase: Decodable {
        var current: [Int]
        var baseline: [Int]
        var difference: Double
        var lower: Double
        var upper: Double
    }
    struct ZCase: Decodable {
        var current: [Int]
        var baseline: [Int]
        var z: Double
        var p: Double
    }
    struct TrendCase: Decodable {
        var positive: [Int]
        var total: [Int]
        var scores: [Double]
        var z: Double
        var chiSquared: Double
        var p: Double
        var slopePerPeriod: Double
    }
    struct RoundingCase: Decodable {
        var positive: Int
        var substantive: Int
        var displayed: String
    }
    var wilson95: [WilsonCase]
    var newcombeHybrid95: [NewcombeCase]
    var twoProportionPooledZ: [ZCase]
    var cochranArmitage: [TrendCase]
    var rounding: [RoundingCase]

    static let shared: Vectors = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/statistics-vectors.json")
        return try! JSONDecoder().decode(Vectors.self, from: Data(contentsOf: url))
    }()
}

@Suite("Statistics reproduce the reference vectors")
struct VectorTests {
    let tolerance = 1e-9

    @Test("the 95% normal quantile is the exact value, not 1.96")
    func quantile() {
        #expect(abs(Normal.z(confidence: 0.95) - 1.959963984540054) < 1e-12)
        #expect(abs(Normal.z(confidence: 0.998) - 3.090232306167813) < 1e-12)
        #expect(abs(Normal.quantile(0.001) + 3.090232306167813) < 1e-12)
    }

    @Test("Wilson score intervals match every vector, with exact 0 and 1 at the boundaries")
    func wilson() throws {
        for c in Vectors.shared.wilson95 {
            let interval = try #require(Wilson.interval(positive: c.positive, total: c.total))
            #expect(abs(interval.lower - c.lower) < tolerance, "\(c.positive)/\(c.total)")
            #expect(abs(interval.upper - c.upper) < tolerance, "\(c.positive)/\(c.total)")
        }
        #expect(Wilson.interval(positive: 0, total: 10)?.lower == 0)
        #expect(Wilson.interval(positive: 10, total: 10)?.upper == 1)
        #expect(Wilson.interval(positive: 0, total: 0) == nil)
    }

    @Test("Newcombe hybrid score intervals (method 10) match every vector")
    func newcombe() throws {
        for c in Vectors.shared.newcombeHybrid95 {
            let change = try #require(
                Change(
                    current: Proportion(positive: c.current[0], total: c.current[1]),
                    baseline: Proportion(positive: c.baseline[0], total: c.baseline[1])))
            #expect(abs(change.difference - c.difference) < tolerance)
            #expect(abs(change.interval.lower - c.lower) < tolerance, "\(c.current) vs \(c.baseline)")
            #expect(abs(change.interval.upper - c.upper) < tolerance, "\(c.current) vs \(c.baseline)")
        }
    }

    @Test("the pooled two-proportion z-test matches every vector")
    func zTest() throws {
        for c in Vectors.shared.twoProportionPooledZ {
            let change = try #require(
                Change(
                    current: Proportion(positive: c.current[0], total: c.current[1]),
                    baseline: Proportion(positive: c.baseline[0], total: c.baseline[1])))
            #expect(abs((change.z ?? .nan) - c.z) < tolerance, "\(c.current) vs \(c.baseline)")
            // Relative tolerance: one p-value is 1.6e-121.
            #expect(abs(change.p - c.p) <= max(tolerance * c.p, 1e-15), "\(c.current) vs \(c.baseline): \(change.p)")
        }
    }

    @Test("Cochran-Armitage matches the vector: z, chi-squared, p and slope")
    func trend() throws {
        for c in Vectors.shared.cochranArmitage {
            let periods = zip(c.positive, c.total).map { Proportion(positive: $0, total: $1) }
            let test = try #require(CochranArmitage(periods, scores: c.scores))
            #expect(abs(test.z - c.z) < tolerance)
            #expect(abs(test.chiSquared - c.chiSquared) < tolerance)
            #expect(abs(test.p - c.p) < tolerance)
            #expect(abs(test.slopePerPeriod - c.slopePerPeriod) < tolerance)
            // Scores 0,1,2,3 are a linear shift: the same test.
            let shifted = try #require(CochranArmitage(periods))
            #expect(abs(shifted.z - c.z) < tolerance)
        }
    }

    @Test("displayed percentages round half away from zero, from the integers")
    func rounding() {
        for c in Vectors.shared.rounding {
            #expect(Proportion(positive: c.positive, total: c.substantive).wholePercent.map { "\($0)%" } == c.displayed)
        }
        #expect(Proportion(positive: 1, total: 200).wholePercent == 1)
        #expect(Proportion(positive: 0, total: 0).wholePercent == nil)
    }
}
