#if canImport(Glibc)
import Glibc
#endif

/// One row of the output layer's softmax in Float32, 16 lanes at a time (`SIMD16<Float>`) with
/// scalar tails: the single source for both compiled copies, the portable one and KernelsAVX2's
/// (the same inlined source built for x86-64-v3, chosen at run time by cpuid). It forms the same
/// values in the same order as the generic row loop it replaces (z + b; the maximum as
/// `VectorMath.maximum`; z − m; `VectorMath.exp`; the sum as `VectorMath.sum`), in three passes
/// instead of six, so every copy gives the same bits. Always inlined, like `LSTMKernels`. O(v).
public enum SoftmaxKernels {
    public typealias Lanes = SIMD16<Float>

    /// z ← z + b and m = max z; then ŷ = exp(z − m)/Σ exp(z − m) in place, or, given `scratch`
    /// (v floats of work space for the exponentials), log ŷ = (z − m) − log Σ exp(z − m).
    /// Returns log Σ exp(z − m) − (z_target − m) (0 − … without a target): −log ŷ[target],
    /// formed without rounding ŷ, so it stays finite.
    @inlinable @inline(__always)
    public static func normalizeRow(_ z: UnsafeMutablePointer<Float>, bias b: UnsafePointer<Float>, count v: Int,
                                    target: Int?, scratch: UnsafeMutablePointer<Float>?) -> Float {
        // z + b and the lanes' maxima.
        var best = Lanes(repeating: -.infinity)
        var i = 0
        while i + 16 <= v {
            let x = load(z + i) + load(b + i)
            store(x, z + i)
            best = best.replacing(with: x, where: x .> best)
            i += 16
        }
        var maximum = -Float.infinity
        for lane in 0..<16 where best[lane] > maximum { maximum = best[lane] }
        while i < v {
            z[i] += b[i]
            if z[i] > maximum { maximum = z[i] }
            i += 1
        }
        let shifted = target.map { z[$0] - maximum } ?? 0
        // z − m, its exponentials (in place, or into scratch), and their sum.
        let m = Lanes(repeating: maximum)
        let exponentials = scratch ?? z
        var acc = Lanes()
        i = 0
        while i + 16 <= v {
            let d = load(z + i) - m
            if scratch != nil { store(d, z + i) }
            let e = VectorMath.exp(d)
            store(e, exponentials + i)
            acc += e
            i += 16
        }
        let tail = i
        while i < v {
            let d = z[i] - maximum
            if scratch != nil { z[i] = d }
            exponentials[i] = VectorMath.scalarExp(d)
            i += 1
        }
        var total = acc.sum()
        for j in tail..<v { total += exponentials[j] }
        // Normalise.
        if scratch != nil {
            let shift = logf(total)
            let s = Lanes(repeating: shift)
            i = 0
            while i + 16 <= v { store(load(z + i) - s, z + i); i += 16 }
            while i < v { z[i] -= shift; i += 1 }
            return shift - shifted
        }
        let inverse = 1 / total
        let scale = Lanes(repeating: inverse)
        i = 0
        while i + 16 <= v { store(load(z + i) * scale, z + i); i += 16 }
        while i < v { z[i] *= inverse; i += 1 }
        return logf(total) - shifted
    }

    @inlinable @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }

    @inlinable @inline(__always)
    static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
    }
}
