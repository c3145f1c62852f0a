import Dispatch
import Kernels
import Randomness

/// Data-parallel training of one network on several threads. Each batch's sequences are cut into
/// `shards` contiguous groups of rows; each group runs forward and backward on a replica of the
/// network (the same weight matrices, its own activations, gradients and carried state) on a
/// thread of its own. The sequences of a batch are independent through the whole recurrence, so
/// the loss and the gradient of the batch are the sums of the shards' (up to the order of the sums
/// over sequences): g = Σ_k g_k, added in shard order, so the result does not depend on which
/// thread finishes first.
///
/// The network's own `states` always hold the carried state of the whole batch: `scatterState`
/// hands each replica its rows, and every batch copies them back, so a checkpoint written between
/// batches continues exactly (with any number of threads).
///
/// Per batch: the work of one pass over the whole batch, split N ways, one pass over every
/// gradient to add the shards' (split N ways too) and O(batch·H) state copies per layer.
public final class DataParallel<T: BLASScalar>: @unchecked Sendable {
    public let network: RecurrentNetwork<T>
    /// The rows (sequences) of the batch that each shard runs.
    public let shards: [Range<Int>]
    let replicas: [RecurrentNetwork<T>]
    /// The network's tensors and each replica's, in the same order (built once, not per batch).
    private let parameters: [Parameter<T>]
    private let replicaParameters: [[Parameter<T>]]
    private let batch: Int
    private var shardInputs: [[Int32]], shardTargets: [[Int32]]
    private let losses: UnsafeMutableBufferPointer<T>
    private let generators: UnsafeMutableBufferPointer<PCG64>

    /// `threads` shards (at most one per sequence) over batches of `batch` sequences.
    public init(_ network: RecurrentNetwork<T>, threads: Int, batch: Int) {
        let n = min(threads, batch)
        precondition(n >= 1, "DataParallel: at least one thread and one sequence")
        self.network = network
        self.batch = batch
        shards = (0..<n).map { k in (k * batch / n)..<((k + 1) * batch / n) }
        // Shard 0 adds its gradient into the network's own: one pass fewer over the gradients.
        replicas = (0..<n).map { k in network.replica(sharingGradients: k == 0) }
        parameters = network.parameters
        replicaParameters = replicas.map(\.parameters)
        shardInputs = Array(repeating: [], count: n)
        shardTargets = Array(repeating: [], count: n)
        losses = .allocate(capacity: n)
        losses.initialize(repeating: 0)
        generators = .allocate(capacity: n)
        generators.initialize(repeating: PCG64(seed: 0))
    }

    deinit {
        losses.deallocate()
        generators.deallocate()
    }

    /// Whether splitting sequences among threads suits `configuration`: when the recurrent layers'
    /// products outweigh the output layer's, per token Σ_l blocks·H·(I_l + H) ≥ V·H. Otherwise
    /// (a large vocabulary: PTB's 10,000 × 200 softmax against 2 × 4·200·400 for its LSTM layers)
    /// the softmax products dominate, and OpenBLAS's own threads do them better: they split W's
    /// rows so each thread streams half of it, where each replica would stream all of it (PTB at
    /// 2 threads: 7,465 tokens/s split, 4,197 per CPU-second against 5,700 at 1 thread).
    public static func suits(_ configuration: NetworkConfiguration) -> Bool {
        let h = configuration.hiddenSize, blocks = configuration.cell.blockCount
        let recurrent = (0..<configuration.layers).reduce(0) { sum, l in
            sum + blocks * h * ((l == 0 ? configuration.embedSize : h) + h)
        }
        return recurrent >= configuration.vocabularySize * h
    }

    /// Gives each replica its rows of the network's carried state (`batch` × H per layer).
    public func scatterState() {
        for (k, rows) in shards.enumerated() {
            for (whole, part) in zip(network.states, replicas[k].states) {
                precondition(whole.batch == batch, "DataParallel: the network's state is for \(whole.batch) sequences, not \(batch)")
                part.reset(batch: rows.count)
                copyRows(from: whole, at: rows.lowerBound, to: part, at: 0, count: rows.count)
            }
        }
    }

    /// The summed cross-entropy of the batch (`inputs`, `targets`: steps·batch ids, time-major, as
    /// `RecurrentNetwork.loss`), continuing from the carried state; leaves the gradient of
    /// `scale`·loss in the network's gradients (replacing what was there) and the new state in its
    /// states. Shard k draws its dropout masks from `dropout(k)`.
    @_specialize(where T == Float)
    public func lossAndGradients(inputs: [Int32], targets: [Int32], steps: Int, scale: T,
                                 dropout: (Int) -> PCG64) -> T {
        precondition(inputs.count == steps * batch && targets.count == inputs.count, "DataParallel: shapes")
        for (k, rows) in shards.enumerated() {
            shardInputs[k].removeAll(keepingCapacity: true)
            shardTargets[k].removeAll(keepingCapacity: true)
            for t in 0..<steps {
                shardInputs[k].append(contentsOf: inputs[(t * batch + rows.lowerBound)..<(t * batch + rows.upperBound)])
                shardTargets[k].append(contentsOf: targets[(t * batch + rows.lowerBound)..<(t * batch + rows.upperBound)])
            }
            generators[k] = dropout(k)
        }
        DispatchQueue.concurrentPerform(iterations: shards.count) { k in
            let replica = replicas[k]
            replica.zeroGradients()
            losses[k] = replica.loss(inputs: shardInputs[k], targets: shardTargets[k], steps: steps,
                                     batch: shards[k].count, dropout: generators.baseAddress! + k)
            replica.backward(scale: scale)
        }
        sumGradients()
        for (k, rows) in shards.enumerated() {
            for (whole, part) in zip(network.states, replicas[k].states) {
                copyRows(from: part, at: 0, to: whole, at: rows.lowerBound, count: rows.count)
            }
        }
        var total: T = 0
        for k in 0..<shards.count { total += losses[k] }
        return total
    }

    /// network.gradient (shard 0's) += Σ_{k≥1} replica_k.gradient for every parameter, in shard
    /// order; each thread sums one N-th of every tensor's elements.
    private func sumGradients() {
        let n = shards.count
        guard n > 1 else { return }
        DispatchQueue.concurrentPerform(iterations: n) { c in
            for (i, target) in parameters.enumerated() {
                let count = target.gradient.count
                let lower = c * count / n, upper = (c + 1) * count / n
                guard upper > lower else { continue }
                for k in 1..<n {
                    T.axpy(1, replicaParameters[k][i].gradient.base + lower, target.gradient.base + lower, count: upper - lower)
                }
            }
        }
    }

    private func copyRows(from source: RecurrentState<T>, at sourceRow: Int, to target: RecurrentState<T>,
                          at targetRow: Int, count: Int) {
        let h = source.hidden.columns
        target.hidden.row(targetRow).update(from: source.hidden.row(sourceRow), count: count * h)
        target.cell.row(targetRow).update(from: source.cell.row(sourceRow), count: count * h)
    }
}
