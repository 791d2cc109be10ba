import Testing

@testable import ResponseIngestion

/// The encoding is decided at the first byte that is not ASCII, wherever it lies
/// (issue 27 item 5): a Windows-1252 export from Excel whose first "’" is on row 1,000
/// reads every row, where detection from the first 64 KB read it as UTF-8 and rejected
/// the rows with that character as invalid.
@Suite("Encoding decided at the first non-ASCII byte")
struct LateEncodingTests {
    /// ASCII rows up to about `offset` bytes, then rows holding `special` (raw bytes).
    static func file(plainBytes offset: Int, special: [UInt8], more: [UInt8]) -> (bytes: [UInt8], plainRows: Int) {
        var bytes = Array("id,comment\n".utf8)
        var id = 0
        while bytes.count < offset {
            id += 1
            bytes += Array("\(id),plain answer number \(id)\n".utf8)
        }
        let plainRows = id
        bytes += Array("\(id + 1),Don".utf8) + special + Array("t know\n".utf8)
        for k in 2...50 { bytes += Array("\(id + k),cost ".utf8) + more + Array("\(k) each\n".utf8) }
        return (bytes, plainRows)
    }

    @Test(
        "a Windows-1252 file whose first ’ is past byte 100,000 is read as Windows-1252, every row whole, at any chunk size",
        arguments: [1 << 20, 65_536, 4_096, 7])
    func windows1252Late(chunkSize: Int) throws {
        let (bytes, plainRows) = Self.file(plainBytes: 100_000, special: [0x92], more: [0xA3])
        let r = try readCSV(bytes, chunkSize: chunkSize)
        #expect(r.encoding == .windows1252)
        #expect(r.records.allSatisfy { $0.problem == nil }, "\(r.records.filter { $0.problem != nil }.prefix(2))")
        #expect(r.rows.count == 1 + plainRows + 50)
        #expect(r.rows[plainRows + 1] == ["\(plainRows + 1)", "Don’t know"])
        #expect(r.rows.last == ["\(plainRows + 50)", "cost £50 each"])
    }

    @Test("a UTF-8 file whose first ’ is past byte 100,000 stays UTF-8", arguments: [1 << 20, 4_096, 7])
    func utf8Late(chunkSize: Int) throws {
        let (bytes, plainRows) = Self.file(plainBytes: 100_000, special: Array("’".utf8), more: Array("£".utf8))
        let r = try readCSV(bytes, chunkSize: chunkSize)
        #expect(r.encoding == .utf8)
        #expect(r.records.allSatisfy { $0.problem == nil })
        #expect(r.rows[plainRows + 1] == ["\(plainRows + 1)", "Don’t know"])
        #expect(r.rows.last == ["\(plainRows + 50)", "cost £50 each"])
    }

    @Test("a UTF-8 file with one damaged byte late stays UTF-8 and rejects only that row")
    func damagedLate() throws {
        var (bytes, plainRows) = Self.file(plainBytes: 100_000, special: Array("’".utf8), more: Array("£".utf8))
        bytes += Array("999999,bad ".utf8) + [0xFF] + Array(" byte\n".utf8)
        let r = try readCSV(bytes)
        #expect(r.encoding == .utf8)
        #expect(r.records.filter { $0.problem != nil }.map(\.fields.first) == ["999999"])
        #expect(r.rows[plainRows + 1] == ["\(plainRows + 1)", "Don’t know"])
    }
}
