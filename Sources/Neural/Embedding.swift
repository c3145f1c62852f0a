import Kernels
import Randomness

/// An embedding lookup: row `id` of a V × E table for every token id. Backward adds each
/// output row's gradient into the row it came from (a scatter-add, so a repeated id receives the
/// sum). O(tokens·E) both ways.
public final class Embedding<T: BLASScalar>: @unchecked Sendable {
    public let table: Parameter<T>
    public let output = Matrix<T>(rows: 0, columns: 0)
    private var ids: [Int32] = []

    public init(vocabularySize: Int, dimension: Int, name: String = "embedding") {
        table = Parameter(name: "\(name).weight", rows: vocabularySize, columns: dimension)
    }

    /// A lookup over `other`'s table, with a gradient of its own unless `sharingGradients`.
    public init(sharingValuesOf other: Embedding<T>, sharingGradients: Bool = false) {
        table = Parameter(sharingValueOf: other.table, sharingGradient: sharingGradients)
    }

    public var dimension: Int { table.value.columns }

    /// The rows of `ids` (each in 0..<V) as a tokens × E matrix.
    @discardableResult
    public func forward(_ ids: [Int32]) -> Matrix<T> {
        let e = dimension
        self.ids = ids
        output.reshape(rows: ids.count, columns: e)
        for (r, id) in ids.enumerated() {
            output.row(r).update(from: table.value.row(Int(id)), count: e)
        }
        return output
    }

    /// Adds `outputGradient` (tokens × E) into the table's gradient at the rows of the last forward pass.
    public func backward(_ outputGradient: Matrix<T>) {
        let e = dimension
        for (r, id) in ids.enumerated() {
            let g = table.gradient.row(Int(id)), d = outputGradient.row(r)
            for j in 0..<e { g[j] += d[j] }
        }
    }
}

/// Inverted dropout (Srivastava et al. 2014, as in Zaremba et al.'s non-recurrent connections):
/// in training each element is kept with probability 1 − p and scaled by 1/(1 − p), so nothing
/// changes at evaluation time. The mask comes from the caller's generator, so a seeded run draws
/// the same masks.
public final class Dropout<T: BLASScalar>: @unchecked Sendable {
    public let rate: Double
    private let mask = Matrix<T>(rows: 0, columns: 0)

    public init(rate: Double) {
        precondition(rate >= 0 && rate < 1, "Dropout: rate \(rate) outside [0, 1)")
        self.rate = rate
    }

    /// x ← x ∗ mask in place (training), drawing a fresh mask.
    public func forward(_ x: Matrix<T>, generator: inout PCG64) {
        guard rate > 0 else { return }
        mask.reshape(rows: x.rows, columns: x.columns)
        let scale = T(1 / (1 - rate))
        let threshold = UInt64((rate * 0x1p53).rounded(.down))
        for i in 0..<x.count {
            let keep = (generator.next() >> 11) >= threshold
            mask.base[i] = keep ? scale : 0
            x.base[i] *= mask.base[i]
        }
    }

    /// dx ← dx ∗ mask in place.
    public func backward(_ gradient: Matrix<T>) {
        guard rate > 0 else { return }
        for i in 0..<gradient.count { gradient.base[i] *= mask.base[i] }
    }
}
