/// A workbook's shared strings (`xl/sharedStrings.xml`): the text of most cells, kept
/// once and referred to by number. Read on demand: a cell that refers to string `i`
/// makes the table read on until it has `i`, so reading a few header rows reads only
/// the first strings, and a whole sheet holds every string once (the only part of a
/// workbook held in memory in proportion to its size).
///
/// Each item's text is its `<t>` element, or its rich-text runs' `<t>` elements joined;
/// phonetic guides (`<rPh>`) are not part of the text.
final class SharedStrings {
    private let stream: XMLStream?
    /// Every string's UTF-8 bytes, one after another.
    private(set) var text: [UInt8] = []
    /// Where each string ends in `text` (it starts where the one before ends).
    private var ends: [Int] = []
    /// Whether each string needs quotes in CSV (holds a comma, quote or line break).
    private(set) var needsQuotes: [Bool] = []
    private var started = false
    private var finished: Bool

    /// The largest single string, and all of them together.
    static let maximumStringBytes = 1 << 20
    static let maximumTotalBytes = 2 << 30

    init(stream: XMLStream?) {
        self.stream = stream
        finished = stream == nil
    }

    var count: Int { ends.count }

    /// The bytes of string `index` within ``text``, reading on as far as needed; `nil`
    /// when the table has no such string.
    @inline(__always)
    func range(_ index: Int) throws -> Range<Int>? {
        if index < ends.count { return (index == 0 ? 0 : ends[index - 1])..<ends[index] }
        while index >= ends.count && !finished { try readMore() }
        guard index < ends.count else { return nil }
        return (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    /// Reads up to a few hundred more items.
    private func readMore() throws {
        guard let stream else {
            finished = true
            return
        }
        let limit = Self.maximumStringBytes * 8
        let part = stream.part
        let tooLarge: () -> WorkbookError = {
            .cellTooLarge(sheet: "shared strings", cell: "item \(self.ends.count + 1)", limit: Self.maximumStringBytes)
        }
        if !started {
            // Skip to the <sst> element.
            try stream.scan(limit: limit, tooLarge: tooLarge()) { scanner -> (Void, Int)? in
                while true {
                    switch try scanner.next() {
                    case .needMore: return nil
                    case .endOfInput: throw WorkbookError.malformedXML(part: part, detail: "it has no <sst> element")
                    case .token(.start(let name, _, _)) where scanner.named(name, "sst"): return ((), scanner.position)
                    case .token: continue
                    }
                }
            }
            started = true
        }
        var item: [UInt8] = []
        for _ in 0..<256 where !finished {
            item.removeAll(keepingCapacity: true)
            let more: Bool = try stream.scan(limit: limit, tooLarge: tooLarge()) { scanner -> (Bool, Int)? in
                // Up to the next <si> (or the end of the table).
                while true {
                    switch try scanner.next() {
                    case .needMore: return nil
                    case .endOfInput: return (false, scanner.position)
                    case .token(.start(let name, _, let empty)) where scanner.named(name, "si"):
                        if empty { return (true, scanner.position) }
                        guard try Self.readItem(&scanner, into: &item) else { return nil }
                        return (true, scanner.position)
                    case .token(.end(let name)) where scanner.named(name, "sst"): return (false, scanner.position)
                    case .token: continue
                    }
                }
            }
            guard more else {
                finished = true
                break
            }
            if item.count > Self.maximumStringBytes { throw tooLarge() }
            if text.count + item.count > Self.maximumTotalBytes {
                throw WorkbookError.sharedStringsTooLarge(limit: Self.maximumTotalBytes)
            }
            text.append(contentsOf: item)
            ends.append(text.count)
            needsQuotes.append(SheetReader.needsQuotes(item))
        }
    }

    /// Reads one `<si>` (its start tag already read) up to `</si>`, appending its text.
    /// `false` when the bytes ran out first.
    static func readItem(_ scanner: inout XMLScanner, into item: inout [UInt8]) throws(WorkbookError) -> Bool {
        item.removeAll(keepingCapacity: true)
        return try readText(&scanner, closing: "si", into: &item)
    }

    /// Appends the text of the `<t>` elements up to the end of the element `closing`,
    /// skipping phonetic runs (`<rPh>`). Used for shared strings and inline strings.
    static func readText(_ scanner: inout XMLScanner, closing: StaticString, into item: inout [UInt8])
        throws(WorkbookError) -> Bool
    {
        var inText = false
        while true {
            switch try scanner.next() {
            case .needMore, .endOfInput: return false
            case .token(.start(let name, _, let empty)):
                if scanner.named(name, "rPh") {
                    if !empty {
                        guard try scanner.skipElement() else { return false }
                    }
                } else if scanner.named(name, "t") {
                    inText = !empty
                }
            case .token(.end(let name)):
                if scanner.named(name, "t") { inText = false } else if scanner.named(name, closing) { return true }
            case .token(.text(let range)):
                if inText {
                    let bytes = UnsafeBufferPointer(rebasing: scanner.buffer[range])
                    if XMLText.isPlain(bytes, officeEscapes: true) {
                        item.append(contentsOf: bytes)
                    } else {
                        try XMLText.decode(bytes, into: &item, part: scanner.part, officeEscapes: true)
                    }
                }
            case .token(.cdata(let range)):
                if inText { item.append(contentsOf: UnsafeBufferPointer(rebasing: scanner.buffer[range])) }
            }
        }
    }
}
