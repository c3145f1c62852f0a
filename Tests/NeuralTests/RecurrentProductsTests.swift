import KernelsAVX512
import Neural
import Randomness
import Testing

/// KernelsAVX512's products against the same sums in Float64, for shapes with and without row and
/// column remainders (16-, 8- and 1-column tails); and a Float32 LSTM layer (which runs its per-step products there on AVX-512
/// machines) against the Float64 layer that the gradient checks prove, forward and backward.
@Suite struct RecurrentProductsTests {
    static func random(_ n: Int, _ generator: inout PCG64) -> [Float] {
        (0..<n).map { _ in Float(generator.next32() >> 8) / Float(1 << 24) * 2 - 1 }
    }

    @Test(arguments: [(50, 512, 128), (50, 128, 512), (7, 80, 5), (1, 16, 3), (13, 48, 33),
                      (20, 200, 800), (20, 800, 200), (7, 27, 5), (3, 5, 4), (8, 8, 9)])
    func productsAgreeWithFloat64Sums(m: Int, n: Int, k: Int) throws {
        try #require(AVX512Products.isSupported, "this processor has no AVX-512")
        var generator = PCG64(seed: UInt64(m * 1000 + n + k))
        // Row strides wider than the rows, as the layers' blocks of columns use them.
        let lda = k + 3, ldb = n + 16, ldc = n + 5
        let a = Self.random(m * lda, &generator), b = Self.random(k * ldb, &generator), c0 = Self.random(m * ldc, &generator)
        for accumulate in [false, true] {
            var c = c0
            c.withUnsafeMutableBufferPointer {
                AVX512Products.multiply(m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: $0.baseAddress!, ldc: ldc,
                                        accumulate: accumulate)
            }
            var worst = 0.0
            for i in 0..<m {
                for j in 0..<ldc {
                    guard j < n else {
                        #expect(c[i * ldc + j] == c0[i * ldc + j], "column \(j) past n was written")
                        continue
                    }
                    var sum = accumulate ? Double(c0[i * ldc + j]) : 0
                    for p in 0..<k { sum += Double(a[i * lda + p]) * Double(b[p * ldb + j]) }
                    worst = max(worst, abs(Double(c[i * ldc + j]) - sum) / (1 + abs(sum)))
                }
            }
            #expect(worst < 1e-5 * Double(k).squareRoot(), "\(m)×\(n)×\(k) accumulate \(accumulate): error \(worst)")
        }
    }

    /// h = 16 takes only whole 16-column tiles; h = 10 (widths 40 and 10) the 8-column and
    /// single-column tails too.
    @Test(arguments: [CellKind.lstm, .rnn], [16, 10])
    func floatLayerMatchesTheDoubleLayer(kind: CellKind, h: Int) {
        let steps = 4, batch = 7, inputSize = 5
        var generator = PCG64(seed: 5)
        let single = RecurrentLayer<Float>(kind: kind, inputSize: inputSize, hiddenSize: h, name: "l")
        let double = RecurrentLayer<Double>(kind: kind, inputSize: inputSize, hiddenSize: h, name: "l")
        for (p, q) in zip(single.parameters, double.parameters) {
            let values = Self.random(p.value.count, &generator).map { $0 * 0.5 }
            p.value.set(values)
            q.value.set(values.map(Double.init))
        }
        let x = Self.random(steps * batch * inputSize, &generator), dY = Self.random(steps * batch * h, &generator)
        let stateF = RecurrentState<Float>(batch: batch, hiddenSize: h), stateD = RecurrentState<Double>(batch: batch, hiddenSize: h)
        let outF = single.forward(Matrix(rows: steps * batch, columns: inputSize, values: x), steps: steps, batch: batch, state: stateF).toArray()
        let outD = double.forward(Matrix(rows: steps * batch, columns: inputSize, values: x.map(Double.init)), steps: steps, batch: batch,
                                  state: stateD).toArray()
        let dxF = single.backward(Matrix(rows: steps * batch, columns: h, values: dY)).toArray()
        let dxD = double.backward(Matrix(rows: steps * batch, columns: h, values: dY.map(Double.init))).toArray()
        func worst(_ f: [Float], _ d: [Double]) -> Double { zip(f, d).map { abs(Double($0) - $1) / (1 + abs($1)) }.max() ?? 0 }
        #expect(worst(outF, outD) < 1e-5, "\(kind) output")
        #expect(worst(dxF, dxD) < 1e-5, "\(kind) input gradient")
        #expect(worst(single.hiddenWeight.gradient.toArray(), double.hiddenWeight.gradient.toArray()) < 1e-5, "\(kind) dW_h")
        #expect(worst(single.initialStateGradient.hidden.toArray(), double.initialStateGradient.hidden.toArray()) < 1e-5, "\(kind) da0")
    }
}
