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

    @Test(arguments: lengths)
    func dotMatchesAScalarLoop(n: Int) {
        let x = Self.values(n + 1, seed: 1), y = Self.values(n + 3, seed: 2)
        var expected = 0.0, magnitude = 0.0
        for i in 0..<n { expected += Double(x[i + 1]) * Double(y[i + 3]); magnitude += abs(Double(x[i + 1]) * Double(y[i + 3])) }
        let got = x.withUnsafeBufferPointer { xp in y.withUnsafeBufferPointer { yp in
            Vector.dot(xp.baseAddress! + 1, yp.baseAddress! + 3, count: n) } }
        #expect(abs(Double(got) - expected) <= 1e-6 * max(magnitude, 1))
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
