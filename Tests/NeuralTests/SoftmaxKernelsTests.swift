import Kernels
import KernelsAVX2
import Randomness
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `SoftmaxKernels.normalizeRow`: AVX2's copy gives the portable copy's bits, and both give the
/// softmax, its logarithm and −log ŷ[target] of a Float64 computation.
@Suite struct SoftmaxKernelsTests {
    @Test(arguments: [1, 5, 16, 37, 10_000])
    func rowMatchesFloat64AndTheCopiesAgree(v: Int) {
        var generator = PCG64(seed: UInt64(v))
        func uniform() -> Float { Float(Double(generator.next() >> 11) * 0x1p-53 * 20 - 10) }
        let z0 = (0..<v).map { _ in uniform() }, bias = (0..<v).map { _ in uniform() }
        let target = v / 2
        // Float64 reference.
        let shifted = zip(z0, bias).map { Double(Float($0 + $1)) }
        let m = shifted.max()!
        let total = shifted.reduce(0) { $0 + exp($1 - m) }
        for logarithms in [false, true] {
            var portable = z0, scratch = [Float](repeating: 0, count: v)
            let loss = portable.withUnsafeMutableBufferPointer { z in
                scratch.withUnsafeMutableBufferPointer { s in
                    SoftmaxKernels.normalizeRow(z.baseAddress!, bias: bias, count: v, target: target,
                                                scratch: logarithms ? s.baseAddress! : nil)
                }
            }
            #expect(abs(Double(loss) - (log(total) - (shifted[target] - m))) < 1e-5 * max(1, Double(abs(loss))))
            for j in 0..<v {
                let expected = logarithms ? (shifted[j] - m) - log(total) : exp(shifted[j] - m) / total
                #expect(abs(Double(portable[j]) - expected) <= 1e-5 * max(1, abs(expected)), "entry \(j)")
            }
            if AVX2Kernels.isSupported {
                var wide = z0, wideScratch = [Float](repeating: 0, count: v)
                let wideLoss = wide.withUnsafeMutableBufferPointer { z in
                    wideScratch.withUnsafeMutableBufferPointer { s in
                        AVX2Kernels.softmaxRow(z.baseAddress!, bias: bias, count: v, target: target,
                                               scratch: logarithms ? s.baseAddress! : nil)
                    }
                }
                #expect(wideLoss == loss && wide == portable)
            }
        }
    }
}
