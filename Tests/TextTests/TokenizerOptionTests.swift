import Foundation
import Testing
import Diagnostics
import _TestSupport
@testable import Text

/// Each option of `TokenizerOptions`, with its reference: Foundation's normalisers (ICU), Python's
/// `str.casefold` (Unicode's full case folding), the Swift standard library's general categories.
@Suite struct TokenizerOptionTests {
    func tokens(_ text: String, _ options: TokenizerOptions = TokenizerOptions()) throws -> [String] {
        try Tokenizer(options).tokenize(text).tokens
    }

    // MARK: Sentence level

    @Test func sentencesAreTrimmedSegments() throws {
        let options = TokenizerOptions(level: .sentence)
        #expect(try tokens("  Hello there.  How are you?\tFine!  ", options) == ["Hello there.", "How are you?", "Fine!"])
        #expect(try tokens(ReferenceData.sample[9].text, options).utf8Bytes == ["¿Dónde está el niño?", "¡Allí!"].utf8Bytes)
        #expect(try tokens(ReferenceData.sample[21].text, options) == ["मैं हिंदी बोलता हूँ।", "क्या आप १२३ रुपये देंगे?"])
        #expect(try tokens("私は東京でコーヒーを飲みました。「ありがとう」と言った。", options)
                == ["私は東京でコーヒーを飲みました。「", "ありがとう」と言った。"])
        #expect(try tokens("   ", options).isEmpty)
    }

    /// ICU's abbreviation suppression, asked for through the locale keyword `ss=standard`.
    @Test func sentenceSuppressionThroughLocale() throws {
        let text = "Mr. Smith went to Washington. He arrived."
        #expect(try tokens(text, TokenizerOptions(level: .sentence)) == ["Mr.", "Smith went to Washington.", "He arrived."])
        #expect(try tokens(text, TokenizerOptions(level: .sentence, locale: "en@ss=standard"))
                == ["Mr. Smith went to Washington.", "He arrived."])
    }

    // MARK: Case folding

    @Test func lowerIsFullCaseFolding() throws {
        #expect(try tokens("Straße İstanbul ΣΑΣ ς HELLO ǅ ﬁ", TokenizerOptions(lower: true)).utf8Bytes
                == ["strasse", "i\u{307}stanbul", "σασ", "σ", "hello", "ǆ", "fi"].utf8Bytes)
    }

    /// Every token of the sample and of every 20th line of the English corpus, folded, equals
    /// Python's `str.casefold` of the unfolded token in NFC.
    @Test func lowerMatchesPythonCasefold() throws {
        let plain = try Tokenizer(), lower = try Tokenizer(TokenizerOptions(lower: true))
        var unfolded: [String] = [], folded: [String] = []
        let corpus = ReferenceData.englishCorpus.enumerated().filter { $0.offset % 20 == 0 }.map(\.element)
        for (number, text) in (ReferenceData.sample.map(\.text) + corpus).enumerated() {
            let a = try plain.tokenize(text).tokens, b = try lower.tokenize(text).tokens
            #expect(a.count == b.count, "line \(number)")
            unfolded += a
            folded += b
        }
        #expect(folded.count > 100_000)
        let script = """
        import json, sys, unicodedata
        print(json.dumps([unicodedata.normalize("NFC", t.casefold()) for t in json.load(sys.stdin)]))
        """
        let result = try Subprocess.python(script, stdin: try JSONSerialization.data(withJSONObject: unfolded))
        let expected = try JSONSerialization.jsonObject(with: result.stdout) as? [String]
        #expect(expected?.utf8Bytes == folded.utf8Bytes)
    }

    // MARK: Normalisation

    /// NFC and NFKC tokens equal the tokens of the text normalised beforehand by Foundation (ICU).
    @Test func normalizationMatchesFoundation() throws {
        let none = try Tokenizer(TokenizerOptions(normalize: .none))
        let nfc = try Tokenizer(TokenizerOptions(normalize: .nfc)), nfkc = try Tokenizer(TokenizerOptions(normalize: .nfkc))
        for line in ReferenceData.sample {
            #expect(try nfc.tokenize(line.text).tokens.utf8Bytes == none.tokenize(line.text.precomposedStringWithCanonicalMapping).tokens.utf8Bytes,
                    "line \(line.line)")
            #expect(try nfkc.tokenize(line.text).tokens.utf8Bytes == none.tokenize(line.text.precomposedStringWithCompatibilityMapping).tokens.utf8Bytes,
                    "line \(line.line)")
        }
    }

    @Test func normalizationExamples() throws {
        // Vietnamese in NFD (line 29) tokenises like the NFC line 28.
        #expect(try tokens(ReferenceData.sample[28].text).utf8Bytes == tokens(ReferenceData.sample[27].text).utf8Bytes)
        #expect(try tokens("Cafe\u{301} cre\u{300}me").utf8Bytes == ["Caf\u{E9}", "cr\u{E8}me"].utf8Bytes)
        #expect(try tokens("Cafe\u{301}", TokenizerOptions(normalize: .none)).utf8Bytes == ["Cafe\u{301}"].utf8Bytes)
        let nfkc = TokenizerOptions(normalize: .nfkc)
        #expect(try tokens("ＡＢＣ１２３　测试（例子）", nfkc) == ["ABC123", "测试", "(", "例子", ")"])
        #expect(try tokens("x² ﬁne", nfkc) == ["x2", "fine"])
        #expect(try tokens("x² ﬁne") == ["x", "²", "ﬁne"])
    }

    // MARK: Offsets

    /// Without normalisation every token is exactly the code points its offsets name.
    @Test func offsetsNameTheTokensCodePoints() throws {
        let tokenizer = try Tokenizer(TokenizerOptions(normalize: .none, offsets: true))
        for line in ReferenceData.sample {
            let result = try tokenizer.tokenize(line.text)
            let scalars = Array(line.text.unicodeScalars)
            #expect(result.offsets.count == result.count)
            for (i, span) in result.offsets.enumerated() {
                var token = String.UnicodeScalarView()
                token.append(contentsOf: scalars[span])
                #expect(String(token).utf8Bytes == result.token(i).utf8Bytes, "line \(line.line) token \(i)")
            }
        }
    }

    /// With NFC and NFKC each token is the normalisation of the code points its offsets name, also
    /// on NFD input (lines 24, 29, 30) and compatibility characters (line 17). Where one
    /// normalisation unit became several tokens (NFKC turns `…` into `...`, three tokens), those
    /// tokens share the unit's span and together spell its normalisation.
    @Test func offsetsMapThroughNormalization() throws {
        for (form, normalize) in [(TokenizerOptions.Normalization.nfc, { (s: String) in s.precomposedStringWithCanonicalMapping }),
                                  (.nfkc, { (s: String) in s.precomposedStringWithCompatibilityMapping })] {
            let tokenizer = try Tokenizer(TokenizerOptions(normalize: form, offsets: true))
            for line in ReferenceData.sample {
                let result = try tokenizer.tokenize(line.text)
                let scalars = Array(line.text.unicodeScalars)
                var i = 0
                while i < result.count {
                    let span = result.offsets[i]
                    var spelled = result.token(i)
                    while i + 1 < result.count && result.offsets[i + 1] == span {
                        i += 1
                        spelled += result.token(i)
                    }
                    var source = String.UnicodeScalarView()
                    source.append(contentsOf: scalars[span])
                    #expect(normalize(String(source)).utf8Bytes == spelled.utf8Bytes, "\(form) line \(line.line) token \(i)")
                    i += 1
                }
            }
        }
    }

    @Test func offsetExamples() throws {
        let nfc = TokenizerOptions(offsets: true)
        // NFD: "Café" is 5 code points of input, 4 of output.
        var result = try Tokenizer(nfc).tokenize("Cafe\u{301} cre\u{300}me!")
        #expect(result.tokens.utf8Bytes == ["Caf\u{E9}", "cr\u{E8}me", "!"].utf8Bytes)
        #expect(Array(result.offsets) == [0..<5, 6..<12, 12..<13])
        // Emoji count as code points.
        result = try Tokenizer(nfc).tokenize("👍🏽 ok")
        #expect(Array(result.offsets) == [0..<2, 3..<5])
        // A normalisation unit that becomes several tokens: each gets the whole unit.
        result = try Tokenizer(TokenizerOptions(normalize: .nfkc, offsets: true)).tokenize("a ⑴ b")
        #expect(result.tokens == ["a", "(", "1", ")", "b"])
        #expect(Array(result.offsets) == [0..<1, 2..<3, 2..<3, 2..<3, 4..<5])
        // Folding changes lengths but not offsets.
        result = try Tokenizer(TokenizerOptions(lower: true, offsets: true)).tokenize("STRASSE Straße ﬁ")
        #expect(result.tokens == ["strasse", "strasse", "fi"])
        #expect(Array(result.offsets) == [0..<7, 8..<14, 15..<16])
        // Merged links and split digits.
        result = try Tokenizer(TokenizerOptions(offsets: true, splitDigits: true)).tokenize("é 12 www.x.com/1")
        #expect(result.tokens.utf8Bytes == ["\u{E9}", "1", "2", "www.x.com/1"].utf8Bytes)
        #expect(Array(result.offsets) == [0..<1, 2..<3, 3..<4, 5..<16])
    }

    // MARK: Digits and punctuation

    @Test func splitDigits() throws {
        let options = TokenizerOptions(splitDigits: true)
        #expect(try tokens("NLP2024 v2.0.1 1,234.56 ١٢٣ ３", options)
                == ["NLP", "2", "0", "2", "4", "v", "2", ".", "0", ".", "1", "1", ",", "2", "3", "4", ".", "5", "6",
                    "١", "٢", "٣", "３"])
        // URLs and e-mail addresses stay whole; without URL merging their parts are split too.
        #expect(try tokens("see http://x.com/a1 now", options) == ["see", "http://x.com/a1", "now"])
        #expect(try tokens("x.com/a1", TokenizerOptions(splitDigits: true, keepURLs: false)) == ["x.com", "/", "a", "1"])
        #expect(throws: TextError.self) { try Tokenizer(TokenizerOptions(level: .sentence, splitDigits: true)) }
    }

    @Test func dropPunctuation() throws {
        let options = TokenizerOptions(punct: .drop)
        #expect(try tokens(#"He said "hello" and “goodbye” [sic] {ok} <tag>."#, options)
                == ["He", "said", "hello", "and", "goodbye", "sic", "ok", "<", "tag", ">"])
        #expect(try tokens("a @ # % & * _ - … $ + = | ~ ^ 😀 ¿ ?!", options) == ["a", "$", "+", "=", "|", "~", "^", "😀"])
    }

    /// Over the whole sample, exactly the tokens made only of General_Category P* code points
    /// (by the Swift standard library's Unicode properties) are dropped.
    @Test func dropPunctuationMatchesGeneralCategory() throws {
        let keep = try Tokenizer(), drop = try Tokenizer(TokenizerOptions(punct: .drop))
        let punctuation: Set<Unicode.GeneralCategory> = [.connectorPunctuation, .dashPunctuation, .openPunctuation,
            .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation]
        for line in ReferenceData.sample {
            let expected = try keep.tokenize(line.text).tokens.filter {
                !$0.unicodeScalars.allSatisfy { punctuation.contains($0.properties.generalCategory) }
            }
            #expect(try drop.tokenize(line.text).tokens == expected, "line \(line.line)")
        }
    }

    // MARK: Input edge cases

    @Test func invalidUTF8IsADataError() throws {
        let tokenizer = try Tokenizer()
        let cases: [([UInt8], Int)] = [
            ([0x61, 0xFF, 0x62], 1),                     // never valid
            ([0x61, 0x20, 0xC0, 0x80], 2),               // overlong NUL
            ([0xE0, 0x80, 0x80], 0),                     // overlong three-byte form
            ([0x61, 0xED, 0xA0, 0x80], 1),               // surrogate U+D800
            ([0x61, 0x62, 0xE2, 0x82], 2),               // truncated at the end
            ([0xF4, 0x90, 0x80, 0x80], 0),               // above U+10FFFF
            ([0x80], 0),                                 // lone continuation byte
            (Array("0123456789abcdef".utf8) + [0xC3], 16),  // truncated after the 8-byte ASCII loop
        ]
        for (bytes, offset) in cases {
            #expect(throws: TextError.invalidUTF8(byteOffset: offset), "\(bytes)") { try tokenizer.tokenize(bytes) }
        }
        do {
            _ = try tokenizer.tokenize([0xFF])
        } catch {
            #expect(error.kind == .badData)
            #expect(error.description == "invalid UTF-8 at byte 1", "messages count bytes from 1, as every located message does")
        }
        // The tokenizer is still usable.
        #expect(try tokenizer.tokenize("ok fine").tokens == ["ok", "fine"])
    }

    @Test func emptyAndBlankLines() throws {
        for options in [TokenizerOptions(), TokenizerOptions(level: .char), TokenizerOptions(level: .sentence),
                        TokenizerOptions(lower: true, offsets: true, splitDigits: true)] {
            let tokenizer = try Tokenizer(options)
            for line in ["", "   \t ", "\u{3000}\u{00A0}"] {
                let result = try tokenizer.tokenize(line)
                #expect(result.isEmpty)
                #expect(result.bytes.isEmpty)
                #expect(result.offsets.isEmpty)
            }
        }
    }

    /// Lines of several megabytes, ASCII and not, with storage growing while a line is written.
    @Test func multiMegabyteLines() throws {
        let sentence = "The quick brown fox, it's said, jumps over 3.14 lazy dogs at https://example.com/x. "
        let sentenceTokens = try tokens(sentence)
        #expect(sentenceTokens.count == 16)
        let repeats = 60_000  // 5.1 MB
        let tokenizer = try Tokenizer(TokenizerOptions(lower: true, offsets: true))
        let result = try tokenizer.tokenize(String(repeating: sentence, count: repeats))
        #expect(result.count == 16 * repeats)
        #expect(result.token(16 * repeats - 1) == ".")
        #expect(result.token(16 * repeats - 2) == "https://example.com/x")
        #expect(result.offsets.last == (sentence.count * repeats - 2)..<(sentence.count * repeats - 1))
        // Non-ASCII, through ICU and its dictionaries, folded.
        let japanese = "私は東京でコーヒーを飲みました。Straße "
        let perLine = try tokens(japanese, TokenizerOptions(lower: true))
        let big = try Tokenizer(TokenizerOptions(lower: true)).tokenize(String(repeating: japanese, count: 50_000))
        #expect(big.count == perLine.count * 50_000)
        #expect(big.token(perLine.count * 50_000 - 1) == "strasse")
        // More tokens than the first guess at storage (a quarter of the bytes) holds, and folding that
        // doubles the bytes (Armenian U+0587 folds to U+0565 U+0582).
        let dense = try tokenizer.tokenize(String(repeating: "a ", count: 1_000_000))
        #expect(dense.count == 1_000_000 && dense.bytes.count == 1_999_999)
        let growing = try tokenizer.tokenize(String(repeating: "\u{587}", count: 1_000_000) + " ok")
        #expect(growing.tokens.utf8Bytes == [String(repeating: "\u{565}\u{582}", count: 1_000_000), "ok"].utf8Bytes)
        #expect(try tokenizer.tokenize("Still fine.").tokens == ["still", "fine", "."])
        // One token of 3 MB.
        let word = try tokens(String(repeating: "a", count: 3_000_000))
        #expect(word.count == 1 && word[0].utf8.count == 3_000_000)
    }

    // MARK: Locale and reuse

    @Test func localeChoosesRules() throws {
        // Finnish and Swedish word rules join letters across ':'; root and English do not.
        #expect(try tokens("a:b ok", TokenizerOptions(locale: "fi")) == ["a:b", "ok"])
        #expect(try tokens("a:b ok", TokenizerOptions(locale: "root")) == ["a", ":", "b", "ok"])
        #expect(try tokens("a:b ok", TokenizerOptions(locale: "")) == ["a", ":", "b", "ok"])
    }

    /// A result is a value: tokenising the next line does not change one still held.
    @Test func resultsAreValues() throws {
        let tokenizer = try Tokenizer(TokenizerOptions(offsets: true))
        let first = try tokenizer.tokenize("one two")
        let second = try tokenizer.tokenize("three four five")
        #expect(first.tokens == ["one", "two"])
        #expect(first.joined == "one two")
        #expect(Array(first.offsets) == [0..<3, 4..<7])
        #expect(second.tokens == ["three", "four", "five"])
        #expect(second.joined == "three four five")
        #expect(Array(second.ranges) == [0..<5, 6..<10, 11..<15])
        #expect(second.map { String(decoding: $0, as: UTF8.self) } == ["three", "four", "five"])
        let joined = second.withUnsafeBuffers { bytes, ranges in ranges.map { String(decoding: bytes[$0], as: UTF8.self) } }
        #expect(joined == ["three", "four", "five"])
    }
}
