import Kernels
import KernelsAVX2

/// The output layer: a dense layer to one score per vocabulary entry, the softmax, and the
/// cross-entropy with the target tokens.
///
/// ŷ = softmax(W·a + b) with W of V × H (shared with the embedding table when weights are tied,
/// Press & Wolf 2017: the gradient of both uses is then added into the same matrix), and
/// L = Σ_tokens −log ŷ[target]. The softmax is computed stably: the row maximum is subtracted
/// before exponentiating, and log ŷ_k = z_k − m − log Σ exp(z_j − m). Backward:
/// dL/dz = scale·(ŷ − onehot(target)), dW += dzᵀ·A, db += Σ dz, dA = dz·W.
/// O(tokens·V·H) in BLAS, O(tokens·V) elementwise.
public final class SoftmaxOutput<T: BLASScalar>: @unchecked Sendable {
    public let weight: Parameter<T>
    public let bias: Parameter<T>
    /// After `forward`: the probabilities ŷ (tokens × V); after `backward`: dL/dz.
    public let probabilities = Matrix<T>(rows: 0, columns: 0)
    /// dL/dA of the last backward pass (tokens × H).
    public let inputGradient = Matrix<T>(rows: 0, columns: 0)
    /// Threads for the layer's work, for use with OpenBLAS at one thread: the products split
    /// (`Products`), the softmax and dL/dz by rows, db by columns. The elementwise results do not
    /// depend on the count (each element's terms are the same, and the loss adds the rows' terms in
    /// row order); the split products may round differently from whole ones.
    public var threads = 1
    private let input = Matrix<T>(rows: 0, columns: 0)
    /// One row of exponentials per thread (log ŷ keeps z and needs Σ exp(z − m) on the side).
    private let scratch = Matrix<T>(rows: 0, columns: 0)
    /// Each row's −log ŷ[target] of the last pass with targets.
    private let rowLosses = Matrix<T>(rows: 0, columns: 0)
    private var targets: [Int32] = []
    private static var avx2: Bool { AVX2Kernels.isSupported }

    /// A new output layer, or one over `sharedWeight` (tied embeddings: the V × H table).
    public init(vocabularySize: Int, inputSize: Int, sharedWeight: Parameter<T>? = nil) {
        if let sharedWeight {
            precondition(sharedWeight.value.rows == vocabularySize && sharedWeight.value.columns == inputSize,
                         "SoftmaxOutput: tied weight \(sharedWeight.value.rows)×\(sharedWeight.value.columns)")
            weight = sharedWeight
        } else {
            weight = Parameter(name: "output.weight", rows: vocabularySize, columns: inputSize)
        }
        bias = Parameter(name: "output.bias", rows: 1, columns: vocabularySize)
    }

    /// An output layer over `other`'s weights, with gradients of its own unless
    /// `sharingGradients`; `tiedTable` is the copy's own view of the embedding table when the
    /// weights are tied.
    public init(sharingValuesOf other: SoftmaxOutput<T>, tiedTable: Parameter<T>?, sharingGradients: Bool = false) {
        if let tiedTable {
            precondition(tiedTable.value === other.weight.value, "SoftmaxOutput: the tied table is not the shared weight")
            weight = tiedTable
        } else {
            weight = Parameter(sharingValueOf: other.weight, sharingGradient: sharingGradients)
        }
        bias = Parameter(sharingValueOf: other.bias, sharingGradient: sharingGradients)
    }

    public var vocabularySize: Int { weight.value.rows }
    public var inputSize: Int { weight.value.columns }

    /// z = A·Wᵀ + b into `probabilities`, then each row turned into log ŷ (`logarithms`) or ŷ in
    /// place (for Float in three vector passes, `SoftmaxKernels`), the rows split among `threads`. With `targets`, returns
    /// Σ −log ŷ[target] computed as log Σ exp(z − m) − (z_target − m), never from a rounded ŷ, so
    /// it stays finite; the rows' terms are added in row order.
    @discardableResult
    func scores(_ a: Matrix<T>, logarithms: Bool, targets: [Int32]? = nil) -> T {
        let v = vocabularySize, n = a.rows
        probabilities.reshape(rows: n, columns: v)
        Products.multiply(a.base, lda: inputSize, weight.value.base, ldb: inputSize, transposeB: true,
                          m: n, n: v, k: inputSize, into: probabilities.base, ldc: v, threads: threads)
        let chunks = max(1, min(threads, n / 8))
        if logarithms { scratch.reshape(rows: chunks, columns: v) }
        rowLosses.reshape(rows: 1, columns: n)
        concurrently(chunks) { c in
            self.normalize(rows: (c * n / chunks)..<((c + 1) * n / chunks), targets: targets,
                           scratch: logarithms ? self.scratch.row(c) : nil)
        }
        guard targets != nil else { return 0 }
        var loss: T = 0
        for r in 0..<n { loss += rowLosses.base[r] }
        return loss
    }

