import Kernels
import VocabularyModule

/// What the trainer knows when an epoch ends.
public struct EpochSummary: Sendable, Equatable {
    /// The epoch that ended, counted from 1.
    public let epoch: Int
    /// Epochs in the run.
    public let epochs: Int
    /// Words visited (before subsampling) in this epoch.
    public let words: Int
    /// Words visited over the run so far.
    public let totalWords: Int
    /// Seconds this epoch took (not counting the observer's work at the end of earlier epochs).
    public let seconds: Double
    /// The mean loss per training example in this epoch.
    public let meanLoss: Double
    /// The learning rate the workers had reached (their mean).
    public let learningRate: Double

    public init(epoch: Int, epochs: Int, words: Int, totalWords: Int, seconds: Double, meanLoss: Double,
                learningRate: Double) {
        self.epoch = epoch
        self.epochs = epochs
        self.words = words
        self.totalWords = totalWords
        self.seconds = seconds
        self.meanLoss = meanLoss
        self.learningRate = learningRate
    }
}

/// Receives the end of every epoch from `EmbeddingTrainer.train`, on the calling thread, while
/// the workers wait: `input` (the input vectors, one row per word of `vocabulary`) holds still
/// during the call and must not be kept or changed; copy it to evaluate it. An error thrown here
/// stops the training and is rethrown by `train`.
public protocol EpochObserving: AnyObject {
    func epochEnded(_ summary: EpochSummary, input: FloatMatrix, vocabulary: Vocabulary) throws
}
