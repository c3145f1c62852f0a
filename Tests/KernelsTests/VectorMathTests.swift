import Foundation
import Kernels
import Testing

/// The SIMD exp/sigmoid/tanh against glibc's expf/tanhf over the range the networks use, and at
/// the clamping edges.
@Suite struct VectorMathTests {
    static let inputs: [Float] = stride(from: -90.0, through: 90.0, by: 0.0137).map { Float($0) } + [0, -0, 1e-8, -1e-8]

    @Test func expMatchesLibm() {
        var values = Self.inputs
        values.withUnsafeMutableBufferPointer { VectorMath.exp($0.baseAddress!, count: $0.count) }
        for (x, y) in zip(Self.inputs, values) {
            let reference = Double(x).clamped(Double(Float(-87.3)), Double(Float(88.3)))  // the Float32 clamping bounds
            let expected = Foundation.exp(reference)
            #expect(y.isFinite && y > 0, "exp(\(x)) = \(y)")
            #expect(abs(Double(y) - expected) <= 3e-7 * expected, "exp(\(x)) = \(y), expected \(expected)")
        }
    }

    @Test func sigmoidAndTanhMatchLibm() {
        var s = Self.inputs, t = Self.inputs
        s.withUnsafeMutableBufferPointer { VectorMath.sigmoid($0.baseAddress!, count: $0.count) }
        t.withUnsafeMutableBufferPointer { VectorMath.tanh($0.baseAddress!, into: $0.baseAddress!, count: $0.count) }
        for (i, x) in Self.inputs.enumerated() {
            let sigmoid = 1 / (1 + Foundation.exp(-Double(x)))
            #expect(abs(Double(s[i]) - sigmoid) <= 2e-7, "sigmoid(\(x)) = \(s[i])")
            #expect(abs(Double(t[i]) - Foundation.tanh(Double(x))) <= 2e-7, "tanh(\(x)) = \(t[i])")
        }
    }
}

extension Double {
    func clamped(_ low: Double, _ high: Double) -> Double { Swift.min(Swift.max(self, low), high) }
}
