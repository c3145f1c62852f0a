/// Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF),
/// with an eight-bytes-at-a-time ASCII fast path. O(n), no allocation.
public enum UTF8Validation {
    /// True when `bytes` is well-formed UTF-8.
    @inlinable
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        firstInvalidOffset(bytes) == nil
    }

    /// The byte offset of the first ill-formed sequence, or nil when the buffer is valid.
    public static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            // Skip ASCII eight bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= n { break }
            let b0 = base[i]
            if b0 < 0x80 { i += 1; continue }
            let length = sequenceLength(base, i, n)
            if length == 0 { return i }
            i += length
        }
        return nil
    }

    /// The length of the well-formed sequence starting at `i`, or 0 when it is ill-formed.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let b0 = p[i]
        @inline(__always) func cont(_ k: Int) -> Bool { i + k < n && p[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0:
            return i + 2 < n && (0xA0...0xBF).contains(p[i + 1]) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return cont(1) && cont(2) ? 3 : 0
        case 0xED:
            return i + 2 < n && (0x80...0x9F).contains(p[i + 1]) && cont(2) ? 3 : 0
        case 0xF0:
            return i + 3 < n && (0x90...0xBF).contains(p[i + 1]) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3:
            return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4:
            return i + 3 < n && (0x80...0x8F).contains(p[i + 1]) && cont(2) && cont(3) ? 4 : 0
        default:
            return 0
        }
    }
}
