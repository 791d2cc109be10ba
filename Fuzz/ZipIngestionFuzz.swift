// libFuzzer target: the zip reader (central directory, zip64, members streamed and
// inflated through zlib, the limits) and the recognition of what a file is (workbook,
// zip download, legacy or encrypted Office file), on arbitrary bytes given as a file,
// followed by everything `engage inspect` does. It must never crash, hang or trap, and
// its accounting must always balance.
import Foundation
import ResponseIngestion
import SurveyDefinition

let survey = try! SurveyLoader().load(
    text: StandardSurveys.text(id: "ehcp-parent-carer")!, file: "ehcp-parent-carer.json")
let path = NSTemporaryDirectory() + "engage-fuzz-zip-\(getpid()).zip"

/// libFuzzer's entry point: runs one input (`data`, `size` bytes) and returns 0.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FileManager.default.createFile(atPath: path, contents: Data(bytes: data, count: size))
    if let failure = FuzzInspection.failure(path: path, survey: survey, size: size) { fatalError(failure) }
    return 0
}
