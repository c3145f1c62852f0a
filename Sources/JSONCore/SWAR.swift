/// Eight-bytes-at-a-time tests ("SIMD within a register"). The zero-byte test
/// `(x - 0x01…01) & ~x & 0x80…80` is exact about whether some byte matches; bytes above the first
/// match may be flagged wrongly, which is harmless because callers then look byte by byte.
@usableFromInline
enum SWAR {
    @usableFromInline static let ones: UInt64 = 0x0101_0101_0101_0101
    @usableFromInline static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` equals `byte`.
    @inline(__always) @usableFromInline
    static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highs != 0
    }

    /// Whether some byte of `word` is below `limit` (limit ≤ 128).
    @inline(__always) @usableFromInline
    static func hasByteLess(_ word: UInt64, than limit: UInt8) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & highs != 0
    }

    /// A quote, a backslash or a control character: a byte `appendEscaped` must escape.
    @inline(__always) @usableFromInline
    static func hasEscapedByte(_ word: UInt64) -> Bool {
        hasByte(word, 0x22) || hasByte(word, 0x5C) || hasByteLess(word, than: 0x20)
    }
}
