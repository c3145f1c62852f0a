import Diagnostics
import VocabularyModule

/// One sequence of a corpus: tokens, or the ids a vocabulary gave them (`vocab encode`).
public enum CorpusSequence: Sendable, Equatable {
    case tokens([String])
    case ids([Int32])

    public var isEmpty: Bool {
        switch self {
        case .tokens(let tokens): return tokens.isEmpty
        case .ids(let ids): return ids.isEmpty
        }
    }
}

/// A corpus as one stream of ids: the boundary token, then each sequence followed by the boundary
/// token (`</s>` for words, the newline for characters), as the PTB language-modelling setup
/// reads its data.
public struct TokenStream: Sendable, Equatable {
    public var ids: [Int32]

    public init(ids: [Int32]) { self.ids = ids }

    /// Encodes `sequences` with `model`'s vocabulary (unknown tokens become `<unk>`).
    public init(sequences: [[String]], model: LanguageModel) throws {
        try self.init(sequences: sequences.map { .tokens($0) }, model: model)
    }

    /// Joins `sequences`: tokens encoded with `model`'s vocabulary (unknown tokens become
    /// `<unk>`), ids taken as they are. An id sequence that already ends with the boundary id
    /// (`vocab encode --eos`) gets no second one. An id outside the vocabulary is `.badData`.
    public init(sequences: [CorpusSequence], model: LanguageModel) throws {
        let boundary = Int32(model.boundaryID), size = model.vocabulary.count
        var ids: [Int32] = [boundary]
        for sequence in sequences {
            switch sequence {
            case .tokens(let tokens):
                ids += try model.encode(tokens)
                ids.append(boundary)
            case .ids(let encoded):
                if let bad = encoded.first(where: { $0 < 0 || Int($0) >= size }) {
                    throw Failure(.badData, "token id \(bad) is outside the vocabulary of \(size) entries")
                }
                ids += encoded
                if encoded.last != boundary { ids.append(boundary) }
            }
        }
        self.ids = ids
    }

    /// Predictions the stream holds (every id after the first).
    public var predictionCount: Int { max(0, ids.count - 1) }

    /// An FNV-1a hash of the ids, stored in checkpoints so a resumed run can tell it is reading the
    /// same corpus.
    public var fingerprint: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for id in ids {
            h = (h ^ UInt64(UInt32(bitPattern: id))) &* 0x100_0000_01b3
        }
        return h
    }
}

/// The vocabulary a language model is trained with: every token of the training sequences seen at
/// least `minCount` times, most frequent first, at most `maxSize` entries (specials included),
/// with the level's special tokens and its boundary token (counted once per sequence).
public enum LMVocabularyBuilding {
    public static func build(_ sequences: [[String]], level: ModelLevel, minCount: Int, maxSize: Int?) throws -> Vocabulary {
        var counter = TokenCounter()
        for sequence in sequences {
            for token in sequence { counter.add(token) }
            counter.add(level.boundary)
        }
        let vocabulary = try Vocabulary(counts: counter, options: VocabularyOptions(minCount: minCount, maxSize: maxSize, specials: level.specials))
        if level == .char && vocabulary.id(of: "\n") == nil {
            // The newline separates sequences; keep it even when --max-vocab cut it.
            return try Vocabulary(tokens: vocabulary.tokens + ["\n"], counts: vocabulary.counts + [sequences.count],
                                  specials: vocabulary.specials)
        }
        return vocabulary
    }
}
