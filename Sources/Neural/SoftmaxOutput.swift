import Kernels

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
    private let input = Matrix<T>(rows: 0, columns: 0)
    private let scratch = Matrix<T>(rows: 0, columns: 0)
    private var targets: [Int32] = []

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
    /// place (one vector exp pass per row). With `targets`, returns Σ −log ŷ[target] computed as
    /// log Σ exp(z − m) − (z_target − m), never from a rounded ŷ, so it stays finite.
    @discardableResult
    func scores(_ a: Matrix<T>, logarithms: Bool, targets: [Int32]? = nil) -> T {
        let v = vocabularySize
        probabilities.reshape(rows: a.rows, columns: v)
        Products.multiply(a.base, lda: inputSize, weight.value.base, ldb: inputSize, transposeB: true,
                          m: a.rows, n: v, k: inputSize, into: probabilities.base, ldc: v)
        let b = bias.value.base
        var loss: T = 0
        for r in 0..<a.rows {
            let z = probabilities.row(r)
            for j in 0..<v { z[j] += b[j] }
            let maximum = T.maximum(z, count: v)
            for j in 0..<v { z[j] -= maximum }
            let target = targets.map { z[Int($0[r])] } ?? 0
            if logarithms {
                // log ŷ = (z − m) − log Σ exp(z − m); the exponentials go to scratch space.
                scratch.reshape(rows: 1, columns: v)
                scratch.base.update(from: z, count: v)
                T.exp(scratch.base, count: v)
                let shift = T.log(T.sum(scratch.base, count: v))
                for j in 0..<v { z[j] -= shift }
                loss += shift - target
            } else {
                T.exp(z, count: v)
                let total = T.sum(z, count: v)
                let inverse = 1 / total
                for j in 0..<v { z[j] *= inverse }
                loss += T.log(total) - target
            }
        }
        return loss
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
    public func backward(scale: T) -> Matrix<T> {
        let v = vocabularySize, n = targets.count, k = inputSize
        for r in 0..<n { probabilities.row(r)[Int(targets[r])] -= 1 }
        T.scale(probabilities.base, by: scale, count: n * v)
        Products.multiply(probabilities.base, lda: v, transposeA: true, input.base, ldb: k,
                          m: v, n: k, k: n, into: weight.gradient.base, ldc: k, accumulate: true)
        probabilities.addRowSums(into: bias.gradient.base)
        inputGradient.reshape(rows: n, columns: k)
        Products.multiply(probabilities.base, lda: v, weight.value.base, ldb: k,
                          m: n, n: k, k: v, into: inputGradient.base, ldc: k)
        return inputGradient
    }
}
