import Kernels

/// The matrix products of the layers, on raw pointers with explicit leading dimensions so a layer
/// can multiply a block of columns (one gate) in place.
enum Products {
    /// C ← op(A)·op(B) (+ C when `accumulate`), op(A) m×k, op(B) k×n, C m×n, row-major with row
    /// strides `lda`, `ldb`, `ldc` as stored. A product with one row (`m == 1`, A not transposed:
    /// the batch-1 steps of sampling) goes to `gemv`, which is several times faster than a
    /// one-row `gemm` (DESIGN: measured facts). O(m·n·k).
    @inline(__always)
    static func multiply<T: BLASScalar>(_ a: UnsafePointer<T>, lda: Int, transposeA: Bool = false,
                                        _ b: UnsafePointer<T>, ldb: Int, transposeB: Bool = false,
                                        m: Int, n: Int, k: Int,
                                        into c: UnsafeMutablePointer<T>, ldc: Int, accumulate: Bool = false) {
        let beta: T = accumulate ? 1 : 0
        if m == 1 && !transposeA && k > 0 && n > 0 {
            if transposeB {
                // c = B·a with B stored n×k.
                T.gemv(transpose: false, rows: n, columns: k, alpha: 1, a: b, lda: ldb, x: a, beta: beta, y: c)
            } else {
                // c = Bᵀ·a with B stored k×n.
                T.gemv(transpose: true, rows: k, columns: n, alpha: 1, a: b, lda: ldb, x: a, beta: beta, y: c)
            }
            return
        }
        T.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
               a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}
