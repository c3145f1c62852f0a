/// Joins tokens back into text, undoing word tokenisation where spacing rules can tell where the
/// spaces were: the inverse of `Tokenizer` at word level for ordinary prose.
///
/// Between two tokens goes one space, except (rules after the Moses detokenizer,
/// `detokenizer.perl`, and ordinary typography):
/// - no space before closing punctuation and closing brackets: `. , ; : ! ? % ‰ … ) ] } >`, the
///   closing quotes `” ’ » ›`, Arabic `، ؛ ؟ ۔` and Devanagari `। ॥` (a token made only of such
///   characters, e.g. `?!` or `...`);
/// - no space after opening brackets, opening quotes and inverted marks: `( [ { < “ ‘ „ ‚ « ‹ ¿ ¡`,
///   nor after the prefix symbols `$ £ € ¥ #`;
/// - no space on either side of hyphens, the em dash and slashes: `- ‐ ‑ — /` (so `state - of -
///   the - art` becomes `state-of-the-art`, `1 / 2` becomes `1/2`); the en dash `–` joins two
///   numbers (`1990–2000`) and is spaced elsewhere (` – ` between words);
/// - `:` between two numbers joins them (`12:30`); `+` before a number and after a word is a sign
///   (`call +1`);
/// - straight quotes pair up: an opening `"` or `'` joins the next token, a closing one the
///   previous; with an odd number of them the first closes a quotation begun before the line
///   unless the line starts with a quote (see `QuoteState`); `'` after a word ending in `s` is a
///   possessive (`James'`); `“` closes a quotation opened by `„` (German `„bei der Straße“`);
/// - no space next to characters of scripts written without spaces: Han, Hiragana, Katakana, Thai,
///   Lao, Khmer, Burmese, and CJK or full-width punctuation (`私は東京で`, `15のレビュー`);
/// - French (`language` "fr"): a NO-BREAK SPACE (U+00A0) before `: ; ! ? »` and after `«`.
///
/// What tokens cannot tell is lost: several spaces, tabs and other space characters become one
/// space or none, and spaced dashes or slashes (`a - b`) are joined. Tokens are taken verbatim
/// (no unescaping). O(total length).
public struct Detokenizer: Sendable {
    /// The language whose typography applies ("fr" adds French spacing; others use the defaults).
    public let language: String

    public init(language: String = "en") {
        self.language = language
    }

    /// The text of a tokenizer's result.
    public func detokenize(_ line: TokenizedLine) -> String {
        detokenize(line.tokens)
    }

    /// The text of `tokens` with spaces placed by the rules above.
    public func detokenize<S: Sequence>(_ tokens: S) -> String where S.Element: StringProtocol {
        let french = language.lowercased().hasPrefix("fr")
        let list = tokens.map { String($0) }
        var output = ""
        output.reserveCapacity(list.reduce(0) { $0 + $1.utf8.count + 1 })
        var quotes = QuoteState(list)
        var previousGlue = Glue.none
        for (i, token) in list.enumerated() {
            guard !token.isEmpty else { continue }
            var glue = Self.glue(of: token, french: french)
            let previous = i > 0 ? list[i - 1] : nil, next = i + 1 < list.count ? list[i + 1] : nil
            glue = quotes.resolve(token, glue: glue, previous: previous)
            if token == ":", let previous, let next, Self.isNumber(previous), next.first?.isASCIIDigitLike == true {
                glue = .both
            }
            if token == "\u{2013}", let previous, let next, Self.isNumber(previous), next.first?.isASCIIDigitLike == true {
                glue = .both
            }
            if token == "+", let next, next.first?.isASCIIDigitLike == true,
               previous.map({ !Self.isNumber($0) && !Self.closesGroup($0) }) ?? true {
                glue = .right
            }
            if !output.isEmpty {
                if french && (glue == .frenchBefore) || previousGlue == .frenchAfter {
                    output.append("\u{00A0}")
                } else if !(previousGlue.joinsNext || glue.joinsPrevious
                            || Self.isUnspaced(output.unicodeScalars.last, token.unicodeScalars.first)) {
                    output.append(" ")
                }
            }
            output += token
            previousGlue = glue
        }
        return output
    }
}
