import Kernels
import Randomness

/// The shape of a recurrent language-model network.
public struct NetworkConfiguration: Sendable, Equatable {
    public var cell: CellKind = .lstm
    public var vocabularySize: Int = 0
    public var embedSize: Int = 200
    public var hiddenSize: Int = 200
    public var layers: Int = 2
    /// The dropout rate on the non-recurrent connections (embedding → layer 1, between layers,
    /// top layer → softmax), as Zaremba et al. 2014.
    public var dropout: Double = 0
    /// The output layer reuses the embedding table (requires embedSize == hiddenSize).
    public var tied: Bool = false

    public init() {}
}

/// How the first layer's input products are formed from the embedding (the same values up to the
/// order of the sums; see `RecurrentLayer.forward(ids:table:steps:batch:state:)`).
public enum EmbeddingProducts: Sendable {
    /// Per table row when the table has at most a quarter as many rows as a pass has tokens and
    /// there is no dropout on the embedding (character models), else per token.
    case automatic
    /// Gather the embedding rows, then X·W_xᵀ over the tokens.
    case perToken
    /// T·W_xᵀ over the table rows, then gather (needs no dropout on the embedding; falls back to
    /// per token otherwise).
    case perTableRow
}

/// Tokens in, next-token distributions out: an embedding, `layers` stacked recurrent layers with
/// dropout between them, and a softmax output layer (optionally tied to the embedding), with the
/// recurrent state of every layer carried from one call to the next (truncated BPTT).
///
/// Training calls `loss(inputs:targets:steps:batch:dropout:)` then `backward(scale:)`; generation
/// calls `stepLogProbabilities(_:)` once per step at batch 1 (every product then runs as `gemv`).
public final class RecurrentNetwork<T: BLASScalar>: @unchecked Sendable {
    public let configuration: NetworkConfiguration
    public let embedding: Embedding<T>
    public let layers: [RecurrentLayer<T>]
    public let output: SoftmaxOutput<T>
    /// The state each layer carries between calls.
    public let states: [RecurrentState<T>]
    let dropouts: [Dropout<T>]
    private var trainingPass = false
    /// How the first layer's input products are formed.
    public var embeddingProducts = EmbeddingProducts.automatic
    /// Whether the last pass formed them per table row (then backward adds the first layer's
    /// input gradient to the table directly).
    private var perTableRow = false
    /// Threads for this network's passes, for use with OpenBLAS at one thread: above 1, the
    /// whole-sequence products and the softmax's rows are split among them, and `backward` leaves
    /// the weight gradients' products to a helper thread (`DeferredWork`) while it backpropagates
    /// through the layers below.
    public var threads = 1 {
        didSet {
            output.threads = threads
            for layer in layers { layer.threads = threads }
        }
    }
    private let deferredWork = DeferredWork()

    public convenience init(_ configuration: NetworkConfiguration) {
        precondition(configuration.layers >= 1, "RecurrentNetwork: at least one layer")
        precondition(!configuration.tied || configuration.embedSize == configuration.hiddenSize,
                     "RecurrentNetwork: tied weights need embedSize == hiddenSize")
        let embedding = Embedding<T>(vocabularySize: configuration.vocabularySize, dimension: configuration.embedSize)
        self.init(configuration, embedding: embedding, layers: (0..<configuration.layers).map { l in
            RecurrentLayer(kind: configuration.cell, inputSize: l == 0 ? configuration.embedSize : configuration.hiddenSize,
                           hiddenSize: configuration.hiddenSize, name: "layers.\(l)")
        }, output: SoftmaxOutput(vocabularySize: configuration.vocabularySize, inputSize: configuration.hiddenSize,
                                 sharedWeight: configuration.tied ? embedding.table : nil))
    }

    private init(_ configuration: NetworkConfiguration, embedding: Embedding<T>, layers: [RecurrentLayer<T>],
                 output: SoftmaxOutput<T>) {
        self.configuration = configuration
        self.embedding = embedding
        self.layers = layers
        self.output = output
        states = (0..<configuration.layers).map { _ in RecurrentState(batch: 0, hiddenSize: configuration.hiddenSize) }
        dropouts = (0...configuration.layers).map { _ in Dropout(rate: configuration.dropout) }
    }

    /// Another copy of this network for another thread: the same weight matrices (an optimizer
    /// step on either is seen by both), its own activations, work space and carried state, and its
    /// own gradients unless `sharingGradients` (then its backward passes add into this network's).
    /// `parameters` lists the copy's tensors in the same order as this network's.
    public func replica(sharingGradients: Bool = false) -> RecurrentNetwork<T> {
        let share = sharingGradients
        let table = Embedding(sharingValuesOf: embedding, sharingGradients: share)
        let copy = RecurrentNetwork(configuration, embedding: table,
                                    layers: layers.map { RecurrentLayer(sharingValuesOf: $0, sharingGradients: share) },
                                    output: SoftmaxOutput(sharingValuesOf: output, tiedTable: configuration.tied ? table.table : nil,
                                                          sharingGradients: share))
        copy.embeddingProducts = embeddingProducts
        return copy
    }

    /// Every trainable tensor once, in a fixed order (a tied table appears once).
    public var parameters: [Parameter<T>] {
        var list = [embedding.table]
        for layer in layers { list += layer.parameters }
        if !configuration.tied { list.append(output.weight) }
        list.append(output.bias)
        return list
    }