    /// `normalize(row:target:scratch:)` for each of `rows`, their terms into `rowLosses`.
    private func normalize(rows: Range<Int>, targets: [Int32]?, scratch: UnsafeMutablePointer<T>?) {
        for r in rows {
            rowLosses.base[r] = normalize(row: r, target: targets.map { Int($0[r]) }, scratch: scratch)
        }
    }

    /// Row r of `probabilities` from z to log ŷ (given `scratch`, a row of work space) or ŷ;
    /// returns log Σ exp(z − m) − (z_target − m).
    private func normalize(row r: Int, target: Int?, scratch: UnsafeMutablePointer<T>?) -> T {
        let v = vocabularySize, b = bias.value.base
        let z = probabilities.row(r)
        if T.self == Float.self {
            // The same arithmetic as below, in lanes (SoftmaxKernels), AVX2's copy where cpuid allows.
            func float(_ p: UnsafePointer<T>) -> UnsafeMutablePointer<Float> {
                UnsafeMutableRawPointer(mutating: p).assumingMemoryBound(to: Float.self)
            }
            let work = scratch.map { float($0) }
            let loss = Self.avx2 ? AVX2Kernels.softmaxRow(float(z), bias: float(b), count: v, target: target, scratch: work)
                : SoftmaxKernels.normalizeRow(float(z), bias: float(b), count: v, target: target, scratch: work)
            return T(loss)
        }
        for j in 0..<v { z[j] += b[j] }
        let maximum = T.maximum(z, count: v)
        for j in 0..<v { z[j] -= maximum }
        let shifted = target.map { z[$0] } ?? 0
        if let scratch {
            // log ŷ = (z − m) − log Σ exp(z − m); the exponentials go to scratch space.
            scratch.update(from: z, count: v)
            T.exp(scratch, count: v)
            let shift = T.log(T.sum(scratch, count: v))
            for j in 0..<v { z[j] -= shift }
            return shift - shifted
        }
        T.exp(z, count: v)
        let total = T.sum(z, count: v)
        let inverse = 1 / total
        for j in 0..<v { z[j] *= inverse }
        return T.log(total) - shifted
    }

    /// The summed cross-entropy Σ −log ŷ[target] of the rows of `a` (tokens × H) against
    /// `targets`, keeping ŷ for `backward`.
    public func forward(_ a: Matrix<T>, targets: [Int32]) -> T {
        precondition(a.rows == targets.count && a.columns == inputSize, "SoftmaxOutput: input \(a.rows)×\(a.columns)")
        input.copy(from: a)
        self.targets = targets
        return scores(a, logarithms: false, targets: targets)
    }

    /// The log-probabilities log ŷ of every row of `a` (tokens × V), for scoring and sampling.
    public func logProbabilities(_ a: Matrix<T>) -> Matrix<T> {
        scores(a, logarithms: true)
        return probabilities
    }

    /// Backward of `scale`·L for the last forward pass: adds to dW and db, returns dL/dA.
    @discardableResult
    public func backward(scale: T) -> Matrix<T> { backward(scale: scale, deferring: nil) }

    /// `backward(scale:)`, with dW and db left to `work` (in blocks of vocabulary rows) when
    /// given: dL/dA is computed first, since backpropagation needs it next.
    func backward(scale: T, deferring work: DeferredWork?) -> Matrix<T> {
        let v = vocabularySize, n = targets.count, k = inputSize
        let chunks = max(1, min(threads, n / 8))
        concurrently(chunks) { c in
            for r in (c * n / chunks)..<((c + 1) * n / chunks) {
                let dz = self.probabilities.row(r)
                dz[Int(self.targets[r])] -= 1
                T.scale(dz, by: scale, count: v)
            }
        }
        inputGradient.reshape(rows: n, columns: k)
        Products.multiply(probabilities.base, lda: v, weight.value.base, ldb: k,
                          m: n, n: k, k: v, into: inputGradient.base, ldc: k, threads: threads)
        if let work {
            let blocks = max(1, min(8, v / 256))
            for c in 0..<blocks {
                work.add { self.addWeightGradients(rows: (c * v / blocks)..<((c + 1) * v / blocks), threads: 1) }
            }
        } else {
            addWeightGradients(rows: 0..<v, threads: threads)
        }
        return inputGradient
    }

    /// dW[rows] += dz[:, rows]ᵀ·A and db[rows] += Σ over the tokens of dz[:, rows], each entry of
    /// db summed in token order (columns split among `threads`).
    private func addWeightGradients(rows: Range<Int>, threads: Int) {
        let v = vocabularySize, n = targets.count, k = inputSize
        Products.multiply(probabilities.base + rows.lowerBound, lda: v, transposeA: true, input.base, ldb: k,
                          m: rows.count, n: k, k: n, into: weight.gradient.base + rows.lowerBound * k, ldc: k,
                          accumulate: true, threads: threads)
        let parts = max(1, min(threads, rows.count / 64))
        concurrently(parts) { c in
            let lower = rows.lowerBound + c * rows.count / parts, upper = rows.lowerBound + (c + 1) * rows.count / parts
            for r in 0..<n {
                T.axpy(1, self.probabilities.row(r) + lower, self.bias.gradient.base + lower, count: upper - lower)
            }
        }
    }
}
