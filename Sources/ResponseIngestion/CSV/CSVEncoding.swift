/// The text encoding a CSV export was written in, as detected from its first bytes.
///
/// Exports arrive as UTF-8 (with or without a byte-order mark), UTF-16 with a BOM
/// (Excel's "Unicode Text", usually TAB-separated) or Windows-1252 (Excel's plain
/// "CSV", where ’ £ – are single bytes). Everything is transcoded to UTF-8 while
/// streaming, so callers only ever see UTF-8.
public enum CSVEncoding: Sendable, Hashable, CaseIterable {
    /// UTF-8 without a byte-order mark.
    case utf8
    /// UTF-8 starting with the byte-order mark EF BB BF.
    case utf8WithBOM
    /// UTF-16 little-endian starting with FF FE (Excel "Unicode Text").
    case utf16LittleEndian
    /// UTF-16 big-endian starting with FE FF.
    case utf16BigEndian
    /// Windows-1252 (Excel "CSV (Comma delimited)" on a UK/US Windows machine).
    case windows1252

    /// A human name for reports, e.g. "UTF-8 with BOM".
    public var name: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf8WithBOM: return "UTF-8 with BOM"
        case .utf16LittleEndian: return "UTF-16LE with BOM"
        case .utf16BigEndian: return "UTF-16BE with BOM"
        case .windows1252: return "Windows-1252"
        }
    }

    /// Length of the byte-order mark this encoding starts with.
    var bomLength: Int {
        switch self {
        case .utf8, .windows1252: return 0
        case .utf8WithBOM: return 3
        case .utf16LittleEndian, .utf16BigEndian: return 2
        }
    }

    /// Whether decoded text can contain invalid UTF-8 (and so must be validated per record).
    var needsValidation: Bool { self != .windows1252 }

    /// What a sample from the start of a file looks like.
    enum Sniff: Equatable {
        case encoding(CSVEncoding)
        case notText(String)
    }

    /// Detects the encoding from the first bytes of a file.
    /// - Parameters:
    ///   - sample: the first bytes (64 KiB is plenty).
    ///   - isWholeFile: whether `sample` is the entire file (a multibyte character cut
    ///     off at the end of a partial sample is not an error).
    static func detect(_ sample: UnsafeBufferPointer<UInt8>, isWholeFile: Bool) -> Sniff {
        let n = sample.count
        if n >= 3 && sample[0] == 0xEF && sample[1] == 0xBB && sample[2] == 0xBF { return .encoding(.utf8WithBOM) }
        if n >= 2 && sample[0] == 0xFF && sample[1] == 0xFE { return .encoding(.utf16LittleEndian) }
        if n >= 2 && sample[0] == 0xFE && sample[1] == 0xFF { return .encoding(.utf16BigEndian) }
        if n >= 4 && sample[0] == 0x50 && sample[1] == 0x4B && sample[2] == 0x03 && sample[3] == 0x04 {
            return .notText(
                "it is a zip archive, probably an Excel workbook (.xlsx) or a zipped download; unzip it, or open it in Excel and save as \"CSV UTF-8\""
            )
        }
        if n >= 4 && sample[0] == 0xD0 && sample[1] == 0xCF && sample[2] == 0x11 && sample[3] == 0xE0 {
            return .notText("it is an old Excel workbook (.xls); open it in Excel and save as \"CSV UTF-8\"")
        }
        // Text never holds NUL bytes; binary files and BOM-less UTF-16 are full of them.
        // A stray one or two (a damaged export) are left for the row checks.
        let head = UnsafeBufferPointer(rebasing: sample.prefix(4096))
        if head.lazy.filter({ $0 == 0 }).count > 8 {
            return .notText(
                "it contains NUL bytes, as binary files and spreadsheets do; if it is UTF-16 text without a byte-order mark, re-save it as \"CSV UTF-8\""
            )
        }
        let check = UTF8Validation.firstError(sample.baseAddress, count: n)
        switch check {
        case .valid:
            return .encoding(.utf8)
        case .truncated where !isWholeFile:
            return .encoding(.utf8)
        default:
            // A UTF-8 export with a few damaged bytes stays UTF-8 (the damaged rows are
            // rejected one by one); Windows-1252 text has no valid multi-byte sequences.
            let (valid, invalid) = multibyteCounts(sample)
            return .encoding(valid > 0 && invalid <= max(2, valid / 10) ? .utf8 : .windows1252)
        }
    }

    /// Valid and invalid UTF-8 multi-byte sequences in the sample.
    static func multibyteCounts(_ s: UnsafeBufferPointer<UInt8>) -> (valid: Int, invalid: Int) {
        var valid = 0
        var invalid = 0
        var i = 0
        while i < s.count {
            let b = s[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b <= 0xDF ? 2 : 0
            if length == 0 || i + length > s.count || !(1..<length).allSatisfy({ s[i + $0] & 0xC0 == 0x80 }) {
                invalid += 1
                i += 1
            } else {
                valid += 1
                i += length
            }
        }
        return (valid, invalid)
    }
}
