/// Fast UTF-8 validation over raw bytes (ASCII runs are skipped eight bytes at a time).
enum UTF8Validation {
    enum Result: Equatable {
        case valid
        /// Invalid bytes at this offset.
        case invalid(at: Int)
        /// Valid except a multibyte sequence cut off by the end of the buffer.
        case truncated(at: Int)
    }

    @inline(__always)
    static func isValid(_ base: UnsafePointer<UInt8>?, count: Int) -> Bool {
        firstError(base, count: count) == .valid
    }

    static func firstError(_ base: UnsafePointer<UInt8>?, count n: Int) -> Result {
        guard let p = base, n > 0 else { return .valid }
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i < n {
            // ASCII fast path: eight bytes at a time.
            while i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < n else { break }
            let b = p[i]
            if b < 0x80 {
                i += 1
                continue
            }
            var need: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: need = 1
            case 0xE0:
                need = 2
                lower = 0xA0
            case 0xE1...0xEC, 0xEE, 0xEF: need = 2
            case 0xED:
                need = 2
                upper = 0x9F
            case 0xF0:
                need = 3
                lower = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4:
                need = 3
                upper = 0x8F
            default: return .invalid(at: i)
            }
            var j = i + 1
            while need > 0 {
                guard j < n else { return .truncated(at: i) }
                let c = p[j]
                if c < lower || c > upper { return .invalid(at: i) }
                lower = 0x80
                upper = 0xBF
                need -= 1
                j += 1
            }
            i = j
        }
        return .valid
    }
}
