internal import CICU

/// The word-break classes of ICU 72's word rules that the Swift word breaker implements
/// (`CICU_WB_*`); `complex` marks everything it leaves to ICU.
/// The numbering groups the classes so that range checks test membership: the mids are 5...7 and
/// the classes that join with each other (WB5, 8–10, 13a/b) are 8...10.
enum WordBreakClass: UInt16 {
    case other = 0, cr = 1, lf = 2, newline = 3, wSegSpace = 4
    case midLetter = 5, midNum = 6, midNumLet = 7
    case aLetter = 8, numeric = 9, extendNumLet = 10
    case complex = 15
}

/// Packed per-code-point properties (`cicu_character_properties`): the word-break class in bits
/// 0–3 and flags above it. The Basic Multilingual Plane is tabulated once per process from ICU's
/// own data (65,536 lookups, a few milliseconds), so the tables always agree with the ICU that
/// segments; supplementary code points are asked of ICU directly (they are rare in the fast paths).
struct CharacterProperties: Sendable {
    static let classMask: UInt16 = 0x000F
    static let whiteSpace: UInt16 = 0x0010
    static let punctuation: UInt16 = 0x0020
    static let digit: UInt16 = 0x0040
    static let nfcStable: UInt16 = 0x0080
    static let nfkcStable: UInt16 = 0x0100

    /// The properties of U+0000 ... U+FFFF.
    let bmp: [UInt16]

    /// The process-wide table.
    static let shared = CharacterProperties()

    private init() {
        bmp = [UInt16](unsafeUninitializedCapacity: 0x10000) { buffer, count in
            cicu_fill_character_properties(buffer.baseAddress, 0x10000)
            count = 0x10000
        }
    }

    /// The properties of any code point.
    @inline(__always)
    func callAsFunction(_ scalar: UInt32) -> UInt16 {
        scalar < 0x10000 ? bmp[Int(scalar)] : cicu_character_properties(Int32(bitPattern: scalar))
    }

    /// The properties of a code point outside the tabulated plane.
    static func supplementary(_ scalar: UInt32) -> UInt16 {
        cicu_character_properties(Int32(bitPattern: scalar))
    }
}
