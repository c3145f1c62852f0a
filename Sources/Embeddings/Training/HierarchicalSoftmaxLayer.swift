import Kernels
import Randomness

/// Hierarchical softmax (Mikolov et al. 2013b, eq. 3): with the Huffman path n₀ (the root) … n_{L−1}
/// of the target word and its branch bits c_j,
///
///     L = −Σ_j log σ((1 − 2c_j)·u_{n_j}·h)
///
/// i.e. each inner node is a logistic regression with label 1 − c_j (word2vec.c's convention).
/// Each node contributes g = lr·(1 − c_j − σ(u·h)): gradient += g·u, then u += g·h. In table
/// mode a node with |u·h| ≥ 6 is skipped, as word2vec.c skips it. The path runs through
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
        // The path rows are not read ahead to overlap their cache misses: the rows near
        // the root are written by every example of every thread, and reading them ahead only to
        // write them next costs a second coherence transfer per line — with two threads that made
        // the run slower than with one (3M-token slice: 8.3 s against 6.2 s without it), while one
        // thread gained nothing (5.9 s either way).
        for j in begin..<end {
            kernel.rows[j - begin] = output.row(Int(points[j]))
            kernel.labels[j - begin] = codes[j] == 0 ? 1 : 0
        }
        return kernel.run(count: end - begin, hidden: hidden, gradient: gradient, dimension: dimension, lr: lr,
                          skipSaturated: true)
    }
}
