import Foundation
import Kernels
import KernelsAVX2
import Randomness
import Testing

/// The two compiled copies of the Float32 LSTM step (Kernels' portable `LSTMKernels` and
/// KernelsAVX2's) give the same bytes, forward and backward, for widths with and without a scalar
/// tail; and both compute the cell's equations (checked against the same formulas in Float64).
@Suite struct LSTMKernelsTests {
    struct Step {
        var gates: [Float], previousCell: [Float], cell: [Float], cellTanh: [Float], output: [Float]
        var dY: [Float], dh: [Float], dc: [Float], dZ: [Float]
    }

    static func inputs(batch: Int, hidden h: Int) -> Step {
        var generator = PCG64(seed: UInt64(31 * h + batch))
        func random(_ n: Int, _ scale: Float) -> [Float] {
            (0..<n).map { _ in (Float(generator.next32() >> 8) / Float(1 << 24) * 2 - 1) * scale }
        }
        return Step(gates: random(batch * 4 * h, 4), previousCell: random(batch * h, 2),
                    cell: Array(repeating: 0, count: batch * h), cellTanh: Array(repeating: 0, count: batch * h),
                    output: Array(repeating: 0, count: batch * h), dY: random(batch * h, 1), dh: random(batch * h, 1),
                    dc: random(batch * h, 1), dZ: Array(repeating: 0, count: batch * 4 * h))
    }

    /// Forward then backward with one copy (the backward step reads the forward step's gates).
    static func run(_ avx2: Bool, batch: Int, hidden h: Int) -> Step {
        var s = inputs(batch: batch, hidden: h)
        s.gates.withUnsafeMutableBufferPointer { z in
            s.cell.withUnsafeMutableBufferPointer { c in
                s.cellTanh.withUnsafeMutableBufferPointer { tc in
                    s.output.withUnsafeMutableBufferPointer { a in
                        if avx2 {
                            AVX2Kernels.lstmForwardStep(batch: batch, hidden: h, gates: z.baseAddress!, previousCell: s.previousCell,
                                                        cell: c.baseAddress!, cellTanh: tc.baseAddress!, output: a.baseAddress!)
                        } else {
                            LSTMKernels.forwardStep(batch: batch, hidden: h, gates: z.baseAddress!, previousCell: s.previousCell,
                                                    cell: c.baseAddress!, cellTanh: tc.baseAddress!, output: a.baseAddress!)
                        }
                    }
                }
            }
        }
        s.dc.withUnsafeMutableBufferPointer { dc in
            s.dZ.withUnsafeMutableBufferPointer { dZ in
                if avx2 {
                    AVX2Kernels.lstmBackwardStep(batch: batch, hidden: h, gates: s.gates, cellTanh: s.cellTanh, previousCell: s.previousCell,
                                                 outputGradient: s.dY, hiddenGradient: s.dh, cellGradient: dc.baseAddress!,
                                                 gateGradients: dZ.baseAddress!)
                } else {
                    LSTMKernels.backwardStep(batch: batch, hidden: h, gates: s.gates, cellTanh: s.cellTanh, previousCell: s.previousCell,
                                             outputGradient: s.dY, hiddenGradient: s.dh, cellGradient: dc.baseAddress!,
                                             gateGradients: dZ.baseAddress!)
                }
            }
        }
        return s
    }

    static func bits(_ x: [Float]) -> [UInt32] { x.map(\.bitPattern) }

    @Test(arguments: [(1, 16), (3, 37), (50, 128), (2, 5)])
    func portableAndAVX2CopiesGiveTheSameBits(batch: Int, hidden: Int) throws {
        try #require(AVX2Kernels.isSupported, "this processor has no AVX2 copy to compare")
        let portable = Self.run(false, batch: batch, hidden: hidden), avx2 = Self.run(true, batch: batch, hidden: hidden)
        #expect(Self.bits(avx2.gates) == Self.bits(portable.gates))
        #expect(Self.bits(avx2.cell) == Self.bits(portable.cell))
        #expect(Self.bits(avx2.cellTanh) == Self.bits(portable.cellTanh))
        #expect(Self.bits(avx2.output) == Self.bits(portable.output))
        #expect(Self.bits(avx2.dZ) == Self.bits(portable.dZ))
        #expect(Self.bits(avx2.dc) == Self.bits(portable.dc))
    }

    /// The portable copy against the cell's equations evaluated in Float64 from the same inputs.
    @Test(arguments: [(3, 37), (2, 5)])
    func theStepComputesTheLSTMEquations(batch: Int, hidden h: Int) {
        let input = Self.inputs(batch: batch, hidden: h), result = Self.run(false, batch: batch, hidden: h)
        var worst = 0.0
        func check(_ got: Float, _ want: Double) { worst = max(worst, abs(Double(got) - want) / max(1, abs(want))) }
        for s in 0..<batch {
            for j in 0..<h {
                let zr = { (block: Int) in Double(input.gates[s * 4 * h + block * h + j]) }
                let sig = { (x: Double) in 1 / (1 + Foundation.exp(-x)) }
                let u = sig(zr(0)), f = sig(zr(1)), o = sig(zr(2)), cand = Foundation.tanh(zr(3))
                let cPrev = Double(input.previousCell[s * h + j])
                let c = u * cand + f * cPrev, tc = Foundation.tanh(c), a = o * tc
                check(result.cell[s * h + j], c)
                check(result.output[s * h + j], a)
                let da = Double(input.dY[s * h + j]) + Double(input.dh[s * h + j])
                let dCell = Double(input.dc[s * h + j]) + da * o * (1 - tc * tc)
                check(result.dZ[s * 4 * h + j], dCell * cand * u * (1 - u))
                check(result.dZ[s * 4 * h + h + j], dCell * cPrev * f * (1 - f))
                check(result.dZ[s * 4 * h + 2 * h + j], da * tc * o * (1 - o))
                check(result.dZ[s * 4 * h + 3 * h + j], dCell * u * (1 - cand * cand))
                check(result.dc[s * h + j], dCell * f)
            }
        }
        #expect(worst < 1e-5, "largest relative error \(worst)")
    }
}
