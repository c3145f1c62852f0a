import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// The floating-point types the BLAS products and the elementary functions exist for: `Float`
/// (training and inference) and `Double` (gradient checks, which need the extra digits for centred
/// differences to reach a relative error of 1e-6). Code generic over `BLASScalar` runs the same
/// equations in either precision; the Float instances are the fast ones.
public protocol BLASScalar: BinaryFloatingPoint, Sendable {
    /// C ← α·op(A)·op(B) + β·C, row-major (see `BLAS.gemm`); `sgemm` or `dgemm`.
    static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
                     a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
                     beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// y ← α·op(A)·x + β·y, row-major (see `BLAS.gemv`); `sgemv` or `dgemv`.
    static func gemv(transpose: Bool, rows: Int, columns: Int, alpha: Self, a: UnsafePointer<Self>, lda: Int,
                     x: UnsafePointer<Self>, beta: Self, y: UnsafeMutablePointer<Self>)
    /// The hyperbolic tangent (`tanhf`/`tanh`).
    static func tanh(_ x: Self) -> Self
    /// eˣ (`expf`/`exp`).
    static func exp(_ x: Self) -> Self
    /// The natural logarithm (`logf`/`log`).
    static func log(_ x: Self) -> Self
}

extension Float: BLASScalar {
    @inlinable
    public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                            a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                            beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                  a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    @inlinable
    public static func gemv(transpose: Bool, rows: Int, columns: Int, alpha: Float, a: UnsafePointer<Float>, lda: Int,
                            x: UnsafePointer<Float>, beta: Float, y: UnsafeMutablePointer<Float>) {
        BLAS.gemv(transpose: transpose, rows: rows, columns: columns, alpha: alpha, a: a, lda: lda, x: x, beta: beta, y: y)
    }

    @inlinable public static func tanh(_ x: Float) -> Float { tanhf(x) }
    @inlinable public static func exp(_ x: Float) -> Float { expf(x) }
    @inlinable public static func log(_ x: Float) -> Float { logf(x) }
}

extension Double: BLASScalar {
    public static func gemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                            a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                            beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        cblas_dgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    public static func gemv(transpose: Bool, rows: Int, columns: Int, alpha: Double, a: UnsafePointer<Double>, lda: Int,
                            x: UnsafePointer<Double>, beta: Double, y: UnsafeMutablePointer<Double>) {
        guard rows > 0, columns > 0 else {
            let n = transpose ? columns : rows
            for i in 0..<n { y[i] = beta == 0 ? 0 : beta * y[i] }
            return
        }
        cblas_dgemv(CblasRowMajor, transpose ? CblasTrans : CblasNoTrans,
                    blasint(rows), blasint(columns), alpha, a, blasint(lda), x, 1, beta, y, 1)
    }

    @inlinable public static func tanh(_ x: Double) -> Double { Glibc.tanh(x) }
    @inlinable public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    @inlinable public static func log(_ x: Double) -> Double { Glibc.log(x) }
}
