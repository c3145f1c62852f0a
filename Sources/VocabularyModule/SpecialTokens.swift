import Diagnostics

/// The reserved tokens that take the first ids of a vocabulary, and their roles.
///
/// By default `<unk> <s> </s> <pad>` with ids 0–3: unknown, beginning of sequence, end of
/// sequence, padding. Any other list (or none) can be given; a role is filled by the token named
/// for it, or by the conventional name when the list contains it. Without an unknown token,
/// `Vocabulary.encode` fails on (or skips, if asked) tokens it does not know.
public struct SpecialTokens: Sendable, Equatable {
    /// The tokens in id order: `tokens[i]` has id `i`.
    public let tokens: [String]
    /// The token that stands for any token not in the vocabulary.
    public let unknown: String?
    /// The token added before a sequence (`bos`).
    public let begin: String?
    /// The token added after a sequence (`eos`).
    public let end: String?
    /// The token used to pad batches.
    public let padding: String?

    /// The conventional names of the four roles.
    public static let conventionalUnknown = "<unk>"
    public static let conventionalBegin = "<s>"
    public static let conventionalEnd = "</s>"
    public static let conventionalPadding = "<pad>"

    /// `<unk> <s> </s> <pad>`, ids 0–3.
    public static let standard = try! SpecialTokens(["<unk>", "<s>", "</s>", "<pad>"])
    /// No special tokens: ids start with the most frequent corpus token.
    public static let none = try! SpecialTokens([])

    /// Special tokens in id order; roles go to the conventional names found in the list.
    /// Throws `.usage` for an empty or repeated token.
    public init(_ tokens: [String]) throws {
        try self.init(tokens,
                      unknown: tokens.contains(Self.conventionalUnknown) ? Self.conventionalUnknown : nil,
                      begin: tokens.contains(Self.conventionalBegin) ? Self.conventionalBegin : nil,
                      end: tokens.contains(Self.conventionalEnd) ? Self.conventionalEnd : nil,
                      padding: tokens.contains(Self.conventionalPadding) ? Self.conventionalPadding : nil)
    }

    /// Special tokens in id order with explicit roles, each nil or one of `tokens`.
    /// Throws `.usage` for an empty or repeated token, or a role naming a token not in the list.
    public init(_ tokens: [String], unknown: String?, begin: String?, end: String?, padding: String?) throws {
        var seen = Set<String>()
        for token in tokens {
            if token.isEmpty { throw Failure(.usage, "a special token cannot be empty") }
            if !seen.insert(token).inserted { throw Failure(.usage, "special token '\(token)' is listed twice") }
        }
        for (role, token) in [("unknown", unknown), ("beginning", begin), ("end", end), ("padding", padding)] {
            if let token, !seen.contains(token) {
                throw Failure(.usage, "the \(role) token '\(token)' is not among the special tokens \(tokens)")
            }
        }
        self.tokens = tokens
        self.unknown = unknown
        self.begin = begin
        self.end = end
        self.padding = padding
    }

    public var count: Int { tokens.count }
}
