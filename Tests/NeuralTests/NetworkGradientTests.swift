import Kernels
import Neural
import Randomness
import Testing

/// The whole stack — embedding, stacked cells, dropout between layers, softmax cross-entropy,
/// tied weights — against centred differences in Float64 (relative error < 1e-6), from a carried
/// non-zero state, over several steps and a batch.
@Suite struct NetworkGradientTests {
    struct Case: CustomStringConvertible, Sendable {
        var cell: CellKind
        var layers: Int
        var dropout: Double
        var tied: Bool
        var embeddingProducts = EmbeddingProducts.perToken
        var description: String { "\(cell) x\(layers) dropout \(dropout)\(tied ? " tied" : "") \(embeddingProducts)" }
    }

    static let cases: [Case] = CellKind.allCases.flatMap { cell in
        [Case(cell: cell, layers: 2, dropout: 0, tied: false),
         Case(cell: cell, layers: 3, dropout: 0.3, tied: true),
         Case(cell: cell, layers: 2, dropout: 0, tied: true, embeddingProducts: .perTableRow),
         Case(cell: cell, layers: 2, dropout: 0.3, tied: false, embeddingProducts: .perTableRow)]
    }

    @Test(arguments: cases)
    func stackMatchesFiniteDifferences(_ testCase: Case) {
        var configuration = NetworkConfiguration()
        configuration.cell = testCase.cell
        configuration.vocabularySize = 7
        configuration.embedSize = 4
        configuration.hiddenSize = 4
        configuration.layers = testCase.layers
        configuration.dropout = testCase.dropout
        configuration.tied = testCase.tied
        let network = RecurrentNetwork<Double>(configuration)
        network.embeddingProducts = testCase.embeddingProducts
        var generator = PCG64(seed: 3)
        network.initialize(scale: 0.5, generator: &generator)
        let steps = 4, batch = 2
        let inputs: [Int32] = (0..<(steps * batch)).map { _ in Int32(generator.next() % 7) }
        let targets: [Int32] = (0..<(steps * batch)).map { _ in Int32(generator.next() % 7) }
        network.resetState(batch: batch)
        let initial = network.states.map { state -> ([Double], [Double]) in
            GradientCheck.fill(state.hidden, &generator)
            GradientCheck.fill(state.cell, &generator)
            return (state.hidden.toArray(), state.cell.toArray())
        }
        let dropoutStart = PCG64(seed: 11)
        let scale = 0.7
        func loss() -> Double {
            for (state, values) in zip(network.states, initial) {
                state.hidden.set(values.0)
                state.cell.set(values.1)
            }
            var masks = dropoutStart
            return scale * network.loss(inputs: inputs, targets: targets, steps: steps, batch: batch, dropout: &masks)
        }
        _ = loss()
        network.zeroGradients()
        network.backward(scale: scale)
        let analytic = network.parameters.map { $0.gradient.toArray() }
        #expect(network.parameters.count == 1 + 3 * testCase.layers + (testCase.tied ? 1 : 2))
        for (p, gradient) in zip(network.parameters, analytic) {
            let error = GradientCheck.relativeError(p.value, analytic: gradient, loss: loss)
            #expect(error < 1e-6, "\(testCase) \(p.name): relative error \(error)")
        }
    }

    /// The training and evaluation passes compute the same loss (no dropout), and evaluation
    /// equals Σ −log softmax computed directly.
    @Test func evaluationLossEqualsTrainingLoss() {
        var configuration = NetworkConfiguration()
        configuration.cell = .gru
        configuration.vocabularySize = 5
        configuration.embedSize = 3
        configuration.hiddenSize = 3
        configuration.layers = 1
        let network = RecurrentNetwork<Double>(configuration)
        var generator = PCG64(seed: 8)
        network.initialize(scale: 1, generator: &generator)
        let inputs: [Int32] = [0, 1, 2, 3, 4, 0], targets: [Int32] = [1, 2, 3, 4, 0, 1]
        network.resetState(batch: 2)
        var masks = PCG64(seed: 1)
        let training = network.loss(inputs: inputs, targets: targets, steps: 3, batch: 2, dropout: &masks)
        network.resetState(batch: 2)
        let evaluation = network.loss(inputs: inputs, targets: targets, steps: 3, batch: 2, dropout: nil)
        #expect(abs(training - evaluation) < 1e-12)
        // Step by step at batch 2 gives the same sum.
        network.resetState(batch: 2)
        var stepped = 0.0
        for t in 0..<3 {
            let logs = network.stepLogProbabilities([inputs[2 * t], inputs[2 * t + 1]])
            var sum = 0.0
            for s in 0..<2 {
                var total = 0.0
                for j in 0..<5 { total += Double.exp(logs[s, j]) }
                #expect(abs(total - 1) < 1e-12)
                sum -= logs[s, Int(targets[2 * t + s])]
            }
            stepped += sum
        }
        #expect(abs(stepped - evaluation) < 1e-12)
    }

    /// Forming the first layer's input products per table row gives the per-token loss and
    /// gradients up to the order of the sums (Float64: 1e-12), with a vocabulary small enough for
    /// `.automatic` to choose it.
    @Test(arguments: CellKind.allCases)
    func perTableRowProductsEqualPerTokenProducts(cell: CellKind) {
        var configuration = NetworkConfiguration()
        configuration.cell = cell
        configuration.vocabularySize = 3
        configuration.embedSize = 5
        configuration.hiddenSize = 4
        configuration.tied = false
        var results: [(Double, [[Double]])] = []
        for products in [EmbeddingProducts.perToken, .automatic] {
            let network = RecurrentNetwork<Double>(configuration)
            network.embeddingProducts = products
            var generator = PCG64(seed: 21)
            network.initialize(scale: 0.5, generator: &generator)
            let steps = 5, batch = 3
            let inputs: [Int32] = (0..<(steps * batch)).map { _ in Int32(generator.next() % 3) }
            let targets: [Int32] = (0..<(steps * batch)).map { _ in Int32(generator.next() % 3) }
            network.resetState(batch: batch)
            var masks = PCG64(seed: 1)
            let loss = network.loss(inputs: inputs, targets: targets, steps: steps, batch: batch, dropout: &masks)
            network.zeroGradients()
            network.backward(scale: 1)
            results.append((loss, network.parameters.map { $0.gradient.toArray() }))
        }
        #expect(abs(results[0].0 - results[1].0) <= 1e-12 * abs(results[0].0))
        for (a, b) in zip(results[0].1, results[1].1) {
            let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
            let size = a.map(abs).max() ?? 0
            #expect(size > 0 && worst <= 1e-12 * size, "\(cell): gradient differs by \(worst) at scale \(size)")
        }
    }
}
