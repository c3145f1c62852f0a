#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The GloVe objective (Pennington et al. 2014, eq. 8; the course's
/// J = Σᵢⱼ f(Xᵢⱼ)(wᵢᵀw̃ⱼ + bᵢ + b̃ⱼ − log Xᵢⱼ)²), reported per pair as Stanford's `glove.c`
/// reports its cost: ½ f(X)(wᵀw̃ + b + b̃ − log X)², whose gradient the updates follow.
public enum GloVeObjective {
    /// f(x) = (x/x_max)^α for x < x_max, 1 otherwise (eq. 9).
    @inlinable
    public static func weight(_ x: Double, xMax: Double, alpha: Double) -> Double {
        x < xMax ? pow(x / xMax, alpha) : 1
    }

    /// ½ f(x)(wᵀc + b + c_b − log x)² in Float64 (the reference the Float32 step is checked against).
    public static func pairLoss(word: [Double], context: [Double], wordBias: Double, contextBias: Double,
                                x: Double, xMax: Double, alpha: Double) -> Double {
        var diff = wordBias + contextBias - log(x)
        for k in word.indices { diff += word[k] * context[k] }
        return 0.5 * weight(x, xMax: xMax, alpha: alpha) * diff * diff
    }

    /// The gradient of `pairLoss`: ∂/∂w = f·diff·c, ∂/∂c = f·diff·w, ∂/∂b = ∂/∂c_b = f·diff.
    public static func pairGradient(word: [Double], context: [Double], wordBias: Double, contextBias: Double,
                                    x: Double, xMax: Double, alpha: Double)
        -> (word: [Double], context: [Double], wordBias: Double, contextBias: Double) {
        var diff = wordBias + contextBias - log(x)
        for k in word.indices { diff += word[k] * context[k] }
        let g = weight(x, xMax: xMax, alpha: alpha) * diff
        return (context.map { g * $0 }, word.map { g * $0 }, g, g)
    }
}

/// The parameters of one word (or context) row as the trainer lays them out, so that one pair
/// touches two contiguous blocks of memory: the vector (padded with zeros to a multiple of 16),
/// its AdaGrad accumulators, then the bias and its accumulator, padded to 16 floats.
/// Row stride = 2·padded + 16 floats; padding stays zero because its gradient is zero.
struct GloVeRowLayout: Sendable {
    let dimension: Int
    let padded: Int
    var stride: Int { 2 * padded + 16 }
    var accumulators: Int { padded }
    var bias: Int { 2 * padded }
    var biasAccumulator: Int { 2 * padded + 1 }

    init(dimension: Int) {
        self.dimension = dimension
        padded = (dimension + 15) / 16 * 16
    }
}

/// One AdaGrad step of Stanford's `glove.c` on a pair (i, j) with weight f = f(Xᵢⱼ) and
/// log Xᵢⱼ, in Float32: diff = wᵢᵀw̃ⱼ + bᵢ + b̃ⱼ − log X, g = f·diff; for every parameter θ with
/// gradient component gθ (clipped to ±clip for the vector parts), the scaled step
/// u = η·gθ moves θ ← θ − u/√G and then accumulates G ← G + u² (G starts at 1, so the first
/// step is plain SGD with rate η). For the vectors 1/√G comes from `reciprocalSquareRoot`. The word row and the context row are read before either is
/// written. Returns the pair's loss ½·f·diff². O(d), no allocation.
@inline(__always)
func gloveStep(word: UnsafeMutablePointer<Float>, context: UnsafeMutablePointer<Float>, layout: GloVeRowLayout,
               logX: Float, weight: Float, eta: Float, clip: Float) -> Float {
    let n = layout.padded
    let a = layout.accumulators
    var acc = SIMD16<Float>()
    var k = 0
    while k < n {
        acc = load(word + k) * load(context + k) + acc
        k += 16
    }
    let diff = acc.sum() + word[layout.bias] + context[layout.bias] - logX
    let g = weight * diff
    let wordG = word + a, contextG = context + a
    let gv = SIMD8<Float>(repeating: g), etaV = SIMD8<Float>(repeating: eta)
    let high = SIMD8<Float>(repeating: clip), low = SIMD8<Float>(repeating: -clip)
    k = 0
    while k < n {
        let w = load8(word + k), c = load8(context + k)
        var uw = gv * c, uc = gv * w
        uw.replace(with: high, where: uw .> high)
        uw.replace(with: low, where: uw .< low)
        uc.replace(with: high, where: uc .> high)
        uc.replace(with: low, where: uc .< low)
        uw *= etaV
        uc *= etaV
        let gw = load8(wordG + k), gc = load8(contextG + k)
        store8(w - uw * reciprocalSquareRoot(gw), word + k)
        store8(c - uc * reciprocalSquareRoot(gc), context + k)
        store8(uw * uw + gw, wordG + k)
        store8(uc * uc + gc, contextG + k)
        k += 8
    }
    let u = eta * g
    word[layout.bias] -= u / word[layout.biasAccumulator].squareRoot()
    context[layout.bias] -= u / context[layout.biasAccumulator].squareRoot()
    word[layout.biasAccumulator] += u * u
    context[layout.biasAccumulator] += u * u
    return 0.5 * g * diff
}

/// 1/√x for x ≥ 1 (AdaGrad's accumulators), to within 2 ulp: the bit-level first guess
/// 0x5f375a86 − (bits >> 1) refined by three Newton steps y ← y(1.5 − ½xy²) (relative error
/// 3.4% → 1.8·10⁻³ → 4.7·10⁻⁶ → below Float32's 6·10⁻⁸). Only +, −, ×, shifts: it stays in
/// vector registers, where SIMD's generic squareRoot() and a division would go lane by lane.
@inline(__always)
func reciprocalSquareRoot(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let bits = unsafeBitCast(x, to: SIMD8<UInt32>.self)
    var y = unsafeBitCast(SIMD8<UInt32>(repeating: 0x5f37_5a86) &- (bits &>> 1), to: SIMD8<Float>.self)
    let half = x * 0.5
    y = y * (1.5 - half * y * y)
    y = y * (1.5 - half * y * y)
    y = y * (1.5 - half * y * y)
    return y
}

@inline(__always)
private func load8(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

@inline(__always)
private func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
}

@inline(__always)
private func load(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
}

