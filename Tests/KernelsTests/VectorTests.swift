import Testing
import Kernels

/// The SIMD loops against straightforward scalar loops in Float64, on lengths that exercise the
/// 16-lane body, the scalar tail and both together, at unaligned offsets.
struct VectorTests {
    static let lengths = [0, 1, 5, 15, 16, 17, 31, 32, 100, 301]

    /// Deterministic pseudo-random floats in [-1, 1) (a 64-bit LCG, top 24 bits).
    static func values(_ n: Int, seed: UInt64) -> [Float] {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        return (0..<n).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(state >> 40) / Float(1 << 23) - 1
        }
    }

    /// Σ xᵢ·yᵢ over n terms from the given offsets in Float64, and Σ |xᵢ·yᵢ| (the scale of the
    /// rounding error a Float sum may have).
    static func float64Dot(_ x: [Float], from i0: Int, _ y: [Float], from j0: Int, count n: Int) -> (sum: Double, magnitude: Double) {
        var sum = 0.0, magnitude = 0.0
        for i in 0..<n {
            let p = Double(x[i0 + i]) * Double(y[j0 + i])
            sum += p
            magnitude += abs(p)
        }
        return (sum, magnitude)
    }

    @Test(arguments: lengths)
    func dotMatchesAScalarLoop(n: Int) {
        let x = Self.values(n + 1, seed: 1), y = Self.values(n + 3, seed: 2)
        let (expected, magnitude) = Self.float64Dot(x, from: 1, y, from: 3, count: n)
        let got = x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in
            Vector.dot(xp.baseAddress! + 1, yp.baseAddress! + 3, count: n) } }
        #expect(abs(Double(got) - expected) <= 1e-6 * max(magnitude, 1))
    }

    /// The pairwise reduction: within rounding of the Float64 sum, and exactly the documented
    /// order (16 lanes folded to 4, then (s0 + s2) + (s1 + s3), then the tail), written out here
    /// in scalars.
    @Test(arguments: lengths)
    func dotPairwiseMatchesAScalarLoopAndItsDocumentedOrder(n: Int) {
        let x = Self.values(n + 1, seed: 7), y = Self.values(n + 2, seed: 8)
        let (expected, magnitude) = Self.float64Dot(x, from: 1, y, from: 2, count: n)
        let got = x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in
            Vector.dotPairwise(xp.baseAddress! + 1, yp.baseAddress! + 2, count: n) } }
        #expect(abs(Double(got) - expected) <= 1e-6 * max(magnitude, 1))

        var lanes = [Float](repeating: 0, count: 16)
        var i = 0
        while i + 16 <= n {
            for l in 0..<16 { lanes[l] = x[i + 1 + l] * y[i + 2 + l] + lanes[l] }
            i += 16
        }
        var quarter = [Float](repeating: 0, count: 4)
        for l in 0..<4 {
            let low: Float = lanes[l] + lanes[l + 8]
            let high: Float = lanes[l + 4] + lanes[l + 12]
            quarter[l] = low + high
        }
        while i + 4 <= n {
            for l in 0..<4 { quarter[l] = x[i + 1 + l] * y[i + 2 + l] + quarter[l] }
            i += 4
        }
        var sum = (quarter[0] + quarter[2]) + (quarter[1] + quarter[3])
        while i < n { sum += x[i + 1] * y[i + 2]; i += 1 }
        #expect(got.bitPattern == sum.bitPattern)
    }

    @Test(arguments: lengths)
    func axpyScaleAndNormMatchScalarLoops(n: Int) {
        let x = Self.values(n, seed: 3)
        var y = Self.values(n, seed: 4)
        let original = y
        x.withUnsafeBufferPointer { xp in y.withUnsafeMutableBufferPointer { yp in
            Vector.axpy(0.37, xp.baseAddress!, yp.baseAddress!, count: n) } }
        for i in 0..<n { #expect(y[i] == 0.37 * x[i] + original[i]) }  // one rounding each, as written

        y.withUnsafeMutableBufferPointer { Vector.scale($0.baseAddress!, by: -2.5, count: n) }
        for i in 0..<n { #expect(y[i] == -2.5 * (0.37 * x[i] + original[i])) }

        let squared = x.withUnsafeBufferPointer { Vector.squaredNorm($0.baseAddress!, count: n) }
        let expected = x.reduce(0.0) { $0 + Double($1) * Double($1) }
        #expect(abs(Double(squared) - expected) <= 1e-6 * max(expected, 1))
    }

    @Test func normalizeGivesUnitLengthAndLeavesZeroAlone() {
        var x = Self.values(37, seed: 5)
        let norm = x.withUnsafeMutableBufferPointer { Vector.normalize($0.baseAddress!, count: 37) }
        let after = x.reduce(0.0) { $0 + Double($1) * Double($1) }
        #expect(abs(after - 1) < 1e-6)
        #expect(norm > 0)
        var zero = [Float](repeating: 0, count: 20)
        let zeroNorm = zero.withUnsafeMutableBufferPointer { Vector.normalize($0.baseAddress!, count: 20) }
        #expect(zeroNorm == 0 && zero.allSatisfy { $0 == 0 })
    }
}
