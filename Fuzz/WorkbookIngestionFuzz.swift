// libFuzzer target: the workbook reader (the XML scanner, shared strings, number
// formats and dates, the sheet's rows written out as records) on arbitrary XML. The
// input is split at the first two 0x00 bytes into the sheet, the shared strings and the
// styles, which are packed (deflated, so the fuzzer's changes reach the XML rather than
// breaking a checksum) into an otherwise well-formed workbook, then read as `engage
// inspect` does. It must never crash, hang or trap, and its accounting must balance.
import Foundation
import ResponseIngestion
import SurveyDefinition

let survey = try! SurveyLoader().load(
    text: StandardSurveys.text(id: "ehcp-parent-carer")!, file: "ehcp-parent-carer.json")
let path = NSTemporaryDirectory() + "engage-fuzz-workbook-\(getpid()).xlsx"

/// libFuzzer's entry point: runs one input (`data`, `size` bytes) and returns 0.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let workbook = WorkbookFuzzInput.workbook(from: Array(UnsafeBufferPointer(start: data, count: size)))
    _ = FileManager.default.createFile(atPath: path, contents: Data(workbook))
    if let failure = FuzzInspection.failure(path: path, survey: survey, size: size) { fatalError(failure) }
    return 0
}
