internal import CICU

/// Cuts lines of UTF-8 text into tokens: words, grapheme clusters or sentences, by ICU's rules
/// (UAX #29 as ICU 72 tailors it), after Unicode normalisation, with optional case folding,
/// punctuation dropping, digit splitting, URL and e-mail merging, and offsets into the original.
///
/// One tokenizer per thread: it owns ICU iterators and scratch buffers that it reuses line after
/// line (configure once, call `tokenize` for every line). Steady-state calls allocate nothing,
/// neither per token nor per line (see `TokenizedLine` for how results are recycled).
///
/// How a line is processed (`tokenize`):
/// 1. One pass validates UTF-8 (invalid input throws `TextError.invalidUTF8`, never crashes) and
///    notes whether the line is ASCII and whether every character is "simple" for the word rules.
/// 2. A line that fails the normalisation quick check is normalised by ICU (most lines pass).
///    Word level, simple text (nearly all English): a Swift implementation of ICU's word rules for
///    those characters segments it (`SimpleWordBreaker`). Character level, ASCII: every byte is a
///    cluster. Otherwise ICU segments the text, over UTF-8, with its dictionaries for Thai, Lao,
///    Khmer, Burmese, Chinese and Japanese.
/// 3. Segments that are entirely White_Space are not tokens; sentences are trimmed of it.
/// 4. Word level: URL and e-mail spans (`LinkDetector`) merge the segments they touch.
/// 5. Each token is split at decimal digits (`splitDigits`), dropped if only punctuation
///    (`punct: .drop`), case-folded (`lower`), and its code-point span in the original line is
///    computed (`offsets`, through `OffsetMapper` when normalisation changed the text).
///
/// Speed (release build, one thread, CPU time, on this project's 2-core machine; measured by
/// `TokenizerBenchmarkTests` against `bench/icu_wordbreak.c`, ICU's word iterator alone in C):
/// English news (21 MB) about 250 MB/s with default options, five times the C loop's 50 MB/s;
/// non-Latin lines (Thai, CJK, Arabic, Hebrew, Hindi, Korean; mostly ICU's dictionaries) about
/// 0.95 times the C loop.
public final class Tokenizer {
    /// The options this tokenizer was configured with.
    public let options: TokenizerOptions

    let tables = CharacterProperties.shared
    let writerSettings: TokenWriter.Settings
    let segmenter: ICUSegmenter
    let normalizer: ICUTransformer
    let folder: ICUTransformer
    /// The quick-check flag of the normalisation form (0: normalisation is off).
    let quickCheckFlag: UInt16
    /// Whether word-level simple lines may use the Swift word breaker.
    let swiftWordRules: Bool

    /// Scratch: the scheme URLs and e-mail addresses of the current line.
    var links: [Range<Int>] = []
    /// The last result, whose storage is reused when the caller has let go of it.
    var recycled = TokenizedLine()

    /// Creates a tokenizer. Throws `TextError.unsupportedOptions` (a usage error) for
    /// `splitDigits` with sentence level, and `TextError.icuFailure` if ICU cannot open the
    /// locale's break iterator.
    public init(_ options: TokenizerOptions = TokenizerOptions()) throws(TextError) {
        if options.splitDigits && options.level == .sentence {
            throw .unsupportedOptions("splitting digits needs word or char level, not sentence")
        }
        self.options = options
        writerSettings = TokenWriter.Settings(options)
        let kind: ICUSegmenter.Kind = switch options.level {
        case .word: .word
        case .char: .character
        case .sentence: .sentence
        }
        segmenter = try ICUSegmenter(kind, locale: options.locale)
        normalizer = try ICUTransformer(options.normalize)
        folder = try ICUTransformer(options.normalize)
        quickCheckFlag = switch options.normalize {
        case .nfc: CharacterProperties.nfcYes
        case .nfkc: CharacterProperties.nfkcYes
        case .none: 0
        }
        swiftWordRules = options.level == .word && segmenter.usesRootRules && SimpleWordBreaker.agreesWithICU
    }

    /// Tokenises one line of UTF-8 (without its line terminator; a CR or LF inside is White_Space).
    /// Throws `TextError.invalidUTF8` (a data error) when the bytes are not UTF-8.
    /// O(n) plus ICU's work for lines that need it; no allocation once buffers have grown.
    public func tokenize(_ line: UnsafeBufferPointer<UInt8>) throws(TextError) -> TokenizedLine {
        guard line.count < Int(Int32.max) else { throw .lineTooLong(bytes: line.count) }
        var result = recycled
        recycled = TokenizedLine()
        let summary = try UTF8Scanner.summarize(line, properties: tables.bmp, combiningClasses: tables.combiningClasses,
                                                quickCheckFlag: quickCheckFlag)
        var text = line, spans: UnsafeBufferPointer<cicu_norm_span>? = nil
        var isSimple = summary.isSimple, isASCII = summary.isASCII, hasMarker = summary.hasLinkMarker
        if !summary.isNormalized, let normalized = try normalizer.normalize(line, withSpans: options.offsets) {
            // Segment the normalised text; it may now suit the Swift rules (NFD Latin, Greek ;).
            text = normalized.text
            spans = normalized.spans
            let again = try UTF8Scanner.summarize(text, properties: tables.bmp, combiningClasses: tables.combiningClasses,
                                                  quickCheckFlag: 0)
            (isSimple, isASCII, hasMarker) = (again.isSimple, again.isASCII, again.hasLinkMarker)
        }
        let source: SegmentSource
        if options.level == .word && swiftWordRules && isSimple {
            source = .swiftWordRules
        } else if options.level == .char && isASCII {
            source = .asciiCharacters
        } else {
            source = .icu(boundaries: try segmenter.run(text))
        }
        var found = links
        links = []
        found.removeAll(keepingCapacity: true)
        if options.level == .word && options.keepURLs && hasMarker {
            LinkDetector.findSchemeURLsAndAddresses(in: text, into: &found)
        }
        // Storage for the tokens: a guess at first, doubled while a line overflows it.
        var tokenCapacity = min(text.count, text.count / 4 + 16)
        var growth = options.lower && !isASCII ? 3 : 1
        while true {
            result.prepare(tokens: tokenCapacity, bytesPerTextByte: growth, textBytes: text.count, offsets: options.offsets)
            let complete = try write(source, text: text, isASCII: isASCII, spans: spans,
                                     links: found, into: &result)
            if complete { break }
            tokenCapacity = min(text.count, 2 * max(tokenCapacity, result.rangeStorage.count))
            growth *= 2
        }
        links = found
        recycled = result
        return result
    }

    /// Tokenises one line given as bytes.
    public func tokenize(_ line: [UInt8]) throws(TextError) -> TokenizedLine {
        try line.withUnsafeBufferPointer { buffer throws(TextError) in try tokenize(buffer) }
    }

    /// Tokenises one line given as a string (always valid UTF-8).
    public func tokenize(_ line: String) throws(TextError) -> TokenizedLine {
        var line = line
        let result = line.withUTF8 { buffer in Result { () throws(TextError) in try tokenize(buffer) } }
        return try result.get()
    }
}
