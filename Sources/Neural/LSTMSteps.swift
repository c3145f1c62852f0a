import Kernels
import KernelsAVX2

/// Which compiled copy of the Float32 LSTM step (`LSTMKernels`) the layers run: KernelsAVX2's where
/// cpuid reports x86-64-v3, else the portable one. Both are the same source and give the same bits
/// (tested), so the choice never changes a model.
enum LSTMSteps {
    static let useAVX2 = AVX2Kernels.isSupported

    @inline(__always)
    static func forward(batch: Int, hidden: Int, gates: UnsafeMutablePointer<Float>, previousCell: UnsafePointer<Float>,
                        cell: UnsafeMutablePointer<Float>, cellTanh: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) {
        if useAVX2 {
            AVX2Kernels.lstmForwardStep(batch: batch, hidden: hidden, gates: gates, previousCell: previousCell, cell: cell,
                                        cellTanh: cellTanh, output: output)
        } else {
            LSTMKernels.forwardStep(batch: batch, hidden: hidden, gates: gates, previousCell: previousCell, cell: cell,
                                    cellTanh: cellTanh, output: output)
        }
    }

    @inline(__always)
    static func backward(batch: Int, hidden: Int, gates: UnsafePointer<Float>, cellTanh: UnsafePointer<Float>,
                         previousCell: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                         hiddenGradient: UnsafePointer<Float>, cellGradient: UnsafeMutablePointer<Float>,
                         gateGradients: UnsafeMutablePointer<Float>) {
        if useAVX2 {
            AVX2Kernels.lstmBackwardStep(batch: batch, hidden: hidden, gates: gates, cellTanh: cellTanh, previousCell: previousCell,
                                         outputGradient: outputGradient, hiddenGradient: hiddenGradient,
                                         cellGradient: cellGradient, gateGradients: gateGradients)
        } else {
            LSTMKernels.backwardStep(batch: batch, hidden: hidden, gates: gates, cellTanh: cellTanh, previousCell: previousCell,
                                     outputGradient: outputGradient, hiddenGradient: hiddenGradient,
                                     cellGradient: cellGradient, gateGradients: gateGradients)
        }
    }
}

extension RecurrentLayer {
    /// A pointer to `T` as the Float it is (only called when `T` is `Float`).
    @inline(__always)
    static func float(_ p: UnsafePointer<T>) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(mutating: p).assumingMemoryBound(to: Float.self)
    }
}
