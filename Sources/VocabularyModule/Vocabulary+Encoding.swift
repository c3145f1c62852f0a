import Diagnostics

/// What `Vocabulary.encode` does with a token the vocabulary does not contain.
public enum UnknownTokenPolicy: Sendable, Equatable {
    /// Map it to the unknown token's id; a `.badData` error when the vocabulary has no unknown token.
    case useUnknownToken
    /// Leave it out of the ids.
    case skip
    /// Fail with `.badData` naming the token.
    case fail
}

extension Vocabulary {
    /// The ids of `tokens`, with the beginning-of-sequence id in front when `bos` and the
    /// end-of-sequence id at the back when `eos`.
    ///
    /// Throws `.usage` when `bos`/`eos` is asked of a vocabulary without that token, and
    /// `.badData` for an unknown token under `.fail`, or under `.useUnknownToken` when the
    /// vocabulary has no unknown token. O(total length of the tokens).
    public func encode(_ tokens: [String], bos: Bool = false, eos: Bool = false,
                       unknown policy: UnknownTokenPolicy = .useUnknownToken) throws -> [Int] {
        var ids: [Int] = []
        ids.reserveCapacity(tokens.count + 2)
        if bos { ids.append(try requireBegin()) }
        for token in tokens {
            if let id = id(of: token) {
                ids.append(id)
            } else if let id = try idForUnknown(token, policy) {
                ids.append(id)
            }
        }
        if eos { ids.append(try requireEnd()) }
        return ids
    }

    /// The id for one token given as UTF-8 bytes, applying `policy` when it is unknown (nil means
    /// skip it). For encoders that read tokens straight from an input buffer.
    public func encodeToken(_ token: UnsafeRawBufferPointer, unknown policy: UnknownTokenPolicy = .useUnknownToken) throws -> Int? {
        if let id = id(of: token) { return id }
        return try idForUnknown(String(decoding: token, as: UTF8.self), policy)
    }

    /// The beginning-of-sequence id; `.usage` when the vocabulary has none.
    public func requireBegin() throws -> Int {
        guard let beginID else { throw Failure(.usage, "the vocabulary has no beginning-of-sequence token") }
        return beginID
    }

    /// The end-of-sequence id; `.usage` when the vocabulary has none.
    public func requireEnd() throws -> Int {
        guard let endID else { throw Failure(.usage, "the vocabulary has no end-of-sequence token") }
        return endID
    }

    private func idForUnknown(_ token: String, _ policy: UnknownTokenPolicy) throws -> Int? {
        switch policy {
        case .useUnknownToken:
            guard let unknownID else {
                throw Failure(.badData, "token '\(token)' is not in the vocabulary, which has no unknown token "
                    + "(skip unknown tokens, or build it with an unknown token)")
            }
            return unknownID
        case .skip:
            return nil
        case .fail:
            throw Failure(.badData, "token '\(token)' is not in the vocabulary")
        }
    }

    /// The tokens of `ids`, special tokens included (unless `skipSpecials`).
    /// Throws `.badData` for an id outside 0..<count. O(number of ids).
    public func decode(_ ids: [Int], skipSpecials: Bool = false) throws -> [String] {
        var tokens: [String] = []
        tokens.reserveCapacity(ids.count)
        for id in ids {
            guard id >= 0 && id < count else { throw outOfRange(id) }
            if skipSpecials && isSpecial(id) { continue }
            tokens.append(self.tokens[id])
        }
        return tokens
    }
}
