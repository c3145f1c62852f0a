import Kernels
import KernelsAVX2

/// The output layers' way into `Vector.logisticTerms` (table sigmoid): a layer gathers the rows of
/// one example's terms and their labels into this worker's scratch, and `run` calls the compiled
/// copy the options chose (`VectorKernels`) — the AVX2 one when the processor has it, the portable
/// one otherwise; both give the same results bit for bit.
struct LogisticKernel: @unchecked Sendable {
    let avx2: Bool
    let sigmoid: Sigmoid
    /// Room for `capacity` row pointers and labels (per worker).
    let rows: UnsafeMutablePointer<UnsafeMutablePointer<Float>>
    let labels: UnsafeMutablePointer<Float>

    @inline(__always)
    func run(count: Int, hidden: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, dimension: Int,
             lr: Float, skipSaturated: Bool) -> Float {
        if avx2 {
            return AVX2Kernels.logisticTerms(rows: rows, labels: labels, count: count, hidden: hidden, gradient: gradient,
                                             dimension: dimension, lr: lr, skipSaturated: skipSaturated,
                                             sigmoid: sigmoid.values, logSigmoid: sigmoid.logValues)
        }
        return Vector.logisticTerms(rows: rows, labels: labels, count: count, hidden: hidden, gradient: gradient,
                                    dimension: dimension, lr: lr, skipSaturated: skipSaturated,
                                    sigmoid: sigmoid.values, logSigmoid: sigmoid.logValues)
    }
}
