import Decoding
import Neural

/// A `LanguageModel` seen as Decoding's `StepScorer`: each fed token advances the network one
/// step at batch 1 (every product a `gemv`) and yields log P(next | everything fed).
public struct LanguageModelScorer: StepScorer {
    public let model: LanguageModel

    public init(model: LanguageModel) {
        self.model = model
        model.network.resetState(batch: 1)
    }

    public var vocabularySize: Int { model.vocabulary.count }

    public mutating func reset() {
        model.network.resetState(batch: 1)
    }

    public mutating func feed(_ token: Int, logProbabilities: UnsafeMutableBufferPointer<Double>) {
        let logs = model.network.stepLogProbabilities([Int32(token)])
        let row = logs.row(0)
        for i in 0..<logProbabilities.count { logProbabilities[i] = Double(row[i]) }
    }
}
