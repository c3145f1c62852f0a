import Kernels
import Randomness

/// Hierarchical softmax (Mikolov et al. 2013b, eq. 3): with the Huffman path n₀ (the root) … n_{L−1}
/// of the target word and its branch bits c_j,
///
///     L = −Σ_j log σ((1 − 2c_j)·u_{n_j}·h)
///
/// i.e. each inner node is a logistic regression with label 1 − c_j (word2vec.c's convention).
/// Each node contributes g = lr·(1 − c_j − σ(u·h)): gradient += g·u, then u += g·h. In table
/// mode a node with |u·h| ≥ 6 is skipped, as word2vec.c skips it, and the path runs through
/// `LogisticKernel`. O(d·log V) per call.
struct HierarchicalSoftmaxLayer<Rows: RowStore>: OutputLayer, @unchecked Sendable {
    let output: Rows
    let dimension: Int
    let codes: UnsafePointer<UInt8>
    let points: UnsafePointer<Int32>
    let offsets: UnsafePointer<Int32>
    /// Room for the longest path.
    let kernel: LogisticKernel

    @inline(__always)
    mutating func update(hidden: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                         target: Int, lr: Float, random: inout PCG64) -> Float {
        let begin = Int(offsets[target]), end = Int(offsets[target + 1])
        let sigmoid = kernel.sigmoid
        if sigmoid.mode == .exact {
            var loss: Float = 0
            for j in begin..<end {
                let u = output.row(Int(points[j]))
                let f = Vector.dotPairwise(hidden, u, count: dimension)
                let label: Float = codes[j] == 0 ? 1 : 0
                loss -= sigmoid.log(label == 1 ? f : -f)
                Vector.fusedOutputStep((label - sigmoid(f)) * lr, output: u, hidden: hidden, gradient: gradient, count: dimension)
            }
            return loss
        }
        var touched: UInt32 = 0
        for j in begin..<end {
            let u = output.row(Int(points[j]))
            touched |= touchRow(u, dimension)
            kernel.rows[j - begin] = u
            kernel.labels[j - begin] = codes[j] == 0 ? 1 : 0
        }
        let loss = kernel.run(count: end - begin, hidden: hidden, gradient: gradient, dimension: dimension, lr: lr,
                              skipSaturated: true)
        // Keeps the touching loads alive without changing the result: the test can only be true
        // when the loss is NaN already.
        if touched == .max && loss.isNaN { return .nan }
        return loss
    }
}

/// Loads one float of every cache line of a row, OR-ing their bits (a 1-cycle chain, not a chain
/// of float additions): done for all rows of an example before its terms run, so the rows that
/// miss the cache (deep path nodes, noise words) are fetched together instead of each miss
/// stalling its own dot product, which the rest of the term waits for. Reads only. O(d/16).
@inline(__always)
func touchRow(_ u: UnsafeMutablePointer<Float>, _ dimension: Int) -> UInt32 {
    var touched: UInt32 = 0
    var i = 0
    while i < dimension {
        touched |= u[i].bitPattern
        i += 16
    }
    return touched | u[dimension - 1].bitPattern
}
