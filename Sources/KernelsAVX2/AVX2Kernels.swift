import CCPUFeatures
import Kernels

/// word2vec's inner loop (`Vector.logisticTerms`) and the LSTM step (`LSTMKernels`) compiled for
/// x86-64-v3 (AVX2: 8 float lanes per instruction instead of SSE2's 4), for a build that otherwise
/// targets baseline x86-64 so that it runs anywhere. Package.swift gives this module alone
/// `-target-cpu haswell`; callers check `isSupported` (cpuid) once and otherwise call the portable
/// copy. Both copies are the same inlined source with lane-wise operations and no FMA
/// contraction, so they give the same results bit for bit (tested).
public enum AVX2Kernels {
    /// Whether this processor and operating system run this module's code.
    public static let isSupported: Bool = nlpipe_cpu_has_x86_64_v3() == 1

    /// `Vector.logisticTerms`, compiled for AVX2. Call only when `isSupported`.
    public static func logisticTerms(rows: UnsafePointer<UnsafeMutablePointer<Float>>, labels: UnsafePointer<Float>, count: Int,
                                     hidden: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, dimension: Int,
                                     lr: Float, skipSaturated: Bool,
                                     sigmoid: UnsafePointer<Float>, logSigmoid: UnsafePointer<Float>) -> Float {
        Vector.logisticTerms(rows: rows, labels: labels, count: count, hidden: hidden, gradient: gradient,
                             dimension: dimension, lr: lr, skipSaturated: skipSaturated,
                             sigmoid: sigmoid, logSigmoid: logSigmoid)
    }
}

extension AVX2Kernels {
    /// `LSTMKernels.forwardStep` (the gate nonlinearities and cell update of one LSTM step for a
    /// batch), compiled for AVX2. Call only when `isSupported`.
    public static func lstmForwardStep(batch: Int, hidden: Int, gates: UnsafeMutablePointer<Float>,
                                       previousCell: UnsafePointer<Float>, cell: UnsafeMutablePointer<Float>,
                                       cellTanh: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) {
        LSTMKernels.forwardStep(batch: batch, hidden: hidden, gates: gates, previousCell: previousCell, cell: cell,
                                cellTanh: cellTanh, output: output)
    }

    /// `LSTMKernels.backwardStep`, compiled for AVX2. Call only when `isSupported`.
    public static func lstmBackwardStep(batch: Int, hidden: Int, gates: UnsafePointer<Float>, cellTanh: UnsafePointer<Float>,
                                        previousCell: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                        hiddenGradient: UnsafePointer<Float>, cellGradient: UnsafeMutablePointer<Float>,
                                        gateGradients: UnsafeMutablePointer<Float>) {
        LSTMKernels.backwardStep(batch: batch, hidden: hidden, gates: gates, cellTanh: cellTanh, previousCell: previousCell,
                                 outputGradient: outputGradient, hiddenGradient: hiddenGradient, cellGradient: cellGradient,
                                 gateGradients: gateGradients)
    }
}

extension AVX2Kernels {
    /// `SoftmaxKernels.normalizeRow` (one row of the output layer's softmax), compiled for AVX2.
    /// Call only when `isSupported`.
    public static func softmaxRow(_ z: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, count: Int,
                                  target: Int?, scratch: UnsafeMutablePointer<Float>?) -> Float {
        SoftmaxKernels.normalizeRow(z, bias: bias, count: count, target: target, scratch: scratch)
    }
}
