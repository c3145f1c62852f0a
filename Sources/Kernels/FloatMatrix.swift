/// A dense Float32 matrix in row-major order, in one 64-byte-aligned allocation with no padding
/// between rows (the row stride equals `columns`, so BLAS sees `lda == columns`).
///
/// A reference type on purpose: training threads update shared rows in place without locks
/// (word2vec.c's Hogwild scheme), which a copy-on-write value could not express. Row pointers
/// stay valid for the life of the matrix. `@unchecked Sendable` because concurrent writers are
/// the caller's design decision, never the matrix's.
public final class FloatMatrix: @unchecked Sendable {
    /// The alignment of `base`: one cache line, also enough for AVX-512 loads.
    public static let alignment = 64

    public let rows: Int
    public let columns: Int
    /// The first element; `base + r * columns + c` is element (r, c). Never nil, even when empty.
    public let base: UnsafeMutablePointer<Float>

    /// `rows × columns`.
    public var count: Int { rows * columns }

    /// A matrix of zeros.
    public init(rows: Int, columns: Int) {
        precondition(rows >= 0 && columns >= 0, "FloatMatrix: negative shape \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        let (total, overflow) = rows.multipliedReportingOverflow(by: columns)
        precondition(!overflow, "FloatMatrix: \(rows)×\(columns) overflows")
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(total, 1) * MemoryLayout<Float>.stride,
                                                   alignment: FloatMatrix.alignment)
        base = raw.bindMemory(to: Float.self, capacity: max(total, 1))
        base.initialize(repeating: 0, count: max(total, 1))
    }

    /// A matrix holding `values` in row-major order (`values.count == rows * columns`).
    public convenience init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns,
                     "FloatMatrix: \(values.count) values for a \(rows)×\(columns) matrix")
        self.init(rows: rows, columns: columns)
        values.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { base.update(from: start, count: source.count) }
        }
    }

    /// A matrix whose rows are copied from `source` (each `columns` floats, row-major).
    public convenience init(rows: Int, columns: Int, copying source: UnsafePointer<Float>) {
        self.init(rows: rows, columns: columns)
        base.update(from: source, count: rows * columns)
    }

    deinit {
        base.deallocate()
    }

    /// The first element of row `r`.
    @inlinable
    public func row(_ r: Int) -> UnsafeMutablePointer<Float> {
        assert(r >= 0 && r < rows, "FloatMatrix: row \(r) out of 0..<\(rows)")
        return base + r * columns
    }

    /// Element (r, c).
    @inlinable
    public subscript(r: Int, c: Int) -> Float {
        get {
            assert(r >= 0 && r < rows && c >= 0 && c < columns)
            return base[r * columns + c]
        }
        set {
            assert(r >= 0 && r < rows && c >= 0 && c < columns)
            base[r * columns + c] = newValue
        }
    }

    /// Row `r` as a fresh array.
    public func rowArray(_ r: Int) -> [Float] {
        Array(UnsafeBufferPointer(start: row(r), count: columns))
    }

    /// All elements in row-major order.
    public func toArray() -> [Float] {
        Array(UnsafeBufferPointer(start: base, count: count))
    }

    /// An independent copy.
    public func copy() -> FloatMatrix {
        FloatMatrix(rows: rows, columns: columns, copying: base)
    }

    /// All elements, for bulk reading.
    public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: base, count: count)
    }

    /// Sets every element to zero.
    public func zero() {
        base.update(repeating: 0, count: max(count, 1))
    }
}

extension FloatMatrix: Equatable {
    /// Same shape and numerically equal elements (`0 == -0`, NaN ≠ NaN).
    public static func == (lhs: FloatMatrix, rhs: FloatMatrix) -> Bool {
        guard lhs.rows == rhs.rows, lhs.columns == rhs.columns else { return false }
        for i in 0..<lhs.count where lhs.base[i] != rhs.base[i] { return false }
        return true
    }
}
