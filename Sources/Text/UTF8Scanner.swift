/// What one pass over a line learns: that it is valid UTF-8 (else the pass throws), whether it is
/// all ASCII, whether the Swift word breaker handles it, whether it is already normalised, and
/// whether it contains the bytes that can start a link (`:` or `@`).
struct LineSummary: Equatable {
    var isASCII: Bool
    /// Every code point is in the Basic Multilingual Plane and has a simple word-break class (not
    /// `WordBreakClass.complex`).
    var isSimple: Bool
    /// The line passes the normalisation quick check with "yes" (always true without normalisation):
    /// normalising it would change nothing.
    var isNormalized: Bool
    var hasLinkMarker: Bool
}

enum UTF8Scanner {
    private static let high: UInt64 = 0x8080_8080_8080_8080
    private static let ones: UInt64 = 0x0101_0101_0101_0101

    /// Whether any byte of `word` equals the byte repeated in `pattern` (the SWAR zero-byte test on
    /// `word ^ pattern`, exact as a yes/no answer for bytes below 0x80).
    @inline(__always)
    private static func hasByte(_ word: UInt64, _ pattern: UInt64) -> Bool {
        let x = word ^ pattern
        return (x &- ones) & ~x & high != 0
    }

    /// Validates `text` as UTF-8 (RFC 3629: no overlong forms, surrogates or values above
    /// U+10FFFF) and summarises it. `quickCheckFlag` is the `CharacterProperties` flag of the
    /// normalisation form's quick-check "yes" (0 when normalisation is off); the quick check is
    /// UAX #15's (section 9): every code point "yes" and canonical combining classes never
    /// decreasing between non-starters. O(n): eight ASCII bytes per step, then a decoding loop from
    /// the first non-ASCII byte.
    static func summarize(_ text: UnsafeBufferPointer<UInt8>, properties: UnsafePointer<UInt16>,
                          combiningClasses: UnsafePointer<UInt8>, quickCheckFlag: UInt16) throws(TextError) -> LineSummary {
        guard let base = text.baseAddress else {
            return LineSummary(isASCII: true, isSimple: true, isNormalized: true, hasLinkMarker: false)
        }
        let count = text.count
        var i = 0
        var marker = false
        let colons: UInt64 = 0x3A3A_3A3A_3A3A_3A3A, ats: UInt64 = 0x4040_4040_4040_4040
        while i + 8 <= count {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if word & high != 0 { break }
            if !marker && (hasByte(word, colons) || hasByte(word, ats)) { marker = true }
            i += 8
        }
        var isASCII = true, isSimple = true, isNormalized = true
        var lastCombiningClass: UInt8 = 0
        while i < count {
            let b0 = base[i]
            if b0 < 0x80 {
                if b0 == 0x3A || b0 == 0x40 { marker = true }
                lastCombiningClass = 0
                i += 1
                continue
            }
            isASCII = false
            var scalar: UInt32
            let length: Int
            switch b0 {
            case 0xC2...0xDF:
                guard i + 1 < count, base[i + 1] & 0xC0 == 0x80 else { throw .invalidUTF8(byteOffset: i) }
                scalar = UInt32(b0 & 0x1F) << 6 | UInt32(base[i + 1] & 0x3F)
                length = 2
            case 0xE0...0xEF:
                guard i + 2 < count else { throw .invalidUTF8(byteOffset: i) }
                let b1 = base[i + 1], b2 = base[i + 2]
                let low: UInt8 = b0 == 0xE0 ? 0xA0 : 0x80, top: UInt8 = b0 == 0xED ? 0x9F : 0xBF
                guard b1 >= low, b1 <= top, b2 & 0xC0 == 0x80 else { throw .invalidUTF8(byteOffset: i) }
                scalar = UInt32(b0 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
                length = 3
            case 0xF0...0xF4:
                guard i + 3 < count else { throw .invalidUTF8(byteOffset: i) }
                let b1 = base[i + 1], b2 = base[i + 2], b3 = base[i + 3]
                let low: UInt8 = b0 == 0xF0 ? 0x90 : 0x80, top: UInt8 = b0 == 0xF4 ? 0x8F : 0xBF
                guard b1 >= low, b1 <= top, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 else {
                    throw .invalidUTF8(byteOffset: i)
                }
                scalar = UInt32(b0 & 0x07) << 18 | UInt32(b1 & 0x3F) << 12 | UInt32(b2 & 0x3F) << 6 | UInt32(b3 & 0x3F)
                length = 4
            default:
                throw .invalidUTF8(byteOffset: i)
            }
            let p: UInt16, combiningClass: UInt8
            if scalar < 0x10000 {
                p = properties[Int(scalar)]
                combiningClass = combiningClasses[Int(scalar)]
            } else {
                p = CharacterProperties.supplementary(scalar)
                combiningClass = CharacterProperties.supplementaryCombiningClass(scalar)
                isSimple = false
            }
            if p & CharacterProperties.classMask == WordBreakClass.complex.rawValue { isSimple = false }
            if quickCheckFlag != 0 && (p & quickCheckFlag == 0 || (combiningClass != 0 && lastCombiningClass > combiningClass)) {
                isNormalized = false
            }
            lastCombiningClass = combiningClass
            i += length
        }
        return LineSummary(isASCII: isASCII, isSimple: isSimple, isNormalized: isNormalized, hasLinkMarker: marker)
    }
}
