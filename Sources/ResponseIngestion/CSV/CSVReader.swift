/// A streaming CSV reader for survey exports: RFC 4180 plus what real exports do.
///
/// - Reads the file in chunks (1 MiB by default) and never holds more than a chunk or
///   two plus the current record, so files of any size use little memory.
/// - Detects the encoding (UTF-8 with or without BOM, UTF-16LE/BE with BOM,
///   Windows-1252 when the start of the file is not valid UTF-8) and hands out UTF-8.
/// - Detects the delimiter (comma, semicolon, tab, pipe) from the first records.
/// - Reads quoted fields with delimiters, doubled quotes and line breaks; CRLF, LF and
///   lone CR line endings; skips (and counts) blank lines.
/// - Knows the source line of every record; damaged records (unterminated quote,
///   invalid bytes) are returned with ``CSVRecord/problem`` set, never dropped.
///
/// ```swift
/// var reader = try CSVReader(path: "responses.csv")
/// print(reader.encoding.name, reader.delimiter.name)   // "UTF-8 with BOM", "comma"
/// while let record = try reader.next() {
///     print(record.line, record.fields)
/// }
/// print("blank lines skipped:", reader.blankLines)
/// ```
public struct CSVReader {
    /// How to read: everything is detected unless given here.
    public struct Options: Sendable {
        /// Use this delimiter instead of detecting one.
        public var delimiter: CSVDelimiter?
        /// Use this encoding instead of detecting one.
        public var encoding: CSVEncoding?
        /// Bytes read from the file at a time. Tests use tiny values to put chunk
        /// boundaries everywhere.
        public var chunkSize: Int
        /// A single record larger than this (in UTF-8) is an error
        /// (``CSVError/recordTooLarge(file:line:limit:)``) rather than a memory blow-up.
        public var maximumRecordBytes: Int
        /// Sees every raw chunk read from the file, in order (an import's digest).
        public var observer: (any ReadObserver)?

        /// A reader of `bytes`, in the given encoding and delimiter or the detected ones.
        public init(
            delimiter: CSVDelimiter? = nil, encoding: CSVEncoding? = nil, chunkSize: Int = 1 << 20,
            maximumRecordBytes: Int = 64 << 20
        ) {
            self.delimiter = delimiter
            self.encoding = encoding
            self.chunkSize = max(1, chunkSize)
            self.maximumRecordBytes = maximumRecordBytes
        }
    }

    /// The name used for the file in messages.
    public let fileName: String
    /// The detected (or given) encoding. A file that starts with plain ASCII is read as
    /// UTF-8 until its first other byte, where the encoding is decided (see
    /// ``decideEncoding(at:in:)``): a Windows-1252 file is recognised wherever its first
    /// "’" or "£" lies, and since every byte before it was ASCII, which both encodings
    /// read alike, nothing already read changes.
    public private(set) var encoding: CSVEncoding
    /// Whether the encoding is still to be decided at the first non-ASCII byte.
    private var encodingUndecided = false
    /// The detected (or given) delimiter.
    public private(set) var delimiter: CSVDelimiter
    /// Empty lines skipped so far (they are not records, but callers may report them).
    public private(set) var blankLines = 0
    /// Records returned so far.
    public private(set) var recordCount = 0
    /// The source line on which the next record would start.
    public private(set) var nextLine = 1

    private let options: Options
    private var input: CSVInput
    /// Raw chunks read ahead for detection, consumed before reading more.
    private var pendingRaw: [[UInt8]]
    private var transcoder: CSVTranscoder
    private var text: CSVTextBuffer
    private var position = 0
    private var decodedAll = false
    private var spans: [Int] = []
    private var scratch: [UInt8] = []

    /// How much of the start of the file detection looks at.
    static let sampleSize = 64 * 1024

    /// Opens a file for streaming.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - displayName: the name used in messages (default: `path`).
    /// - Throws: ``CSVError/cannotOpen(file:reason:)``, ``CSVError/notText(file:detail:)``.
    public init(path: String, displayName: String? = nil, options: Options = Options()) throws {
        let name = displayName ?? path
        try self.init(
            input: .file(CSVFileDescriptor(path: path, file: name, observer: options.observer)), name: name,
            options: options)
    }

    /// Reads from bytes in memory (the raw bytes of a file, in any supported encoding).
    public init(bytes: [UInt8], displayName: String = "input", options: Options = Options()) throws {
        try self.init(input: .memory(bytes, offset: 0), name: displayName, options: options)
    }

    /// Reads from a stream of raw bytes (a zip member); its errors pass through.
    init(stream: any ByteStream, displayName: String, options: Options = Options()) throws {
        try self.init(input: .stream(stream), name: displayName, options: options)
    }

