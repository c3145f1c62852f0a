import Diagnostics
import VocabularyModule

/// A corpus as one stream of ids: the boundary token, then each sequence followed by the boundary
/// token (`</s>` for words, the newline for characters), as the PTB language-modelling setup
/// reads its data.
public struct TokenStream: Sendable, Equatable {
    public var ids: [Int32]

    public init(ids: [Int32]) { self.ids = ids }

    /// Encodes `sequences` with `model`'s vocabulary (unknown tokens become `<unk>`).
    public init(sequences: [[String]], model: LanguageModel) throws {
        var ids: [Int32] = [Int32(model.boundaryID)]
        for sequence in sequences {
            ids += try model.encode(sequence)
            ids.append(Int32(model.boundaryID))
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
