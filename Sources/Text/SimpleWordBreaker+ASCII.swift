/// The byte loop of `SimpleWordBreaker` for lines of ASCII only.
extension SimpleWordBreaker {
    /// `forEachSegment` for a line of ASCII only: the same rules over bytes, with `classes` =
    /// `CharacterProperties.asciiClasses`, and a tight inner loop over the letters, digits and `_`
    /// of a word.
    @inline(__always)
    static func forEachASCIISegment(_ text: UnsafeBufferPointer<UInt8>, classes: UnsafePointer<UInt8>,
                                    _ body: (Int, Int, Bool) -> Void) {
        guard let base = text.baseAddress else { return }
        let n = text.count
        let word = UInt8(aLetter), mid = UInt8(midLetter), extend = UInt8(extendNumLet)
        var i = 0
        while i < n {
            let start = i
            let k = classes[Int(base[i])]
            i += 1
            if k >= word {
                while true {
                    i = wordRunEnd(base, n, from: i, classes: classes)
                    guard i + 1 < n else { break }
                    let k1 = classes[Int(base[i])]
                    guard k1 >= mid else { break }
                    let previous = classes[Int(base[i - 1])]
                    guard previous != extend, classes[Int(base[i + 1])] == previous,
                          midJoins(UInt16(k1), UInt16(previous), UInt16(previous)) else { break }
                    i += 2
                }
                body(start, i, false)
            } else if base[start] == 0x20 {
                while i < n && base[i] == 0x20 { i += 1 }
                body(start, i, true)
            } else if k == UInt8(cr) {
                if i < n && base[i] == 0x0A { i += 1 }
                body(start, i, true)
            } else {
                body(start, i, k == UInt8(lf) || k == UInt8(newline) || base[start] == 0x09)
            }
        }
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let high: UInt64 = 0x8080_8080_8080_8080
    private static let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F

    /// High bit of each byte set where the byte is at least `c` (bytes below 0x80, `c` ≤ 0x80).
    @inline(__always)
    private static func atLeast(_ x: UInt64, _ c: UInt8) -> UInt64 {
        (x &+ ones &* UInt64(0x80 - c)) & high
    }

    /// High bit of each byte set where the byte equals `c` (exact for bytes below 0x80).
    @inline(__always)
    private static func equal(_ x: UInt64, _ c: UInt8) -> UInt64 {
        let t = x ^ (ones &* UInt64(c))
        return ~(((t & low7) &+ low7) | t) & high
    }

    /// The end of the run of word characters (letters, `@`, digits, `_`: the ASCII ALetter,
    /// Numeric and ExtendNumLet) that continues at byte `i` of an ASCII line: eight bytes per step,
    /// classified with SWAR arithmetic, so a word's end costs no mispredicted branch per byte.
    @inline(__always)
    static func wordRunEnd(_ base: UnsafePointer<UInt8>, _ n: Int, from start: Int, classes: UnsafePointer<UInt8>) -> Int {
        var i = start
        while i + 8 <= n {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let folded = x | 0x2020_2020_2020_2020
            let letters = atLeast(folded, 0x61) & ~atLeast(folded, 0x7B)
            let digits = atLeast(x, 0x30) & ~atLeast(x, 0x3A)
            let word = letters | digits | equal(x, 0x5F) | equal(x, 0x40)
            let other = ~word & high
            if other != 0 { return i + other.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < n && classes[Int(base[i])] >= UInt8(aLetter) { i += 1 }
        return i
    }

}
