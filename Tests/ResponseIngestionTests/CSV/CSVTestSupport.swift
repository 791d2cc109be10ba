@testable import ResponseIngestion

/// What a test compares: one record, flattened.
struct ReadRecord: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [String]
    var problem: CSVError?
    var raw: String

    var description: String { "line \(line): \(fields)\(problem.map { " [\($0)]" } ?? "")" }
}

/// Everything a reader produced for some input.
struct ReadResult: Equatable {
    var encoding: CSVEncoding
    var delimiter: CSVDelimiter
    var records: [ReadRecord]
    var blankLines: Int

    var rows: [[String]] { records.map(\.fields) }
    var lines: [Int] { records.map(\.line) }
}

func readCSV(_ bytes: [UInt8], chunkSize: Int = 1 << 20, delimiter: CSVDelimiter? = nil, name: String = "test.csv")
    throws -> ReadResult
{
    var reader = try CSVReader(
        bytes: bytes, displayName: name, options: .init(delimiter: delimiter, chunkSize: chunkSize))
    var records: [ReadRecord] = []
    while let r = try reader.next() {
        records.append(ReadRecord(line: r.line, fields: r.fields, problem: r.problem, raw: r.rawText()))
    }
    return ReadResult(
        encoding: reader.encoding, delimiter: reader.delimiter, records: records, blankLines: reader.blankLines)
}

func readCSV(_ text: String, chunkSize: Int = 1 << 20, delimiter: CSVDelimiter? = nil) throws -> ReadResult {
    try readCSV(Array(text.utf8), chunkSize: chunkSize, delimiter: delimiter)
}

/// UTF-16 bytes with a byte-order mark.
func utf16Bytes(_ text: String, bigEndian: Bool) -> [UInt8] {
    var out: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    for unit in text.utf16 {
        let hi = UInt8(unit >> 8)
        let lo = UInt8(unit & 0xFF)
        out += bigEndian ? [hi, lo] : [lo, hi]
    }
    return out
}
