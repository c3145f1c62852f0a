import Foundation
import Testing
import Kernels
import _TestSupport

/// The BLAS wrappers against scalar Float64 loops, and against numpy for the layout conventions.
struct BLASTests {
    static func matrix(_ rows: Int, _ columns: Int, seed: UInt64) -> FloatMatrix {
        FloatMatrix(rows: rows, columns: columns, values: VectorTests.values(rows * columns, seed: seed))
    }

    @Test func gemvBothWaysMatchesScalarLoops() {
        BLAS.setThreads(1)
        let a = Self.matrix(7, 33, seed: 10)
        let x = VectorTests.values(33, seed: 11), xt = VectorTests.values(7, seed: 12)
        var y = [Float](repeating: 1, count: 7), yt = [Float](repeating: 0, count: 33)
        BLAS.gemv(rows: 7, columns: 33, alpha: 2, a: a.base, lda: 33, x: x, beta: 0.5, y: &y)
        BLAS.gemv(transpose: true, rows: 7, columns: 33, a: a.base, lda: 33, x: xt, y: &yt)
        for r in 0..<7 {
            let expected = 2 * (0..<33).reduce(0.0) { $0 + Double(a[r, $1]) * Double(x[$1]) } + 0.5
            #expect(abs(Double(y[r]) - expected) < 1e-4)
        }
        for c in 0..<33 {
            let expected = (0..<7).reduce(0.0) { $0 + Double(a[$1, c]) * Double(xt[$1]) }
            #expect(abs(Double(yt[c]) - expected) < 1e-4)
        }
    }

    @Test func gerIsARankOneUpdate() {
        let a = Self.matrix(6, 21, seed: 30), original = a.copy()
        let x = VectorTests.values(6, seed: 31), y = VectorTests.values(21, seed: 32)
        BLAS.ger(rows: 6, columns: 21, alpha: -0.5, x: x, y: y, a: a.base, lda: 21)
        for r in 0..<6 { for c in 0..<21 {
            let expected = Double(original[r, c]) - 0.5 * Double(x[r]) * Double(y[c])
            #expect(abs(Double(a[r, c]) - expected) < 1e-5)
        } }
    }

    @Test func gemmWithTransposesMatchesScalarLoops() {
        let a = Self.matrix(5, 9, seed: 20), b = Self.matrix(4, 9, seed: 21)
        let c = FloatMatrix(rows: 5, columns: 4)
        BLAS.multiplyTransposed(a, b, into: c)
        // Aᵀ (9×5) times A (5×9) through transposeA.
        let ata = FloatMatrix(rows: 9, columns: 9)
        BLAS.gemm(transposeA: true, m: 9, n: 9, k: 5, a: a.base, lda: 9, b: a.base, ldb: 9, c: ata.base, ldc: 9)
        for i in 0..<5 { for j in 0..<4 {
            let expected = (0..<9).reduce(0.0) { $0 + Double(a[i, $1]) * Double(b[j, $1]) }
            #expect(abs(Double(c[i, j]) - expected) < 1e-4)
        } }
        for i in 0..<9 { for j in 0..<9 {
            let expected = (0..<5).reduce(0.0) { $0 + Double(a[$1, i]) * Double(a[$1, j]) }
            #expect(abs(Double(ata[i, j]) - expected) < 1e-4)
        } }
    }

    @Test func multiplyAgreesWithNumpy() throws {
        let a = Self.matrix(6, 20, seed: 30), x = VectorTests.values(20, seed: 31)
        var y = [Float](repeating: 0, count: 6)
        BLAS.multiply(a, x, into: &y)
        let script = """
        import sys, numpy as np
        d = np.frombuffer(sys.stdin.buffer.read(), dtype='<f4')
        a = d[:120].reshape(6, 20); x = d[120:]
        sys.stdout.write(' '.join(repr(float(v)) for v in (a.astype(np.float64) @ x.astype(np.float64))))
        """
        var bytes = Data()
        for v in a.toArray() + x { withUnsafeBytes(of: v.bitPattern.littleEndian) { bytes.append(contentsOf: $0) } }
        let result = try Subprocess.python(script, stdin: bytes)
        #expect(result.status == 0, "\(result.stderrText)")
        let expected = result.stdoutText.split(separator: " ").compactMap { Double($0) }
        #expect(expected.count == 6)
        for (got, want) in zip(y, expected) { #expect(abs(Double(got) - want) < 1e-5) }
    }
}
