import Diagnostics
import VocabularyModule

/// A corpus ready for training: its vocabulary (word2vec order: count descending, ties in
/// code-point order) and its tokens spooled as ids, with the map from spooled ids to vocabulary
/// ids (−1 for a word outside the vocabulary, which training skips as word2vec.c does).
public struct TrainingCorpus: @unchecked Sendable {
    public let vocabulary: Vocabulary
    let spool: TokenIDSpool
    /// Spooled id → vocabulary id or −1; nil when the spool holds vocabulary ids already.
    let remap: [Int32]?
    /// Tokens read, in or out of the vocabulary.
    public let tokenCount: Int
    /// Tokens in the vocabulary (the words training visits once per epoch before subsampling).
    public let trainingWordCount: Int

    /// The corpus counts of the vocabulary's words, in id order.
    public var counts: [Int] { vocabulary.counts }
}

/// Builds a `TrainingCorpus` in one pass over a token stream, for a pipe as well as a file.
///
/// Without a vocabulary, each token is counted and its counter entry number (first-occurrence
/// order) spooled; `finish` cuts the vocabulary from the counts (`--min-count`, `--max-vocab`) and
/// maps entry numbers to ids. With a vocabulary (`--vocab`), tokens are looked up and their ids
/// spooled; unknown tokens are spooled as −2 and skipped by training. Memory: the distinct tokens of the corpus
/// (or the given vocabulary), never the corpus.
public struct CorpusSpooler {
    var counter = TokenCounter(expectedDistinct: 1 << 16)
    let fixedVocabulary: Vocabulary?
    let spool: TokenIDSpool
    var tokens = 0
    var inVocabulary = 0
    var sequenceOpen = false

    /// A spooler that counts its own vocabulary, spooling to a file in `temporaryDirectory`.
    public init(temporaryDirectory: String, vocabulary: Vocabulary? = nil) throws {
        spool = try TokenIDSpool(directory: temporaryDirectory)
        fixedVocabulary = vocabulary
    }

    /// Adds one token (its UTF-8 bytes).
    @inline(__always)
    public mutating func add(_ token: UnsafeRawBufferPointer) throws {
        tokens += 1
        sequenceOpen = true
        if let fixedVocabulary {
            if let id = fixedVocabulary.id(of: token) {
                inVocabulary += 1
                try spool.append(Int32(id))
            } else {
                try spool.append(Self.unknown)
            }
        } else {
            try spool.append(Int32(truncatingIfNeeded: counter.addReturningEntry(token)))
        }
    }

    /// Ends a line or record: the context window never crosses this point.
    public mutating func endSequence() throws {
        if sequenceOpen { try spool.append(TokenIDSpool.endOfSequence) }
        sequenceOpen = false
    }

    static let unknown: Int32 = -2

    /// The corpus with its vocabulary. Throws `.badData` for an empty corpus or one where no word
    /// reaches `minCount`.
    public mutating func finish(minCount: Int, maxVocabulary: Int?) throws -> TrainingCorpus {
        try spool.flush()
        guard tokens > 0 else { throw Failure(.badData, "the corpus is empty: there is nothing to train on") }
        if let fixedVocabulary {
            guard inVocabulary > 0 else {
                throw Failure(.badData, "no token of the corpus is in the given vocabulary")
            }
            return TrainingCorpus(vocabulary: fixedVocabulary, spool: spool, remap: nil,
                                  tokenCount: tokens, trainingWordCount: inVocabulary)
        }
        let options = VocabularyOptions(minCount: minCount, maxSize: maxVocabulary, specials: .none)
        let vocabulary = try Vocabulary(counts: counter, options: options)
        guard vocabulary.count > 0 else {
            let top = counter.sortedByFrequency().first?.count ?? 0
            throw Failure(.badData, "no word occurs at least \(minCount) times (the corpus has \(tokens) tokens, "
                + "\(counter.distinctCount) distinct; the most frequent occurs \(top) times): lower --min-count")
        }
        var remap = [Int32](repeating: -1, count: counter.distinctCount)
        var covered = 0
        for entry in 0..<counter.distinctCount {
            if let id = vocabulary.id(of: counter.entryBytes(entry)) {
                remap[entry] = Int32(id)
                covered += vocabulary.counts[id]
            }
        }
        return TrainingCorpus(vocabulary: vocabulary, spool: spool, remap: remap,
                              tokenCount: tokens, trainingWordCount: covered)
    }
}
