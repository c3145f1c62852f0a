import Kernels

/// The state a recurrent layer carries from one step to the next: the activation a⟨t⟩ (`hidden`,
/// batch × H) and, for the LSTM, the memory cell c⟨t⟩ (`cell`). Truncated backpropagation through
/// time carries it across batches as values only: no gradient flows into the previous batch.
public final class RecurrentState<T: BLASScalar>: @unchecked Sendable {
    public let hidden: Matrix<T>
    public let cell: Matrix<T>

    public init(batch: Int, hiddenSize: Int) {
        hidden = Matrix(rows: batch, columns: hiddenSize)
        cell = Matrix(rows: batch, columns: hiddenSize)
    }

    public var batch: Int { hidden.rows }

    /// Zero state for `batch` sequences.
    public func reset(batch: Int) {
        hidden.reshape(rows: batch, columns: hidden.columns)
        cell.reshape(rows: batch, columns: cell.columns)
        hidden.zero()
        cell.zero()
    }

    /// Copies another state's values.
    public func copy(from other: RecurrentState<T>) {
        hidden.copy(from: other.hidden)
        cell.copy(from: other.cell)
    }
}
