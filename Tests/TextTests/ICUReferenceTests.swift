import Testing
@testable import Text

/// Word tokens against ICU 72.1's own segmentation of the multilingual sample
/// (`tokenize/icu72-wordbreak.jsonl`, produced by a C program over `ubrk_open(UBRK_WORD, "en")`).
@Suite struct ICUReferenceTests {
    @Test func sampleIsComplete() {
        #expect(ReferenceData.sample.count == 43)
    }

    /// Plain ICU segmentation (no normalisation, no URL merging) gives ICU's tokens exactly, on
    /// every line: Thai, Japanese, Chinese, Korean, Arabic, Hindi, emoji, NFD accents included.
    @Test func plainICUModeEqualsICU() throws {
        let tokenizer = try Tokenizer(TokenizerOptions(normalize: .none, keepURLs: false))
        for line in ReferenceData.sample {
            #expect(try tokenizer.tokenize(line.text).tokens == line.tokens, "line \(line.line) \(line.id)")
        }
    }
}
