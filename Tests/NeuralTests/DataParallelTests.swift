import Kernels
import Neural
import Randomness
import Testing

/// Splitting a batch's sequences among threads changes only the order of sums: in Float64 the
/// loss, every gradient and the carried state equal those of one network over the whole batch
/// (relative 1e-12), over two batches with an optimizer step between them (so the replicas must
/// see the updated shared weights), for uneven shards and tied weights.
@Suite struct DataParallelTests {
    static let cases: [(CellKind, Bool)] = [(.lstm, false), (.gru, true), (.rnn, false)]

    func network(_ cell: CellKind, tied: Bool) -> RecurrentNetwork<Double> {
        var configuration = NetworkConfiguration()
        configuration.cell = cell
        configuration.vocabularySize = 9
        configuration.embedSize = 6
        configuration.hiddenSize = 6
        configuration.layers = 2
        configuration.tied = tied
        let network = RecurrentNetwork<Double>(configuration)
        var generator = PCG64(seed: 5)
        network.initialize(scale: 0.5, generator: &generator)
        return network
    }

    /// Character models (65 × 128 softmax under a 2 × 128 LSTM) are split; PTB's word model
    /// (10,000 × 200 softmax under a 2 × 200 LSTM) leaves its threads to OpenBLAS.
    @Test func characterModelsAreSplitAndLargeVocabulariesAreNot() {
        var char = NetworkConfiguration()
        char.vocabularySize = 65
        char.embedSize = 128
        char.hiddenSize = 128
        #expect(DataParallel<Float>.suits(char))
        var word = NetworkConfiguration()
        word.vocabularySize = 10_000
        #expect(!DataParallel<Float>.suits(word))
    }

    func maximumRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        let scale = max(a.map(abs).max() ?? 0, 1e-300)
        return zip(a, b).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
    }

    @Test(arguments: cases)
    func shardsEqualTheWholeBatch(_ cell: CellKind, _ tied: Bool) {
        let steps = 3, batch = 5
        let whole = network(cell, tied: tied)
        let split = network(cell, tied: tied)
        let parallel = DataParallel(split, threads: 3, batch: batch)
        #expect(parallel.shards.map(\.count) == [1, 2, 2])
        var ids = PCG64(seed: 8)
        whole.resetState(batch: batch)
        split.resetState(batch: batch)
        // A carried, non-zero state to start from.
        for (a, b) in zip(whole.states, split.states) {
            for r in 0..<batch * 6 {
                let h = Double(ids.next() % 1000) / 1000 - 0.5, c = Double(ids.next() % 1000) / 1000 - 0.5
                a.hidden.base[r] = h; b.hidden.base[r] = h
                a.cell.base[r] = c; b.cell.base[r] = c
            }
        }
        parallel.scatterState()
        for round in 0..<2 {
            let inputs: [Int32] = (0..<(steps * batch)).map { _ in Int32(ids.next() % 9) }
            let targets: [Int32] = (0..<(steps * batch)).map { _ in Int32(ids.next() % 9) }
            whole.zeroGradients()
            var masks = PCG64(seed: 1)
            let expectedLoss = whole.loss(inputs: inputs, targets: targets, steps: steps, batch: batch, dropout: &masks)
            whole.backward(scale: 0.2)
            let loss = parallel.lossAndGradients(inputs: inputs, targets: targets, steps: steps, scale: 0.2) { _ in PCG64(seed: 1) }
            #expect(abs(loss - expectedLoss) <= 1e-12 * expectedLoss, "round \(round)")
            for (p, q) in zip(whole.parameters, split.parameters) {
                #expect(maximumRelativeDifference(p.gradient.toArray(), q.gradient.toArray()) < 1e-12, "\(p.name), round \(round)")
            }
            for (a, b) in zip(whole.states, split.states) {
                #expect(maximumRelativeDifference(a.hidden.toArray(), b.hidden.toArray()) < 1e-12, "state, round \(round)")
                #expect(maximumRelativeDifference(a.cell.toArray(), b.cell.toArray()) < 1e-12, "cell, round \(round)")
            }
            // The same step on both: the replicas must train on the updated weights next round.
            SGD().step(whole.parameters, learningRate: 0.5)
            SGD().step(split.parameters, learningRate: 0.5)
        }
    }
}
