import Foundation

@testable import ResponseIngestion

/// Small workbooks written part by part from literal XML (as ECMA-376 lays them out),
/// and files in a temporary folder, for the zip and workbook tests.
enum WorkbookTestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/workbooks")

    /// A workbook with one sheet (or a chart sheet first when `chartFirst`).
    static func workbook(
        sheet: String, sharedStrings: [String]? = nil, numberFormats: [(Int, String)] = [],
        cellFormats: [Int] = [0], date1904: Bool = false, prefix: String = ""
    ) -> [UInt8] {
        let p = prefix.isEmpty ? "" : prefix + ":"
        let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var zip = ZipWriter()
        zip.add(
            "[Content_Types].xml",
            Array(
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>
                """.utf8))
        zip.add(
            "_rels/.rels",
            Array(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """.utf8))
        zip.add(
            "xl/workbook.xml",
            Array(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <\(p)workbook xmlns\(prefix.isEmpty ? "" : ":" + prefix)="\(ns)" xmlns:r="\(rel)"><\(p)workbookPr\(date1904 ? " date1904=\"1\"" : "")/><\(p)sheets><\(p)sheet name="Form1" sheetId="1" r:id="rId1"/></\(p)sheets></\(p)workbook>
                """.utf8))
        zip.add(
            "xl/_rels/workbook.xml.rels",
            Array(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(rel)/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="\(rel)/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rId3" Type="\(rel)/styles" Target="styles.xml"/></Relationships>
                """.utf8))
        let formats = numberFormats.map { "<\(p)numFmt numFmtId=\"\($0.0)\" formatCode=\"\(escape($0.1))\"/>" }.joined()
        let xfs = cellFormats.map { "<\(p)xf numFmtId=\"\($0)\" fontId=\"0\"/>" }.joined()
        zip.add(
            "xl/styles.xml",
            Array(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <\(p)styleSheet xmlns\(prefix.isEmpty ? "" : ":" + prefix)="\(ns)"><\(p)numFmts count="\(numberFormats.count)">\(formats)</\(p)numFmts><\(p)cellStyleXfs count="1"><\(p)xf numFmtId="14"/></\(p)cellStyleXfs><\(p)cellXfs count="\(cellFormats.count)">\(xfs)</\(p)cellXfs></\(p)styleSheet>
                """.utf8))
        if let sharedStrings {
            zip.add(
                "xl/sharedStrings.xml",
                Array(
                    """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <\(p)sst xmlns\(prefix.isEmpty ? "" : ":" + prefix)="\(ns)" count="\(sharedStrings.count)">\(sharedStrings.joined())</\(p)sst>
                    """.utf8))
        }
        zip.add(
            "xl/worksheets/sheet1.xml",
            Array(
                """
                <?xml version="1.0" encoding="UTF-8"?>
                <\(p)worksheet xmlns\(prefix.isEmpty ? "" : ":" + prefix)="\(ns)"><\(p)sheetData>\(sheet)</\(p)sheetData></\(p)worksheet>
                """.utf8))
        return zip.finished()
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "<", with: "&lt;")
    }

    /// Writes `bytes` to a new temporary file and returns its path.
    static func file(_ bytes: [UInt8], name: String = "book.xlsx") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("engage-wb-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Every record of a file as ingestion reads it: (line, fields).
    static func records(_ path: String, selection: ExportSelection = ExportSelection(), chunk: Int? = nil) throws -> [(
        Int, [String]
    )] {
        var source = try RecordSource(path: path, displayName: "book.xlsx", chunkSize: chunk, selection: selection)
        var out: [(Int, [String])] = []
        while let record = try source.next() { out.append((record.line, record.fields)) }
        return out
    }

    /// The error ingestion gives for `error` in the file ``records(_:selection:chunk:)`` names.
    static func refused(_ error: WorkbookError) -> IngestionError {
        .unreadable(file: "book.xlsx", message: error.description)
    }

    /// The uncompressed bytes of a zip member.
    static func member(_ archive: ZipArchive, _ name: String) throws -> [UInt8] {
        try archive.read(archive.entry(name)!, limit: 1 << 30)
    }
}
