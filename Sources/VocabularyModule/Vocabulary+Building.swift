import Diagnostics
import JSONCore

/// How a vocabulary is cut from corpus counts.
public struct VocabularyOptions: Sendable, Equatable {
    /// Tokens seen fewer times are dropped (at least 1).
    public var minCount: Int
    /// The largest vocabulary, special tokens included (so it is the row count of an embedding
    /// matrix); nil for no limit. Ties at the cut are decided by code-point order.
    public var maxSize: Int?
    public var specials: SpecialTokens

    public init(minCount: Int = 1, maxSize: Int? = nil, specials: SpecialTokens = .standard) {
        self.minCount = minCount
        self.maxSize = maxSize
        self.specials = specials
    }

    /// Throws `.usage` for a min count below 1 or a max size smaller than the special tokens.
    public func validate() throws {
        if minCount < 1 { throw Failure(.usage, "the minimum count must be at least 1 (got \(minCount))") }
        if let maxSize, maxSize < specials.count {
            throw Failure(.usage, "the maximum size \(maxSize) is smaller than the \(specials.count) special tokens")
        }
    }
}

extension Vocabulary {
    /// Builds a vocabulary from corpus counts: the special tokens, then every token counted at least
    /// `minCount` times, by count descending and code-point order within a count, cut so the whole
    /// vocabulary has at most `maxSize` tokens.
    ///
    /// A corpus token equal to a special token is not added again; its count becomes the special
    /// token's count. Throws `.usage` for invalid options and `.badData` for a token that is not
    /// UTF-8. O(d log d) for d distinct tokens.
    public init(counts counter: TokenCounter, options: VocabularyOptions = VocabularyOptions()) throws {
        try options.validate()
        let table = counter.table
        let specials = options.specials
        var specialEntries = Set<Int>()
        var specialCounts: [Int] = []
        for token in specials.tokens {
            var token = token
            let entry = token.withUTF8 { table.find($0.baseAddress, $0.count) }
            if let entry { specialEntries.insert(entry) }
            specialCounts.append(entry.map { table.value(at: $0) } ?? 0)
        }
        var order = counter.entriesByFrequency { entry in
            table.value(at: entry) >= options.minCount && !specialEntries.contains(entry)
        }
        if let maxSize = options.maxSize, order.count > maxSize - specials.count {
            order.removeSubrange((maxSize - specials.count)...)
        }
        var tokens = specials.tokens
        var counts = specialCounts
        tokens.reserveCapacity(specials.count + order.count)
        counts.reserveCapacity(specials.count + order.count)
        for entry in order {
            let bytes = table.key(at: entry)
            guard let token = String(validating: bytes.assumingMemoryBound(to: UInt8.self), as: UTF8.self) else {
                let hex = bytes.prefix(16).map { String($0, radix: 16) }.joined(separator: " ")
                throw Failure(.badData, "a token is not valid UTF-8 (bytes \(hex))")
            }
            tokens.append(token)
            counts.append(table.value(at: entry))
        }
        try self.init(tokens: tokens, counts: counts, specials: specials, options: options,
                      corpusTokenCount: counter.totalCount, corpusTypeCount: counter.distinctCount)
    }
}
