import Foundation
import Testing
@testable import Text

/// Tokens against ICU 72.1's own segmentation of the multilingual sample
/// (`tokenize/icu72-wordbreak.jsonl`, produced by a C program over `ubrk_open(UBRK_WORD, "en")`),
/// and grapheme clusters against the Swift standard library's `Character` (UAX #29).
@Suite struct ICUReferenceTests {
    @Test func sampleIsComplete() {
        #expect(ReferenceData.sample.count == 43)
    }

    /// Plain ICU segmentation (no normalisation, no URL merging) gives ICU's tokens exactly, on
    /// every line: Thai, Japanese, Chinese, Korean, Arabic, Hindi, emoji, NFD accents included.
    @Test func plainICUModeEqualsICU() throws {
        let tokenizer = try Tokenizer(TokenizerOptions(normalize: .none, keepURLs: false))
        for line in ReferenceData.sample {
            #expect(try tokenizer.tokenize(line.text).tokens.utf8Bytes == line.tokens.utf8Bytes, "line \(line.line) \(line.id)")
        }
    }

    /// The default mode (NFC, URLs and e-mail addresses kept whole) gives ICU's tokens in NFC, except
    /// for exactly two merges, both on line 3: the URL `https://www.example.com/path?q=1&lang=en#top`
    /// (17 ICU tokens) and the address `jane.doe+tag@example.co.uk` (3 ICU tokens). `@user` and
    /// `#NLP2024` are not links and stay as ICU cuts them.
    @Test func defaultModeMergesExactlyTheLinks() throws {
        let tokenizer = try Tokenizer()
        for line in ReferenceData.sample {
            var expected = line.tokens.map { $0.precomposedStringWithCanonicalMapping }
            if line.line == 3 {
                expected = ["Visit", "https://www.example.com/path?q=1&lang=en#top", "or", "mail",
                            "jane.doe+tag@example.co.uk", ",", "@user", "#", "NLP2024", "."]
                #expect(line.tokens.count == expected.count + 16 + 2)
            }
            #expect(try tokenizer.tokenize(line.text).tokens.utf8Bytes == expected.utf8Bytes, "line \(line.line) \(line.id)")
        }
    }

    /// The default mode with plain ICU segmentation equals ICU's tokens in NFC on every line, which
    /// shows that NFC changes no boundary in the sample (Greek `;` U+037E becomes `;`).
    @Test func plainICUModeWithNFCEqualsICUInNFC() throws {
        let tokenizer = try Tokenizer(TokenizerOptions(keepURLs: false))
        for line in ReferenceData.sample {
            let expected = line.tokens.map { $0.precomposedStringWithCanonicalMapping }
            #expect(try tokenizer.tokenize(line.text).tokens.utf8Bytes == expected.utf8Bytes, "line \(line.line) \(line.id)")
        }
    }

    /// Character level equals the Swift standard library's extended grapheme clusters (`Character`)
    /// that are not entirely White_Space, on every line.
    @Test func charLevelEqualsGraphemeClusters() throws {
        let tokenizer = try Tokenizer(TokenizerOptions(level: .char, normalize: .none))
        for line in ReferenceData.sample {
            let expected = line.text.map(String.init).filter { !$0.unicodeScalars.allSatisfy(\.properties.isWhitespace) }
            #expect(try tokenizer.tokenize(line.text).tokens.utf8Bytes == expected.utf8Bytes, "line \(line.line) \(line.id)")
        }
    }

    /// Emoji ZWJ sequences, flags, skin tones, keycaps and combining marks are one character each.
    @Test func charLevelKeepsClustersWhole() throws {
        let tokenizer = try Tokenizer(TokenizerOptions(level: .char, normalize: .none))
        let emoji = try tokenizer.tokenize(ReferenceData.sample[31].text).tokens
        for cluster in ["👨‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "🇩🇪", "1️⃣"] {
            #expect(emoji.contains(cluster), "\(cluster)")
        }
        #expect(try tokenizer.tokenize("👩‍💻🧑‍🚀crew").tokens == ["👩‍💻", "🧑‍🚀", "c", "r", "e", "w"])
        // NFD "é" (e + U+0301) and Hangul jamo stay whole without normalisation; NFC makes them one code point.
        #expect(try tokenizer.tokenize("e\u{301}a\u{1100}\u{1161}").tokens.utf8Bytes == ["e\u{301}", "a", "\u{1100}\u{1161}"].utf8Bytes)
        let nfc = try Tokenizer(TokenizerOptions(level: .char))
        #expect(try nfc.tokenize("e\u{301}a\u{1100}\u{1161}").tokens.utf8Bytes == ["\u{E9}", "a", "\u{AC00}"].utf8Bytes)
        // ASCII lines take a byte path; CR LF and other White_Space are not tokens.
        #expect(try nfc.tokenize("a b\r\n\tc.").tokens == ["a", "b", "c", "."])
    }
}
