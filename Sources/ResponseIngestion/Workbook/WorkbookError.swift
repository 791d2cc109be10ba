/// Why a workbook (or a file that looks like one) cannot be read as responses. The
/// file's name is put in front of these messages by ingestion; each says what to do.
package enum WorkbookError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A password-protected (encrypted) Office file.
    case passwordProtected
    /// A legacy Excel 97-2003 `.xls` workbook.
    case legacyExcel
    /// Another legacy Office document (Word, PowerPoint...).
    case otherOfficeFile(String)
    /// An OpenDocument spreadsheet (`.ods`).
    case openDocument
    /// A zip of some other kind (a Word document, an Apple Numbers file, an `.xlsb`...).
    case notAWorkbook(String)
    /// A needed part of the workbook is missing.
    case missingPart(String)
    /// The workbook has no sheets.
    case noSheets
    /// `--sheet NAME` names no sheet; the workbook's sheets are listed.
    case noSuchSheet(String, sheets: [String])
    /// The sheet to read is a chart (or a dialog or macro sheet), not a table.
    case notAWorksheet(String, kind: String, worksheets: [String])
    /// An XML part carries a document type declaration (where entities are declared).
    case declaration(part: String)
    /// An XML part uses a named entity other than the five XML predefines.
    case entity(part: String, name: String)
    /// An XML part is not well-formed where engage needs it.
    case malformedXML(part: String, detail: String)
    /// A cell or shared string is larger than engage reads.
    case cellTooLarge(sheet: String, cell: String, limit: Int)
    /// One row is larger than engage reads.
    case rowTooLarge(sheet: String, row: Int, limit: Int)
    /// The shared strings together are larger than engage holds.
    case sharedStringsTooLarge(limit: Int)
    /// A cell refers to a shared string that does not exist.
    case missingSharedString(sheet: String, cell: String, index: Int)
    /// A cell reference or row number that no Excel sheet has.
    case badReference(sheet: String, row: Int, detail: String)
    /// The sheet's rows or cells are out of order.
    case outOfOrder(sheet: String, row: Int, detail: String)
    /// `--member` or `--sheet` given for a file that has none.
    case selectionNotApplicable(String)
    /// The zip download holds no export engage can read.
    case noExportInZip(members: [String])
    /// The zip download holds several exports; `--member NAME` chooses one.
    case severalExportsInZip(members: [String])
    /// `--member NAME` names no member of the zip download.
    case noSuchMember(String, members: [String])
    /// A zip inside a zip (only one level is read).
    case nestedArchive(String)

    /// The message a user reads, with what to do.
    package var description: String {
        func list(_ names: [String]) -> String { names.map { "\"\($0)\"" }.joined(separator: ", ") }
        switch self {
        case .passwordProtected:
            return
                "the workbook is password-protected (encrypted), so engage cannot read it. Open it in Excel with its password, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save a copy and give engage that copy."
        case .legacyExcel:
            return
                "this is an Excel 97-2003 workbook (.xls), which engage does not read. Open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx) or \"CSV UTF-8\", or download the export again as .xlsx or CSV."
        case .otherOfficeFile(let kind):
            return
                "this is \(kind), not survey responses. Give engage the export the survey platform downloaded (.csv, .xlsx or .zip)."
        case .openDocument:
            return
                "this is an OpenDocument spreadsheet (.ods), which engage does not read. Open it in LibreOffice Calc and save it as an Excel 2007-365 workbook (.xlsx) or as CSV (UTF-8)."
        case .notAWorkbook(let kind):
            return
                "this zip is \(kind), not survey responses. Give engage the export the survey platform downloaded (.csv, .xlsx or .zip)."
        case .missingPart(let part):
            return
                "the workbook is damaged: its part \"\(part)\" is missing. Open it in Excel and save a copy, or download it again."
        case .noSheets:
            return "the workbook has no sheets. Download the export again from the survey platform."
        case .noSuchSheet(let name, let sheets):
            return
                "the workbook has no sheet named \"\(name)\"; its sheets are \(list(sheets)). Name one with --sheet NAME."
        case .notAWorksheet(let name, let kind, let worksheets):
            return "sheet \"\(name)\" is a \(kind), not a table of responses. "
                + (worksheets.isEmpty
                    ? "The workbook has no sheet of cells; download the responses again."
                    : "Choose a sheet of responses with --sheet NAME: \(list(worksheets)).")
        case .declaration(let part):
            return
                "the workbook's part \"\(part)\" carries an XML document type declaration (DTD), which Excel and survey platforms never write and which can hide an attack (XML entities), so engage refuses the workbook. Open it in Excel and save a copy, or download it again."
        case .entity(let part, let name):
            return
                "the workbook's part \"\(part)\" uses the XML entity &\(name);, which Excel never writes, so engage refuses the workbook. Open it in Excel and save a copy, or download it again."
        case .malformedXML(let part, let detail):
            return
                "the workbook is damaged: its part \"\(part)\" is not well-formed XML (\(detail)). Open it in Excel and save a copy, or download it again."
        case .cellTooLarge(let sheet, let cell, let limit):
            return
                "sheet \"\(sheet)\" cell \(cell) holds more than \(limit >> 10) KiB of text, far beyond what Excel allows in a cell (32,767 characters); the workbook is damaged or hostile. Download it again."
        case .rowTooLarge(let sheet, let row, let limit):
            return
                "sheet \"\(sheet)\" row \(row) holds more than \(limit >> 20) MiB, far beyond a row of survey answers; the workbook is damaged or hostile. Download it again."
        case .sharedStringsTooLarge(let limit):
            return
                "the workbook's text (its shared strings) is larger than the \(limit >> 20) MiB engage holds in memory. Export the responses as CSV, or in smaller date ranges."
        case .missingSharedString(let sheet, let cell, let index):
            return
                "sheet \"\(sheet)\" cell \(cell) refers to text number \(index) of the workbook's shared strings, which does not exist; the workbook is damaged. Open it in Excel and save a copy, or download it again."
        case .badReference(let sheet, let row, let detail):
            return
                "sheet \"\(sheet)\" row \(row): \(detail); the workbook is damaged. Open it in Excel and save a copy, or download it again."
        case .outOfOrder(let sheet, let row, let detail):
            return
                "sheet \"\(sheet)\" row \(row): \(detail), which Excel never writes; the workbook is damaged. Open it in Excel and save a copy, or download it again."
        case .selectionNotApplicable(let detail):
            return detail
        case .noExportInZip(let members):
            return "the zip holds no CSV or Excel file of responses"
                + (members.isEmpty ? " (it is empty)" : " (it holds \(list(members)))")
                + ". Download the responses again from the survey platform."
        case .severalExportsInZip(let members):
            return "the zip holds \(members.count) exports: \(list(members)). Choose one with --member NAME."
        case .noSuchMember(let name, let members):
            return "the zip holds no file named \"\(name)\"; it holds \(list(members)). Choose one with --member NAME."
        case .nestedArchive(let name):
            return
                "\"\(name)\" in the zip is itself a zip archive; engage reads one level. Unzip the outer archive and give engage \"\(name)\"."
        }
    }
}
