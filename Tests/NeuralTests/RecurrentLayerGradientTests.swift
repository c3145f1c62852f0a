import Kernels
import Neural
import Randomness
import Testing

/// Every cell's BPTT against centred differences (Float64, relative error < 1e-6): the weights,
/// the bias, the inputs of every step and the initial state, over several steps and a batch.
@Suite struct RecurrentLayerGradientTests {
    static let tolerance = 1e-6

    /// Checks one layer over `steps` steps of `batch` sequences from a random initial state.
    func checkLayer(_ kind: CellKind, steps: Int, batch: Int, inputSize: Int = 5, hiddenSize: Int = 4) {
        var generator = PCG64(seed: 17)
        let layer = RecurrentLayer<Double>(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, name: "l")
        for p in layer.parameters { GradientCheck.fill(p.value, &generator) }
        let x = GradientCheck.random(rows: steps * batch, columns: inputSize, &generator, scale: 1)
        let h0 = GradientCheck.random(rows: batch, columns: hiddenSize, &generator)
        let c0 = GradientCheck.random(rows: batch, columns: hiddenSize, &generator)
        let projection = GradientCheck.random(rows: steps * batch, columns: hiddenSize, &generator, scale: 1)
        let state = RecurrentState<Double>(batch: batch, hiddenSize: hiddenSize)
        func loss() -> Double {
            state.hidden.copy(from: h0)
            state.cell.copy(from: c0)
            return GradientCheck.projection(layer.forward(x, steps: steps, batch: batch, state: state), projection)
        }
        _ = loss()
        for p in layer.parameters { p.gradient.zero() }
        let dX = layer.backward(projection).toArray()
        let dH0 = layer.initialStateGradient.hidden.toArray(), dC0 = layer.initialStateGradient.cell.toArray()
        for p in layer.parameters {
            let error = GradientCheck.relativeError(p.value, analytic: p.gradient.toArray(), loss: loss)
            #expect(error < Self.tolerance, "\(kind) \(p.name): relative error \(error)")
        }
        let inputError = GradientCheck.relativeError(x, analytic: dX, loss: loss)
        #expect(inputError < Self.tolerance, "\(kind) input: relative error \(inputError)")
        let hiddenError = GradientCheck.relativeError(h0, analytic: dH0, loss: loss)
        #expect(hiddenError < Self.tolerance, "\(kind) initial a: relative error \(hiddenError)")
        if kind == .lstm {
            let cellError = GradientCheck.relativeError(c0, analytic: dC0, loss: loss)
            #expect(cellError < Self.tolerance, "lstm initial c: relative error \(cellError)")
        }
    }

    @Test(arguments: CellKind.allCases)
    func cellOverSeveralStepsAndABatch(kind: CellKind) {
        checkLayer(kind, steps: 4, batch: 3)
    }

    /// Batch 1 takes the gemv path of every product.
    @Test(arguments: CellKind.allCases)
    func cellAtBatchOne(kind: CellKind) {
        checkLayer(kind, steps: 5, batch: 1)
    }

    @Test(arguments: CellKind.allCases)
    func bidirectionalWrapper(kind: CellKind) {
        var generator = PCG64(seed: 5)
        let steps = 4, batch = 2, inputSize = 3, hiddenSize = 4
        let layer = Bidirectional<Double>(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, name: "b")
        for p in layer.parameters { GradientCheck.fill(p.value, &generator) }
        let x = GradientCheck.random(rows: steps * batch, columns: inputSize, &generator, scale: 1)
        let projection = GradientCheck.random(rows: steps * batch, columns: 2 * hiddenSize, &generator, scale: 1)
        func loss() -> Double { GradientCheck.projection(layer.forward(x, steps: steps, batch: batch), projection) }
        _ = loss()
        for p in layer.parameters { p.gradient.zero() }
        let dX = layer.backward(projection).toArray()
        for p in layer.parameters {
            let error = GradientCheck.relativeError(p.value, analytic: p.gradient.toArray(), loss: loss)
            #expect(error < Self.tolerance, "bidirectional \(kind) \(p.name): relative error \(error)")
        }
        let inputError = GradientCheck.relativeError(x, analytic: dX, loss: loss)
        #expect(inputError < Self.tolerance, "bidirectional \(kind) input: relative error \(inputError)")
    }

    /// The backward direction really reads the sequence backwards: its output at step 0 depends
    /// on the last input, the forward direction's does not.
    @Test func bidirectionalDirections() {
        var generator = PCG64(seed: 9)
        let layer = Bidirectional<Double>(kind: .rnn, inputSize: 2, hiddenSize: 3, name: "b")
        for p in layer.parameters { GradientCheck.fill(p.value, &generator) }
        let x = GradientCheck.random(rows: 3, columns: 2, &generator, scale: 1)
        let before = layer.forward(x, steps: 3, batch: 1).toArray()
        x[2, 0] += 0.5
        let after = layer.forward(x, steps: 3, batch: 1).toArray()
        #expect(Array(before[0..<3]) == Array(after[0..<3]))
        #expect(Array(before[3..<6]) != Array(after[3..<6]))
    }
}
