import Foundation
import Testing
@testable import Text

/// The Swift normalisation quick check (`UTF8Scanner`) against Foundation's normalisers (ICU): a
/// line it calls normalised must be unchanged by NFC (or NFKC).
@Suite struct QuickCheckTests {
    static func summary(_ text: String, _ flag: UInt16) throws -> LineSummary {
        let shared = CharacterProperties.shared
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { text in
            try UTF8Scanner.summarize(text, properties: shared.bmp, combiningClasses: shared.combiningClasses, quickCheckFlag: flag)
        }
    }

    @Test func examples() throws {
        let nfc = CharacterProperties.nfcYes, nfkc = CharacterProperties.nfkcYes
        #expect(try Self.summary("Café", nfc).isNormalized)
        #expect(try !Self.summary("Cafe\u{301}", nfc).isNormalized)            // composes
        #expect(try Self.summary("a\u{301}\u{323}", nfc).isNormalized == false) // marks out of order (230 > 220)
        #expect(try Self.summary("a\u{323}\u{301}", nfc).isNormalized == false) // ȧ-like: composes with a dot below
        #expect(try Self.summary("ก\u{0E38}\u{0E48}", nfc).isNormalized)        // Thai marks in order (103 < 107)
        #expect(try !Self.summary("ก\u{0E48}\u{0E38}", nfc).isNormalized)       // out of order
        #expect(try Self.summary("ﬁ ²", nfc).isNormalized)
        #expect(try !Self.summary("ﬁ ²", nfkc).isNormalized)
        #expect(try Self.summary("😀👍🏽", nfc).isNormalized)
        #expect(try Self.summary("\u{1D15E}", nfc).isNormalized == false)      // composition exclusion
    }

    /// Random strings over letters, combining marks of several classes, Hangul jamo, compatibility
    /// characters and emoji: whenever the quick check says "normalised", Foundation agrees.
    @Test func randomStringsAgreeWithFoundation() throws {
        let alphabet: [Unicode.Scalar] = ["a", "e", "o", "A", " ", "\u{301}", "\u{300}", "\u{323}", "\u{327}", "\u{308}",
            "\u{E9}", "\u{1E0D}", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{AC00}", "\u{0E01}", "\u{0E38}", "\u{0E48}",
            "\u{FB01}", "\u{B2}", "\u{212B}", "\u{1F600}", "\u{1F3FD}", "\u{0915}", "\u{093C}", "\u{094D}", "\u{05D0}", "\u{05B8}"]
        var state: UInt64 = 12345
        var saidYes = 0, changed = 0
        for _ in 0..<20_000 {
            var text = String.UnicodeScalarView()
            for _ in 0..<(1 + Int(state % 6)) {
                state = state &* 6364136223846793005 &+ 1442695040888963407  // Knuth's MMIX LCG
                text.append(alphabet[Int((state >> 33) % UInt64(alphabet.count))])
            }
            let string = String(text)
            for (flag, normalize) in [(CharacterProperties.nfcYes, { (s: String) in s.precomposedStringWithCanonicalMapping }),
                                      (CharacterProperties.nfkcYes, { (s: String) in s.precomposedStringWithCompatibilityMapping })] {
                let expected = Array(normalize(string).utf8) == Array(string.utf8)
                let quick = try Self.summary(string, flag).isNormalized
                if quick { #expect(expected, "\(string.unicodeScalars.map { String($0.value, radix: 16) })") }
                if quick { saidYes += 1 }
                if !expected { changed += 1 }
            }
        }
        // Both answers occur often, so both branches were exercised. (The quick check may call
        // normalised text "not normalised": combining marks are "maybe" for NFC; ICU then decides.)
        #expect(saidYes > 5_000 && changed > 5_000)
    }
}
