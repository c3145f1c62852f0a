import Kernels

/// A dense row-major matrix of `T` (Float32 for training and inference, Float64 for gradient
/// checks) in one 64-byte-aligned allocation, with no padding between rows.
///
/// Layers keep their activations and gradients in matrices they reshape per batch with
/// `reshape(rows:columns:)`, which reallocates only when the new shape needs more room, so a
/// training loop with a fixed batch shape allocates nothing after its first batch. Sequences are
/// stored time-major: the rows of step t of a batch of B sequences are t·B ..< (t+1)·B.
///
/// A reference type: layers hand their outputs to the next layer without copying.
public final class Matrix<T: BLASScalar>: @unchecked Sendable {
    public private(set) var rows: Int
    public private(set) var columns: Int
    public private(set) var base: UnsafeMutablePointer<T>
    private var capacity: Int

    /// A matrix of zeros.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        capacity = max(rows * columns, 1)
        base = Matrix.allocate(capacity)
    }

    /// A matrix holding `values` in row-major order.
    public convenience init(rows: Int, columns: Int, values: [T]) {
        precondition(values.count == rows * columns, "Matrix: \(values.count) values for \(rows)×\(columns)")
        self.init(rows: rows, columns: columns)
        for i in 0..<values.count { base[i] = values[i] }
    }

    deinit { base.deallocate() }

    private static func allocate(_ count: Int) -> UnsafeMutablePointer<T> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<T>.stride, alignment: 64)
        let pointer = raw.bindMemory(to: T.self, capacity: count)
        pointer.initialize(repeating: 0, count: count)
        return pointer
    }

    /// `rows × columns`.
    public var count: Int { rows * columns }

    /// Gives the matrix a new shape. The contents are unspecified afterwards (callers overwrite
    /// them); memory is reallocated only when the new shape needs more than the capacity.
    public func reshape(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "Matrix: negative shape \(rows)×\(columns)")
        if rows * columns > capacity {
            base.deallocate()
            capacity = rows * columns
            base = Matrix.allocate(capacity)
        }
        self.rows = rows
        self.columns = columns
    }

    /// The first element of row `r`.
    @inline(__always)
    public func row(_ r: Int) -> UnsafeMutablePointer<T> { base + r * columns }

    /// Element (r, c).
    public subscript(r: Int, c: Int) -> T {
        get { base[r * columns + c] }
        set { base[r * columns + c] = newValue }
    }

    /// target += Σ_r row(r): the bias gradient of a layer whose pre-activation gradient this is.
    /// Rows are added in order with `BLASScalar.axpy` (a = 1, so each sum is exactly x + y).
    public func addRowSums(into target: UnsafeMutablePointer<T>) {
        for r in 0..<rows { T.axpy(1, row(r), target, count: columns) }
    }

    /// Sets every element to zero.
    public func zero() { base.update(repeating: 0, count: count) }

    /// Copies `other`'s shape and elements.
    public func copy(from other: Matrix<T>) {
        reshape(rows: other.rows, columns: other.columns)
        base.update(from: other.base, count: count)
    }

    /// All elements in row-major order.
    public func toArray() -> [T] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Overwrites the elements with `values` (row-major, `values.count == count`).
    public func set(_ values: [T]) {
        precondition(values.count == count, "Matrix: \(values.count) values for \(rows)×\(columns)")
        for i in 0..<count { base[i] = values[i] }
    }
}

/// A trainable tensor: its value and the gradient of the loss with respect to it, of the same
/// shape. Layers add to `gradient` in their backward passes (so a parameter shared by two layers,
/// such as tied embeddings, receives the sum); the training loop zeroes it before each batch.
public final class Parameter<T: BLASScalar>: @unchecked Sendable {
    /// A stable name, used for the tensor in model files (`layers.0.hidden_weight`).
    public let name: String
    public let value: Matrix<T>
    public let gradient: Matrix<T>

    public init(name: String, rows: Int, columns: Int) {
        self.name = name
        value = Matrix(rows: rows, columns: columns)
        gradient = Matrix(rows: rows, columns: columns)
    }

    /// The same tensor seen by another copy of a network: `other`'s value matrix itself (an update
    /// of either is an update of both), with a gradient of its own unless `sharingGradient`.
    public init(sharingValueOf other: Parameter<T>, sharingGradient: Bool = false) {
        name = other.name
        value = other.value
        gradient = sharingGradient ? other.gradient : Matrix(rows: other.value.rows, columns: other.value.columns)
    }
}
