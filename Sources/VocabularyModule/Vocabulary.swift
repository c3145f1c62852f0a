import Diagnostics

/// A fixed list of tokens with ids and corpus counts: special tokens first (ids 0…k-1), then the
/// corpus tokens by count, highest first, ties in code-point (= UTF-8 byte) order.
///
/// Build one from a `TokenCounter` with `init(counts:options:)`, from an explicit list with
/// `init(tokens:counts:specials:)` (word2vec or GloVe files), or read one from an archive. Lookups
/// by `String` or by UTF-8 bytes are O(token length) through a byte-keyed hash table.
///
/// Immutable; safe to share between threads.
public struct Vocabulary: @unchecked Sendable {
    /// Every token in id order, specials first.
    public let tokens: [String]
    /// The corpus count of each token (for a special token: how often its text occurred in the
    /// corpus, usually 0).
    public let counts: [Int]
    public let specials: SpecialTokens
    /// How the vocabulary was built (nil for one made from an explicit list).
    public let options: VocabularyOptions?
    /// Token occurrences in the corpus it was built from, before pruning (nil when unknown).
    public let corpusTokenCount: Int?
    /// Distinct tokens in that corpus, before pruning (nil when unknown).
    public let corpusTypeCount: Int?

    /// Maps token bytes to ids (entry number = id).
    let index: TokenTable

    /// The id of the unknown token, when the vocabulary has one.
    public let unknownID: Int?
    /// The id of the beginning-of-sequence token.
    public let beginID: Int?
    /// The id of the end-of-sequence token.
    public let endID: Int?
    /// The id of the padding token.
    public let paddingID: Int?

    /// The shared initialiser: checks the list and builds the index.
    /// Throws `.badData` for a repeated token or a special token missing from the front.
    init(tokens: [String], counts: [Int], specials: SpecialTokens, options: VocabularyOptions?,
         corpusTokenCount: Int?, corpusTypeCount: Int?) throws {
        precondition(tokens.count == counts.count)
        guard tokens.count >= specials.count, Array(tokens.prefix(specials.count)) == specials.tokens else {
            throw Failure(.badData, "the vocabulary does not start with its special tokens \(specials.tokens)")
        }
        let index = TokenTable(minimumCapacity: tokens.count)
        for (id, token) in tokens.enumerated() {
            var token = token
            let added = token.withUTF8 { index.add($0.baseAddress, $0.count, 0) }
            if added != id { throw Failure(.badData, "the vocabulary lists token '\(token)' twice") }
        }
        self.tokens = tokens
        self.counts = counts
        self.specials = specials
        self.options = options
        self.corpusTokenCount = corpusTokenCount
        self.corpusTypeCount = corpusTypeCount
        self.index = index
        func id(_ token: String?) -> Int? { token.flatMap { specials.tokens.firstIndex(of: $0) } }
        unknownID = id(specials.unknown)
        beginID = id(specials.begin)
        endID = id(specials.end)
        paddingID = id(specials.padding)
    }

    /// A vocabulary of exactly these tokens in this order (ids = positions), such as the rows of a
    /// word2vec file. `specials.tokens` are put first unless `tokens` already starts with them;
    /// `counts` default to 0. Throws `.badData` for a repeated token.
    public init(tokens: [String], counts: [Int]? = nil, specials: SpecialTokens = .none) throws {
        if let counts, counts.count != tokens.count {
            throw Failure(.usage, "\(tokens.count) tokens but \(counts.count) counts")
        }
        var allTokens = tokens
        var allCounts = counts ?? Array(repeating: 0, count: tokens.count)
        if Array(tokens.prefix(specials.count)) != specials.tokens {
            allTokens = specials.tokens + tokens
            allCounts = Array(repeating: 0, count: specials.count) + allCounts
        }
        try self.init(tokens: allTokens, counts: allCounts, specials: specials, options: nil,
                      corpusTokenCount: nil, corpusTypeCount: nil)
    }

    /// The number of tokens, specials included.
    public var count: Int { tokens.count }

    /// The id of `token`, or nil when it is not in the vocabulary.
    public func id(of token: String) -> Int? {
        var token = token
        return token.withUTF8 { index.find($0.baseAddress, $0.count) }
    }

    /// The id of the token with these UTF-8 bytes, or nil. No allocation.
    public func id(of token: UnsafeRawBufferPointer) -> Int? {
        index.find(token.baseAddress, token.count)
    }

    /// The token with id `id`; `.badData` when out of range.
    public func token(at id: Int) throws -> String {
        guard tokens.indices.contains(id) else { throw outOfRange(id) }
        return tokens[id]
    }

    /// Whether `id` is one of the special tokens.
    public func isSpecial(_ id: Int) -> Bool { id >= 0 && id < specials.count }

    /// Occurrences of the non-special tokens in the corpus (what the vocabulary covers).
    public var coveredTokenCount: Int { counts.dropFirst(specials.count).reduce(0, +) }

    func outOfRange(_ id: Int) -> Failure {
        Failure(.badData, "token id \(id) is out of range (the vocabulary has ids 0...\(count - 1))")
    }
}

extension Vocabulary: Equatable {
    /// Same tokens, counts, specials, options and corpus statistics.
    public static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool {
        lhs.tokens == rhs.tokens && lhs.counts == rhs.counts && lhs.specials == rhs.specials
            && lhs.options == rhs.options && lhs.corpusTokenCount == rhs.corpusTokenCount
            && lhs.corpusTypeCount == rhs.corpusTypeCount
    }
}
