// libFuzzer target: the workbook reader (the XML scanner, shared strings, number
// formats and dates, the sheet's rows written out as records) on arbitrary XML. The
// input is split at the first two 0x00 bytes into the sheet, the shared strings and the
// styles, which are packed (deflated, so the fuzzer's changes reach the XML rather than
// breaking a checksum) into an otherwise well-formed workbook, then read as `engage
// inspect` does. It must never crash, hang or trap, and its accounting must balance.
import Foundation
import ResponseIngestion
import SurveyDefinition

let survey = try! SurveyLoader().load(text: StandardSurveys.text(id: "ehcp-parent-carer")!, file: "ehcp-parent-carer.json")
let path = NSTemporaryDirectory() + "engage-fuzz-workbook-\(getpid()).xlsx"
let relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
let fixed: [(String, String)] = [
    ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
    ("_rels/.rels", "<Relationships><Relationship Id=\"rId1\" Type=\"\(relations)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
    ("xl/workbook.xml", "<workbook xmlns:r=\"\(relations)\"><sheets><sheet name=\"Form1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
    ("xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Type=\"\(relations)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"\(relations)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"\(relations)/styles\" Target=\"styles.xml\"/></Relationships>"),
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let parts = input.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
    var zip = ZipWriter()
    for (name, text) in fixed { zip.add(name, Array(text.utf8)) }
    zip.add("xl/worksheets/sheet1.xml", parts[0])
    if parts.count > 1 { zip.add("xl/sharedStrings.xml", parts[1]) }
    if parts.count > 2 { zip.add("xl/styles.xml", parts[2]) }
    _ = FileManager.default.createFile(atPath: path, contents: Data(zip.finished()))
    var options = IngestionOptions(now: 1_900_000_000)
    options.chunkSize = 1 + size % 97
    options.batchSize = 1 + size % 5
    do {
        let report = try Ingestor(survey: survey, options: options).inspect(path: path)
        if !report.balances { fatalError("accepted + set aside + rejected != rows read") }
        _ = report.text()
    } catch is IngestionError {
        // A clear refusal is a correct answer.
    } catch {
        fatalError("unexpected error type: \(error)")
    }
    return 0
}
