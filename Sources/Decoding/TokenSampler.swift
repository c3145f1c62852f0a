import Randomness
#if canImport(Glibc)
import Glibc
#endif

/// How the next token is chosen from a distribution.
public struct SamplingOptions: Sendable, Equatable {
    /// p_i ∝ exp(log p_i / temperature): below 1 sharper, above 1 flatter; → 0 tends to greedy.
    public var temperature: Double = 1
    /// Keep only the k most likely tokens (nil: all).
    public var topK: Int? = nil
    /// Keep the smallest set of most likely tokens whose probability reaches p (nucleus sampling,
    /// Holtzman et al. 2020; nil: all).
    public var topP: Double? = nil
    /// Always take the most likely token (ties: the lowest id).
    public var greedy = false

    public init() {}

    /// A message for a temperature ≤ 0, k < 1 or p outside (0, 1], nil when the options are valid.
    public func validate() -> String? {
        if !(temperature > 0) || !temperature.isFinite { return "the temperature must be positive (got \(temperature))" }
        if let topK, topK < 1 { return "top-k must be at least 1 (got \(topK))" }
        if let topP, !(topP > 0 && topP <= 1) { return "top-p must be in (0, 1] (got \(topP))" }
        return nil
    }
}

/// Draws one token from log-probabilities under `SamplingOptions`, with tokens that must never be
/// emitted (such as `<unk>` for `--no-unk`) removed and the rest renormalised — the same as
/// drawing again until another token comes up.
///
/// The draw: q_i = exp((log p_i − max)/T) over the kept tokens, then the first i (in descending
/// probability order when top-k/top-p cut, in id order otherwise) whose cumulative q reaches
/// u·Σq for one uniform u ∈ [0, 1) (53 bits of a PCG64 output). O(V), or O(V log V) with a cut.
public struct TokenSampler {
    public let options: SamplingOptions
    private var weights: [Double] = []
    private var order: [Int] = []

    public init(options: SamplingOptions) { self.options = options }

    /// The chosen token; nil when every token is excluded.
    public mutating func choose(_ logProbabilities: UnsafeBufferPointer<Double>, excluding excluded: Set<Int>,
                                generator: inout PCG64) -> Int? {
        let v = logProbabilities.count
        var best: Int? = nil
        for i in 0..<v where !excluded.contains(i) && logProbabilities[i] > -Double.infinity {
            if best == nil || logProbabilities[i] > logProbabilities[best!] { best = i }
        }
        guard let argmax = best else { return nil }
        if options.greedy { return argmax }
        let maximum = logProbabilities[argmax]
        weights = [Double](repeating: 0, count: v)
        for i in 0..<v where !excluded.contains(i) {
            weights[i] = exp((logProbabilities[i] - maximum) / options.temperature)
        }
        var candidates: [Int]
        if options.topK != nil || options.topP != nil {
            order = (0..<v).filter { weights[$0] > 0 }
            order.sort { weights[$0] > weights[$1] || (weights[$0] == weights[$1] && $0 < $1) }
            if let k = options.topK, order.count > k { order.removeSubrange(k...) }
            if let p = options.topP {
                let total = order.reduce(0.0) { $0 + weights[$1] }
                var cumulative = 0.0, keep = 0
                for i in order {
                    cumulative += weights[i]
                    keep += 1
                    if cumulative >= p * total { break }
                }
                order.removeSubrange(keep...)
            }
            candidates = order
        } else {
            candidates = Array(0..<v)
        }
        let total = candidates.reduce(0.0) { $0 + weights[$1] }
        let u = Double(generator.next() >> 11) * 0x1p-53 * total
        var cumulative = 0.0
        for i in candidates where weights[i] > 0 {
            cumulative += weights[i]
            if cumulative > u { return i }
        }
        return candidates.last { weights[$0] > 0 } ?? argmax
    }
}
