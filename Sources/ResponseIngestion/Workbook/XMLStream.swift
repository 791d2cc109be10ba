/// The bytes of one XML part of a workbook as they are inflated: a window that the
/// sheet and shared-strings readers scan, refilled a megabyte at a time. Whatever the
/// part's size, only the unread rest of the window is kept.
final class XMLStream {
    let part: String
    private let source: ZipMemberStream
    private(set) var bytes: [UInt8] = []
    /// Everything before this has been used.
    var position = 0
    private(set) var ended = false
    /// Bytes read at a time.
    let chunk: Int

    init(source: ZipMemberStream, part: String, chunk: Int = 1 << 20) {
        self.source = source
        self.part = part
        self.chunk = max(1, chunk)
    }

    /// Unused bytes held.
    var pending: Int { bytes.count - position }

    /// Drops what was used and reads the next piece; `false` at the end of the part.
    func refill() throws(ZipError) -> Bool {
        if ended { return false }
        if position > 0 {
            bytes.removeSubrange(0..<position)
            position = 0
        }
        let more = try source.next(chunk)
        if more.isEmpty {
            ended = true
            return false
        }
        if bytes.isEmpty { bytes = more } else { bytes.append(contentsOf: more) }
        return true
    }

    /// Runs `body` on a scanner over the unused bytes; `body` returns where it got to
    /// (an absolute offset into the window) or `nil` to ask for more bytes, in which
    /// case the window is refilled and `body` runs again from the same place. More
    /// than `limit` unused bytes without progress throws what `tooLarge` gives.
    func scan<T>(
        limit: Int, tooLarge: @autoclosure () -> WorkbookError,
        _ body: (inout XMLScanner) throws -> (T, Int)?
    ) throws -> T {
        while true {
            let ended = self.ended
            let part = self.part
            let start = position
            let result = try bytes.withUnsafeBufferPointer { buffer -> (T, Int)? in
                var scanner = XMLScanner(buffer, from: start, isFinal: ended, part: part)
                return try body(&scanner)
            }
            if let (value, next) = result {
                position = next
                return value
            }
            if ended { throw WorkbookError.malformedXML(part: part, detail: "it ends part-way") }
            if pending > limit { throw tooLarge() }
            _ = try refill()
        }
    }
}
