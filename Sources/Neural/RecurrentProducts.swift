import Kernels
import KernelsAVX512

/// The per-step recurrent products of an RNN or LSTM layer in Float32: Z⟨t⟩ += a⟨t−1⟩·W_hᵀ forward
/// and da⟨t−1⟩ = dZ⟨t⟩·W_h backward (batch × blocks·H × H each). Where cpuid reports AVX-512 they
/// run on KernelsAVX512's register tiles, which read the right-hand operand in place: W_h for the
/// backward product as stored, and for the forward product W_hᵀ, transposed once per forward pass
/// (the weights change only at the optimiser step) instead of being re-packed by OpenBLAS at every
/// step. Elsewhere, and for Double, GRU layers and batch 1 (`gemv`), everything stays with
/// `Products`. The two paths differ only by the order of the sums.
struct RecurrentProducts {
    /// Whether this layer's steps use the AVX-512 tiles.
    let enabled: Bool

    init<T>(_: T.Type, kind: CellKind, batch: Int, hidden h: Int) {
        let width = kind.blockCount * h
        enabled = T.self == Float.self && kind != .gru && batch >= 2 && AVX512Products.isSupported
            && AVX512Products.accepts(m: batch, n: width, k: h) && AVX512Products.accepts(m: batch, n: h, k: width)
    }

    /// Wᵀ (columns × rows) from W (rows × columns). O(rows·columns).
    static func transpose<T>(_ w: Matrix<T>, into wt: Matrix<T>) {
        wt.reshape(rows: w.columns, columns: w.rows)
        for r in 0..<w.rows {
            let row = w.row(r)
            for c in 0..<w.columns { wt.base[c * w.rows + r] = row[c] }
        }
    }

    /// C (batch × n) ← A·B (+ C when `accumulate`), B row-major k × n read in place.
    @inline(__always)
    static func multiply<T>(_ a: UnsafePointer<T>, lda: Int, _ b: UnsafePointer<T>, ldb: Int, m: Int, n: Int, k: Int,
                            into c: UnsafeMutablePointer<T>, ldc: Int, accumulate: Bool) {
        func float(_ p: UnsafePointer<T>) -> UnsafePointer<Float> { UnsafeRawPointer(p).assumingMemoryBound(to: Float.self) }
        AVX512Products.multiply(m: m, n: n, k: k, a: float(a), lda: lda, b: float(b), ldb: ldb,
                                c: UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self), ldc: ldc,
                                accumulate: accumulate)
    }
}
