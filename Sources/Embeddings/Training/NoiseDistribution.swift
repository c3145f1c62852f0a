import Randomness

/// The noise distribution of negative sampling, P_n(w) = count(w)^α / Σ_v count(v)^α with
/// α = 0.75 by default (Mikolov et al. 2013b, §2.2), sampled in O(1) with Walker's alias method
/// (Vose's construction).
///
/// word2vec.c draws from a table of 10⁸ word ids filled in proportion to P_n (400 MB, rounded to
/// 10⁻⁸); gensim binary-searches a cumulative table (O(log V)). An alias table is exact up to the
/// Float64 arithmetic of its construction, needs two arrays of V entries (it stays in cache), and
/// one 64-bit random number per draw: the high 32 bits choose a column, the low 32 bits decide
/// between the column's word and its alias.
public struct NoiseDistribution: Sendable {
    /// Per column: the probability (scaled to 2³²) of answering the column's own word.
    let threshold: [UInt32]
    /// Per column: the word answered otherwise.
    let alias: [Int32]
    /// The distribution the table was built from (sums to 1).
    public let probabilities: [Double]

    /// Builds the table for `counts` raised to `exponent`. Words with count 0 are never drawn.
    /// Precondition: at least one positive count. O(V).
    public init(counts: [Int], exponent: Double) {
        let weights = counts.map { $0 > 0 ? pow(Double($0), exponent) : 0 }
        let total = weights.reduce(0, +)
        precondition(total > 0, "the noise distribution needs a positive count")
        let n = counts.count
        probabilities = weights.map { $0 / total }
        var scaled = probabilities.map { $0 * Double(n) }
        var small: [Int] = []
        var large: [Int] = []
        for i in 0..<n { if scaled[i] < 1 { small.append(i) } else { large.append(i) } }
        var probability = [Double](repeating: 1, count: n)
        var alias = [Int32](repeating: 0, count: n)
        for i in 0..<n { alias[i] = Int32(i) }
        while let s = small.last, let l = large.last {
            small.removeLast()
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] = (scaled[l] + scaled[s]) - 1
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        // Whatever remains is 1 up to rounding: such columns answer their own word.
        for i in large { probability[i] = 1 }
        for i in small { probability[i] = 1 }
        threshold = probability.map { p in p >= 1 ? UInt32.max : UInt32((p * 4_294_967_296).rounded(.down)) }
        self.alias = alias
    }

    /// The number of words.
    public var count: Int { alias.count }

    /// The probability of drawing each word that the table implements (for tests): column c
    /// answers c with threshold/2³² (1 when the threshold is UInt32.max) and its alias otherwise,
    /// each column chosen with probability 1/V.
    public var tableProbabilities: [Double] {
        let n = Double(count)
        var p = [Double](repeating: 0, count: count)
        for c in 0..<count {
            let own = threshold[c] == .max ? 1 : Double(threshold[c]) / 4_294_967_296
            p[c] += own / n
            p[Int(alias[c])] += (1 - own) / n
        }
        return p
    }

    /// One draw from P_n, using one 64-bit random number. O(1).
    @inline(__always)
    public func sample(_ random: UInt64) -> Int {
        let column = Int(truncatingIfNeeded: ((random >> 32) &* UInt64(threshold.count)) >> 32)
        return threshold.withUnsafeBufferPointer { t in
            UInt32(truncatingIfNeeded: random) < t[column]
                ? column : Int(alias.withUnsafeBufferPointer { $0[column] })
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
