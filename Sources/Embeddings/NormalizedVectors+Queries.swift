import Kernels

/// A word with a score (a cosine, or a 3CosMul value).
public struct ScoredWord: Sendable, Equatable {
    public let word: String
    public let index: Int
    public let score: Float

    public init(word: String, index: Int, score: Float) {
        self.word = word
        self.index = index
        self.score = score
    }
}

/// Single queries: neighbours, analogies, similarities, averaged vectors.
extension NormalizedVectors {
    /// The `count` candidate words closest in cosine to `query` (a unit vector of length D),
    /// leaving out the rows in `excluding`. One `sgemv` over the candidate rows, then a top-k
    /// scan: O(candidateCount·D). Equal scores list the more frequent (lower) row first.
    public func nearest(to query: UnsafePointer<Float>, count: Int, excluding: [Int] = []) -> [ScoredWord] {
        guard count > 0, candidateCount > 0 else { return [] }
        var scores = [Float](repeating: 0, count: candidateCount)
        scores.withUnsafeMutableBufferPointer { y in
            BLAS.gemv(rows: candidateCount, columns: dimension, a: unit.base, lda: dimension, x: query, y: y.baseAddress!)
        }
        return top(scores, count: count, excluding: excluding)
    }

    /// gensim's `most_similar(positive=[word], topn=count)`: the nearest candidates to the word
    /// itself, the word excluded.
    public func neighbors(of index: Int, count: Int) -> [ScoredWord] {
        nearest(to: unit.row(index), count: count, excluding: [index])
    }

    /// Answers a : b :: c : ? with `method`, the rows of a, b and c excluded from the answers
    /// (gensim leaves its input words out the same way). O(candidateCount·D). Both methods draw
    /// answers from the first `candidateCount` rows; gensim 4.4's `most_similar_cosmul` accepts
    /// `restrict_vocab` but searches every word, so the two agree when nothing is restricted.
    public func analogy(a: Int, b: Int, c: Int, method: AnalogyMethod = .threeCosAdd, count: Int = 1) -> [ScoredWord] {
        switch method {
        case .threeCosAdd:
            var query = [Float](repeating: 0, count: dimension)
            Self.threeCosAddQuery(unit.row(a), unit.row(b), unit.row(c), dimension: dimension, into: &query)
            return nearest(to: query, count: count, excluding: [a, b, c])
        case .threeCosMul:
            guard count > 0, candidateCount > 0 else { return [] }
            let queries = FloatMatrix(rows: 3, columns: dimension)
            for (r, i) in [a, b, c].enumerated() { Vector.copy(unit.row(i), to: queries.row(r), count: dimension) }
            let cosines = FloatMatrix(rows: 3, columns: candidateCount)
            BLAS.gemm(transposeB: true, m: 3, n: candidateCount, k: dimension, a: queries.base, lda: dimension,
                      b: unit.base, ldb: dimension, c: cosines.base, ldc: candidateCount)
            var scores = [Float](repeating: 0, count: candidateCount)
            Self.threeCosMulScores(a: cosines.row(0), b: cosines.row(1), c: cosines.row(2), count: candidateCount, into: &scores)
            return top(scores, count: count, excluding: [a, b, c])
        }
    }

    /// Cosine similarity of two words (gensim's `similarity`).
    public func similarity(_ i: Int, _ j: Int) -> Float { cosine(i, j) }

    /// The mean of the unit vectors of `indices` (gensim's `get_mean_vector` with its defaults:
    /// pre-normalised, not post-normalised); zeros for an empty list.
    public func meanVector(of indices: [Int]) -> [Float] {
        var mean = [Float](repeating: 0, count: dimension)
        guard !indices.isEmpty else { return mean }
        mean.withUnsafeMutableBufferPointer { m in
            for i in indices { Vector.axpy(1, unit.row(i), m.baseAddress!, count: dimension) }
            Vector.scale(m.baseAddress!, by: 1 / Float(indices.count), count: dimension)
        }
        return mean
    }

    // MARK: Shared arithmetic (also used by the batch evaluation)

    /// The 3CosAdd query in gensim's order of operations: m = (b̂ + ĉ + (−1)·â) / 3, then m / ‖m‖.
    static func threeCosAddQuery(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>,
                                 dimension: Int, into query: UnsafeMutablePointer<Float>) {
        Vector.copy(b, to: query, count: dimension)
        Vector.axpy(1, c, query, count: dimension)
        Vector.axpy(-1, a, query, count: dimension)
        Vector.scale(query, by: 1 / 3, count: dimension)
        Vector.normalize(query, count: dimension)
    }

    static func threeCosAddQuery(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafePointer<Float>,
                                 dimension: Int, into query: inout [Float]) {
        query.withUnsafeMutableBufferPointer { threeCosAddQuery(a, b, c, dimension: dimension, into: $0.baseAddress!) }
    }

    /// 3CosMul from the three cosine rows, as gensim computes it in Float32:
    /// ((1 + cos_b)/2 · (1 + cos_c)/2) / ((1 + cos_a)/2 + 1e-6).
    static func threeCosMulScores(a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafePointer<Float>,
                                  count: Int, into scores: UnsafeMutablePointer<Float>) {
        for i in 0..<count {
            let pb = (1 + b[i]) / 2, pc = (1 + c[i]) / 2, pa = (1 + a[i]) / 2
            scores[i] = pb * pc / (pa + 0.000001)
        }
    }

    static func threeCosMulScores(a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafePointer<Float>,
                                  count: Int, into scores: inout [Float]) {
        scores.withUnsafeMutableBufferPointer { threeCosMulScores(a: a, b: b, c: c, count: count, into: $0.baseAddress!) }
    }

    private func top(_ scores: [Float], count: Int, excluding: [Int]) -> [ScoredWord] {
        var best = TopScores(capacity: count)
        scores.withUnsafeBufferPointer { best.offer($0.baseAddress!, count: $0.count, excluding: excluding) }
        return zip(best.indices, best.scores).map { ScoredWord(word: words[$0], index: $0, score: $1) }
    }
}
