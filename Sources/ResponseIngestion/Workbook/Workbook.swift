/// An Excel workbook (`.xlsx`, Office Open XML SpreadsheetML), opened from its zip:
/// the list of sheets, the date system, the cell formats (to tell dates from numbers)
/// and where the shared strings are. Sheets are read as streams (``SheetReader``).
struct Workbook {
    struct Sheet: Sendable, Equatable {
        var name: String
        /// The zip member holding the sheet, when it has one.
        var part: String?
        /// "worksheet", "chart sheet", "dialog sheet", "macro sheet".
        var kind: String
        var hidden: Bool
        var isWorksheet: Bool { kind == "worksheet" }
    }

    let archive: ZipArchive
    /// Every sheet, in the workbook's order.
    let sheets: [Sheet]
    /// Whether dates count from 1904 (old Mac workbooks) rather than 1900.
    let date1904: Bool
    /// What each cell format (a cell's `s` attribute) makes of a number.
    let formats: [CellFormat]
    let sharedStringsPart: String?

    /// XML parts other than sheets and shared strings are read whole, up to this size.
    static let maximumPartBytes = 64 << 20

    /// Whether the archive is a SpreadsheetML workbook (it has a workbook part).
    static func isWorkbook(_ archive: ZipArchive) -> Bool {
        archive.entry("xl/workbook.xml") != nil
            || (try? officeDocument(archive)).flatMap { $0 }.map { $0.hasSuffix("workbook.xml") } == true
    }

    init(archive: ZipArchive) throws {
        self.archive = archive
        let workbookPart = try Self.officeDocument(archive) ?? "xl/workbook.xml"
        guard let entry = archive.entry(workbookPart) else {
            if archive.entry("xl/workbook.bin") != nil {
                throw WorkbookError.notAWorkbook(
                    "an Excel binary workbook (.xlsb); open it in Excel and save it as an Excel Workbook (.xlsx)")
            }
            throw WorkbookError.missingPart(workbookPart)
        }
        let folder = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
        let relations = try Self.relationships(archive, of: workbookPart)
        var sheets: [Sheet] = []
        var date1904 = false
        try Self.withPart(archive, entry) { scanner throws(WorkbookError) in
            while case .token(let token) = try scanner.next() {
                guard case .start(let name, let attributes, _) = token else { continue }
                if scanner.named(name, "workbookPr") {
                    try scanner.attributes(attributes) { n, v throws(WorkbookError) in
                        if scanner.attribute(n, is: "date1904") {
                            let value = try scanner.string(v).lowercased()
                            date1904 = value == "1" || value == "true"
                        }
                    }
                } else if scanner.named(name, "sheet") {
                    var sheetName = ""
                    var id = ""
                    var hidden = false
                    try scanner.attributes(attributes) { n, v throws(WorkbookError) in
                        if scanner.attribute(n, is: "name") { sheetName = try scanner.string(v) }
                        if scanner.attribute(n, is: "id", prefixed: true) { id = try scanner.string(v) }
                        if scanner.attribute(n, is: "state") { hidden = try scanner.string(v) != "visible" }
                    }
                    let relation = relations[id]
                    let kind: String
                    switch relation?.type {
                    case "worksheet": kind = "worksheet"
                    case "chartsheet": kind = "chart sheet"
                    case "dialogsheet": kind = "dialog sheet"
                    case "xlMacrosheet", "xlIntlMacrosheet": kind = "macro sheet"
                    default: kind = "sheet of an unknown kind"
                    }
                    sheets.append(
                        Sheet(
                            name: sheetName, part: relation.map { Self.resolve($0.target, in: folder) }, kind: kind,
                            hidden: hidden))
                }
            }
        }
        guard !sheets.isEmpty else { throw WorkbookError.noSheets }
        self.sheets = sheets
        self.date1904 = date1904
        sharedStringsPart = relations.values.first { $0.type == "sharedStrings" }.map {
            Self.resolve($0.target, in: folder)
        }
        if let stylesPart = relations.values.first(where: { $0.type == "styles" }).map({
            Self.resolve($0.target, in: folder)
        }),
            let styles = archive.entry(stylesPart)
        {
            formats = try Self.cellFormats(archive, styles)
        } else {
            formats = []
        }
    }

    /// The sheet to read: the one named (exactly, else ignoring case), or the first
    /// visible one. A chart (or any sheet that is not cells) is refused.
    func sheet(named wanted: String?) throws(WorkbookError) -> Sheet {
        let worksheets = sheets.filter(\.isWorksheet).map(\.name)
        let chosen: Sheet
        if let wanted {
            guard
                let found = sheets.first(where: { $0.name == wanted })
                    ?? sheets.first(where: { $0.name.lowercased() == wanted.lowercased() })
            else {
                throw .noSuchSheet(wanted, sheets: sheets.map(\.name))
            }
            chosen = found
        } else {
            chosen = sheets.first { !$0.hidden } ?? sheets[0]
        }
        guard chosen.isWorksheet else { throw .notAWorksheet(chosen.name, kind: chosen.kind, worksheets: worksheets) }
        return chosen
    }

