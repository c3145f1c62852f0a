import Diagnostics
import JSONCore

/// Which vectors a GloVe run writes (Pennington et al. 2014, §4.2: W and W̃ are equivalent up to
/// their random start, and their sum W + W̃ usually scores a little better; Stanford's `-model`).
public enum GloVeVectorOutput: String, Sendable, CaseIterable {
    /// W, the word vectors (`-model 1`).
    case word
    /// W̃, the context vectors.
    case context
    /// W + W̃ (`-model 2`, the default).
    case sum
    /// [W, W̃] side by side: 2 × the dimension.
    case concat
}

/// The settings of a GloVe training run, with Stanford GloVe's defaults and meanings (`glove.c`:
/// `-x-max 100 -alpha 0.75 -eta 0.05`, vectors and biases uniform in [−0.5, 0.5)/d, AdaGrad
/// accumulators starting at 1) except for the dimension (100, as the course and word2vec use) and
/// the epochs (15).
public struct GloVeOptions: Sendable, Equatable {
    public var dimension = 100
    /// x_max: pairs seen this often or more get the full weight 1.
    public var xMax = 100.0
    /// α, the exponent of the weighting function below x_max.
    public var alpha = 0.75
    /// η, AdaGrad's learning rate.
    public var learningRate = 0.05
    public var epochs = 15
    public var threads = 1
    public var seed: UInt64 = 1
    /// Identical results for any thread count (see `GloVeTrainer`).
    public var deterministic = false
    public var vectors: GloVeVectorOutput = .sum
    /// Each component of a vector's gradient is clipped to ±this before the step (the later
    /// Stanford `glove.c`'s `grad_clip_value`, 100), which only matters when training diverges.
    public var gradientClip = 100.0
    public var cooccurrence = CooccurrenceOptions()

    public init() {}

    /// Throws `.usage` for settings that cannot train.
    public func validate() throws {
        func bad(_ message: String) -> Failure { Failure(.usage, message) }
        if dimension < 1 || dimension > 10_000 { throw bad("the dimension must be between 1 and 10000 (got \(dimension))") }
        if !(xMax > 0 && xMax.isFinite) { throw bad("--x-max must be positive (got \(xMax))") }
        if !(alpha >= 0 && alpha.isFinite) { throw bad("--alpha must be 0 or more (got \(alpha))") }
        if !(learningRate > 0 && learningRate.isFinite) { throw bad("the learning rate must be positive (got \(learningRate))") }
        if epochs < 1 { throw bad("the number of epochs must be at least 1 (got \(epochs))") }
        if threads < 1 { throw bad("the number of threads must be at least 1 (got \(threads))") }
        try cooccurrence.validate()
    }

    /// The configuration stored in a model file.
    public var json: JSONValue {
        [
            "method": "glove",
            "dim": JSONValue(dimension),
            "window": JSONValue(cooccurrence.window),
            "symmetric": .bool(cooccurrence.symmetric),
            "x_max": JSONValue(xMax),
            "alpha": JSONValue(alpha),
            "lr": JSONValue(learningRate),
            "epochs": JSONValue(epochs),
            "threads": JSONValue(threads),
            "seed": JSONValue(Int(truncatingIfNeeded: seed)),
            "deterministic": .bool(deterministic),
            "vectors": .string(vectors.rawValue),
        ]
    }
}
