import Diagnostics
import Foundation
import Kernels
import Testing
import VocabularyModule
@testable import Embeddings

/// Training that starts from existing vectors: shared words take the given rows, the others the
/// usual random start, and the output layer is reused only for the very same vocabulary.
struct InitialVectorsTests {
    static func options(lr: Double? = nil) -> TrainingOptions {
        var options = TrainingOptions()
        options.dimension = 8
        options.window = 2
        options.minCount = 1
        options.sample = 0
        options.epochs = 1
        options.seed = 9
        options.learningRate = lr
        return options
    }

    static func maxDifference(_ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>, _ d: Int) -> Float {
        (0..<d).map { abs(a[$0] - b[$0]) }.max()!
    }

    @Test func aTinyLearningRateKeepsTheStartingVectors() throws {
        let corpus = try TrainingQualityTests.corpus(TrainingQualityTests.sentences(400, seed: 6))
        let first = try EmbeddingTrainer(options: Self.options(), corpus: corpus).train()
        let source = try WordVectors(words: first.vocabulary.tokens, vectors: first.input, outputVectors: first.output)
        let resumed = try EmbeddingTrainer(options: Self.options(lr: 1e-7), corpus: corpus, initial: InitialVectors(source)).train()
        #expect(resumed.initialized == InitialVectors.Applied(inputRows: corpus.vocabulary.count, output: true))
        for row in 0..<corpus.vocabulary.count {
            #expect(Self.maxDifference(resumed.input.row(row), first.input.row(row), 8) < 1e-4)
            #expect(Self.maxDifference(resumed.output.row(row), first.output.row(row), 8) < 1e-4)
        }
        let fresh = try EmbeddingTrainer(options: Self.options(lr: 1e-7), corpus: corpus).train()
        #expect(Self.maxDifference(fresh.input.row(0), first.input.row(0), 8) > 1e-3, "the initial rows made the difference")
    }

    @Test func otherWordsStartAsUsualAndAnotherVocabularyLeavesTheOutputAtZero() throws {
        let corpus = try TrainingQualityTests.corpus(TrainingQualityTests.sentences(400, seed: 6))
        let first = try EmbeddingTrainer(options: Self.options(), corpus: corpus).train()
        let keptWords = Array(first.vocabulary.tokens.dropLast())
        let kept = FloatMatrix(rows: keptWords.count, columns: 8)
        for row in 0..<keptWords.count { kept.row(row).update(from: first.input.row(row), count: 8) }
        let partial = try WordVectors(words: keptWords, vectors: kept, outputVectors: kept.copy())
        let options = Self.options(lr: 1e-7)
        let resumed = try EmbeddingTrainer(options: options, corpus: corpus, initial: InitialVectors(partial)).train()
        #expect(resumed.initialized == InitialVectors.Applied(inputRows: keptWords.count, output: false))
        let fresh = try EmbeddingTrainer(options: options, corpus: corpus).train()
        let last = corpus.vocabulary.count - 1
        #expect(Self.maxDifference(resumed.input.row(last), fresh.input.row(last), 8) < 1e-4, "the missing word starts at random")
        #expect(Self.maxDifference(resumed.input.row(0), first.input.row(0), 8) < 1e-4)
    }

    @Test func anotherDimensionIsAUsageError() throws {
        let corpus = try TrainingQualityTests.corpus(TrainingQualityTests.sentences(50, seed: 6))
        let source = try WordVectors(words: ["cat"], vectors: FloatMatrix(rows: 1, columns: 4))
        #expect {
            _ = try EmbeddingTrainer(options: Self.options(), corpus: corpus, initial: InitialVectors(source))
        } throws: { error in
            (error as? Failure)?.kind == .usage && "\(error)".contains("dimension 4")
        }
    }
}
