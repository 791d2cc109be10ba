/// Turns a fuzzer's bytes into a workbook whose XML they are, so that the workbook
/// fuzz target (Fuzz/WorkbookIngestionFuzz.swift) and the replay of its kept inputs
/// (FuzzRegressionTests) exercise the XML readers rather than the zip checksums. The
/// input is split at its first two NUL bytes into the sheet, the shared strings and the
/// styles; the other parts are fixed and well-formed.
package enum WorkbookFuzzInput {
    private static let fixed: [(String, String)] = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
        ),
        (
            "_rels/.rels",
            "<Relationships><Relationship Id=\"rId1\" Type=\"\(WorkbookWriter.relationships)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
        ),
        (
            "xl/workbook.xml",
            "<workbook xmlns:r=\"\(WorkbookWriter.relationships)\"><sheets><sheet name=\"Form1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
        ),
        (
            "xl/_rels/workbook.xml.rels",
            "<Relationships><Relationship Id=\"rId1\" Type=\"\(WorkbookWriter.relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"\(WorkbookWriter.relationships)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"\(WorkbookWriter.relationships)/styles\" Target=\"styles.xml\"/></Relationships>"
        ),
    ]

    /// The workbook's bytes.
    package static func workbook(from input: [UInt8]) -> [UInt8] {
        let parts = input.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
        var zip = ZipWriter()
        for (name, text) in fixed { zip.add(name, Array(text.utf8)) }
        zip.add("xl/worksheets/sheet1.xml", parts[0])
        if parts.count > 1 { zip.add("xl/sharedStrings.xml", parts[1]) }
        if parts.count > 2 { zip.add("xl/styles.xml", parts[2]) }
        return zip.finished()
    }
}
