/// UTF-8 validation without allocation, following the well-formed byte sequences of the Unicode
/// Standard (chapter 3, table 3-7): no overlong forms, no surrogates (U+D800–U+DFFF), nothing above
/// U+10FFFF.
public enum UTF8Validation {
    /// The offset of the first byte of the first ill-formed sequence in `bytes`, or nil when the
    /// whole buffer is well-formed UTF-8. A sequence cut short by the end of the buffer counts as
    /// ill-formed.
    ///
    /// Complexity: O(n); runs of ASCII are skipped eight bytes at a time.
    public static func firstInvalidOffset(in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let count = bytes.count
        var i = 0
        while i < count {
            // ASCII fast path: eight bytes whose high bits are all clear.
            while i + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= count { break }
            let lead = base.load(fromByteOffset: i, as: UInt8.self)
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // allowed range of the second byte
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            if i + length > count { return i }
            let second = base.load(fromByteOffset: i + 1, as: UInt8.self)
            if second < low || second > high { return i }
            var k = 2
            while k < length {
                if base.load(fromByteOffset: i + k, as: UInt8.self) & 0xC0 != 0x80 { return i }
                k += 1
            }
            i += length
        }
        return nil
    }

    /// Whether `bytes` is well-formed UTF-8.
    @inlinable
    public static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        firstInvalidOffset(in: bytes) == nil
    }
}
