import Diagnostics
import JSONCore
import Kernels
import Neural
import VocabularyModule

/// A trained (or training) recurrent language model: the network, its vocabulary, its level and
/// the configuration it was trained with. Sequences are scored and generated between two
/// boundary tokens (`ModelLevel.boundary`): P(w₁…wₙ) = Π P(wᵢ | boundary, w₁…wᵢ₋₁) ·
/// P(boundary | w₁…wₙ), the course's sentence probability with </s> ending the sentence.
public final class LanguageModel: @unchecked Sendable {
    public let vocabulary: Vocabulary
    public let level: ModelLevel
    public let network: RecurrentNetwork<Float>
    /// The id of the token between sequences.
    public let boundaryID: Int
    /// The training configuration (stored in the model file).
    public var trainingConfig: JSONValue

    public init(vocabulary: Vocabulary, level: ModelLevel, network: NetworkConfiguration, trainingConfig: JSONValue = .null) throws {
        guard let boundary = vocabulary.id(of: level.boundary) ?? vocabulary.unknownID else {
            throw Failure(.badData, "the vocabulary has neither the boundary token \(level == .char ? "'\\n'" : "'</s>'") nor an unknown token")
        }
        precondition(network.vocabularySize == vocabulary.count, "LanguageModel: network and vocabulary sizes differ")
        self.vocabulary = vocabulary
        self.level = level
        self.network = RecurrentNetwork(network)
        boundaryID = boundary
        self.trainingConfig = trainingConfig
    }

    /// The ids of `tokens`; a token outside the vocabulary becomes `<unk>` (or fails with
    /// `.badData` naming it when the vocabulary has no unknown token).
    public func encode(_ tokens: [String]) throws -> [Int32] {
        try vocabulary.encode(tokens).map { Int32($0) }
    }

    /// log P of every token of `tokens` and of the closing boundary, each given everything before
    /// it, from the boundary token and a zero state (one pass at batch 1). n + 1 values.
    public func tokenLogProbabilities(_ ids: [Int32]) -> [Double] {
        let boundary = Int32(boundaryID)
        let inputs = [boundary] + ids
        let targets = ids + [boundary]
        network.resetState(batch: 1)
        return network.targetLogProbabilities(inputs: inputs, targets: targets, steps: inputs.count, batch: 1)
    }
}
