import Foundation

/// One CSV record with the source-file line where it starts.
struct SourceRecord {
    var fields: [String]
    var line: Int
    var invalidEncoding: Bool
    var rawText: String
    /// A quoted field that never closed before the end of the file.
    var unterminatedQuote = false

    func raw() -> String { rawText }
}

/// Reads CSV records (RFC 4180 plus what real exports do): detects UTF-8 (with or
/// without BOM), UTF-16LE/BE with BOM, and Windows-1252; detects `,` `;` or TAB;
/// quoted fields with separators, doubled quotes and line breaks; CRLF, LF or lone CR;
/// blank lines skipped and counted; line numbers of the source file.
///
/// This reader decodes the whole file up front. The streaming, chunked reader for
/// very large files is tracked in the performance issue.
struct RecordSource {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    let encodingName: String
    let delimiter: UInt8
    let displayName: String
    private(set) var blankLines = 0
    private let lossy: Bool

    var delimiterName: String {
        switch delimiter {
        case UInt8(ascii: ","): return "comma"
        case UInt8(ascii: ";"): return "semicolon"
        case 0x09: return "tab"
        default: return "'\(Character(Unicode.Scalar(delimiter)))'"
        }
    }

    init(path: String, displayName: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            let reason = FileManager.default.fileExists(atPath: path, isDirectory: &isDir) ? (isDir.boolValue ? "it is a folder" : "permission denied") : "no such file"
            throw IngestionError.cannotOpen(file: displayName, reason: reason)
        }
        try self.init(data: [UInt8](data), displayName: displayName)
    }

    init(data raw: [UInt8], displayName: String) throws {
        self.displayName = displayName
        var text: [UInt8]
        var name: String
        var lossy = false
        if raw.starts(with: [0xEF, 0xBB, 0xBF]) {
            text = Array(raw.dropFirst(3))
            name = "UTF-8 with BOM"
        } else if raw.starts(with: [0xFF, 0xFE]) || raw.starts(with: [0xFE, 0xFF]) {
            let little = raw[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(raw.count / 2)
            var i = 2
            while i + 1 < raw.count {
                units.append(little ? UInt16(raw[i]) | UInt16(raw[i + 1]) << 8 : UInt16(raw[i]) << 8 | UInt16(raw[i + 1]))
                i += 2
            }
            text = Array(String(decoding: units, as: UTF16.self).utf8)
            name = little ? "UTF-16LE with BOM" : "UTF-16BE with BOM"
        } else if String(validating: raw, as: UTF8.self) != nil {
            text = raw
            name = "UTF-8"
        } else {
            // Excel's plain "CSV": Windows-1252, where ’ £ – are single bytes.
            let prefix = raw.prefix(65_536)
            if String(validating: Array(prefix), as: UTF8.self) != nil && raw.count > prefix.count {
                text = raw
                name = "UTF-8"
                lossy = true
            } else {
                text = Windows1252.decode(raw)
                name = "Windows-1252"
            }
        }
        if text.contains(0) && !name.hasPrefix("UTF-16") {
            let nulls = text.prefix(4096).filter { $0 == 0 }.count
            if nulls > 8 { throw IngestionError.notText(file: displayName, detail: "it contains NUL bytes, as binary files and spreadsheets (.xlsx) do") }
        }
        bytes = text
        encodingName = name
        self.lossy = lossy
        delimiter = Self.detectDelimiter(text)
    }

    /// The separator that appears most in the first record, outside quotes.
    static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, 0x09: 0]
        var quoted = false
        for b in bytes.prefix(1 << 20) {
            if b == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if b == 0x0A || b == 0x0D { if counts.values.contains(where: { $0 > 0 }) { break } else { continue } }
            if counts[b] != nil { counts[b]! += 1 }
        }
        let best = counts.max { ($0.value, $0.key == UInt8(ascii: ",") ? 1 : 0) < ($1.value, $1.key == UInt8(ascii: ",") ? 1 : 0) }!
        return best.value > 0 ? best.key : UInt8(ascii: ",")
    }

    mutating func next() throws -> SourceRecord? {
        while index < bytes.count {
            let start = index
            let startLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var quoted = false
            var wasQuoted = false
            var atFieldStart = true
            var ended = false
            while index < bytes.count {
                let b = bytes[index]
                if quoted {
                    if b == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(b)
                            index += 2
                            continue
                        }
                        quoted = false
                        index += 1
                        continue
                    }
                    if b == 0x0D {
                        line += 1
                        if index + 1 < bytes.count && bytes[index + 1] == 0x0A {
                            field.append(0x0A)
                            index += 2
                            continue
                        }
                        field.append(0x0A)
                        index += 1
                        continue
                    }
                    if b == 0x0A { line += 1 }
                    field.append(b)
                    index += 1
                    continue
                }
                if b == delimiter {
                    fields.append(Self.string(field))
                    field.removeAll(keepingCapacity: true)
                    atFieldStart = true
                    wasQuoted = false
                    index += 1
                    continue
                }
                if b == 0x0D || b == 0x0A {
                    index += (b == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) ? 2 : 1
                    line += 1
                    ended = true
                    break
                }
                if b == UInt8(ascii: "\"") && atFieldStart && !wasQuoted {
                    quoted = true
                    wasQuoted = true
                    atFieldStart = false
                    index += 1
                    continue
                }
                atFieldStart = false
                field.append(b)
                index += 1
            }
            let unterminated = quoted && !ended && index >= bytes.count
            fields.append(Self.string(field))
            if fields.count == 1 && fields[0].isEmpty && !wasQuoted {
                blankLines += 1
                continue
            }
            var rawEnd = index
            while rawEnd > start, bytes[rawEnd - 1] == 0x0A || bytes[rawEnd - 1] == 0x0D { rawEnd -= 1 }
            let rawBytes = Array(bytes[start..<rawEnd])
            let invalid = lossy && String(validating: rawBytes, as: UTF8.self) == nil
            return SourceRecord(fields: fields, line: startLine, invalidEncoding: invalid, rawText: String(decoding: rawBytes, as: UTF8.self),
                                unterminatedQuote: unterminated)
        }
        return nil
    }

    private static func string(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}

/// Windows-1252 to UTF-8.
enum Windows1252 {
    static let high: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
                                 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]

    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        var scalars = String.UnicodeScalarView()
        for b in bytes {
            let value: UInt32 = (0x80...0x9F).contains(b) ? high[Int(b) - 0x80] : UInt32(b)
            scalars.append(Unicode.Scalar(value)!)
        }
        return Array(String(scalars).utf8)
    }
}
