/// Where raw bytes come from: a file read chunk by chunk, bytes in memory (tests), or
/// a stream (a member of a zip download, inflated as it is read).
enum CSVInput {
    case file(CSVFileDescriptor)
    case memory([UInt8], offset: Int)
    case stream(any ByteStream)

    /// Reads up to `count` bytes; an empty array means end of input.
    mutating func read(upTo count: Int, file: String) throws -> [UInt8] {
        switch self {
        case .file(let handle):
            return try handle.read(upTo: count, file: file)
        case .memory(let bytes, let offset):
            let end = min(bytes.count, offset + count)
            self = .memory(bytes, offset: end)
            return Array(bytes[offset..<end])
        case .stream(let stream):
            return try stream.read(upTo: count)
        }
    }
}
