import Kernels

/// The two rank-1 steps every output-layer term of word2vec takes, fused into one pass:
///
///     e ← e + g·u      (accumulate the step for the hidden vector, with u before its update)
///     u ← u + g·h      (move the output vector)
///
/// word2vec.c writes them as two loops; one loop reads u once instead of twice, which matters
/// because u is usually a cache miss (a random noise word's row). Same arithmetic as two
/// `Vector.axpy` calls (`x * y + z`, no fma), so results do not change. O(d).
@inline(__always)
func fusedOutputStep(_ g: Float, output u: UnsafeMutablePointer<Float>, hidden h: UnsafePointer<Float>,
                     gradient e: UnsafeMutablePointer<Float>, count n: Int) {
    typealias Lanes = Vector.Lanes
    let gv = Lanes(repeating: g)
    var i = 0
    while i + Lanes.scalarCount <= n {
        let uv = UnsafeRawPointer(u + i).loadUnaligned(as: Lanes.self)
        let ev = UnsafeRawPointer(e + i).loadUnaligned(as: Lanes.self)
        let hv = UnsafeRawPointer(h + i).loadUnaligned(as: Lanes.self)
        UnsafeMutableRawPointer(e + i).storeBytes(of: gv * uv + ev, as: Lanes.self)
        UnsafeMutableRawPointer(u + i).storeBytes(of: gv * hv + uv, as: Lanes.self)
        i += Lanes.scalarCount
    }
    while i < n {
        let ui = u[i]
        e[i] = g * ui + e[i]
        u[i] = g * h[i] + ui
        i += 1
    }
}
