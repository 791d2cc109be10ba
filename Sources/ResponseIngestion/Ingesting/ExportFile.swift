/// What an officer handed engage, recognised from its first bytes (never its name):
/// a CSV (or other text) export, a zip download holding one, or an Excel workbook,
/// itself possibly inside a zip download. Legacy and encrypted Office files,
/// OpenDocument spreadsheets and other zips are refused with what to do.
enum ExportFile {
    case csv
    /// A text export inside a zip download.
    case zipMember(ZipArchive, ZipArchive.Entry)
    /// A workbook's sheet; `member` is the workbook's name inside a zip download, whose
    /// bytes are then `file`.
    case workbook(Workbook, Workbook.Sheet, member: String?, file: RandomAccessBytes)

    /// Workbooks inside a zip download are held in memory, up to this size.
    static let maximumNestedWorkbookBytes = 1 << 30

    /// Recognises and opens `path`.
    /// - Throws: ``CSVError`` (cannot open), ``ZipError`` or ``WorkbookError``.
    static func open(path: String, displayName: String, selection: ExportSelection) throws -> ExportFile {
        let bytes = try RandomAccessBytes(path: path, displayName: displayName)
        let head = try bytes.read(at: 0, count: 8)
        if head.starts(with: CompoundFile.signature) { throw CompoundFile.refusal(bytes) }
        guard head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
            if let member = selection.member {
                throw WorkbookError.selectionNotApplicable(
                    "--member \(member) is for zip downloads, and this file is not a zip.")
            }
            if let sheet = selection.sheet {
                throw WorkbookError.selectionNotApplicable(
                    "--sheet \(sheet) is for Excel workbooks, and this file is not one.")
            }
            return .csv
        }
        let archive = try ZipArchive(bytes: bytes)
        if let kind = try kind(of: archive) {
            if let member = selection.member {
                throw WorkbookError.selectionNotApplicable(
                    "--member \(member) is for zip downloads, and this file is an Excel workbook; choose a sheet with --sheet NAME."
                )
            }
            guard kind == .workbook else { throw kind.refusal }
            let workbook = try Workbook(archive: archive)
            return .workbook(workbook, try workbook.sheet(named: selection.sheet), member: nil, file: bytes)
        }
        // A zip download: its exports, ignoring folders and the files macOS adds.
        let listed = archive.entries.filter {
            !$0.isDirectory && !$0.name.hasPrefix("__MACOSX/") && !$0.fileName.hasPrefix(".")
        }
        let exports = listed.filter { Self.isExport($0.fileName) }
        let chosen: ZipArchive.Entry
        if let wanted = selection.member {
            let byName = exports.filter { $0.fileName == wanted }
            guard let found = exports.first(where: { $0.name == wanted }) ?? (byName.count == 1 ? byName[0] : nil)
            else {
                throw WorkbookError.noSuchMember(wanted, members: (exports.isEmpty ? listed : exports).map(\.name))
            }
            chosen = found
        } else {
            guard !exports.isEmpty else { throw WorkbookError.noExportInZip(members: listed.map(\.name)) }
            guard exports.count == 1 else { throw WorkbookError.severalExportsInZip(members: exports.map(\.name)) }
            chosen = exports[0]
        }
        let stream = try archive.open(chosen)
        let start = try stream.next(4)
        if start.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // A workbook (SurveyMonkey's "XLSX" download) or a zip inside the zip.
            let inner = try ZipArchive(
                bytes: RandomAccessBytes(bytes: archive.read(chosen, limit: Self.maximumNestedWorkbookBytes)))
            guard let kind = try kind(of: inner) else { throw WorkbookError.nestedArchive(chosen.name) }
            guard kind == .workbook else { throw kind.refusal }
            let workbook = try Workbook(archive: inner)
            return .workbook(workbook, try workbook.sheet(named: selection.sheet), member: chosen.name, file: bytes)
        }
        if start.starts(with: CompoundFile.signature.prefix(4)) {
            throw CompoundFile.refusal(
                RandomAccessBytes(bytes: try archive.read(chosen, limit: Self.maximumNestedWorkbookBytes)))
        }
        if let sheet = selection.sheet {
            throw WorkbookError.selectionNotApplicable(
                "--sheet \(sheet) is for Excel workbooks, and \"\(chosen.name)\" in the zip is not one.")
        }
        return .zipMember(archive, chosen)
    }

    /// File names a zip download's export can have.
    static func isExport(_ fileName: String) -> Bool {
        let lower = fileName.lowercased()
        return [".csv", ".tsv", ".txt", ".xlsx", ".xlsm"].contains { lower.hasSuffix($0) }
    }

    /// Office and OpenDocument packages, recognised from their parts.
    private enum PackageKind: Equatable {
        case workbook, openDocument
        case other(String)

        var refusal: WorkbookError {
            switch self {
            case .workbook: return .missingPart("xl/workbook.xml")
            case .openDocument: return .openDocument
            case .other(let kind): return .notAWorkbook(kind)
            }
        }
    }

    /// What kind of package the archive is; `nil` for a plain zip of files.
    private static func kind(of archive: ZipArchive) throws -> PackageKind? {
        if Workbook.isWorkbook(archive) { return .workbook }
        if archive.entry("xl/workbook.bin") != nil {
            return .other("an Excel binary workbook (.xlsb); open it in Excel and save it as an Excel Workbook (.xlsx)")
        }
        if let mimetype = archive.entry("mimetype"), mimetype.uncompressedSize < 200 {
            let text = String(decoding: try archive.read(mimetype, limit: 200), as: UTF8.self)
            if text.hasPrefix("application/vnd.oasis.opendocument.spreadsheet") { return .openDocument }
            if text.hasPrefix("application/vnd.oasis.opendocument") { return .other("an OpenDocument file (\(text))") }
        }
        if archive.entry("word/document.xml") != nil { return .other("a Word document (.docx)") }
        if archive.entry("ppt/presentation.xml") != nil { return .other("a PowerPoint presentation (.pptx)") }
        if archive.entry("Index/Document.iwa") != nil {
            return .other("an Apple Numbers or Pages file; export it from Numbers as CSV or Excel")
        }
        return nil
    }

    /// The file as given, when it was opened as a zip (`nil` for a CSV, read as a stream).
    var bytes: RandomAccessBytes? {
        switch self {
        case .csv: return nil
        case .zipMember(let archive, _): return archive.bytes
        case .workbook(_, _, _, let file): return file
        }
    }

    /// The sheet or member read, for the report (`nil` for a plain CSV).
    var origin: String? {
        switch self {
        case .csv: return nil
        case .zipMember(_, let entry): return "\"\(entry.name)\" in the zip"
        case .workbook(let workbook, let sheet, let member, _):
            let count = workbook.sheets.count
            let others =
                count == 1
                ? "its only sheet"
                : "of \(count) sheets: " + workbook.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
            return "sheet \"\(sheet.name)\" (\(others))" + (member.map { ", in workbook \"\($0)\" in the zip" } ?? "")
        }
    }
}
