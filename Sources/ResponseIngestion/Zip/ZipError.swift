/// Why a zip archive (a zipped download, or an Excel workbook, which is a zip) or one
/// of its members cannot be read. The messages say what to do; the file's own name is
/// put in front of them by ingestion (``IngestionError/unreadable(file:message:)``).
package enum ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Reading the file failed part-way (a disk or network error).
    case cannotRead(reason: String)
    /// No end-of-archive record: the download was cut off, or it is not a zip at all.
    case noCentralDirectory
    /// The archive's structure contradicts itself.
    case damaged(String)
    /// An archive split over several files (`.z01`, `.z02`, ...).
    case split
    /// More members than engage will list (a hostile archive).
    case tooManyMembers(count: Int, limit: Int)
    /// A member's name climbs out of the archive (`../x`, `/etc/x`, `C:\x`).
    case climbingName(String)
    /// A member is encrypted (a password-protected zip).
    case encrypted(member: String)
    /// A member is compressed with a method other than stored or deflate.
    case unsupportedMethod(member: String, method: Int)
    /// A member is (or claims to be) larger than engage reads from one archive.
    case tooLarge(member: String, limit: Int)
    /// A member expands far more than real exports do: a zip bomb.
    case ratio(member: String, limit: Int)
    /// A member's data is damaged (bad deflate data, wrong checksum or size).
    case memberDamaged(member: String, detail: String)

    /// The message a user reads, with what to do.
    package var description: String {
        switch self {
        case .cannotRead(let reason):
            return "reading the file failed part-way (\(reason)). Copy the file to a local disk and try again."
        case .noCentralDirectory:
            return
                "the zip archive is incomplete: its table of contents (the central directory at its end) is missing, usually because the download was cut off. Download it again from the survey platform."
        case .damaged(let detail):
            return "the zip archive is damaged (\(detail)). Download it again from the survey platform."
        case .split:
            return
                "this is one part of a zip archive split over several files; join the parts (or download the export as one file) and try again."
        case .tooManyMembers(let count, let limit):
            return
                "the zip archive lists \(count) files, more than the \(limit) engage reads from one archive; a survey download holds a few. Unzip it and give engage the export itself."
        case .climbingName(let name):
            return
                "the zip archive holds a file named \"\(name)\", which points outside the archive; no survey platform writes such names, so engage refuses the archive. Ask whoever sent it for a fresh download."
        case .encrypted(let member):
            return
                "\"\(member)\" in the zip archive is password-protected. Unzip it with its password and give engage the export itself."
        case .unsupportedMethod(let member, let method):
            return
                "\"\(member)\" in the zip archive is compressed with method \(method), which engage does not read (only stored and deflate, which survey platforms and Excel use). Unzip it and give engage the export itself."
        case .tooLarge(let member, let limit):
            return
                "\"\(member)\" in the zip archive expands to more than \(limit >> 20) MiB, more than engage reads from one archive. If it really is a survey export, unzip it and give engage the export itself."
        case .ratio(let member, let limit):
            return
                "\"\(member)\" in the zip archive expands more than \(limit) times its packed size, which real exports never do (a zip bomb); engage stopped reading it. Ask whoever sent it for a fresh download."
        case .memberDamaged(let member, let detail):
            return
                "\"\(member)\" in the zip archive is damaged (\(detail)). Download the export again from the survey platform."
        }
    }
}
