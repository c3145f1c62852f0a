import Kernels
import JSONCore

/// A set of word vectors: words in rank order (most frequent first when the source was sorted,
/// which `restrictVocab` relies on), optional corpus counts, the input vectors as a V×D Float32
/// matrix, optionally the output vectors (skip-gram's context vectors), and the configuration
/// that produced them.
///
/// Words are unique: `index(of:)` is exact (case-sensitive) lookup. Readers of text formats keep
/// the first of repeated words, as gensim's `load_word2vec_format` does.
public struct WordVectors: Sendable {
    public let words: [String]
    /// Corpus counts, one per word, when the source knew them (nlpipe files written by a trainer).
    public let counts: [Int]?
    /// V×D input vectors, row i for `words[i]`.
    public let vectors: FloatMatrix
    /// V×D output (context) vectors, when kept.
    public let outputVectors: FloatMatrix?
    /// The training configuration, a JSON object (nil when unknown, e.g. read from word2vec text).
    public let config: JSONValue?
    private let index: [String: Int]

    /// The vector dimension D.
    public var dimension: Int { vectors.columns }
    /// The number of words V.
    public var count: Int { words.count }

    /// Throws `.badData` when the shapes disagree, a count is negative or a word repeats.
    public init(words: [String], counts: [Int]? = nil, vectors: FloatMatrix, outputVectors: FloatMatrix? = nil,
                config: JSONValue? = nil) throws {
        guard vectors.rows == words.count else {
            throw EmbeddingsError(.badData, "\(words.count) words but \(vectors.rows) vectors")
        }
        if let counts {
            guard counts.count == words.count else {
                throw EmbeddingsError(.badData, "\(words.count) words but \(counts.count) counts")
            }
            if let bad = counts.firstIndex(where: { $0 < 0 }) {
                throw EmbeddingsError(.badData, "word \(bad) has a negative count")
            }
        }
        if let outputVectors, outputVectors.rows != vectors.rows || outputVectors.columns != vectors.columns {
            throw EmbeddingsError(.badData, "output vectors are \(outputVectors.rows)×\(outputVectors.columns), "
                                  + "input vectors \(vectors.rows)×\(vectors.columns)")
        }
        var index: [String: Int] = [:]
        index.reserveCapacity(words.count)
        for (i, word) in words.enumerated() {
            if index.updateValue(i, forKey: word) != nil {
                throw EmbeddingsError(.badData, "the word '\(word)' occurs twice")
            }
        }
        self.words = words
        self.counts = counts
        self.vectors = vectors
        self.outputVectors = outputVectors
        self.config = config
        self.index = index
    }

    /// The row of `word`, or nil when it is not in the vocabulary.
    public func index(of word: String) -> Int? { index[word] }

    /// A copy of the vector of `word`, or nil.
    public func vector(of word: String) -> [Float]? {
        index[word].map { vectors.rowArray($0) }
    }
}
