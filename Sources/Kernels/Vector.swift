/// Loops over Float32 vectors given as raw pointers and a length: the inner loops of training and
/// querying. Each runs 16 lanes at a time (`SIMD16<Float>`, one AVX-512 register or two AVX
/// registers) and finishes the tail with scalars.
///
/// Products are written `x * y + z`, never `.addingProduct` or `fma`: without FMA in the target
/// CPU flags those become per-lane libm calls, 10–40× slower (see DESIGN's measured facts). The
/// price is one extra rounding per multiply-add, as in word2vec.c compiled without `-mfma`.
/// Reductions (`dot`, `squaredNorm`) sum 16 partial sums and then the tail, so they differ from a
/// strictly left-to-right loop by reassociation only (a few ulps relative to Σ|xᵢyᵢ|); they are
/// deterministic for a given length and alignment-independent (loads are unaligned).
public enum Vector {
    public typealias Lanes = SIMD16<Float>
    @usableFromInline static let width = Lanes.scalarCount

    @inlinable @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }

    @inlinable @inline(__always)
    static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
    }

    /// Σᵢ xᵢ·yᵢ. O(n).
    @inlinable
    public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = Lanes()
        var i = 0
        while i + width <= n {
            acc = load(x + i) * load(y + i) + acc
            i += width
        }
        var sum = acc.sum()
        while i < n {
            sum += x[i] * y[i]
            i += 1
        }
        return sum
    }

    /// Σᵢ xᵢ·yᵢ with a short dependency chain, for latency-bound loops (word2vec's inner loops,
    /// where the next step waits for this sum). The 16 partial sums are folded pairwise
    /// (16 → 8 → 4 lanes), four more lanes at a time run over the rest while at least 4 remain,
    /// the 4 lanes are summed as (s₀ + s₂) + (s₁ + s₃), and the last n mod 4 products are added
    /// one by one. `dot` instead adds its 16 lanes one after another: 15 dependent additions, about
    /// 60 cycles, which at d = 100 cost more than the products. Differs from `dot` by
    /// reassociation only; deterministic for a given length, and the same on every x86-64 or ARM
    /// vector width (lane-wise operations in a fixed order, no FMA). Always inlined. O(n).
    @inlinable @inline(__always)
    public static func dotPairwise(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = Lanes()
        var i = 0
        while i + width <= n {
            acc = load(x + i) * load(y + i) + acc
            i += width
        }
        let half = acc.lowHalf + acc.highHalf
        var quarter = half.lowHalf + half.highHalf
        while i + 4 <= n {
            let xv = UnsafeRawPointer(x + i).loadUnaligned(as: SIMD4<Float>.self)
            let yv = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD4<Float>.self)
            quarter = xv * yv + quarter
            i += 4
        }
        var sum = (quarter[0] + quarter[2]) + (quarter[1] + quarter[3])
        while i < n {
            sum += x[i] * y[i]
            i += 1
        }
        return sum
    }

    /// y ← a·x + y (BLAS saxpy). O(n). `x` and `y` may be the same vector, not partly overlapping.
    @inlinable
    public static func axpy(_ a: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int) {
        let av = Lanes(repeating: a)
        var i = 0
        while i + width <= n {
            store(av * load(x + i) + load(y + i), y + i)
            i += width
        }
        while i < n {
            y[i] = a * x[i] + y[i]
            i += 1
        }
    }

    /// x ← a·x (BLAS sscal). O(n).
    @inlinable
    public static func scale(_ x: UnsafeMutablePointer<Float>, by a: Float, count n: Int) {
        let av = Lanes(repeating: a)
        var i = 0
        while i + width <= n {
            store(av * load(x + i), x + i)
            i += width
        }
        while i < n {
            x[i] *= a
            i += 1
        }
    }

    /// Σᵢ xᵢ². O(n).
    @inlinable
    public static func squaredNorm(_ x: UnsafePointer<Float>, count n: Int) -> Float {
        dot(x, x, count: n)
    }

    /// x ← x / ‖x‖₂, leaving a zero vector as it is. Returns ‖x‖₂. The norm is accumulated in
    /// Float32 like numpy's `np.linalg.norm` on a float32 row (pairwise there, lane-wise here),
    /// and the division is a multiplication by the Float32 reciprocal.
    @inlinable @discardableResult
    public static func normalize(_ x: UnsafeMutablePointer<Float>, count n: Int) -> Float {
        let norm = squaredNorm(x, count: n).squareRoot()
        if norm > 0 { scale(x, by: 1 / norm, count: n) }
        return norm
    }

    /// x ← 0. O(n).
    @inlinable
    public static func zero(_ x: UnsafeMutablePointer<Float>, count n: Int) {
        x.update(repeating: 0, count: n)
    }

    /// y ← x. O(n).
    @inlinable
    public static func copy(_ x: UnsafePointer<Float>, to y: UnsafeMutablePointer<Float>, count n: Int) {
        y.update(from: x, count: n)
    }
}
