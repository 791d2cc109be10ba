#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One record (row) of a CSV file: its fields as UTF-8 bytes, where it starts in the
/// source file, and whether it is damaged.
///
/// Fields are not turned into `String`s until asked for: most are slices of the
/// reader's buffer; only fields with doubled quotes are copied (once, into one shared
/// scratch buffer). Keeping a record is safe (it keeps its bytes alive), but a loop
/// that lets each record go before asking for the next lets the reader reuse its
/// buffers and allocate nothing per row.
///
/// ```swift
/// var reader = try CSVReader(path: "survey.csv")
/// while let record = try reader.next() {
///     if let problem = record.problem { print(problem); continue }
///     let submitted = record.field(2)          // String
///     let agreed = record.field(5, equals: "Strongly agree")  // no String made
///     print(record.line, submitted, agreed)
/// }
/// ```
public struct CSVRecord: Sendable {
    let text: CSVTextBuffer
    /// Two entries per field: start and end offset; negative (`-1 - offset`) for `scratch`.
    let spans: [Int]
    let scratch: [UInt8]
    let rawStart: Int
    let rawEnd: Int

    /// The 1-based physical line of the source file on which this record starts.
    /// Line breaks inside quoted fields and skipped blank lines are counted, so this is
    /// the number a text editor shows.
    public let line: Int
    /// How many physical lines the record spans (more than 1 when a quoted field holds line breaks).
    public let lineCount: Int
    /// What is wrong with this record, if anything: ``CSVError/unterminatedQuote(file:line:)``
    /// (the record runs to the end of the file) or ``CSVError/invalidEncoding(file:line:encoding:)``.
    /// Callers should reject a record with a problem, quoting the error's description.
    public let problem: CSVError?

    /// Whether the record contains bytes that are not valid text in the file's encoding.
    /// Its fields then show U+FFFD (�) in place of the bad bytes.
    public var hasInvalidEncoding: Bool {
        if case .invalidEncoding = problem { return true }
        return false
    }

    /// Whether a quoted field opened in this record never closes (the file ends inside it).
    public var hasUnterminatedQuote: Bool {
        if case .unterminatedQuote = problem { return true }
        return false
    }

    /// The number of fields.
    public var count: Int { spans.count &>> 1 }

    @inline(__always)
    func withBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard i >= 0 && i < count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let start = spans[2 * i]
        let end = spans[2 * i + 1]
        if start >= 0 {
            return try text.bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
        }
        return try scratch.withUnsafeBufferPointer {
            try body(UnsafeBufferPointer(rebasing: $0[(-1 - start)..<(-1 - end)]))
        }
    }

    /// Calls `body` with field `i`'s unescaped UTF-8 bytes, without copying them. The
    /// pointer is valid only inside `body`. A field past the end reads as empty.
    public func withFieldBytes<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withBytes(i, body)
    }

    /// Field `i`'s unescaped UTF-8 bytes (a slice sharing the record's storage, no copy).
    /// A field past the end reads as empty.
    public func fieldBytes(_ i: Int) -> ArraySlice<UInt8> {
        guard i >= 0 && i < count else { return [] }
        let start = spans[2 * i]
        let end = spans[2 * i + 1]
        return start >= 0 ? text.bytes[start..<end] : scratch[(-1 - start)..<(-1 - end)]
    }

    /// Field `i` as a `String` (invalid bytes become U+FFFD). A field past the end reads as "".
    public func field(_ i: Int) -> String {
        withBytes(i) { String(decoding: $0, as: UTF8.self) }
    }

    /// Field `i` as a `String`; same as ``field(_:)``.
    public subscript(_ i: Int) -> String { field(i) }

    /// Whether field `i` is empty (or past the end).
    public func isEmpty(_ i: Int) -> Bool {
        guard i >= 0 && i < count else { return true }
        return spans[2 * i] == spans[2 * i + 1]
    }

    /// Whether field `i` is exactly `text`, byte for byte, without making a `String`.
    public func field(_ i: Int, equals text: String) -> Bool {
        var text = text
        return text.withUTF8 { wanted in
            withBytes(i) { have in
                have.count == wanted.count
                    && (have.count == 0 || memcmp(have.baseAddress!, wanted.baseAddress!, have.count) == 0)
            }
        }
    }

    /// All fields as `String`s (allocates; prefer ``field(_:)`` in hot loops).
    public var fields: [String] {
        (0..<count).map { field($0) }
    }

    /// The record exactly as it appears in the file (decoded to UTF-8, quotes and
    /// delimiters included, without its final line break), for keeping a rejected row
    /// verbatim. Costs nothing until called.
    public func rawText() -> String {
        text.bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[rawStart..<rawEnd]), as: UTF8.self)
        }
    }

    /// What is wrong with the record the tokenizer found at `start` in `text`: an
    /// unterminated quote, or (in an encoding that needs checking) bytes that are not
    /// valid UTF-8. The reader and ``CSVChunkParser`` both judge records this way.
    static func problem(
        of parsed: CSVTokenizer.Parsed, at start: Int, in text: CSVTextBuffer, line: Int,
        encoding: CSVEncoding, file: String
    ) -> CSVError? {
        if parsed.unterminatedQuote { return .unterminatedQuote(file: file, line: line) }
        guard encoding.needsValidation else { return nil }
        let valid = text.bytes.withUnsafeBufferPointer {
            UTF8Validation.isValid($0.baseAddress! + start, count: parsed.contentEnd - start)
        }
        return valid ? nil : .invalidEncoding(file: file, line: line, encoding: encoding)
    }
}
