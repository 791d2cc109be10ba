/// Streaming conversion of raw file chunks to UTF-8, keeping state across chunk
/// boundaries (a UTF-16 code unit or surrogate pair may be split between reads).
///
/// Malformed input in UTF-16 (an odd trailing byte, an unpaired surrogate) is written
/// as the byte 0xFF, which is never valid UTF-8, so the record containing it is
/// flagged as having invalid encoding instead of being silently repaired.
struct CSVTranscoder {
    let encoding: CSVEncoding
    /// Bytes of the byte-order mark still to skip.
    private var bomToSkip: Int
    /// A UTF-16 byte waiting for its partner.
    private var carryByte: UInt8?
    /// A UTF-16 high surrogate waiting for its low surrogate.
    private var highSurrogate: UInt16?

    init(encoding: CSVEncoding) {
        self.encoding = encoding
        bomToSkip = encoding.bomLength
    }

    static let invalidMarker: UInt8 = 0xFF

    /// Decodes `chunk`, appending UTF-8 to `output`.
    mutating func decode(_ chunk: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        var input = chunk
        if bomToSkip > 0 {
            let skip = min(bomToSkip, input.count)
            bomToSkip -= skip
            input = UnsafeBufferPointer(rebasing: input[skip...])
        }
        guard !input.isEmpty else { return }
        switch encoding {
        case .utf8, .utf8WithBOM:
            output.append(contentsOf: input)
        case .windows1252:
            Self.decodeWindows1252(input, into: &output)
        case .utf16LittleEndian:
            decodeUTF16(input, bigEndian: false, into: &output)
        case .utf16BigEndian:
            decodeUTF16(input, bigEndian: true, into: &output)
        }
    }

    /// Flushes what is left at the end of the file.
    mutating func finish(into output: inout [UInt8]) {
        if carryByte != nil {
            carryByte = nil
            output.append(Self.invalidMarker)
        }
        if highSurrogate != nil {
            highSurrogate = nil
            output.append(Self.invalidMarker)
        }
    }

    static func decodeWindows1252(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.reserveCapacity(output.count + input.count + input.count / 8)
        var runStart = 0
        var i = 0
        let n = input.count
        while i < n {
            let b = input[i]
            if b < 0x80 {
                i += 1
                continue
            }
            if runStart < i { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<i])) }
            appendScalar(UInt32(windows1252High[Int(b) - 0x80]), to: &output)
            i += 1
            runStart = i
        }
        if runStart < n { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[runStart..<n])) }
    }

    private mutating func decodeUTF16(_ input: UnsafeBufferPointer<UInt8>, bigEndian: Bool, into output: inout [UInt8])
    {
        output.reserveCapacity(output.count + input.count)
        var i = 0
        let n = input.count
        @inline(__always) func unit(_ a: UInt8, _ b: UInt8) -> UInt16 {
            bigEndian ? UInt16(a) << 8 | UInt16(b) : UInt16(b) << 8 | UInt16(a)
        }
        if let first = carryByte, n > 0 {
            carryByte = nil
            handle(unit(first, input[0]), into: &output)
            i = 1
        }
        while i + 1 < n {
            let u = unit(input[i], input[i + 1])
            if u < 0x80 && highSurrogate == nil {
                output.append(UInt8(truncatingIfNeeded: u))
            } else {
                handle(u, into: &output)
            }
            i += 2
        }
        if i < n { carryByte = input[i] }
    }

    @inline(__always)
    private mutating func handle(_ u: UInt16, into output: inout [UInt8]) {
        if let high = highSurrogate {
            highSurrogate = nil
            if u >= 0xDC00 && u <= 0xDFFF {
                let scalar = 0x10000 + ((UInt32(high) - 0xD800) << 10) + (UInt32(u) - 0xDC00)
                Self.appendScalar(scalar, to: &output)
                return
            }
            output.append(Self.invalidMarker)
        }
        if u >= 0xD800 && u <= 0xDBFF {
            highSurrogate = u
        } else if u >= 0xDC00 && u <= 0xDFFF {
            output.append(Self.invalidMarker)
        } else {
            Self.appendScalar(UInt32(u), to: &output)
        }
    }

    @inline(__always)
    static func appendScalar(_ s: UInt32, to output: inout [UInt8]) {
        if s < 0x80 {
            output.append(UInt8(s))
        } else if s < 0x800 {
            output.append(UInt8(0xC0 | (s >> 6)))
            output.append(UInt8(0x80 | (s & 0x3F)))
        } else if s < 0x10000 {
            output.append(UInt8(0xE0 | (s >> 12)))
            output.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (s & 0x3F)))
        } else {
            output.append(UInt8(0xF0 | (s >> 18)))
            output.append(UInt8(0x80 | ((s >> 12) & 0x3F)))
            output.append(UInt8(0x80 | ((s >> 6) & 0x3F)))
            output.append(UInt8(0x80 | (s & 0x3F)))
        }
    }

    /// Unicode scalars for Windows-1252 bytes 0x80...0xFF. The five bytes Windows-1252
    /// leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) map to the C1 controls, as Windows does.
    static let windows1252High: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
        0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D,
        0x017E, 0x0178,
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD,
        0x00AE, 0x00AF,
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD,
        0x00BE, 0x00BF,
        0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD,
        0x00CE, 0x00CF,
        0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD,
        0x00DE, 0x00DF,
        0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED,
        0x00EE, 0x00EF,
        0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD,
        0x00FE, 0x00FF,
    ]
}
