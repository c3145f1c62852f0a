import VocabularyModule

/// What a language model's tokens are.
///
/// - `word`: the tokens of a line or record (white-space separated, or a record's `tokens`);
///   sequences are separated by the end-of-sequence token `</s>` and the vocabulary has the
///   standard special tokens `<unk> <s> </s> <pad>`.
/// - `char`: the characters (Unicode scalars) of the text; sequences are separated by the newline
///   character itself, so a model of plain text sees its newlines as characters, as the course's
///   character-level model does. The vocabulary is `<unk>` followed by the characters of the data.
public enum ModelLevel: String, CaseIterable, Sendable {
    case word, char

    /// The special tokens of a vocabulary built for this level.
    public var specials: SpecialTokens {
        switch self {
        case .word: return .standard
        case .char: return try! SpecialTokens(["<unk>"])
        }
    }

    /// The text of the token that separates sequences.
    public var boundary: String {
        switch self {
        case .word: return SpecialTokens.conventionalEnd
        case .char: return "\n"
        }
    }

    /// The tokens of a piece of text: white-space separated words, or its Unicode scalars.
    public func tokens(of text: String) -> [String] {
        switch self {
        case .word: return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
        case .char: return text.unicodeScalars.map { String($0) }
        }
    }

    /// Joins tokens back into text: words with single spaces, characters as they are.
    public func text(of tokens: [String]) -> String {
        switch self {
        case .word: return tokens.joined(separator: " ")
        case .char: return tokens.joined()
        }
    }
}
