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
    /// x ← eˣ over n elements (Float: `VectorMath.exp`, SIMD; Double: libm per element).
    static func exp(_ x: UnsafeMutablePointer<Self>, count n: Int)
    /// x ← σ(x) = 1/(1 + e⁻ˣ) over n elements.
    static func sigmoid(_ x: UnsafeMutablePointer<Self>, count n: Int)
    /// y ← tanh(x) over n elements (`y` may be `x`).
    static func tanh(_ x: UnsafePointer<Self>, into y: UnsafeMutablePointer<Self>, count n: Int)
    /// Σ xᵢ² over n elements, returned in Float64.
    static func sumOfSquares(_ x: UnsafePointer<Self>, count n: Int) -> Double
    /// Σ xᵢ over n elements (Float: 16 partial sums).
    static func sum(_ x: UnsafePointer<Self>, count n: Int) -> Self
    /// max xᵢ over n ≥ 1 elements (NaNs are not looked for).
    static func maximum(_ x: UnsafePointer<Self>, count n: Int) -> Self
    /// y ← a·x + y over n elements.
    static func axpy(_ a: Self, _ x: UnsafePointer<Self>, _ y: UnsafeMutablePointer<Self>, count n: Int)
    /// x ← a·x over n elements.
    static func scale(_ x: UnsafeMutablePointer<Self>, by a: Self, count n: Int)
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
    public static func exp(_ x: UnsafeMutablePointer<Float>, count n: Int) { VectorMath.exp(x, count: n) }
    public static func sigmoid(_ x: UnsafeMutablePointer<Float>, count n: Int) { VectorMath.sigmoid(x, count: n) }
    public static func tanh(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count n: Int) {
        VectorMath.tanh(x, into: y, count: n)
    }
    /// Σ xᵢ² in 16 Float32 lanes per block of 4096 elements, blocks summed in Float64.
    public static func sumOfSquares(_ x: UnsafePointer<Float>, count n: Int) -> Double {
        var total = 0.0, i = 0
        while i < n {
            let m = min(4096, n - i)
            total += Double(Vector.squaredNorm(x + i, count: m))
            i += m
        }
        return total
    }
    public static func sum(_ x: UnsafePointer<Float>, count n: Int) -> Float { VectorMath.sum(x, count: n) }
    public static func maximum(_ x: UnsafePointer<Float>, count n: Int) -> Float { VectorMath.maximum(x, count: n) }
    public static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int) {
        Vector.axpy(a, x, y, count: n)
    }
    public static func scale(_ x: UnsafeMutablePointer<Float>, by a: Float, count n: Int) { Vector.scale(x, by: a, count: n) }
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
    public static func exp(_ x: UnsafeMutablePointer<Double>, count n: Int) { for i in 0..<n { x[i] = Glibc.exp(x[i]) } }
    public static func sigmoid(_ x: UnsafeMutablePointer<Double>, count n: Int) { for i in 0..<n { x[i] = 1 / (1 + Glibc.exp(-x[i])) } }
    public static func tanh(_ x: UnsafePointer<Double>, into y: UnsafeMutablePointer<Double>, count n: Int) {
        for i in 0..<n { y[i] = Glibc.tanh(x[i]) }
    }
    public static func sumOfSquares(_ x: UnsafePointer<Double>, count n: Int) -> Double {
        var total = 0.0
        for i in 0..<n { total += x[i] * x[i] }
        return total
    }
    public static func sum(_ x: UnsafePointer<Double>, count n: Int) -> Double {
        var total = 0.0
        for i in 0..<n { total += x[i] }
        return total
    }
    public static func maximum(_ x: UnsafePointer<Double>, count n: Int) -> Double {
        var best = -Double.infinity
        for i in 0..<n where x[i] > best { best = x[i] }
        return best
    }
    public static func axpy(_ a: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count n: Int) {
        for i in 0..<n { y[i] += a * x[i] }
    }
    public static func scale(_ x: UnsafeMutablePointer<Double>, by a: Double, count n: Int) {
        for i in 0..<n { x[i] *= a }
    }
    @inlinable public static func exp(_ x: Double) -> Double { Glibc.exp(x) }
    @inlinable public static func log(_ x: Double) -> Double { Glibc.log(x) }
}
