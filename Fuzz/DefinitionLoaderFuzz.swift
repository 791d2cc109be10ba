// libFuzzer target: the survey-definition loader (positioned JSON parser and every
// validation rule) on arbitrary bytes. It must never crash, hang or trap.
import SurveyDefinition

/// libFuzzer's entry point: runs one input (`data`, `size` bytes) and returns 0.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        _ = try SurveyLoader().load(bytes: bytes, file: "fuzz.json")
    } catch {
        _ = error.description
    }
    return 0
}
