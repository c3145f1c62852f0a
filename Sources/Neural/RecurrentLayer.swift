import Kernels

/// One recurrent layer over whole sequences, batched: the RNN, GRU or LSTM cell of `CellKind`
/// applied step by step, forward and exact backward (backpropagation through time).
///
/// Forward, for a time-major input X (steps·batch × I): first the input half of every gate of
/// every step in one product, Z = X·W_xᵀ + b (steps·batch × blocks·H), then for each step one
/// product adds the recurrent half, Z⟨t⟩ += a⟨t−1⟩·W_hᵀ, for all gates at once (the GRU's c̃
/// block, which needs Γ_r first, takes a second product), and one fused loop applies the gate
/// nonlinearities and the cell update. Backward runs the steps in reverse, storing the gradient
/// of every pre-activation, and then forms dW_x, dW_h, db and dX each in one product over the
/// whole sequence. Work buffers are reshaped per batch, never allocated per step.
///
/// Complexity per step: O(batch·blocks·H·(H + I)) in BLAS, O(batch·blocks·H) elementwise.
public final class RecurrentLayer<T: BLASScalar>: @unchecked Sendable {
    public let kind: CellKind
    public let inputSize: Int
    public let hiddenSize: Int
    /// W_x, blocks·H × I.
    public let inputWeight: Parameter<T>
    /// W_h, blocks·H × H.
    public let hiddenWeight: Parameter<T>
    /// b, 1 × blocks·H.
    public let bias: Parameter<T>

    /// The activations a⟨t⟩ of the last forward pass (steps·batch × H).
    public let output = Matrix<T>(rows: 0, columns: 0)
    /// dL/dX of the last backward pass (steps·batch × I).
    public let inputGradient = Matrix<T>(rows: 0, columns: 0)
    /// dL/da⟨0⟩ and dL/dc⟨0⟩ (the initial state) of the last backward pass (batch × H).
    public let initialStateGradient: RecurrentState<T>

    // Saved by forward for backward.
    var steps = 0, batch = 0
    let input = Matrix<T>(rows: 0, columns: 0)       // X
    /// When the last forward pass took its input as rows of a table: the table and the row of
    /// each token (X itself is then not formed).
    var tableInput: (table: Matrix<T>, ids: [Int32])? = nil
    let tableGates = Matrix<T>(rows: 0, columns: 0)  // per table row: T·W_xᵀ + b, or backward's scattered dZ
    let gates = Matrix<T>(rows: 0, columns: 0)       // activated gate blocks per step
    let previousHidden = Matrix<T>(rows: 0, columns: 0) // a⟨t−1⟩ per step
    let cells = Matrix<T>(rows: 0, columns: 0)       // LSTM: c⟨t⟩
    let cellTanh = Matrix<T>(rows: 0, columns: 0)    // LSTM: tanh(c⟨t⟩)
    let initialCell = Matrix<T>(rows: 0, columns: 0) // LSTM: c⟨0⟩
    let resetHidden = Matrix<T>(rows: 0, columns: 0) // GRU: Γ_r ∗ c⟨t−1⟩
    let hiddenWeightTransposed = Matrix<T>(rows: 0, columns: 0) // W_hᵀ when `recurrentProducts` is enabled
    var recurrentProducts = RecurrentProducts(Float.self, kind: .gru, batch: 0, hidden: 0)
    /// Threads for the whole-sequence products (`Products`, with OpenBLAS at one thread); the
    /// per-step recurrence runs on the calling thread.
    public var threads = 1
    // Backward work space.
    let gateGradients = Matrix<T>(rows: 0, columns: 0)
    let resetGradient = Matrix<T>(rows: 0, columns: 0)

    public convenience init(kind: CellKind, inputSize: Int, hiddenSize: Int, name: String) {
        let width = kind.blockCount * hiddenSize
        self.init(kind: kind, inputWeight: Parameter(name: "\(name).input_weight", rows: width, columns: inputSize),
                  hiddenWeight: Parameter(name: "\(name).hidden_weight", rows: width, columns: hiddenSize),
                  bias: Parameter(name: "\(name).bias", rows: 1, columns: width))
    }

    /// A layer over `other`'s weights, with activations of its own and gradients of its own
    /// unless `sharingGradients`.
    public convenience init(sharingValuesOf other: RecurrentLayer<T>, sharingGradients: Bool = false) {
        let share = sharingGradients
        self.init(kind: other.kind, inputWeight: Parameter(sharingValueOf: other.inputWeight, sharingGradient: share),
                  hiddenWeight: Parameter(sharingValueOf: other.hiddenWeight, sharingGradient: share),
                  bias: Parameter(sharingValueOf: other.bias, sharingGradient: share))
    }

