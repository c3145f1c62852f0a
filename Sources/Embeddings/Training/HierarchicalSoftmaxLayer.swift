import Kernels
import Randomness

/// Hierarchical softmax (Mikolov et al. 2013b, eq. 3): with the Huffman path n₀ (the root) … n_{L−1}
/// of the target word and its branch bits c_j,
///
///     L = −Σ_j log σ((1 − 2c_j)·u_{n_j}·h)
///
/// i.e. each inner node is a logistic regression with label 1 − c_j (word2vec.c's convention).
/// Each node contributes g = lr·(1 − c_j − σ(u·h)): gradient += g·u, then u += g·h. In table
/// mode a node with |u·h| ≥ 6 is skipped, as word2vec.c skips it. O(d·log V) per call.
struct HierarchicalSoftmaxLayer<Rows: RowStore>: OutputLayer, @unchecked Sendable {
    let output: Rows
    let dimension: Int
    let sigmoid: Sigmoid
    let codes: UnsafePointer<UInt8>
    let points: UnsafePointer<Int32>
    let offsets: UnsafePointer<Int32>

    @inline(__always)
    mutating func update(hidden: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                         target: Int, lr: Float, random: inout PCG64) -> Float {
        var loss: Float = 0
        let skipSaturated = sigmoid.mode == .table
        for j in Int(offsets[target])..<Int(offsets[target + 1]) {
            let u = output.row(Int(points[j]))
            let f = Vector.dot(hidden, u, count: dimension)
            let label: Float = codes[j] == 0 ? 1 : 0
            loss -= sigmoid.log(label == 1 ? f : -f)
            if skipSaturated && (f <= -Sigmoid.maxInput || f >= Sigmoid.maxInput) { continue }
            let g = (label - sigmoid(f)) * lr
            fusedOutputStep(g, output: u, hidden: hidden, gradient: gradient, count: dimension)
        }
        return loss
    }
}
