import Testing

@testable import ResponseIngestion

/// Every row's `RowInterpreter.Result` is copied several times on its way from a worker
/// to the reading thread. At 130 bytes (before `IngestedResponse.submittedPrecision`
/// moved beside `identity`) the compiler copied it with a `memcpy` call, eight a row:
/// callgrind counted 4.2 % more instructions for `engage inspect` than at 122 bytes,
/// where it is moved inline. A field added to `IngestedResponse` or `Identity` that
/// makes it bigger fails here, so that its cost is measured before it lands
/// (docs/internals.md, "Sharp edges" and invariant 15).
struct RowResultLayoutTests {
    @Test("a row's result stays small enough to be moved inline (122 bytes)")
    func rowResultStaysSmall() {
        #expect(MemoryLayout<RowInterpreter.Result>.size <= 122)
        #expect(MemoryLayout<IngestedResponse>.size <= 80)
    }
}
