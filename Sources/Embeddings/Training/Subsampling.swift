/// Frequent-word subsampling (Mikolov et al. 2013b, §2.3), in the form word2vec.c implements:
/// an occurrence of word w with corpus count f(w) is kept with probability
///
///     P_keep(w) = min(1, (√(f(w) / (s·T)) + 1) · (s·T) / f(w))
///
/// where T is the number of corpus words in the vocabulary and s the threshold (`--sample`).
/// (The paper's 1 − √(t/f) discards less of the mid-frequency words; word2vec.c's and gensim's
/// formula is the one people's vectors were trained with.) s = 0 keeps every word.
public struct Subsampling: Sendable {
    /// P_keep per vocabulary id, in [0, 1].
    public let keepProbabilities: [Float]

    /// - Parameters:
    ///   - counts: corpus count per vocabulary id (0 for a word never seen: it is always kept).
    ///   - threshold: s; 0 disables subsampling.
    public init(counts: [Int], threshold: Double) {
        let total = Double(counts.reduce(0, +))
        keepProbabilities = counts.map { count in
            Float(Subsampling.keepProbability(count: count, totalWords: total, threshold: threshold))
        }
    }

    /// P_keep for one word, in Double (the formula above). O(1).
    public static func keepProbability(count: Int, totalWords: Double, threshold: Double) -> Double {
        guard threshold > 0, count > 0 else { return 1 }
        let st = threshold * totalWords
        let f = Double(count)
        return min(1, ((f / st).squareRoot() + 1) * st / f)
    }

    /// Whether to keep one occurrence of `id`, given a uniform draw `uniform` in [0, 1).
    @inline(__always)
    public func keep(_ id: Int, uniform: Float) -> Bool {
        uniform < keepProbabilities[id]
    }
}
