/// How a `Tokenizer` cuts and rewrites text. Each property maps one-to-one onto a flag of the
/// `tokenize` program; the defaults are the program's defaults.
public struct TokenizerOptions: Sendable, Equatable {
    /// The unit a token is.
    public enum Level: String, Sendable, CaseIterable {
        /// Words by ICU's word-break rules (UAX #29 as ICU 72 tailors it) with ICU's dictionaries,
        /// so Thai, Lao, Khmer, Burmese, Chinese and Japanese are split into words.
        case word
        /// Extended grapheme clusters (UAX #29, ICU's UBRK_CHARACTER): an emoji ZWJ sequence, a
        /// flag, a letter with its combining marks is one token.
        case char
        /// Sentences (ICU's UBRK_SENTENCE); each sentence, trimmed of White_Space, is one token.
        case sentence
    }

    /// The Unicode normalisation applied to the line before segmentation (UAX #15).
    public enum Normalization: String, Sendable, CaseIterable {
        /// Canonical composition: canonically equivalent spellings become one (NFD accents → NFC).
        case nfc
        /// Compatibility composition: also folds compatibility variants (ﬁ → fi, ² → 2, full-width → ASCII).
        case nfkc
        /// The text is segmented as it is.
        case none
    }

    /// What happens to tokens made only of punctuation.
    public enum Punctuation: String, Sendable, CaseIterable {
        /// Punctuation tokens are kept.
        case keep
        /// A token whose every code point has General_Category P* (Pc, Pd, Ps, Pe, Pi, Pf, Po) is
        /// dropped. Symbols are not punctuation: `$`, `+`, `<`, `=`, `|`, `~`, `^`, `` ` `` (Sc, Sm,
        /// Sk) and emoji stay, while `@`, `#`, `%`, `&`, `*`, `_`, `-`, quotes and brackets go.
        case drop
    }

    /// The unit a token is (default: words).
    public var level: Level
    /// Full Unicode case folding of every token (ICU `u_strFoldCase`, U_FOLD_CASE_DEFAULT, as in
    /// Unicode's CaseFolding.txt statuses C+F: `ß` → `ss`, `İ` → `i̇`), normalised again afterwards.
    public var lower: Bool
    /// The normalisation applied before segmentation (default: NFC).
    public var normalize: Normalization
    /// Whether punctuation-only tokens are kept (default) or dropped.
    public var punct: Punctuation
    /// The ICU locale whose break rules apply (default "en"; "root" or "" for the root rules).
    /// Word rules differ for few locales (e.g. "fi" and "sv" join words across ':'); ICU's locale
    /// keywords work too, e.g. "en@ss=standard" keeps sentences whole after abbreviations such as
    /// "Mr." at sentence level.
    public var locale: String
    /// Whether to report each token's code-point span in the original line.
    public var offsets: Bool
    /// Word level only: every decimal digit (General_Category Nd, any script) becomes a token of its
    /// own, as SentencePiece's `split_digits`; URL and e-mail tokens are kept whole.
    public var splitDigits: Bool
    /// Word level only: URLs (`scheme://…`, `www.…`) and e-mail addresses are one token each, where
    /// ICU alone would cut them at `:`, `/`, `?`, `=`, `+` and so on. Set to false for plain ICU
    /// segmentation. See `LinkDetector` for exactly what counts as a URL or an address.
    public var keepURLs: Bool

    public init(level: Level = .word, lower: Bool = false, normalize: Normalization = .nfc,
                punct: Punctuation = .keep, locale: String = "en", offsets: Bool = false,
                splitDigits: Bool = false, keepURLs: Bool = true) {
        self.level = level
        self.lower = lower
        self.normalize = normalize
        self.punct = punct
        self.locale = locale
        self.offsets = offsets
        self.splitDigits = splitDigits
        self.keepURLs = keepURLs
    }
}
