/// Decoding and encoding of UTF-8 that is already known to be well-formed (checked once by
/// `UTF8Validation` or a scanner that read every byte): the tokenizers of Text and Metrics walk
/// code points with these, so no bounds or validity checks repeat in their loops.
public enum ValidUTF8 {
    /// The byte length of the sequence that lead byte `b` introduces.
    @inlinable @inline(__always)
    public static func sequenceLength(_ b: UInt8) -> Int {
        if b < 0x80 { return 1 }
        if b < 0xE0 { return 2 }
        if b < 0xF0 { return 3 }
        return 4
    }

    /// The code point starting at byte `i` and its length in bytes.
    @inlinable @inline(__always)
    public static func decode(_ base: UnsafePointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(base[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(base[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(base[i + 1] & 0x3F) << 6 | UInt32(base[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(base[i + 1] & 0x3F) << 12 | UInt32(base[i + 2] & 0x3F) << 6
                    | UInt32(base[i + 3] & 0x3F), 4)
    }

    /// Writes the UTF-8 encoding of `scalar` at `out[o]` and returns the number of bytes written.
    @inlinable @inline(__always)
    public static func encode(_ scalar: UInt32, _ out: UnsafeMutablePointer<UInt8>, _ o: Int) -> Int {
        if scalar < 0x80 {
            out[o] = UInt8(scalar)
            return 1
        }
        if scalar < 0x800 {
            out[o] = UInt8(0xC0 | scalar >> 6)
            out[o + 1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        }
        if scalar < 0x10000 {
            out[o] = UInt8(0xE0 | scalar >> 12)
            out[o + 1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
            out[o + 2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        }
        out[o] = UInt8(0xF0 | scalar >> 18)
        out[o + 1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
        out[o + 2] = UInt8(0x80 | (scalar >> 6) & 0x3F)
        out[o + 3] = UInt8(0x80 | scalar & 0x3F)
        return 4
    }

    /// The start of the code point that ends just before byte `end` (`end` > `start`).
    @inlinable @inline(__always)
    public static func previousStart(_ base: UnsafePointer<UInt8>, before end: Int, from start: Int) -> Int {
        var i = end - 1
        while i > start && base[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    /// The number of code points in `base[start ..< end]`: the bytes that are not continuation bytes.
    @inlinable @inline(__always)
    public static func codePointCount(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var count = 0
        var i = start
        while i < end {
            count &+= base[i] & 0xC0 != 0x80 ? 1 : 0
            i &+= 1
        }
        return count
    }
}
