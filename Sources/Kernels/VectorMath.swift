/// Elementwise exponential, logistic sigmoid and tanh over Float32 arrays, 16 lanes at a time:
/// the nonlinearities of the recurrent cells and the softmax, which called `expf`/`tanhf` once per
/// element before (13 % and 7 % of a PTB training profile).
///
/// exp: x is clamped to [−87.3, 88.3], split as x = n·ln 2 + r with n = round(x·log₂e) and
/// |r| ≤ ln2/2 (ln 2 in two parts, Cody–Waite), eʳ from its degree-7 Taylor polynomial in Horner
/// form (truncation error < 1e-8 relative on that interval), and 2ⁿ built in the exponent bits.
/// Relative error about 2 ulp against `expf`; below −87.3 the result is 2⁻¹²⁶·e^(…)≈ 0, never a
/// denormal or NaN. σ(x) = 1/(1 + e⁻ˣ); tanh(x) = 1 − 2/(e²ˣ + 1), whose absolute error is a few
/// 1e-8 (its relative error near 0 is larger than `tanhf`'s; the recurrent cells only add it to
/// other terms). Products are written `x * y + z` (see `Vector`).
public enum VectorMath {
    public typealias Lanes = SIMD16<Float>

    @inline(__always)
    static func exp(_ x: Lanes) -> Lanes {
        let clamped = x.clamped(lowerBound: Lanes(repeating: -87.3), upperBound: Lanes(repeating: 88.3))
        let n = (clamped * 1.442_695_04).rounded(.toNearestOrEven)
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
        let bits = (SIMD16<Int32>(n) &+ 127) &<< 23
        return p * unsafeBitCast(bits, to: Lanes.self)
    }

    @inline(__always)
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

    /// x ← σ(x) = 1/(1 + e⁻ˣ) elementwise. O(n).
    public static func sigmoid(_ x: UnsafeMutablePointer<Float>, count n: Int) {
        let one = Lanes(repeating: 1)
        var i = 0
        while i + 16 <= n {
            Vector.store(one / (one + exp(-Vector.load(x + i))), x + i)
            i += 16
        }
        while i < n { x[i] = 1 / (1 + scalarExp(-x[i])); i += 1 }
    }

    /// y ← tanh(x) = 1 − 2/(e²ˣ + 1) elementwise (`y` may be `x`). O(n).
    public static func tanh(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, count n: Int) {
        let one = Lanes(repeating: 1), two = Lanes(repeating: 2)
        var i = 0
        while i + 16 <= n {
            let e = exp(two * Vector.load(x + i))
            Vector.store(one - two / (e + one), y + i)
            i += 16
        }
        while i < n { y[i] = 1 - 2 / (scalarExp(2 * x[i]) + 1); i += 1 }
    }
}