    /// Opens a sheet for streaming.
    func open(_ sheet: Sheet, chunk: Int = 1 << 20) throws -> SheetReader {
        guard let part = sheet.part, let entry = archive.entry(part) else {
            throw WorkbookError.missingPart(sheet.part ?? sheet.name)
        }
        let strings: SharedStrings
        if let stringsPart = sharedStringsPart, let stringsEntry = archive.entry(stringsPart) {
            strings = SharedStrings(
                stream: XMLStream(source: try archive.open(stringsEntry), part: stringsPart, chunk: chunk))
        } else {
            strings = SharedStrings(stream: nil)
        }
        return SheetReader(
            stream: XMLStream(source: try archive.open(entry), part: part, chunk: chunk), sheet: sheet.name,
            strings: strings, formats: formats, date1904: date1904)
    }

    // MARK: - Parts

    /// Reads a small part whole and scans it.
    static func withPart(
        _ archive: ZipArchive, _ entry: ZipArchive.Entry,
        _ body: (inout XMLScanner) throws(WorkbookError) -> Void
    ) throws {
        let bytes = try archive.read(entry, limit: maximumPartBytes)
        try bytes.withUnsafeBufferPointer { buffer throws(WorkbookError) in
            var scanner = XMLScanner(buffer, isFinal: true, part: entry.name)
            try body(&scanner)
        }
    }

    /// The package's main document (`_rels/.rels`), e.g. `xl/workbook.xml`.
    static func officeDocument(_ archive: ZipArchive) throws -> String? {
        guard archive.entry("_rels/.rels") != nil else { return nil }
        return try relationships(archive, of: "").values.first { $0.type == "officeDocument" }.map {
            resolve($0.target, in: "")
        }
    }

    struct Relationship {
        /// The last segment of the relationship type URI ("worksheet", "styles"...).
        var type: String
        var target: String
    }

    /// The relationships of `part` (from `folder/_rels/name.rels`), by id.
    static func relationships(_ archive: ZipArchive, of part: String) throws -> [String: Relationship] {
        var components = part.split(separator: "/").map(String.init)
        let name = components.popLast() ?? ""
        let relsPart = (components + ["_rels", name + ".rels"]).joined(separator: "/")
        guard let entry = archive.entry(relsPart) else { return [:] }
        var found: [String: Relationship] = [:]
        try withPart(archive, entry) { scanner throws(WorkbookError) in
            while case .token(let token) = try scanner.next() {
                guard case .start(let element, let attributes, _) = token, scanner.named(element, "Relationship") else {
                    continue
                }
                var id = ""
                var type = ""
                var target = ""
                var external = false
                try scanner.attributes(attributes) { n, v throws(WorkbookError) in
                    if scanner.attribute(n, is: "Id") { id = try scanner.string(v) }
                    if scanner.attribute(n, is: "Type") { type = try scanner.string(v) }
                    if scanner.attribute(n, is: "Target") { target = try scanner.string(v) }
                    if scanner.attribute(n, is: "TargetMode") { external = try scanner.string(v) == "External" }
                }
                if !external {
                    found[id] = Relationship(type: String(type.split(separator: "/").last ?? ""), target: target)
                }
            }
        }
        return found
    }

    /// A relationship target resolved against the folder of the part that names it.
    static func resolve(_ target: String, in folder: String) -> String {
        var parts = target.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    /// The number formats of the workbook's cell formats (`cellXfs`), classified.
    static func cellFormats(_ archive: ZipArchive, _ entry: ZipArchive.Entry) throws -> [CellFormat] {
        var custom: [Int: CellFormat] = [:]
        var formats: [CellFormat] = []
        var inCellXfs = false
        try withPart(archive, entry) { scanner throws(WorkbookError) in
            while case .token(let token) = try scanner.next() {
                switch token {
                case .start(let name, let attributes, let empty):
                    if scanner.named(name, "numFmt") {
                        var id: Int?
                        var code = ""
                        try scanner.attributes(attributes) { n, v throws(WorkbookError) in
                            if scanner.attribute(n, is: "numFmtId") { id = scanner.integer(v) }
                            if scanner.attribute(n, is: "formatCode") { code = try scanner.string(v) }
                        }
                        if let id { custom[id] = CellFormat.classify(code) }
                    } else if scanner.named(name, "cellXfs") {
                        inCellXfs = !empty
                    } else if inCellXfs && scanner.named(name, "xf") {
                        var id = 0
                        try scanner.attributes(attributes) { n, v throws(WorkbookError) in
                            if scanner.attribute(n, is: "numFmtId") { id = scanner.integer(v) ?? 0 }
                        }
                        formats.append(custom[id] ?? CellFormat.builtIn(id))
                    }
                case .end(let name):
                    if scanner.named(name, "cellXfs") { inCellXfs = false }
                default: break
                }
            }
        }
        return formats
    }
}
