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
/// step is plain SGD with rate η). The word row and the context row are read before either is
/// written. Returns the pair's loss ½·f·diff². O(d), no allocation.
@inline(__always)
func gloveStep(word: UnsafeMutablePointer<Float>, context: UnsafeMutablePointer<Float>, layout: GloVeRowLayout,
               logX: Float, weight: Float, eta: Float, clip: Float) -> Float {
    typealias Lanes = SIMD16<Float>
    let n = layout.padded
    let a = layout.accumulators
    var acc = Lanes()
    var k = 0
    while k < n {
        acc = load(word + k) * load(context + k) + acc
        k += 16
    }
    let diff = acc.sum() + word[layout.bias] + context[layout.bias] - logX
    let g = weight * diff
    let gv = Lanes(repeating: g)
    let etaV = Lanes(repeating: eta)
    let low = Lanes(repeating: -clip)
    let high = Lanes(repeating: clip)
    k = 0
    while k < n {
        let w = load(word + k)
        let c = load(context + k)
        let uw = (gv * c).clamped(lowerBound: low, upperBound: high) * etaV
        let uc = (gv * w).clamped(lowerBound: low, upperBound: high) * etaV
        let gw = load(word + a + k)
        let gc = load(context + a + k)
        store(w - uw / gw.squareRoot(), word + k)
        store(c - uc / gc.squareRoot(), context + k)
        store(uw * uw + gw, word + a + k)
        store(uc * uc + gc, context + a + k)
        k += 16
    }
    let u = eta * g
    word[layout.bias] -= u / word[layout.biasAccumulator].squareRoot()
    context[layout.bias] -= u / context[layout.biasAccumulator].squareRoot()
    word[layout.biasAccumulator] += u * u
    context[layout.biasAccumulator] += u * u
    return 0.5 * g * diff
}

@inline(__always)
private func load(_ p: UnsafeMutablePointer<Float>) -> SIMD16<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always)
private func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
}
