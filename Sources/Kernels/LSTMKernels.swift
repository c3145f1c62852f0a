/// The elementwise parts of one LSTM step in Float32 for a whole batch, forward and backward, 16
/// lanes at a time (`SIMD16<Float>`) with scalar tails: the single source of this arithmetic for
/// both compiled copies, the portable one (Neural calls these directly) and KernelsAVX2's (the same
/// inlined source built for x86-64-v3, chosen at run time by cpuid). Lanes and tails evaluate the
/// scalar expressions of Neural's generic `RecurrentLayer` loops in the same order, without fused
/// multiply-adds, so every copy gives the same bits as the generic code run on Float.
///
/// Gate blocks are laid out per sequence as [u, f, o, c̃], each h units (row width 4h); every other
/// array is batch × h, rows contiguous. Always inlined, so each module that calls them compiles
/// them for its own target CPU (a shared out-of-line copy would be merged by the linker with the
/// other copy's). O(batch·h) per call.
public enum LSTMKernels {
    public typealias Lanes = SIMD16<Float>

    /// Γ_u, Γ_f, Γ_o = σ(z_u, z_f, z_o) and c̃ = tanh(z_c) in place in `gates`, then
    /// c = Γ_u∗c̃ + Γ_f∗c⟨t−1⟩, tanh(c), and a = Γ_o∗tanh(c) (Hochreiter & Schmidhuber 1997 with a
    /// forget gate, Gers et al. 2000; the course's LSTM cell), in one pass over the units with
    /// `VectorMath`'s σ and tanh (elementwise, so the same bits as its array functions).
    @inlinable @inline(__always)
    public static func forwardStep(batch: Int, hidden h: Int, gates: UnsafeMutablePointer<Float>,
                                   previousCell: UnsafePointer<Float>, cell: UnsafeMutablePointer<Float>,
                                   cellTanh: UnsafeMutablePointer<Float>, output: UnsafeMutablePointer<Float>) {
        for s in 0..<batch {
            let z = gates + s * 4 * h, cPrev = previousCell + s * h
            let c = cell + s * h, tc = cellTanh + s * h, a = output + s * h
            var j = 0
            while j + 16 <= h {
                let u = VectorMath.sigmoid(Vector.load(z + j)), f = VectorMath.sigmoid(Vector.load(z + h + j))
                let o = VectorMath.sigmoid(Vector.load(z + 2 * h + j)), candidate = VectorMath.tanh(Vector.load(z + 3 * h + j))
                Vector.store(u, z + j)
                Vector.store(f, z + h + j)
                Vector.store(o, z + 2 * h + j)
                Vector.store(candidate, z + 3 * h + j)
                let cj = u * candidate + f * Vector.load(cPrev + j)
                let squashed = VectorMath.tanh(cj)
                Vector.store(cj, c + j)
                Vector.store(squashed, tc + j)
                Vector.store(o * squashed, a + j)
                j += 16
            }
            while j < h {
                let u = VectorMath.sigmoid(z[j]), f = VectorMath.sigmoid(z[h + j])
                let o = VectorMath.sigmoid(z[2 * h + j]), candidate = VectorMath.tanh(z[3 * h + j])
                z[j] = u
                z[h + j] = f
                z[2 * h + j] = o
                z[3 * h + j] = candidate
                c[j] = u * candidate + f * cPrev[j]
                tc[j] = VectorMath.tanh(c[j])
                a[j] = o * tc[j]
                j += 1
            }
        }
    }

    /// The backward step: with da = dY + dh the total gradient of a⟨t⟩ and dc that of c⟨t⟩ from
    /// step t+1: dc ← dc + da∗Γ_o∗(1 − tanh²c); dZ_o = da∗tanh(c)∗Γ_o(1−Γ_o);
    /// dZ_u = dc∗c̃∗Γ_u(1−Γ_u); dZ_f = dc∗c⟨t−1⟩∗Γ_f(1−Γ_f); dZ_c = dc∗Γ_u∗(1−c̃²); dc⟨t−1⟩ = dc∗Γ_f
    /// (σ' = σ(1−σ), tanh' = 1 − tanh²). `cellGradient` is updated in place to dc⟨t−1⟩;
    /// `gateGradients` (batch × 4h) receives dZ.
    @inlinable @inline(__always)
    public static func backwardStep(batch: Int, hidden h: Int, gates: UnsafePointer<Float>, cellTanh: UnsafePointer<Float>,
                                    previousCell: UnsafePointer<Float>, outputGradient: UnsafePointer<Float>,
                                    hiddenGradient: UnsafePointer<Float>, cellGradient: UnsafeMutablePointer<Float>,
                                    gateGradients: UnsafeMutablePointer<Float>) {
        let one = Lanes(repeating: 1)
        for s in 0..<batch {
            let g = gates + s * 4 * h, z = gateGradients + s * 4 * h
            let tc = cellTanh + s * h, cPrev = previousCell + s * h
            let dY = outputGradient + s * h, dh = hiddenGradient + s * h, dc = cellGradient + s * h
            var j = 0
            while j + 16 <= h {
                let u = Vector.load(g + j), f = Vector.load(g + h + j)
                let o = Vector.load(g + 2 * h + j), candidate = Vector.load(g + 3 * h + j)
                let squashed = Vector.load(tc + j)
                let da = Vector.load(dY + j) + Vector.load(dh + j)
                let dCell = Vector.load(dc + j) + da * o * (one - squashed * squashed)
                Vector.store(da * squashed * o * (one - o), z + 2 * h + j)
                Vector.store(dCell * candidate * u * (one - u), z + j)
                Vector.store(dCell * Vector.load(cPrev + j) * f * (one - f), z + h + j)
                Vector.store(dCell * u * (one - candidate * candidate), z + 3 * h + j)
                Vector.store(dCell * f, dc + j)
                j += 16
            }
            while j < h {
                backwardUnit(j, hidden: h, gates: g, cellTanh: tc[j], previousCell: cPrev[j], outputGradient: dY[j],
                             hiddenGradient: dh[j], cellGradient: &dc[j], gateGradients: z)
                j += 1
            }
        }
    }

    /// Unit j of the backward step for one sequence (the scalar form of `backwardStep`'s lanes,
    /// the same expressions in the same order), for any floating-point type: Neural's Float64
    /// layers run it for every unit.
    @inlinable @inline(__always)
    public static func backwardUnit<T: FloatingPoint>(_ j: Int, hidden h: Int, gates g: UnsafePointer<T>, cellTanh squashed: T,
                                                      previousCell: T, outputGradient: T, hiddenGradient: T,
                                                      cellGradient dc: inout T, gateGradients z: UnsafeMutablePointer<T>) {
        let u = g[j], f = g[h + j], o = g[2 * h + j], candidate = g[3 * h + j]
        let da = outputGradient + hiddenGradient
        let dCell = dc + da * o * (1 - squashed * squashed)
        z[2 * h + j] = da * squashed * o * (1 - o)
        z[j] = dCell * candidate * u * (1 - u)
        z[h + j] = dCell * previousCell * f * (1 - f)
        z[3 * h + j] = dCell * u * (1 - candidate * candidate)
        dc = dCell * f
    }
}
