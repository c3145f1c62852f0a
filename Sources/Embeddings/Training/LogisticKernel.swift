import Kernels
import KernelsAVX2

/// The output layers' way into the logistic terms of one example (negative sampling's true and
/// noise words, hierarchical softmax's path nodes): a layer gathers the terms' rows and labels into
/// this worker's scratch and calls `run`. With the table sigmoid `run` calls the compiled copy of
/// `Vector.logisticTerms` the options chose (`VectorKernels`) — the AVX2 one when the processor has
/// it, the portable one otherwise; both give the same results bit for bit. With the exact sigmoid
/// it runs the same terms with σ computed (`exactTerms`).
struct LogisticKernel: @unchecked Sendable {
    let avx2: Bool
    let sigmoid: Sigmoid
    /// Room for `capacity` row pointers and labels (per worker).
    let rows: UnsafeMutablePointer<UnsafeMutablePointer<Float>>
    let labels: UnsafeMutablePointer<Float>

    /// Runs the `count` gathered terms and returns their loss. `skipSaturated` (word2vec.c's
    /// hierarchical softmax: no step for |u·h| ≥ 6) applies to the table only.
    @inline(__always)
    func run(count: Int, hidden: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, dimension: Int,
             lr: Float, skipSaturated: Bool) -> Float {
        if sigmoid.mode == .exact {
            return exactTerms(count: count, hidden: hidden, gradient: gradient, dimension: dimension, lr: lr)
        }
        if avx2 {
            return AVX2Kernels.logisticTerms(rows: rows, labels: labels, count: count, hidden: hidden, gradient: gradient,
                                             dimension: dimension, lr: lr, skipSaturated: skipSaturated,
                                             sigmoid: sigmoid.values, logSigmoid: sigmoid.logValues)
        }
        return Vector.logisticTerms(rows: rows, labels: labels, count: count, hidden: hidden, gradient: gradient,
                                    dimension: dimension, lr: lr, skipSaturated: skipSaturated,
                                    sigmoid: sigmoid.values, logSigmoid: sigmoid.logValues)
    }

    /// `Vector.logisticTerms` with the exact σ and log σ and no saturation: for each term t,
    /// f = uₜ·h, L −= log σ(±f), uₜ and the gradient take the step g = lr·(yₜ − σ(f)).
    @inline(__always)
    private func exactTerms(count: Int, hidden: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                            dimension: Int, lr: Float) -> Float {
        var loss: Float = 0
        for t in 0..<count {
            let u = rows[t], label = labels[t]
            let f = Vector.dotPairwise(hidden, u, count: dimension)
            loss -= sigmoid.log(label == 1 ? f : -f)
            Vector.fusedOutputStep((label - sigmoid(f)) * lr, output: u, hidden: hidden, gradient: gradient, count: dimension)
        }
        return loss
    }
}
