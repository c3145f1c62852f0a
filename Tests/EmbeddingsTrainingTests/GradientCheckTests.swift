import Kernels
import Randomness
import Testing
@testable import Embeddings

/// Numerical gradient checks of the three output layers: the step a layer takes with a small
/// learning rate η must be −η times the centred-difference gradient of the loss it reports, both
/// for the hidden vector and for the output parameters (exact sigmoid; Float32 throughout, so
/// ε = 10⁻² and a relative tolerance of 2·10⁻³).
struct GradientCheckTests {
    static let v = 30
    static let d = 8
    static let target = 5
    static let eta: Float = 1e-3

    /// Runs `body` with a fresh random output matrix and hidden vector.
    static func check(_ makeLayer: (SharedRows, Int) -> any OutputLayer, outputRows: Int) {
        var random = PCG64(seed: 7)
        func uniform() -> Float { (Float(random.next() >> 40) * 0x1p-24 - 0.5) }
        let output = FloatMatrix(rows: outputRows, columns: d)
        for i in 0..<output.count { output.base[i] = uniform() }
        var hidden = (0..<d).map { _ in uniform() * 2 }
        let noiseSeed = PCG64(seed: 99)

        func loss(_ h: [Float], _ w: FloatMatrix) -> Float {
            var layer = makeLayer(SharedRows(base: w.base, columns: d), outputRows)
            var r = noiseSeed
            var scratch = [Float](repeating: 0, count: d)
            return h.withUnsafeBufferPointer { hp in
                scratch.withUnsafeMutableBufferPointer { layer.update(hidden: hp.baseAddress!, gradient: $0.baseAddress!,
                                                                      target: target, lr: 0, random: &r) }
            }
        }
        // The layer's own step.
        let stepped = output.copy()
        var layer = makeLayer(SharedRows(base: stepped.base, columns: d), outputRows)
        var r = noiseSeed
        var gradient = [Float](repeating: 0, count: d)
        _ = hidden.withUnsafeBufferPointer { hp in
            gradient.withUnsafeMutableBufferPointer { layer.update(hidden: hp.baseAddress!, gradient: $0.baseAddress!,
                                                                   target: target, lr: eta, random: &r) }
        }
        let epsilon: Float = 1e-2
        for i in 0..<d {
            let saved = hidden[i]
            hidden[i] = saved + epsilon
            let plus = loss(hidden, output)
            hidden[i] = saved - epsilon
            let minus = loss(hidden, output)
            hidden[i] = saved
            let numeric = (plus - minus) / (2 * epsilon)
            let analytic = -gradient[i] / eta
            #expect(abs(numeric - analytic) <= 2e-3 * max(1, abs(numeric)), "dL/dh[\(i)]: \(numeric) vs \(analytic)")
        }
        var checked = 0
        for row in 0..<outputRows {
            for c in 0..<d {
                let index = row * d + c
                let moved = stepped.base[index] - output.base[index]
                let saved = output.base[index]
                output.base[index] = saved + epsilon
                let plus = loss(hidden, output)
                output.base[index] = saved - epsilon
                let minus = loss(hidden, output)
                output.base[index] = saved
                let numeric = (plus - minus) / (2 * epsilon)
                #expect(abs(numeric - -moved / eta) <= 2e-3 * max(1, abs(numeric)), "dL/dW[\(row),\(c)]")
                if numeric != 0 { checked += 1 }
            }
        }
        #expect(checked >= d)
    }

    /// The layers' kernel for the exact sigmoid (which computes each term itself and never uses
    /// the kernel's row and label buffers; they are here for completeness and live with the type).
    static let kernelRows = PinnedBuffer(repeating: UnsafeMutablePointer<Float>(bitPattern: 64)!, count: 64)
    static let kernelLabels = PinnedBuffer(repeating: Float(0), count: 64)
    static func kernel(_ sigmoid: Sigmoid) -> LogisticKernel {
        LogisticKernel(avx2: false, sigmoid: sigmoid, rows: kernelRows.base, labels: kernelLabels.base)
    }

    @Test func negativeSampling() {
        let counts = (1...Self.v).map { 1000 / $0 }
        let noise = NoiseDistribution(counts: counts, exponent: 0.75)
        let threshold = PinnedBuffer(noise.threshold)
        let alias = PinnedBuffer(noise.alias)
        let sigmoid = Sigmoid(mode: .exact)
        let drawn = PinnedBuffer(repeating: 0, count: 5)
        Self.check({ rows, _ in
            NegativeSamplingLayer(output: rows, dimension: Self.d, negative: 5,
                                  noiseThreshold: threshold.base, noiseAlias: alias.base, noiseCount: UInt64(Self.v),
                                  noise: drawn.base, kernel: Self.kernel(sigmoid))
        }, outputRows: Self.v)
        withExtendedLifetime((threshold, alias, drawn)) {}
    }

    @Test func hierarchicalSoftmax() {
        let tree = HuffmanTree(counts: (1...Self.v).map { 1000 / $0 })
        let codes = PinnedBuffer(tree.codes), points = PinnedBuffer(tree.points), offsets = PinnedBuffer(tree.offsets)
        let sigmoid = Sigmoid(mode: .exact)
        Self.check({ rows, _ in
            HierarchicalSoftmaxLayer(output: rows, dimension: Self.d, codes: codes.base,
                                     points: points.base, offsets: offsets.base, kernel: Self.kernel(sigmoid))
        }, outputRows: Self.v - 1)
        withExtendedLifetime((codes, points, offsets)) {}
    }

    @Test func fullSoftmax() {
        let scores = PinnedBuffer(repeating: Float(0), count: Self.v)
        Self.check({ rows, n in
            FullSoftmaxLayer(output: rows, dimension: Self.d, vocabularySize: n, scores: scores.base)
        }, outputRows: Self.v)
        withExtendedLifetime(scores) {}
    }

    /// The loss of hierarchical softmax is a normalised distribution: Σ_w exp(−L(w)) = 1.
    @Test func hierarchicalSoftmaxSumsToOne() {
        let tree = HuffmanTree(counts: (1...Self.v).map { 1000 / $0 })
        let codes = PinnedBuffer(tree.codes), points = PinnedBuffer(tree.points), offsets = PinnedBuffer(tree.offsets)
        var random = PCG64(seed: 3)
        let output = FloatMatrix(rows: Self.v - 1, columns: Self.d)
        for i in 0..<output.count { output.base[i] = Float(random.next() >> 40) * 0x1p-24 - 0.5 }
        let hidden = (0..<Self.d).map { Float($0) / 8 - 0.4 }
        var layer = HierarchicalSoftmaxLayer(output: SharedRows(base: output.base, columns: Self.d), dimension: Self.d,
                                             codes: codes.base, points: points.base,
                                             offsets: offsets.base, kernel: Self.kernel(Sigmoid(mode: .exact)))
        var total: Double = 0
        var scratch = [Float](repeating: 0, count: Self.d)
        for w in 0..<Self.v {
            let loss = hidden.withUnsafeBufferPointer { hp in
                scratch.withUnsafeMutableBufferPointer {
                    layer.update(hidden: hp.baseAddress!, gradient: $0.baseAddress!, target: w, lr: 0, random: &random)
                }
            }
            total += exp(-Double(loss))
        }
        #expect(abs(total - 1) < 1e-5)
        withExtendedLifetime((codes, points, offsets)) {}
    }
}

#if canImport(Glibc)
import Glibc
#endif
