import Kernels
#if canImport(Glibc)
import Glibc
#endif

/// How parameters move along their gradients. The state an optimizer keeps (Adam's moments and
/// step count) is exposed so a checkpoint can store it and a resumed run continue exactly.
public protocol Optimizer: AnyObject {
    /// Threads for the update (the parts of every tensor, `ParameterSweep`); results do not
    /// depend on it.
    var threads: Int { get set }
    /// One update of every parameter from its current gradient: parameter i with learning rate
    /// `rate · rateScales[i]` (`rate` for all when `rateScales` is empty).
    func step<T: BLASScalar>(_ parameters: [Parameter<T>], learningRate rate: Double, rateScales: [Double])
}

extension Optimizer {
    /// One update of every parameter with the same learning rate `rate`.
    public func step<T: BLASScalar>(_ parameters: [Parameter<T>], learningRate rate: Double) {
        step(parameters, learningRate: rate, rateScales: [])
    }
}

/// The rate multiple of parameter `index` (1 when no multiples are given).
@inline(__always)
func rateScale(_ scales: [Double], _ index: Int) -> Double {
    scales.isEmpty ? 1 : scales[index]
}

/// Plain stochastic gradient descent: θ ← θ − η·g.
public final class SGD: Optimizer {
    public var threads = 1

    public init() {}

    @_specialize(where T == Float)
    public func step<T: BLASScalar>(_ parameters: [Parameter<T>], learningRate rate: Double, rateScales: [Double]) {
        precondition(rateScales.isEmpty || rateScales.count == parameters.count, "SGD.step: one rate multiple per parameter")
        ParameterSweep.forEach(parameters, threads: threads) { index, range in
            let p = parameters[index]
            T.axpy(T(-rate * rateScale(rateScales, index)), p.gradient.base + range.lowerBound,
                   p.value.base + range.lowerBound, count: range.count)
        }
    }
}

/// Adam (Kingma & Ba 2015, Algorithm 1): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
/// θ ← θ − η·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ); PyTorch's defaults β₁ = 0.9,
/// β₂ = 0.999, ε = 1e-8. Moments are kept in Float64.
public final class Adam: Optimizer {
    public let beta1: Double, beta2: Double, epsilon: Double
    public var threads = 1
    /// Updates done so far (t).
    public var stepCount = 0
    /// The first and second moments of every parameter, one tensor after another in `parameters`
    /// order (the layout a checkpoint stores per tensor); empty before the first step.
    public var firstMoments: [Double] = []
    public var secondMoments: [Double] = []

