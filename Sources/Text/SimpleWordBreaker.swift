/// ICU 72's word-break rules (UAX #29 as tailored by ICU's `word.txt`) for text whose code points
/// all have a simple word-break class: no Extend, Format, ZWJ, Regional_Indicator, Hebrew,
/// Katakana or dictionary (Thai, CJK, Hangul ...) characters. `UTF8Scanner` decides which lines
/// qualify; the rest go to ICU. On such text the rules reduce to (× = no break, ÷ = break):
///
/// - WB3   CR × LF; WB3a/b ÷ after and before CR, LF, Newline
/// - WB3d  WSegSpace × WSegSpace
/// - WB5, 8, 9, 10, 13a, 13b   X × Y for X, Y in {ALetter, Numeric, ExtendNumLet}
/// - WB6/7   ALetter × (MidLetter | MidNumLet | Single_Quote) ALetter, and the mid × the letter
/// - WB11/12 Numeric × (MidNum | MidNumLet | Single_Quote) Numeric, and the mid × the digit
/// - WB999 ÷ everywhere else
///
/// with ICU's tailoring: `@` is an ALetter and `:` is not a MidLetter (so `a@b.c` is one word and
/// `a:b` three). ICU's rule chaining (`!!chain`) gives the same boundaries as these pairwise rules
/// with one character of look-ahead. Segment rule statuses follow ICU's tags (`ruleStatus`).
/// The differential tests check boundaries and statuses against ICU on a corpus and on random text.
enum SimpleWordBreaker {
    private static let aLetter = WordBreakClass.aLetter.rawValue
    private static let numeric = WordBreakClass.numeric.rawValue
    private static let extendNumLet = WordBreakClass.extendNumLet.rawValue
    private static let midLetter = WordBreakClass.midLetter.rawValue
    private static let midNum = WordBreakClass.midNum.rawValue
    private static let midNumLet = WordBreakClass.midNumLet.rawValue
    private static let wSegSpace = WordBreakClass.wSegSpace.rawValue
    private static let cr = WordBreakClass.cr.rawValue
    private static let lf = WordBreakClass.lf.rawValue
    private static let newline = WordBreakClass.newline.rawValue

    /// Whether a mid character of class `mid` between two characters of class `side` (both
    /// ALetter or both Numeric) joins them: WB6/7 for letters, WB11/12 for digits.
    @inline(__always)
    private static func midJoins(_ mid: UInt16, _ side: UInt16) -> Bool {
        mid == midNumLet || (mid == midLetter && side == aLetter) || (mid == midNum && side == numeric)
    }

    /// Calls `body(start, end, isWhiteSpace)` for every segment of a simple line, through the byte
    /// loop when the line is ASCII.
    @inline(__always)
    static func forEachSegment(_ text: UnsafeBufferPointer<UInt8>, isASCII: Bool, properties: UnsafePointer<UInt16>,
                               _ body: (Int, Int, Bool) -> Void) {
        if isASCII {
            forEachASCIISegment(text, classes: CharacterProperties.shared.asciiClasses, body)
        } else {
            forEachSegment(text, properties: properties, body)
        }
    }

    /// Calls `body(start, end, isWhiteSpace)` for every segment of a simple line in order; the
    /// segments tile the text and `isWhiteSpace` says the segment is entirely White_Space.
    /// `properties` is the BMP table of `CharacterProperties`. O(n), no allocation.
    @inline(__always)
    static func forEachSegment(_ text: UnsafeBufferPointer<UInt8>, properties: UnsafePointer<UInt16>,
                               _ body: (Int, Int, Bool) -> Void) {
        guard let base = text.baseAddress else { return }
        let n = text.count
        let white = CharacterProperties.whiteSpace, mask = CharacterProperties.classMask
        var i = 0
        while i < n {
            let start = i
            let (c, length) = ValidUTF8.decode(base, i)
            let p = properties[Int(c)]
            let k = p & mask
            i += length
            if k >= aLetter {
                var previous = k
                var allWhite = p & white != 0
                while i < n {
                    let (c1, l1) = ValidUTF8.decode(base, i)
                    let p1 = properties[Int(c1)]
                    let k1 = p1 & mask
                    if k1 >= aLetter {
                        i += l1
                        previous = k1
                        allWhite = allWhite && p1 & white != 0
                        continue
                    }
                    if k1 >= midLetter && i + l1 < n && previous != extendNumLet {
                        let (c2, l2) = ValidUTF8.decode(base, i + l1)
                        if properties[Int(c2)] & mask == previous && midJoins(k1, previous) {
                            i += l1 + l2
                            allWhite = false
                            continue
                        }
                    }
                    break
                }
                body(start, i, allWhite)
            } else if k == wSegSpace {
                while i < n {
                    let (c1, l1) = ValidUTF8.decode(base, i)
                    guard properties[Int(c1)] & mask == wSegSpace else { break }
                    i += l1
                }
                body(start, i, true)
            } else if k == cr {
                if i < n && base[i] == 0x0A { i += 1 }
                body(start, i, true)
            } else {
                body(start, i, p & white != 0)
            }
        }
    }

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
                          midJoins(UInt16(k1), UInt16(previous)) else { break }
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

    /// The rule status ICU reports for a segment produced by `forEachSegment`: 200 (letter) when it
    /// ends in an ALetter, 100 (number) when it ends in a digit; a final ExtendNumLet takes the
    /// status of the rule that joined it (WB13a/b: 200 after a letter or another ExtendNumLet, 100
    /// after a digit, 0 alone); everything else is 0.
    static func ruleStatus(_ segment: UnsafeBufferPointer<UInt8>, properties: UnsafePointer<UInt16>) -> Int32 {
        guard let base = segment.baseAddress, segment.count > 0 else { return 0 }
        let lastStart = ValidUTF8.previousStart(base, before: segment.count, from: 0)
        let last = properties[Int(ValidUTF8.decode(base, lastStart).scalar)] & CharacterProperties.classMask
        switch last {
        case aLetter: return 200
        case numeric: return 100
        case extendNumLet:
            guard lastStart > 0 else { return 0 }
            let previousStart = ValidUTF8.previousStart(base, before: lastStart, from: 0)
            let previous = properties[Int(ValidUTF8.decode(base, previousStart).scalar)] & CharacterProperties.classMask
            return previous == numeric ? 100 : 200
        default: return 0
        }
    }
}