    private init(kind: CellKind, inputWeight: Parameter<T>, hiddenWeight: Parameter<T>, bias: Parameter<T>) {
        self.kind = kind
        inputSize = inputWeight.value.columns
        hiddenSize = hiddenWeight.value.columns
        self.inputWeight = inputWeight
        self.hiddenWeight = hiddenWeight
        self.bias = bias
        initialStateGradient = RecurrentState(batch: 0, hiddenSize: hiddenSize)
    }

    public var parameters: [Parameter<T>] { [inputWeight, hiddenWeight, bias] }

    /// Runs the layer over `steps` steps of `batch` sequences (`x`: steps·batch × I, time-major),
    /// starting from `state` and leaving the final state in it. Returns `output`.
    @discardableResult
    public func forward(_ x: Matrix<T>, steps: Int, batch: Int, state: RecurrentState<T>) -> Matrix<T> {
        precondition(x.rows == steps * batch && x.columns == inputSize, "RecurrentLayer: input \(x.rows)×\(x.columns)")
        precondition(state.batch == batch, "RecurrentLayer: state for \(state.batch) sequences, batch \(batch)")
        let width = kind.blockCount * hiddenSize, n = steps * batch
        tableInput = nil
        input.copy(from: x)
        gates.reshape(rows: n, columns: width)
        // Z = X·W_xᵀ + b for every step at once.
        Products.multiply(x.base, lda: inputSize, inputWeight.value.base, ldb: inputSize, transposeB: true,
                          m: n, n: width, k: inputSize, into: gates.base, ldc: width, threads: threads)
        addBias(to: gates)
        return recur(steps: steps, batch: batch, state: state)
    }

    /// `forward` for inputs that are rows of a table (an embedding, V × I) picked by `ids`
    /// (steps·batch, time-major), computed per table row instead of per token: P = T·W_xᵀ + b once
    /// (V × blocks·H), then Z⟨r⟩ = P[ids[r]]. The same Z as `forward` on the gathered rows up to
    /// the order of the sums, in O(V·blocks·H·I) instead of O(steps·batch·blocks·H·I) — the
    /// cheaper one when the vocabulary is smaller than the tokens of a batch (characters).
    /// `backward` then leaves dL/dT (V × I) in `inputGradient` instead of dL/dX.
    @discardableResult
    public func forward(ids: [Int32], table: Matrix<T>, steps: Int, batch: Int, state: RecurrentState<T>) -> Matrix<T> {
        precondition(ids.count == steps * batch && table.columns == inputSize, "RecurrentLayer: \(ids.count) ids, table \(table.columns) wide")
        precondition(state.batch == batch, "RecurrentLayer: state for \(state.batch) sequences, batch \(batch)")
        let width = kind.blockCount * hiddenSize, n = steps * batch, v = table.rows
        tableInput = (table, ids)
        tableGates.reshape(rows: v, columns: width)
        Products.multiply(table.base, lda: inputSize, inputWeight.value.base, ldb: inputSize, transposeB: true,
                          m: v, n: width, k: inputSize, into: tableGates.base, ldc: width, threads: threads)
        addBias(to: tableGates)
        gates.reshape(rows: n, columns: width)
        for (r, id) in ids.enumerated() {
            precondition(id >= 0 && Int(id) < v, "RecurrentLayer: id \(id) outside the table")
            gates.row(r).update(from: tableGates.row(Int(id)), count: width)
        }
        return recur(steps: steps, batch: batch, state: state)
    }

    /// Every row of `m` (blocks·H wide) += b.
    private func addBias(to m: Matrix<T>) {
        let b = bias.value.base
        for r in 0..<m.rows { T.axpy(1, b, m.row(r), count: m.columns) }
    }

