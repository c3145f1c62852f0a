import Kernels

/// The matrix products of the layers, on raw pointers with explicit leading dimensions so a layer
/// can multiply a block of columns (one gate) in place.
enum Products {
    /// C ← op(A)·op(B) (+ C when `accumulate`), op(A) m×k, op(B) k×n, C m×n, row-major with row
    /// strides `lda`, `ldb`, `ldc` as stored. A product with one row (`m == 1`, A not transposed:
    /// the batch-1 steps of sampling) goes to `gemv`, which is several times faster than a
    /// one-row `gemm` (DESIGN: measured facts). With `threads` above 1 (and OpenBLAS at one
    /// thread), a product of at least `splitMinimum` multiply-adds is split among them by rows of
    /// C when it has at least as many rows as columns, else by columns (at multiples of 16). The
    /// parts may round some entries differently from the whole product (OpenBLAS picks its
    /// blocking by shape), but the same parts give the same bits on every run. O(m·n·k).
    @inline(__always)
    static func multiply<T: BLASScalar>(_ a: UnsafePointer<T>, lda: Int, transposeA: Bool = false,
                                        _ b: UnsafePointer<T>, ldb: Int, transposeB: Bool = false,
                                        m: Int, n: Int, k: Int,
                                        into c: UnsafeMutablePointer<T>, ldc: Int, accumulate: Bool = false,
                                        threads: Int = 1) {
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
        if threads > 1 && m * n * k >= splitMinimum && max(m, n) >= 16 * threads {
            let parts = threads
            if m >= n {
                // Rows of C: rows of op(A) (columns of A when transposed).
                concurrently(parts) { p in
                    let lower = p * m / parts, upper = (p + 1) * m / parts
                    T.gemm(transposeA: transposeA, transposeB: transposeB, m: upper - lower, n: n, k: k, alpha: 1,
                           a: a + (transposeA ? lower : lower * lda), lda: lda, b: b, ldb: ldb, beta: beta,
                           c: c + lower * ldc, ldc: ldc)
                }
            } else {
                // Columns of C, cut at multiples of 16: columns of op(B) (rows of B when transposed).
                concurrently(parts) { p in
                    let lower = min(n, (p * n / parts + 15) / 16 * 16)
                    let upper = p == parts - 1 ? n : min(n, ((p + 1) * n / parts + 15) / 16 * 16)
                    guard upper > lower else { return }
                    T.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: upper - lower, k: k, alpha: 1,
                           a: a, lda: lda, b: b + (transposeB ? lower * ldb : lower), ldb: ldb, beta: beta,
                           c: c + lower, ldc: ldc)
                }
            }
            return
        }
        T.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
               a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    /// Products of fewer multiply-adds than this stay on one thread.
    static let splitMinimum = 1 << 22
}
