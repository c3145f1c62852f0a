/// Row-wise operations on a whole matrix.
extension FloatMatrix {
    /// Scales every row to unit Euclidean length (rows of zeros stay zero) and returns the
    /// original norms. This is the matrix behind cosine-similarity queries: with unit rows,
    /// `M · q̂` is the vector of cosines (gensim's `get_normed_vectors`, word2vec.c's `distance`).
    @discardableResult
    public func normalizeRows() -> [Float] {
        var norms = [Float](repeating: 0, count: rows)
        for r in 0..<rows {
            norms[r] = Vector.normalize(row(r), count: columns)
        }
        return norms
    }

    /// The Euclidean norm of every row.
    public func rowNorms() -> [Float] {
        (0..<rows).map { Vector.squaredNorm(row($0), count: columns).squareRoot() }
    }
}