    /// The recurrence over the input halves already in `gates`.
    private func recur(steps: Int, batch: Int, state: RecurrentState<T>) -> Matrix<T> {
        self.steps = steps
        self.batch = batch
        let h = hiddenSize, width = kind.blockCount * h, n = steps * batch
        output.reshape(rows: n, columns: h)
        previousHidden.reshape(rows: n, columns: h)
        if kind == .lstm {
            cells.reshape(rows: n, columns: h)
            cellTanh.reshape(rows: n, columns: h)
            initialCell.copy(from: state.cell)
        }
        if kind == .gru { resetHidden.reshape(rows: n, columns: h) }
        recurrentProducts = RecurrentProducts(T.self, kind: kind, batch: batch, hidden: h)
        if recurrentProducts.enabled { RecurrentProducts.transpose(hiddenWeight.value, into: hiddenWeightTransposed) }
        for t in 0..<steps {
            let previous = UnsafePointer(t == 0 ? state.hidden.base : output.row((t - 1) * batch))
            previousHidden.row(t * batch).update(from: previous, count: batch * h)
            let z = gates.row(t * batch)
            let recurrentWidth = kind == .gru ? 2 * h : width
            if recurrentProducts.enabled {
                RecurrentProducts.multiply(previous, lda: h, hiddenWeightTransposed.base, ldb: width,
                                           m: batch, n: width, k: h, into: z, ldc: width, accumulate: true)
            } else {
                Products.multiply(previous, lda: h, hiddenWeight.value.base, ldb: h, transposeB: true,
                                  m: batch, n: recurrentWidth, k: h, into: z, ldc: width, accumulate: true)
            }
            switch kind {
            case .rnn: rnnStep(z, previous, t)
            case .lstm: lstmStep(z, t, previousCell: t == 0 ? initialCell.base : cells.row((t - 1) * batch))
            case .gru: gruStep(z, previous, t)
            }
        }
        if steps > 0 {
            state.hidden.base.update(from: output.row((steps - 1) * batch), count: batch * h)
            if kind == .lstm { state.cell.base.update(from: cells.row((steps - 1) * batch), count: batch * h) }
        }
        return output
    }

    /// a⟨t⟩ = tanh(z).
    private func rnnStep(_ z: UnsafeMutablePointer<T>, _ previous: UnsafePointer<T>, _ t: Int) {
        let count = batch * hiddenSize
        T.tanh(z, into: z, count: count)
        output.row(t * batch).update(from: z, count: count)
    }

    /// Γ_u, Γ_f, Γ_o = σ(z_u, z_f, z_o), c̃ = tanh(z_c), c = Γ_u∗c̃ + Γ_f∗c⟨t−1⟩, a = Γ_o∗tanh(c):
    /// the three sigmoid blocks of a row in one vector pass, then c̃, then the update. Float runs
    /// Kernels' `LSTMKernels` (the same expressions in the same order, so the same roundings).
    private func lstmStep(_ zStep: UnsafeMutablePointer<T>, _ t: Int, previousCell: UnsafePointer<T>) {
        let h = hiddenSize, width = 4 * h
        if T.self == Float.self {
            LSTMSteps.forward(batch: batch, hidden: h, gates: Self.float(zStep), previousCell: Self.float(previousCell),
                              cell: Self.float(cells.row(t * batch)), cellTanh: Self.float(cellTanh.row(t * batch)),
                              output: Self.float(output.row(t * batch)))
            return
        }
        for s in 0..<batch {
            let z = zStep + s * width
            let cPrev = previousCell + s * h
            let c = cells.row(t * batch + s), tc = cellTanh.row(t * batch + s), a = output.row(t * batch + s)
            T.sigmoid(z, count: 3 * h)
            T.tanh(z + 3 * h, into: z + 3 * h, count: h)
            for j in 0..<h { c[j] = z[j] * z[3 * h + j] + z[h + j] * cPrev[j] }
            T.tanh(c, into: tc, count: h)
            for j in 0..<h { a[j] = z[2 * h + j] * tc[j] }
        }
    }

    /// Γ_r, Γ_u = σ(z_r, z_u); z_c += (Γ_r∗c⟨t−1⟩)·W_hcᵀ; c̃ = tanh(z_c); c = Γ_u∗c̃ + (1−Γ_u)∗c⟨t−1⟩.
    private func gruStep(_ zStep: UnsafeMutablePointer<T>, _ previous: UnsafePointer<T>, _ t: Int) {
        let h = hiddenSize, width = 3 * h
        let rh = resetHidden.row(t * batch)
        for s in 0..<batch {
            let z = zStep + s * width, p = previous + s * h, q = rh + s * h
            T.sigmoid(z, count: 2 * h)
            for j in 0..<h { q[j] = z[j] * p[j] }
        }
        Products.multiply(rh, lda: h, hiddenWeight.value.base + 2 * h * h, ldb: h, transposeB: true,
                          m: batch, n: h, k: h, into: zStep + 2 * h, ldc: width, accumulate: true)
        let a = output.row(t * batch)
        for s in 0..<batch {
            let z = zStep + s * width, p = previous + s * h, out = a + s * h
            T.tanh(z + 2 * h, into: z + 2 * h, count: h)
            for j in 0..<h {
                let u = z[h + j]
                out[j] = u * z[2 * h + j] + (1 - u) * p[j]
            }
        }
    }
}
