import Kernels
import VocabularyModule

/// The evaluations `embed-train --eval-analogies/--eval-pairs` run on the input vectors at the
/// end of every epoch, with `embed-query`'s defaults: gensim 4.4's counting, 3CosAdd, answers
/// and lookups restricted to the 30,000 most frequent words. The files are read and parsed once,
/// when the evaluation is made, so a missing or malformed file fails before training starts.
public struct EpochEvaluation: Sendable {
    /// The results of one evaluation round (each nil when not asked for).
    public struct Result: Sendable {
        public let analogies: AnalogyEvaluation?
        public let pairs: PairEvaluation?
    }

    public let analogies: AnalogyQuestions?
    /// The pair file's text and name.
    public let pairs: (text: [UInt8], name: String)?
    public let restrictVocab: Int
    public let method: AnalogyMethod
    public let counting: AnalogyCounting

    /// Reads the question and pair files (either may be nil). Throws `.noInput` for a missing
    /// file, `.badData` for a question file without sections, `.usage` for a restriction below 1.
    public init(analogiesFile: String?, pairsFile: String?, restrictVocab: Int = 30_000,
                method: AnalogyMethod = .threeCosAdd, counting: AnalogyCounting = .gensim) throws {
        if restrictVocab < 1 {
            throw EmbeddingsError(.usage, "the vocabulary restriction must be positive, not \(restrictVocab)")
        }
        analogies = try analogiesFile.map { try AnalogyQuestions(contentsOf: $0) }
        pairs = try pairsFile.map { path in
            let (bytes, count) = try FileContents.readWhole(path)
            return (Array(bytes[0..<count]), path)
        }
        self.restrictVocab = restrictVocab
        self.method = method
        self.counting = counting
    }

    /// Evaluates `input` (one row per word of `vocabulary`, most frequent first) on a normalised
    /// copy; `input` itself is not changed or kept. Throws `.badData` when no pair of the pair
    /// file can be evaluated (every pair has a word outside the restricted vocabulary).
    public func evaluate(input: FloatMatrix, vocabulary: Vocabulary) throws -> Result {
        let vectors = try WordVectors(words: vocabulary.tokens, vectors: input)
        let index = try NormalizedVectors(vectors, restrictVocab: restrictVocab)
        return Result(analogies: analogies.map { index.evaluateAnalogies($0, method: method, counting: counting) },
                      pairs: try pairs.map { try index.evaluatePairs(text: $0.text, name: $0.name) })
    }
}
