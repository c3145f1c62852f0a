#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kernels
import Randomness

/// The full softmax (the course's first output layer; Mikolov et al. 2013a eq. 1 with an output
/// vector per word): p(w | h) = exp(u_w·h) / Σ_v exp(u_v·h) and
///
///     L = −log p(target | h) = −u_target·h + log Σ_v exp(u_v·h)
///
/// ∂L/∂u_v = (p_v − 1[v = target])·h and ∂L/∂h = Σ_v (p_v − 1[v = target])·u_v. Scores come from
/// one matrix–vector product (BLAS sgemv), the log-sum-exp is shifted by the largest score.
/// O(V·d) per call, which is why `maximumVocabulary` bounds it.
struct FullSoftmaxLayer<Rows: RowStore>: OutputLayer, @unchecked Sendable {
    /// Above this vocabulary size a run on a real corpus takes hours: the trainer refuses it.
    static var maximumVocabulary: Int { 20_000 }

    let output: Rows
    let dimension: Int
    let vocabularySize: Int
    /// Per worker: V scores, then probabilities.
    let scores: UnsafeMutablePointer<Float>

    @inline(__always)
    mutating func update(hidden: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                         target: Int, lr: Float, random: inout PCG64) -> Float {
        if let base = output.contiguousBase {
            BLAS.gemv(rows: vocabularySize, columns: dimension, a: base, lda: dimension, x: hidden, y: scores)
        } else {
            for v in 0..<vocabularySize { scores[v] = Vector.dot(output.row(v), hidden, count: dimension) }
        }
        var largest = -Float.infinity
        for v in 0..<vocabularySize { largest = max(largest, scores[v]) }
        var sum: Float = 0
        for v in 0..<vocabularySize {
            let e = expf(scores[v] - largest)
            scores[v] = e
            sum += e
        }
        let targetScore = logf(scores[target]) + largest
        let loss = largest + logf(sum) - targetScore
        if lr == 0 { return loss }
        let inverse = 1 / sum
        for v in 0..<vocabularySize {
            let g = ((v == target ? 1 : 0) - scores[v] * inverse) * lr
            let u = output.row(v)
            Vector.fusedOutputStep(g, output: u, hidden: hidden, gradient: gradient, count: dimension)
        }
        return loss
    }
}
