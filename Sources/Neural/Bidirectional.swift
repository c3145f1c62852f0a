import Kernels

/// The course's bidirectional RNN: one layer reads the sequence forwards, another reads it
/// backwards, and the output of step t is their activations concatenated, [a→⟨t⟩, a←⟨t⟩]
/// (steps·batch × 2H). Both directions start from a zero state on every call (a backward pass over
/// a sequence cannot carry state into the next batch). Backward splits dY into its halves, runs
/// each direction's BPTT, and adds the two input gradients.
public final class Bidirectional<T: BLASScalar>: @unchecked Sendable {
    public let forwardLayer: RecurrentLayer<T>
    public let backwardLayer: RecurrentLayer<T>
    public let output = Matrix<T>(rows: 0, columns: 0)
    public let inputGradient = Matrix<T>(rows: 0, columns: 0)
    private let reversed = Matrix<T>(rows: 0, columns: 0)
    private let half = Matrix<T>(rows: 0, columns: 0)
    private let forwardState: RecurrentState<T>
    private let backwardState: RecurrentState<T>
    private var steps = 0, batch = 0

    public init(kind: CellKind, inputSize: Int, hiddenSize: Int, name: String) {
        forwardLayer = RecurrentLayer(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, name: "\(name).forward")
        backwardLayer = RecurrentLayer(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, name: "\(name).backward")
        forwardState = RecurrentState(batch: 0, hiddenSize: hiddenSize)
        backwardState = RecurrentState(batch: 0, hiddenSize: hiddenSize)
    }

    public var parameters: [Parameter<T>] { forwardLayer.parameters + backwardLayer.parameters }
    public var hiddenSize: Int { forwardLayer.hiddenSize }

    /// Copies the time steps of `source` into `target` in reverse order (blocks of `batch` rows).
    private func reverseSteps(_ source: Matrix<T>, into target: Matrix<T>) {
        target.reshape(rows: source.rows, columns: source.columns)
        let block = batch * source.columns
        for t in 0..<steps {
            target.base.advanced(by: (steps - 1 - t) * block).update(from: source.base + t * block, count: block)
        }
    }

    /// [a→, a←] for every step of `x` (steps·batch × I, time-major).
    @discardableResult
    public func forward(_ x: Matrix<T>, steps: Int, batch: Int) -> Matrix<T> {
        self.steps = steps
        self.batch = batch
        let h = hiddenSize
        forwardState.reset(batch: batch)
        backwardState.reset(batch: batch)
        let ahead = forwardLayer.forward(x, steps: steps, batch: batch, state: forwardState)
        reverseSteps(x, into: reversed)
        let behind = backwardLayer.forward(reversed, steps: steps, batch: batch, state: backwardState)
        output.reshape(rows: steps * batch, columns: 2 * h)
        for t in 0..<steps {
            for s in 0..<batch {
                let r = t * batch + s
                output.row(r).update(from: ahead.row(r), count: h)
                (output.row(r) + h).update(from: behind.row((steps - 1 - t) * batch + s), count: h)
            }
        }
        return output
    }

    /// dL/dX from dL/dY (steps·batch × 2H); adds both directions' parameter gradients.
    @discardableResult
    public func backward(_ outputGradient: Matrix<T>) -> Matrix<T> {
        let h = hiddenSize, n = steps * batch
        half.reshape(rows: n, columns: h)
        for r in 0..<n { half.row(r).update(from: outputGradient.row(r), count: h) }
        inputGradient.copy(from: forwardLayer.backward(half))
        for t in 0..<steps {
            for s in 0..<batch {
                half.row((steps - 1 - t) * batch + s).update(from: outputGradient.row(t * batch + s) + h, count: h)
            }
        }
        let dReversed = backwardLayer.backward(half)
        let width = inputGradient.columns
        for t in 0..<steps {
            let target = inputGradient.row(t * batch), source = dReversed.row((steps - 1 - t) * batch)
            for i in 0..<(batch * width) { target[i] += source[i] }
        }
        return inputGradient
    }
}
