/// Decoding of UTF-8 that is already known to be valid (checked by `UTF8Scanner`).
enum ValidUTF8 {
    /// The code point starting at byte `i` and its length in bytes.
    @inline(__always)
    static func decode(_ base: UnsafePointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(base[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(base[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(base[i + 1] & 0x3F) << 6 | UInt32(base[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(base[i + 1] & 0x3F) << 12 | UInt32(base[i + 2] & 0x3F) << 6
                    | UInt32(base[i + 3] & 0x3F), 4)
    }

    /// The start of the code point that ends just before byte `end` (`end` > `start`).
    @inline(__always)
    static func previousStart(_ base: UnsafePointer<UInt8>, before end: Int, from start: Int) -> Int {
        var i = end - 1
        while i > start && base[i] & 0xC0 == 0x80 { i -= 1 }
        return i
    }

    /// The number of code points in `base[start ..< end]`: the bytes that are not continuation bytes.
    @inline(__always)
    static func codePointCount(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var count = 0
        var i = start
        while i < end {
            count &+= base[i] & 0xC0 != 0x80 ? 1 : 0
            i &+= 1
        }
        return count
    }
}