    public init(beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    @_specialize(where T == Float)
    public func step<T: BLASScalar>(_ parameters: [Parameter<T>], learningRate rate: Double, rateScales: [Double]) {
        precondition(rateScales.isEmpty || rateScales.count == parameters.count, "Adam.step: one rate multiple per parameter")
        var offsets = [0]
        for p in parameters { offsets.append(offsets.last! + p.value.count) }
        if firstMoments.isEmpty {
            firstMoments = [Double](repeating: 0, count: offsets.last!)
            secondMoments = firstMoments
        }
        precondition(firstMoments.count == offsets.last! && secondMoments.count == offsets.last!,
                     "Adam.step: moments for \(firstMoments.count) values, parameters have \(offsets.last!)")
        stepCount += 1
        let correction1 = 1 - pow(beta1, Double(stepCount)), correction2 = 1 - pow(beta2, Double(stepCount))
        let rootCorrection2 = correction2.squareRoot()
        firstMoments.withUnsafeMutableBufferPointer { first in
            secondMoments.withUnsafeMutableBufferPointer { second in
                let firstBase = first.baseAddress!, secondBase = second.baseAddress!
                ParameterSweep.forEach(parameters, threads: threads) { index, range in
                    let p = parameters[index]
                    let stepSize = rate * rateScale(rateScales, index) / correction1
                    let w = p.value.base, g = p.gradient.base
                    let m = firstBase + offsets[index], v = secondBase + offsets[index]
                    var start = range.lowerBound
                    if T.self == Float.self {
                        start += floatLanes(UnsafeMutableRawPointer(w + start).assumingMemoryBound(to: Float.self),
                                            UnsafeMutableRawPointer(g + start).assumingMemoryBound(to: Float.self),
                                            m + start, v + start, count: range.count,
                                            stepSize: stepSize, rootCorrection2: rootCorrection2)
                    }
                    for i in start..<range.upperBound {
                        let gradient = Double(g[i])
                        m[i] = beta1 * m[i] + (1 - beta1) * gradient
                        v[i] = beta2 * v[i] + (1 - beta2) * gradient * gradient
                        let denominator = v[i].squareRoot() / rootCorrection2 + epsilon
                        w[i] -= T(stepSize * m[i] / denominator)
                    }
                }
            }
        }
    }
}

extension Adam {
    /// The update of `step` for Float parameters, 8 lanes of Float64 at a time: the same
    /// expressions in the same order (√ and ÷ are correctly rounded in lanes too), so the same
    /// results as the scalar loop, which finishes the tail. Returns the first element not done.
    func floatLanes(_ w: UnsafeMutablePointer<Float>, _ g: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Double>,
                    _ v: UnsafeMutablePointer<Double>, count n: Int, stepSize: Double, rootCorrection2: Double) -> Int {
        typealias Lanes = SIMD8<Double>
        let b1 = Lanes(repeating: beta1), b2 = Lanes(repeating: beta2)
        let c1 = Lanes(repeating: 1 - beta1), c2 = Lanes(repeating: 1 - beta2)
        let root = Lanes(repeating: rootCorrection2), eps = Lanes(repeating: epsilon), size = Lanes(repeating: stepSize)
        var i = 0
        while i + 8 <= n {
            let gradient = Lanes(UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self))
            let mi = b1 * UnsafeRawPointer(m + i).loadUnaligned(as: Lanes.self) + c1 * gradient
            let vi = b2 * UnsafeRawPointer(v + i).loadUnaligned(as: Lanes.self) + c2 * gradient * gradient
            UnsafeMutableRawPointer(m + i).storeBytes(of: mi, as: Lanes.self)
            UnsafeMutableRawPointer(v + i).storeBytes(of: vi, as: Lanes.self)
            let denominator = vi.squareRoot() / root + eps
            let wi = UnsafeRawPointer(w + i).loadUnaligned(as: SIMD8<Float>.self) - SIMD8<Float>(size * mi / denominator)
            UnsafeMutableRawPointer(w + i).storeBytes(of: wi, as: SIMD8<Float>.self)
            i += 8
        }
        return i
    }
}

/// Clipping by global norm (Pascanu et al. 2013): when ‖g‖₂ over all parameters together exceeds
/// `maxNorm`, every gradient is scaled by maxNorm/‖g‖₂, keeping the update's direction.
public enum GradientClipping {
    /// √(Σ over all parameters of Σ g²): each tensor's sum of squares in blocks of
    /// `ParameterSweep.granule` elements (`sumOfSquares`), the blocks added in order in Float64,
    /// then the tensors in order; the blocks are computed on up to `threads` threads, so the
    /// result does not depend on the thread count.
    @_specialize(where T == Float)
    public static func globalNorm<T: BLASScalar>(_ parameters: [Parameter<T>], threads: Int = 1) -> Double {
        let granule = ParameterSweep.granule
        var offsets = [0]
        for p in parameters { offsets.append(offsets.last! + (p.gradient.count + granule - 1) / granule) }
        var blocks = [Double](repeating: 0, count: offsets.last!)
        blocks.withUnsafeMutableBufferPointer { blocks in
            let base = blocks.baseAddress!
            ParameterSweep.forEach(parameters, threads: threads) { index, range in
                let g = parameters[index].gradient.base
                for start in stride(from: range.lowerBound, to: range.upperBound, by: granule) {
                    base[offsets[index] + start / granule] = T.sumOfSquares(g + start, count: min(granule, range.upperBound - start))
                }
            }
        }
        var total = 0.0
        for index in parameters.indices {
            var tensor = 0.0
            for block in offsets[index]..<offsets[index + 1] { tensor += blocks[block] }
            total += tensor
        }
        return total.squareRoot()
    }

    /// Scales the gradients to global norm `maxNorm` when larger, on up to `threads` threads;
    /// returns the norm before clipping.
    @discardableResult
    @_specialize(where T == Float)
    public static func clip<T: BLASScalar>(_ parameters: [Parameter<T>], maxNorm: Double, threads: Int = 1) -> Double {
        let norm = globalNorm(parameters, threads: threads)
        if norm > maxNorm && norm.isFinite {
            let scale = T(maxNorm / norm)
            ParameterSweep.forEach(parameters, threads: threads) { index, range in
                T.scale(parameters[index].gradient.base + range.lowerBound, by: scale, count: range.count)
            }
        }
        return norm
    }
}