    private init(input: CSVInput, name: String, options: Options) throws {
        self.fileName = name
        self.options = options
        self.input = input
        // Read ahead enough of the file to detect the encoding.
        var raw: [[UInt8]] = []
        var sample: [UInt8] = []
        var rawEnded = false
        while sample.count < Self.sampleSize {
            let chunk = try self.input.read(upTo: options.chunkSize, file: name)
            if chunk.isEmpty {
                rawEnded = true
                break
            }
            sample.append(contentsOf: chunk.prefix(Self.sampleSize - sample.count))
            raw.append(chunk)
        }
        if !rawEnded && raw.reduce(0, { $0 + $1.count }) == sample.count {
            // The file may end exactly here: find out, so a cut-off character at the
            // end of the sample is judged correctly.
            let chunk = try self.input.read(upTo: options.chunkSize, file: name)
            if chunk.isEmpty { rawEnded = true } else { raw.append(chunk) }
        }
        let sniffed: CSVEncoding.Sniff
        if let given = options.encoding {
            sniffed = .encoding(given)
        } else {
            sniffed = sample.withUnsafeBufferPointer { CSVEncoding.detect($0, isWholeFile: rawEnded) }
        }
        switch sniffed {
        case .encoding(let e): encoding = e
        case .notText(let detail): throw CSVError.notText(file: name, detail: detail)
        }
        encodingUndecided = options.encoding == nil && encoding == .utf8 && !sample.contains { $0 >= 0x80 }
        pendingRaw = raw.reversed()
        transcoder = CSVTranscoder(encoding: encoding)
        text = CSVTextBuffer()
        text.bytes.reserveCapacity(2 * options.chunkSize + Self.sampleSize)
        if let given = options.delimiter {
            delimiter = given
        } else {
            // Decode enough to see the first records, then look at them.
            delimiter = .comma
            try fill(atLeast: Self.sampleSize)
            let fallback: CSVDelimiter = (encoding == .utf16LittleEndian || encoding == .utf16BigEndian) ? .tab : .comma
            let whole = decodedAll
            delimiter = text.bytes.withUnsafeBufferPointer {
                CSVDelimiter.detect(in: $0, isWholeInput: whole, fallback: fallback)
            }
        }
    }

    /// Reads the next raw chunk: read-ahead first, then the input.
    private mutating func readRaw() throws -> [UInt8]? {
        if let chunk = pendingRaw.popLast() { return chunk }
        let chunk = try input.read(upTo: options.chunkSize, file: fileName)
        return chunk.isEmpty ? nil : chunk
    }

    /// Drops consumed text and decodes at least `wanted` more bytes (or to the end).
    private mutating func fill(atLeast wanted: Int) throws {
        if position > 0 {
            if isKnownUniquelyReferenced(&text) {
                text.bytes.removeSubrange(0..<position)
            } else {
                var rest = [UInt8]()
                rest.reserveCapacity(2 * options.chunkSize + text.bytes.count - position)
                rest.append(contentsOf: text.bytes[position...])
                text = CSVTextBuffer(rest)
            }
            position = 0
        } else if !isKnownUniquelyReferenced(&text) {
            text = CSVTextBuffer(text.bytes)
        }
        let target = text.bytes.count + wanted
        while text.bytes.count < target && !decodedAll {
            if let chunk = try readRaw() {
                if encodingUndecided, let first = chunk.firstIndex(where: { $0 >= 0x80 }) {
                    try decideEncoding(at: first, in: chunk)
                }
                chunk.withUnsafeBufferPointer { transcoder.decode($0, into: &text.bytes) }
            } else {
                transcoder.finish(into: &text.bytes)
                decodedAll = true
            }
        }
    }

    /// Decides the encoding of a file that was plain ASCII up to byte `first` of `chunk`,
    /// from what follows (up to ``sampleSize`` bytes, read ahead and kept for decoding),
    /// by the same rule as the start of a file (``CSVEncoding/detect(_:isWholeFile:)``).
    private mutating func decideEncoding(at first: Int, in chunk: [UInt8]) throws {
        encodingUndecided = false
        var sample = Array(chunk[first...])
        var ahead: [[UInt8]] = []
        var ended = false
        while sample.count < Self.sampleSize {
            guard let next = try readRaw() else {
                ended = true
                break
            }
            sample.append(contentsOf: next.prefix(Self.sampleSize - sample.count))
            ahead.append(next)
        }
        pendingRaw.append(contentsOf: ahead.reversed())
        if case .encoding(.windows1252) = sample.withUnsafeBufferPointer({ CSVEncoding.detect($0, isWholeFile: ended) })
        {
            encoding = .windows1252
            transcoder = CSVTranscoder(encoding: .windows1252)
        }
    }

    /// The delimiter and encoding, for parsing a ``Block`` elsewhere.
    func chunkParser(for block: Block) -> CSVChunkParser {
        CSVChunkParser(
            text: CSVTextBuffer(block.text), delimiter: delimiter, encoding: encoding, fileName: fileName, isFinal: true
        )
    }

