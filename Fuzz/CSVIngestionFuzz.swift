// libFuzzer target: the CSV reader with format detection, column planning and row
// interpretation (everything `engage inspect` does), on arbitrary bytes. It must never
// crash, hang or trap, and its accounting must always balance.
import Foundation
import ResponseIngestion
import SurveyDefinition

let survey = try! SurveyLoader().load(
    text: StandardSurveys.text(id: "ehcp-parent-carer")!, file: "ehcp-parent-carer.json")
let path = NSTemporaryDirectory() + "engage-fuzz-\(getpid()).csv"

/// libFuzzer's entry point: runs one input (`data`, `size` bytes) and returns 0.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    // Small chunks and batches put buffer refills and worker hand-offs everywhere.
    if let failure = FuzzInspection.failure(path: path, survey: survey, size: size) { fatalError(failure) }
    return 0
}
