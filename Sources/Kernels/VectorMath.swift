/// Elementwise exponential, logistic sigmoid and tanh over Float32 arrays, 16 lanes at a time:
/// the nonlinearities of the recurrent cells and the softmax, which called `expf`/`tanhf` once per
/// element before (13 % and 7 % of a PTB training profile).
///
/// exp: x is clamped to [−87.3, 88.3], split as x = n·ln 2 + r with n = round(x·log₂e) (nearest, ties to even) and
/// |r| ≤ ln2/2 (ln 2 in two parts, Cody–Waite), eʳ from its degree-7 Taylor polynomial in Horner
/// form (truncation error < 1e-8 relative on that interval), and 2ⁿ built in the exponent bits.
/// Relative error about 2 ulp against `expf`; below −87.3 the result is 2⁻¹²⁶·e^(…)≈ 0, never a
/// denormal or NaN. σ(x) = 1/(1 + e⁻ˣ); tanh(x) = 1 − 2/(e²ˣ + 1), whose absolute error is a few
/// 1e-8 (its relative error near 0 is larger than `tanhf`'s; the recurrent cells only add it to
/// other terms). Products are written `x * y + z` (see `Vector`).
public enum VectorMath {
    public typealias Lanes = SIMD16<Float>

    @inlinable @inline(__always)
    static func exp(_ x: Lanes) -> Lanes {
        // Masked selects vectorise; `clamped(lowerBound:upperBound:)` runs lane by lane.
        let low = Lanes(repeating: -87.3), high = Lanes(repeating: 88.3)
        let clamped = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
        // n = round(x·log₂e) by the 1.5·2²³ trick: adding it leaves n in the low mantissa bits
        // (exactly, since |n| < 2²²), so no per-lane float-to-integer conversion is needed.
        let magic = Lanes(repeating: 12_582_912)
        let shifted = clamped * 1.442_695_04 + magic
        let n = shifted - magic
        var r = clamped - n * 0.693_145_751_953_125
        r = r - n * 1.428_606_765_330_187e-6
        var p = Lanes(repeating: 1.0 / 5040)
        p = p * r + 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        // 2ⁿ: the biased exponent n + 127 in bits 23…30; bits(shifted) = 0x4B40_0000 + n.
        let bits = (unsafeBitCast(shifted, to: SIMD16<Int32>.self) &- 0x4B3F_FF81) &<< 23
        return p * unsafeBitCast(bits, to: Lanes.self)
    }

    @inlinable @inline(__always)
    static func scalarExp(_ x: Float) -> Float {
        exp(Lanes(repeating: x))[0]
    }

    /// x ← eˣ elementwise. O(n).
    public static func exp(_ x: UnsafeMutablePointer<Float>, count n: Int) {
        var i = 0
        while i + 16 <= n {
            Vector.store(exp(Vector.load(x + i)), x + i)
            i += 16
        }
        while i < n { x[i] = scalarExp(x[i]); i += 1 }
    }

    /// σ(x) = 1/(1 + e⁻ˣ) on 16 lanes. Transparent (always inlined, even where `@inline(__always)`
    /// is not honoured across modules), so KernelsAVX2's copies compile it for their own CPU.
    @_transparent
    public static func sigmoid(_ x: Lanes) -> Lanes {
        let one = Lanes(repeating: 1)
        return one / (one + exp(-x))
    }

    /// tanh(x) = 1 − 2/(e²ˣ + 1) on 16 lanes.
    @_transparent
    public static func tanh(_ x: Lanes) -> Lanes {
        let one = Lanes(repeating: 1), two = Lanes(repeating: 2)
        return one - two / (exp(two * x) + one)
    }

    /// σ(x) for one value, the same bits as a lane of `sigmoid(_: Lanes)`.
    @_transparent
    public static func sigmoid(_ x: Float) -> Float { 1 / (1 + scalarExp(-x)) }

    /// tanh(x) for one value, the same bits as a lane of `tanh(_: Lanes)`.
    @_transparent
    public static func tanh(_ x: Float) -> Float { 1 - 2 / (scalarExp(2 * x) + 1) }

    /// x ← σ(x) = 1/(1 + e⁻ˣ) elementwise. O(n).
    public static func sigmoid(_ x: UnsafeMutablePointer<Float>, count n: Int) {
        var i = 0
        while i + 16 <= n {
            Vector.store(sigmoid(Vector.load(x + i)), x + i)
            i += 16
        }
        while i < n { x[i] = sigmoid(x[i]); i += 1 }
    }

    /// y ← tanh(x) = 1 − 2/(e²ˣ + 1) elementwise (`y` may be `x`). O(n).
    public static func tanh(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count n: Int) {
        var i = 0
        while i + 16 <= n {
            Vector.store(tanh(Vector.load(x + i)), y + i)
            i += 16
        }
        while i < n { y[i] = tanh(x[i]); i += 1 }
    }

    /// Σ xᵢ in 16 partial sums, then the tail. O(n).
    public static func sum(_ x: UnsafePointer<Float>, count n: Int) -> Float {
        var acc = Lanes()
        var i = 0
        while i + 16 <= n { acc += Vector.load(x + i); i += 16 }
        var total = acc.sum()
        while i < n { total += x[i]; i += 1 }
        return total
    }

    /// max xᵢ with masked selects (16 lanes), then the tail. O(n).
    public static func maximum(_ x: UnsafePointer<Float>, count n: Int) -> Float {
        var best = Lanes(repeating: -.infinity)
        var i = 0
        while i + 16 <= n {
            let v = Vector.load(x + i)
            best = best.replacing(with: v, where: v .> best)
            i += 16
        }
        var result = -Float.infinity
        for lane in 0..<16 where best[lane] > result { result = best[lane] }
        while i < n { if x[i] > result { result = x[i] }; i += 1 }
        return result
    }
}