    /// Returns the next record, or `nil` at the end of the file. Blank lines are
    /// skipped (and counted in ``blankLines``). A damaged record is returned with its
    /// ``CSVRecord/problem`` set; reading continues after it.
    /// - Throws: ``CSVError/cannotRead(file:reason:)`` on an I/O error,
    ///   ``CSVError/recordTooLarge(file:line:limit:)`` for a runaway record.
    public mutating func next() throws -> CSVRecord? {
        guard case .record(let start, let line, let parsed) = try advance() else { return nil }
        let problem = CSVRecord.problem(of: parsed, at: start, in: text, line: line, encoding: encoding, file: fileName)
        return CSVRecord(
            text: text, spans: spans, scratch: scratch, rawStart: start, rawEnd: parsed.contentEnd,
            line: line, lineCount: parsed.innerLineBreaks + 1, problem: problem)
    }

    /// A run of whole records cut from the file, for parsing on another core. The
    /// text never ends inside a record (nor between a CR and its LF), so it is parsed
    /// as complete (`isFinal`).
    struct Block: Sendable {
        /// The records' exact decoded text, with any blank lines before them and their line breaks.
        var text: [UInt8]
        /// The source line on which the text starts.
        var firstLine: Int
    }

    /// Reads up to `maxRecords` records and returns the text they occupy instead of the
    /// records: ``CSVChunkParser`` parsing it gives exactly the records ``next()`` would
    /// (same fields, lines and problems). Stops early rather than refill the buffer
    /// mid-block; `nil` at the end of the file. A block may end with blank lines,
    /// which its parser counts again: use the reader's ``blankLines``, not the parser's.
    mutating func nextBlock(maxRecords: Int) throws -> Block? {
        // The first record may need the buffer refilled (which moves the text); blank
        // lines before it are skipped here, and counted, as next() does.
        guard case .record(let blockStart, let firstLine, _) = try advance() else { return nil }
        // The rest without recording fields (the worker parses them), in one pass over
        // the buffer, stopping where the buffer would need refilling.
        let separator = delimiter.byte
        let isFinal = decodedAll
        let wanted = maxRecords - 1
        var scan = (position: position, line: nextLine, blank: 0, records: 0)
        text.bytes.withUnsafeBufferPointer { buf in
            scanning: while scan.records < wanted && scan.position < buf.count {
                switch CSVTokenizer.skipRecord(buf, from: scan.position, isFinal: isFinal, delimiter: separator) {
                case .needMore:
                    break scanning
                case .blankLine(let next):
                    scan.position = next
                    scan.line += 1
                    scan.blank += 1
                case .record(let parsed):
                    scan.line += parsed.innerLineBreaks + (parsed.terminated ? 1 : 0)
                    scan.position = parsed.next
                    scan.records += 1
                }
            }
        }
        position = scan.position
        nextLine = scan.line
        blankLines += scan.blank
        recordCount += scan.records
        let block = text.bytes.withUnsafeBufferPointer {
            Array(UnsafeBufferPointer(rebasing: $0[blockStart..<position]))
        }
        return Block(text: block, firstLine: firstLine)
    }

    private enum Advance {
        case record(start: Int, line: Int, CSVTokenizer.Parsed)
        case end
    }

    /// Tokenises the next record into `spans`/`scratch`, skipping blank lines.
    private mutating func advance() throws -> Advance {
        while true {
            if position >= text.bytes.count {
                if decodedAll { return .end }
                try fill(atLeast: options.chunkSize)
                continue
            }
            var spans = self.spans
            var scratch = self.scratch
            self.spans = []
            self.scratch = []
            spans.removeAll(keepingCapacity: true)
            scratch.removeAll(keepingCapacity: true)
            let start = position
            let isFinal = decodedAll
            let separator = delimiter.byte
            let step = text.bytes.withUnsafeBufferPointer {
                CSVTokenizer.parseRecord(
                    $0, from: start, isFinal: isFinal, delimiter: separator, spans: &spans, scratch: &scratch)
            }
            self.spans = spans
            self.scratch = scratch
            switch step {
            case .needMore:
                let pending = text.bytes.count - position
                if pending > options.maximumRecordBytes {
                    throw CSVError.recordTooLarge(file: fileName, line: nextLine, limit: options.maximumRecordBytes)
                }
                try fill(atLeast: max(options.chunkSize, pending))
            case .blankLine(let next):
                position = next
                nextLine += 1
                blankLines += 1
            case .record(let parsed):
                let line = nextLine
                nextLine += parsed.innerLineBreaks + (parsed.terminated ? 1 : 0)
                position = parsed.next
                recordCount += 1
                return .record(start: start, line: line, parsed)
            }
        }
    }
}
