import CBLAS

/// Thin wrappers over OpenBLAS's single-precision products, row-major throughout. The only
/// code in nlpipe that calls BLAS.
///
/// Batch-1 products belong to `gemv`, batches to `gemm` (DESIGN: measured facts). Programs that
/// run their own worker threads call `setThreads(1)` first: OpenBLAS's own threads busy-wait and
/// made two-thread runs slower on this machine.
public enum BLAS {
    /// Sets how many threads OpenBLAS may use for one call (`openblas_set_num_threads`).
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(clamping: max(1, count)))
    }

    /// y ← α·op(A)·x + β·y for a row-major `rows × columns` matrix `a` with leading dimension
    /// `lda` (≥ columns); op(A) is A, or Aᵀ when `transpose`. `x` has `columns` elements (or `rows`
    /// when transposed) and `y` the other count. Strides are 1. O(rows·columns).
    public static func gemv(transpose: Bool = false, rows: Int, columns: Int, alpha: Float = 1,
                            a: UnsafePointer<Float>, lda: Int,
                            x: UnsafePointer<Float>, beta: Float = 0, y: UnsafeMutablePointer<Float>) {
        guard rows > 0, columns > 0 else {
            let n = transpose ? columns : rows
            if n > 0 { if beta == 0 { y.update(repeating: 0, count: n) } else { for i in 0..<n { y[i] *= beta } } }
            return
        }
        cblas_sgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans,
                    blasint(rows), blasint(columns), alpha, a, blasint(lda), x, 1, beta, y, 1)
    }

    /// C ← α·op(A)·op(B) + β·C, row-major, with op(A) of shape m×k, op(B) k×n and C m×n.
    /// `lda`, `ldb`, `ldc` are the row strides of the matrices as stored (before op). O(m·n·k).
    public static func gemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                            alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                            b: UnsafePointer<Float>, ldb: Int,
                            beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for i in 0..<m {
                let rowC = c + i * ldc
                if beta == 0 { rowC.update(repeating: 0, count: n) } else { for j in 0..<n { rowC[j] *= beta } }
            }
            return
        }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// A ← α·x·yᵀ + A (BLAS `sger`), a rank-one update of a row-major `rows × columns` matrix with
    /// leading dimension `lda`; `x` has `rows` elements and `y` `columns`. O(rows·columns).
    /// Removing every row's component along a unit vector g (A ← A − (A·g)·gᵀ) is one `gemv`
    /// followed by one `ger`.
    public static func ger(rows: Int, columns: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafePointer<Float>,
                           a: UnsafeMutablePointer<Float>, lda: Int) {
        guard rows > 0, columns > 0 else { return }
        cblas_sger(CblasRowMajor, blasint(rows), blasint(columns), alpha, x, 1, y, 1, a, blasint(lda))
    }

    /// y ← M·x for a whole matrix: one score per row (e.g. cosines against unit rows).
    public static func multiply(_ matrix: FloatMatrix, _ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>) {
        gemv(rows: matrix.rows, columns: matrix.columns, a: matrix.base, lda: matrix.columns, x: x, y: y)
    }

    /// C ← A·Bᵀ for row-major A (m×k) and B (n×k): all pairwise row dot products, C of shape m×n.
    public static func multiplyTransposed(_ a: FloatMatrix, _ b: FloatMatrix, into c: FloatMatrix) {
        precondition(a.columns == b.columns && c.rows == a.rows && c.columns == b.rows,
                     "BLAS.multiplyTransposed: shapes \(a.rows)×\(a.columns), \(b.rows)×\(b.columns) -> \(c.rows)×\(c.columns)")
        gemm(transposeB: true, m: a.rows, n: b.rows, k: a.columns, a: a.base, lda: a.columns,
             b: b.base, ldb: b.columns, c: c.base, ldc: c.columns)
    }
}

extension BLAS {
    /// The kernel family OpenBLAS chose when it loaded (`openblas_get_corename`: "Haswell",
    /// "SkylakeX", …), for reports and benchmarks.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }
}
