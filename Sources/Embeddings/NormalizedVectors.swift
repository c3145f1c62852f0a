import Kernels

/// Word vectors scaled to unit length, the matrix behind every cosine query: with unit rows the
/// cosine of two words is a dot product, and the cosines of one query against all words are one
/// `sgemv` (a batch of queries, one `sgemm`).
///
/// `candidateCount` is gensim's `restrict_vocab`: answers (neighbours, analogy results) come only
/// from the first `candidateCount` words, which are the most frequent when the vectors were
/// stored by descending frequency; query words may come from the whole vocabulary.
public final class NormalizedVectors: @unchecked Sendable {
    public let source: WordVectors
    /// V×D, every non-zero row of unit Euclidean length (a zero vector stays zero).
    public let unit: FloatMatrix
    /// How many leading rows answers are drawn from.
    public let candidateCount: Int

    public var words: [String] { source.words }
    public var dimension: Int { source.dimension }

    /// Normalises a copy of `vectors.vectors`; `restrictVocab` nil means all words (values above V
    /// are clamped, 0 or less is a usage error).
    public convenience init(_ vectors: WordVectors, restrictVocab: Int? = nil) throws {
        try self.init(vectors, restrictVocab: restrictVocab, normalizingInPlace: false)
    }

    /// With `normalizingInPlace`, the rows of `vectors.vectors` themselves are scaled to unit
    /// length and shared as `unit` (no copy: for callers that need only the unit vectors, such
    /// as debiasing, whose results are unit vectors already).
    public init(_ vectors: WordVectors, restrictVocab: Int? = nil, normalizingInPlace: Bool) throws {
        if let restrictVocab, restrictVocab <= 0 {
            throw EmbeddingsError(.usage, "the vocabulary restriction must be positive, not \(restrictVocab)")
        }
        source = vectors
        unit = normalizingInPlace ? vectors.vectors : vectors.vectors.copy()
        unit.normalizeRows()
        candidateCount = min(restrictVocab ?? vectors.count, vectors.count)
    }

    /// The row of `word` (exact, case-sensitive), or nil.
    public func index(of word: String) -> Int? { source.index(of: word) }

    /// Cosine similarity of two rows.
    public func cosine(_ i: Int, _ j: Int) -> Float {
        Vector.dot(unit.row(i), unit.row(j), count: dimension)
    }
}
