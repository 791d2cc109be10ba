import Testing

@testable import ResponseStore

@Suite("Answer tallies")
struct AnswerTallyTests {
    @Test("adds and subtracts exactly as a dictionary would, with missing days and options, negative days and growth")
    func matchesDictionary() {
        var tally = AnswerTally()
        var expected: [AnswerTally.Key: Int] = [:]
        var state: UInt64 = 42
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        for _ in 0..<50_000 {
            let question = Int64(1 + next(9))
            let day: Int? = next(10) == 0 ? nil : Int(next(3_000)) - 500
            let option: Int64? = next(7) == 0 ? nil : Int64(next(40))
            let n = next(5) == 0 ? -1 : 1
            tally.add(question: question, day: day, option: option, n)
            expected[AnswerTally.Key(question: question, day: day, option: option), default: 0] += n
        }
        #expect(tally.changes == expected.filter { $0.value != 0 })
        #expect(tally.changes.count > 10_000) // the table grew many times
        // A key with no day differs from day 0, and no option from option 0.
        var small = AnswerTally()
        small.add(question: 1, day: nil, option: nil)
        small.add(question: 1, day: 0, option: 0, 2)
        small.add(question: 1, day: nil, option: 0, 3)
        #expect(
            small.changes == [
                AnswerTally.Key(question: 1, day: nil, option: nil): 1,
                AnswerTally.Key(question: 1, day: 0, option: 0): 2,
                AnswerTally.Key(question: 1, day: nil, option: 0): 3,
            ])
    }
}
