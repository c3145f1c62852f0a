/// The elementwise parts of the LSTM cell for Float32, 16 lanes at a time (`SIMD16<Float>`, one
/// AVX-512 register), for `RecurrentLayer`. Each lane evaluates exactly the scalar expression the
/// layer's generic loop does, in the same order and without fused multiply-adds, so the results
/// are bit for bit those of the scalar loop; the caller finishes the tail (h mod 16 units).
enum LSTMLanes {
    typealias Lanes = SIMD16<Float>

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Lanes { UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }

    @inline(__always)
    static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self) }

    /// One sequence's backward step over units 0 ..< 16·⌊h/16⌋ (see `lstmBackwardStep`):
    /// da = dY + dh; dc ← dc + da∗Γ_o∗(1 − tanh²c); dZ_o = da∗tanh(c)∗Γ_o(1−Γ_o);
    /// dZ_u = dc∗c̃∗Γ_u(1−Γ_u); dZ_f = dc∗c⟨t−1⟩∗Γ_f(1−Γ_f); dZ_c = dc∗Γ_u∗(1−c̃²); dc⟨t−1⟩ = dc∗Γ_f.
    /// `gates` and `gateGradients` hold the four blocks u, f, o, c̃ of h units. Returns the first
    /// unit not done.
    static func backward(hidden h: Int, gates g: UnsafePointer<Float>, cellTanh tc: UnsafePointer<Float>,
                         previousCell cPrev: UnsafePointer<Float>, outputGradient dY: UnsafePointer<Float>,
                         hiddenGradient dh: UnsafePointer<Float>, cellGradient dc: UnsafeMutablePointer<Float>,
                         gateGradients z: UnsafeMutablePointer<Float>) -> Int {
        let one = Lanes(repeating: 1)
        var j = 0
        while j + 16 <= h {
            let u = load(g + j), f = load(g + h + j), o = load(g + 2 * h + j), candidate = load(g + 3 * h + j)
            let squashed = load(tc + j)
            let da = load(dY + j) + load(dh + j)
            let dCell = load(dc + j) + da * o * (one - squashed * squashed)
            store(da * squashed * o * (one - o), z + 2 * h + j)
            store(dCell * candidate * u * (one - u), z + j)
            store(dCell * load(cPrev + j) * f * (one - f), z + h + j)
            store(dCell * u * (one - candidate * candidate), z + 3 * h + j)
            store(dCell * f, dc + j)
            j += 16
        }
        return j
    }
}

extension LSTMLanes {
    /// c = Γ_u∗c̃ + Γ_f∗c⟨t−1⟩ over units 0 ..< 16·⌊h/16⌋ of one sequence (`z` the activated gate
    /// blocks u, f, o, c̃). Returns the first unit not done.
    static func cell(hidden h: Int, gates z: UnsafePointer<Float>, previousCell cPrev: UnsafePointer<Float>,
                     cell c: UnsafeMutablePointer<Float>) -> Int {
        var j = 0
        while j + 16 <= h {
            store(load(z + j) * load(z + 3 * h + j) + load(z + h + j) * load(cPrev + j), c + j)
            j += 16
        }
        return j
    }

    /// a = Γ_o∗tanh(c) over units 0 ..< 16·⌊h/16⌋. Returns the first unit not done.
    static func output(hidden h: Int, gates z: UnsafePointer<Float>, cellTanh tc: UnsafePointer<Float>,
                       output a: UnsafeMutablePointer<Float>) -> Int {
        var j = 0
        while j + 16 <= h {
            store(load(z + 2 * h + j) * load(tc + j), a + j)
            j += 16
        }
        return j
    }
}

extension RecurrentLayer {
    /// A pointer to `T` as the Float it is (only called when `T` is `Float`).
    @inline(__always)
    static func float(_ p: UnsafePointer<T>) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(mutating: p).assumingMemoryBound(to: Float.self)
    }
}
