import Kernels
import Neural
import Randomness
import Testing

/// A network's passes split among threads (`RecurrentNetwork.threads`: the whole-sequence
/// products split, the softmax's rows, the weight gradients on a helper thread during
/// backpropagation) give the same bits on every run with the same thread count, whichever thread
/// takes which piece of the deferred work, and agree with one thread (the passes the gradient
/// checks prove) up to the rounding of OpenBLAS's products over other shapes. Several batches
/// with the state carried, so the helper is also reused from one pass to the next.
@Suite(.serialized) struct NetworkThreadsTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var cell: CellKind
        var vocabulary: Int
        var tied: Bool
        var testDescription: String { "\(cell) V=\(vocabulary)\(tied ? " tied" : "")" }
    }

    func network(_ shape: Shape, threads: Int) -> RecurrentNetwork<Float> {
        var configuration = NetworkConfiguration()
        configuration.cell = shape.cell
        configuration.vocabularySize = shape.vocabulary
        configuration.embedSize = 96
        configuration.hiddenSize = 96
        configuration.layers = 2
        configuration.tied = shape.tied
        let network = RecurrentNetwork<Float>(configuration)
        var generator = PCG64(seed: 9)
        network.initialize(scale: 0.1, generator: &generator)
        network.threads = threads
        return network
    }

    /// Large enough for the products to split (the softmax's 200 × 2000 × 96, the layers'
    /// 200 × 384 × 96); V = 40 takes the per-table-row first layer (fewer rows than tokens / 4).
    @Test(arguments: [Shape(cell: .lstm, vocabulary: 2000, tied: false), Shape(cell: .lstm, vocabulary: 2000, tied: true),
                      Shape(cell: .gru, vocabulary: 2000, tied: false), Shape(cell: .rnn, vocabulary: 40, tied: false)],
          [2, 3])
    func splitPassesRepeatAndAgreeWithOneThread(shape: Shape, threads: Int) {
        BLAS.setThreads(1)
        let steps = 10, batch = 20
        let one = network(shape, threads: 1), many = network(shape, threads: threads), again = network(shape, threads: threads)
        for network in [one, many, again] { network.resetState(batch: batch) }
        var generator = PCG64(seed: 11)
        for round in 0..<3 {
            let inputs = (0..<(steps * batch)).map { _ in Int32(generator.next() % UInt64(shape.vocabulary)) }
            let targets = (0..<(steps * batch)).map { _ in Int32(generator.next() % UInt64(shape.vocabulary)) }
            var losses: [Float] = []
            for network in [one, many, again] {
                network.zeroGradients(threads: network.threads)
                var masks = PCG64(seed: 5)
                losses.append(network.loss(inputs: inputs, targets: targets, steps: steps, batch: batch, dropout: &masks))
                network.backward(scale: 0.05)
            }
            #expect(losses[1] == losses[2], "round \(round)")
            #expect(abs(losses[0] - losses[1]) <= 1e-5 * losses[0], "round \(round)")
            for ((p, q), r) in zip(zip(one.parameters, many.parameters), again.parameters) {
                let reference = p.gradient.toArray(), split = q.gradient.toArray()
                #expect(split == r.gradient.toArray(), "round \(round): \(p.name) differs between two runs")
                let largest = reference.map { abs($0) }.max() ?? 0
                let worst = zip(reference, split).map { abs($0 - $1) }.max() ?? 0
                #expect(largest > 0, "round \(round): \(p.name) has no gradient")
                #expect(worst <= 1e-4 * largest, "round \(round): \(p.name) off by \(worst) (largest entry \(largest))")
            }
        }
    }
}
