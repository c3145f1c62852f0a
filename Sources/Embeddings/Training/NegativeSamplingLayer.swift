import Kernels
import Randomness

/// Negative sampling (Mikolov et al. 2013b, eq. 4): for the true word w₀ and k noise words
/// w₁…w_k drawn from P_n (a noise word equal to w₀ is skipped, as in word2vec.c),
///
///     L = −log σ(u_{w₀}·h) − Σᵢ log σ(−u_{wᵢ}·h)
///
/// with u the output vectors. Each term contributes g = lr·(label − σ(u·h)) (label 1 for w₀, 0
/// for noise): gradient += g·u, then u += g·h, one word at a time, as word2vec.c does, through
/// `LogisticKernel`. O(k·d) per call.
struct NegativeSamplingLayer<Rows: RowStore>: OutputLayer, @unchecked Sendable {
    let output: Rows
    let dimension: Int
    let negative: Int
    let noiseThreshold: UnsafePointer<UInt32>
    let noiseAlias: UnsafePointer<Int32>
    let noiseCount: UInt64
    /// Per worker: room for `negative` drawn words.
    let noise: UnsafeMutablePointer<Int>
    /// Draw the noise words once per centre word and use them for every context word of its
    /// window (`TrainingOptions.shareNegatives`), instead of once per (context, centre) pair.
    var sharePerCenter = false
    /// Room for the k + 1 terms of an example.
    let kernel: LogisticKernel

    @inline(__always)
    func drawNoise(_ random: inout PCG64) -> Int {
        let r = random.next()
        let column = Int(truncatingIfNeeded: ((r >> 32) &* noiseCount) >> 32)
        return UInt32(truncatingIfNeeded: r) < noiseThreshold[column] ? column : Int(noiseAlias[column])
    }

    /// Draws the k noise words into `noise` and touches their rows: the rows are random (usually
    /// cache misses), and loads issued now overlap with the true word's term instead of each miss
    /// stalling its own term. The draws and their order are the same as drawing one at a time.
    @inline(__always)
    func drawAllNoise(_ random: inout PCG64) -> Float {
        var touched: Float = 0
        for n in 0..<negative {
            let word = drawNoise(&random)
            noise[n] = word
            touched += output.row(word)[0] + output.row(word)[dimension - 1]
        }
        return touched
    }

    @inline(__always)
    mutating func beginCenter(_ target: Int, random: inout PCG64) {
        if sharePerCenter && drawAllNoise(&random).isNaN { noise[0] = target }
    }

    @inline(__always)
    mutating func update(hidden: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                         target: Int, lr: Float, random: inout PCG64) -> Float {
        let touched: Float = sharePerCenter ? 0 : drawAllNoise(&random)
        kernel.rows[0] = output.row(target)
        kernel.labels[0] = 1
        var terms = 1
        for n in 0..<negative where noise[n] != target {
            kernel.rows[terms] = output.row(noise[n])
            kernel.labels[terms] = 0
            terms += 1
        }
        let loss = kernel.run(count: terms, hidden: hidden, gradient: gradient, dimension: dimension, lr: lr,
                              skipSaturated: false)
        // Keeps the touching loads alive; never true for finite vectors.
        if touched.isNaN && loss.isNaN { return touched }
        return loss
    }
}
