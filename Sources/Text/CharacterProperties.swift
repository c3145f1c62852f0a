internal import CICU

/// The word-break classes of ICU 72's word rules that the Swift word breaker implements
/// (`CICU_WB_*`); `complex` marks everything it leaves to ICU.
/// The numbering groups the classes so that range checks test membership: the mids are 5...7,
/// the classes that join with each other (WB5, 8–10, 13a/b) are 8...11.
enum WordBreakClass: UInt16 {
    case other = 0, cr = 1, lf = 2, newline = 3, wSegSpace = 4
    case midLetter = 5, midNum = 6, midNumLet = 7
    case aLetter = 8, numeric = 9, extendNumLet = 10, hebrewLetter = 11
    case singleQuote = 12, doubleQuote = 13, extendFormat = 14
    case complex = 15
}

/// Per-code-point tables for the Basic Multilingual Plane, built once per process from ICU's own
/// data (about 130,000 property lookups, a few milliseconds), so they always agree with the ICU
/// that segments: the packed properties of `cicu_character_properties` (word-break class in bits
/// 0–3, flags above) and canonical combining classes. Supplementary code points are asked of ICU
/// directly (`supplementary`); they are rare on the paths that use the tables.
///
/// The tables are allocated once and never freed, so hot loops hold plain pointers to them
/// (no reference counting, no exclusivity checks).
struct CharacterProperties: @unchecked Sendable {
    static let classMask: UInt16 = 0x000F
    static let whiteSpace: UInt16 = 0x0010
    static let punctuation: UInt16 = 0x0020
    static let digit: UInt16 = 0x0040
    static let nfcYes: UInt16 = 0x0080
    static let nfkcYes: UInt16 = 0x0100
    /// Changes_When_Casefolded: full case folding rewrites the code point.
    static let folds: UInt16 = 0x0200

    /// The packed properties of U+0000 ... U+FFFF.
    let bmp: UnsafePointer<UInt16>
    /// The canonical combining classes of U+0000 ... U+FFFF.
    let combiningClasses: UnsafePointer<UInt8>
    /// The word-break class of each byte value as the ASCII byte loop uses it (`'` as MidNumLet,
    /// `"` as Other), `complex` from 0x80 on.
    let asciiClasses: UnsafePointer<UInt8>

    /// The process-wide tables.
    static let shared = CharacterProperties()

    private init() {
        let properties = UnsafeMutablePointer<UInt16>.allocate(capacity: 0x10000)
        cicu_fill_character_properties(properties, 0x10000)
        let classes = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x10000)
        cicu_fill_combining_classes(classes, 0x10000)
        // ASCII has no Hebrew letters, so `'` plays MidNumLet's part there and `"` none.
        let ascii = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 {
            var k = b < 0x80 ? properties[b] & Self.classMask : WordBreakClass.complex.rawValue
            if k == WordBreakClass.singleQuote.rawValue { k = WordBreakClass.midNumLet.rawValue }
            if k == WordBreakClass.doubleQuote.rawValue { k = WordBreakClass.other.rawValue }
            ascii[b] = UInt8(k)
        }
        bmp = UnsafePointer(properties)
        combiningClasses = UnsafePointer(classes)
        asciiClasses = UnsafePointer(ascii)
    }

    /// The properties of any code point.
    @inline(__always)
    func callAsFunction(_ scalar: UInt32) -> UInt16 {
        scalar < 0x10000 ? bmp[Int(scalar)] : Self.supplementary(scalar)
    }

    /// The properties of a code point outside the tabulated plane.
    static func supplementary(_ scalar: UInt32) -> UInt16 {
        cicu_character_properties(Int32(bitPattern: scalar))
    }

    /// The canonical combining class of a code point outside the tabulated plane.
    static func supplementaryCombiningClass(_ scalar: UInt32) -> UInt8 {
        cicu_combining_class(Int32(bitPattern: scalar))
    }
}