    /// One learning-rate multiple per entry of `parameters`: `scale` for the recurrent layers'
    /// biases, 1 for everything else. PyTorch's nn.RNN and nn.LSTM (and cuDNN, and Zaremba et al.'s
    /// Torch code) write each gate's bias as the sum of two vectors, b_ih + b_hh, which receive the
    /// same gradient; under SGD and Adam their sum therefore moves exactly twice as far per step as
    /// one bias would, so `scale` 2 trains this network's single bias as theirs train.
    public func rateScales(recurrentBiases scale: Double) -> [Double] {
        let biases = Set(layers.map { ObjectIdentifier($0.bias) })
        return parameters.map { biases.contains(ObjectIdentifier($0)) ? scale : 1 }
    }

    /// Draws every parameter from U(−scale, scale), in `parameters` order, from `generator`
    /// (53-bit uniform doubles), as Zaremba et al. initialise (scale 0.1 for the small model).
    @_specialize(where T == Float)
    public func initialize(scale: Double, generator: inout PCG64) {
        for p in parameters {
            for i in 0..<p.value.count {
                let u = Double(generator.next() >> 11) * 0x1p-53
                p.value.base[i] = T((2 * u - 1) * scale)
            }
        }
    }

    /// Zero state for `batch` sequences in every layer.
    public func resetState(batch: Int) {
        for state in states { state.reset(batch: batch) }
    }

    /// Sets every gradient to zero, on up to `threads` threads.
    @_specialize(where T == Float)
    public func zeroGradients(threads: Int = 1) {
        let parameters = parameters
        ParameterSweep.forEach(parameters, threads: threads) { index, range in
            (parameters[index].gradient.base + range.lowerBound).update(repeating: 0, count: range.count)
        }
    }

    /// The summed cross-entropy of predicting `targets` from `inputs` (both steps·batch ids,
    /// time-major), continuing from the carried state and leaving the new state. With a
    /// `dropout` generator the pass is a training pass (dropout active, activations kept for
    /// `backward`); without, an evaluation pass.
    @_specialize(where T == Float)
    public func loss(inputs: [Int32], targets: [Int32], steps: Int, batch: Int, dropout: UnsafeMutablePointer<PCG64>?) -> T {
        precondition(inputs.count == steps * batch && targets.count == inputs.count, "RecurrentNetwork.loss: shapes")
        trainingPass = dropout != nil
        var x = firstLayer(inputs, steps: steps, batch: batch, dropout: dropout)
        if let dropout { dropouts[1].forward(x, generator: &dropout.pointee) }
        for (l, layer) in layers.enumerated().dropFirst() {
            x = layer.forward(x, steps: steps, batch: batch, state: states[l])
            if let dropout { dropouts[l + 1].forward(x, generator: &dropout.pointee) }
        }
        if trainingPass { return output.forward(x, targets: targets) }
        let logs = output.logProbabilities(x)
        var total: T = 0
        for r in 0..<targets.count { total -= logs[r, Int(targets[r])] }
        return total
    }

    /// log ŷ[target] for every row (steps·batch, time-major), an evaluation pass from the carried
    /// state: the per-token terms whose negated sum `loss` returns.
    @_specialize(where T == Float)
    public func targetLogProbabilities(inputs: [Int32], targets: [Int32], steps: Int, batch: Int) -> [Double] {
        precondition(inputs.count == steps * batch && targets.count == inputs.count, "RecurrentNetwork: shapes")
        trainingPass = false
        var x = firstLayer(inputs, steps: steps, batch: batch, dropout: nil)
        for (l, layer) in layers.enumerated().dropFirst() {
            x = layer.forward(x, steps: steps, batch: batch, state: states[l])
        }
        let logs = output.logProbabilities(x)
        return (0..<targets.count).map { Double(logs[$0, Int(targets[$0])]) }
    }

    /// The embedding (with its dropout when training) and the first layer over `inputs`.
    private func firstLayer(_ inputs: [Int32], steps: Int, batch: Int, dropout: UnsafeMutablePointer<PCG64>?) -> Matrix<T> {
        let table = embedding.table.value
        switch embeddingProducts {
        case .perToken: perTableRow = false
        case .perTableRow: perTableRow = dropouts[0].rate == 0
        case .automatic: perTableRow = dropouts[0].rate == 0 && 4 * table.rows <= inputs.count
        }
        if perTableRow {
            return layers[0].forward(ids: inputs, table: table, steps: steps, batch: batch, state: states[0])
        }
        let x = embedding.forward(inputs)
        if let dropout { dropouts[0].forward(x, generator: &dropout.pointee) }
        return layers[0].forward(x, steps: steps, batch: batch, state: states[0])
    }

    /// Backward of `scale`·loss for the last training pass: adds every parameter's gradient.
    @_specialize(where T == Float)
    public func backward(scale: T) {
        precondition(trainingPass, "RecurrentNetwork.backward without a training pass")
        let work = threads > 1 ? deferredWork : nil
        var d = output.backward(scale: scale, deferring: work)
        dropouts[layers.count].backward(d)
        for l in stride(from: layers.count - 1, through: 0, by: -1) {
            d = layers[l].backward(d, deferring: work)
            if l > 0 || !perTableRow { dropouts[l].backward(d) }
        }
        // The table's gradient (the softmax's dW too when tied) is touched next.
        work?.finish()
        if perTableRow {
            // dL/dT from the first layer, already summed per table row.
            T.axpy(1, d.base, embedding.table.gradient.base, count: d.count)
        } else {
            embedding.backward(d)
        }
    }

    /// One step for `ids.count` sequences from the carried state: log ŷ of the next token
    /// (ids.count × V). No dropout.
    @_specialize(where T == Float)
    public func stepLogProbabilities(_ ids: [Int32]) -> Matrix<T> {
        trainingPass = false
        var x = embedding.forward(ids)
        for (l, layer) in layers.enumerated() {
            x = layer.forward(x, steps: 1, batch: ids.count, state: states[l])
        }
        return output.logProbabilities(x)
    }
}
