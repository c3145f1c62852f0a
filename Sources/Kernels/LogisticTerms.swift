/// word2vec's sigmoid table (word2vec.c's expTable): σ at the 1,001 points xᵢ = (2i/1000 − 1)·6,
/// looked up at ⌊(x + 6)·1000/12⌋ for |x| < 6 (MAX_EXP = 6, EXP_TABLE_SIZE = 1000). The tables
/// themselves belong to the caller (Embeddings' `Sigmoid`); this is the arithmetic every copy of
/// the training kernels shares.
public enum LogisticTable {
    public static let maxInput: Float = 6
    public static let size = 1000

    /// The table index of x, for −6 < x < 6.
    @inlinable @inline(__always)
    public static func index(_ x: Float) -> Int {
        Int((x + maxInput) * (Float(size) / maxInput / 2))
    }
}

extension Vector {
    /// The two rank-1 steps every output-layer term of word2vec takes, fused into one pass:
    ///
    ///     e ← e + g·u      (accumulate the step for the hidden vector, with u before its update)
    ///     u ← u + g·h      (move the output vector)
    ///
    /// word2vec.c writes them as two loops; one loop reads u once instead of twice, which matters
    /// because u is usually a cache miss (a random noise word's row). Same arithmetic as two
    /// `axpy` calls (`x * y + z`, no fma). O(d).
    @inlinable @inline(__always)
    public static func fusedOutputStep(_ g: Float, output u: UnsafeMutablePointer<Float>, hidden h: UnsafePointer<Float>,
                                       gradient e: UnsafeMutablePointer<Float>, count n: Int) {
        let gv = Lanes(repeating: g)
        var i = 0
        while i + width <= n {
            let uv = load(u + i)
            store(gv * uv + load(e + i), e + i)
            store(gv * load(h + i) + uv, u + i)
            i += width
        }
        while i < n {
            let ui = u[i]
            e[i] = g * ui + e[i]
            u[i] = g * h[i] + ui
            i += 1
        }
    }

    /// The logistic terms of one word2vec example with the table sigmoid (negative sampling's
    /// true and noise words, or hierarchical softmax's path nodes), in order t = 0…count−1, with
    /// output rows uₜ, labels yₜ ∈ {0, 1} and hidden vector h:
    ///
    ///     f = uₜ·h (`dotPairwise`),  L −= log σ(±f) (+ for yₜ = 1),
    ///     g = lr·(yₜ − σ(f)),  e ← e + g·uₜ,  uₜ ← uₜ + g·h   (`fusedOutputStep`)
    ///
    /// With `skipSaturated` a term with |f| ≥ 6 takes no step (word2vec.c's hierarchical
    /// softmax); otherwise σ is 0 or 1 there (its negative sampling). log σ is x below −6 and 0
    /// above 6. `sigmoid`/`logSigmoid` are the 1,001-entry tables of `LogisticTable`. Returns L.
    /// Always inlined, so each module that calls it compiles it for its own target CPU (see
    /// `KernelsAVX2`), with the same results bit for bit. O(count·d).
    @inlinable @inline(__always)
    public static func logisticTerms(rows: UnsafePointer<UnsafeMutablePointer<Float>>, labels: UnsafePointer<Float>, count: Int,
                                     hidden: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>, dimension: Int,
                                     lr: Float, skipSaturated: Bool,
                                     sigmoid: UnsafePointer<Float>, logSigmoid: UnsafePointer<Float>) -> Float {
        var loss: Float = 0
        let limit = LogisticTable.maxInput
        for t in 0..<count {
            let u = rows[t]
            let f = dotPairwise(hidden, u, count: dimension)
            let label = labels[t]
            let signed = label == 1 ? f : -f
            let logP: Float = signed >= limit ? 0 : signed <= -limit ? signed : logSigmoid[LogisticTable.index(signed)]
            loss -= logP
            let saturated = f <= -limit || f >= limit
            if skipSaturated && saturated { continue }
            let s: Float = f >= limit ? 1 : f <= -limit ? 0 : sigmoid[LogisticTable.index(f)]
            fusedOutputStep((label - s) * lr, output: u, hidden: hidden, gradient: gradient, count: dimension)
        }
        return loss
    }
}
