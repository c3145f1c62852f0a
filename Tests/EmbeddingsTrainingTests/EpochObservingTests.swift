import Diagnostics
import Foundation
import Kernels
import Testing
import VocabularyModule
@testable import Embeddings

/// The trainer reports every epoch to its observer, with numbers that add up to the run's, and
/// stops cleanly when the observer throws.
struct EpochObservingTests {
    final class Recorder: EpochObserving {
        var summaries: [EpochSummary] = []
        var snapshots: [[Float]] = []
        var failAt: Int?
        func epochEnded(_ summary: EpochSummary, input: FloatMatrix, vocabulary: Vocabulary) throws {
            summaries.append(summary)
            snapshots.append(Array(input.buffer))
            if summary.epoch == failAt { throw Failure(.other, "stop") }
        }
    }

    static func options(threads: Int) -> TrainingOptions {
        var options = TrainingOptions()
        options.dimension = 8
        options.window = 2
        options.minCount = 1
        options.sample = 0
        options.epochs = 3
        options.threads = threads
        options.seed = 5
        return options
    }

    @Test(arguments: [1, 2])
    func everyEpochIsReportedOnceInOrder(threads: Int) throws {
        let corpus = try TrainingQualityTests.corpus(TrainingQualityTests.sentences(300, seed: 2))
        let recorder = Recorder()
        let trained = try EmbeddingTrainer(options: Self.options(threads: threads), corpus: corpus).train(observer: recorder)
        #expect(recorder.summaries.map(\.epoch) == [1, 2, 3])
        #expect(recorder.summaries.allSatisfy { $0.epochs == 3 && $0.words == corpus.trainingWordCount && $0.meanLoss > 0 })
        #expect(recorder.summaries.last?.totalWords == trained.wordsTrained)
        #expect(recorder.summaries.map(\.learningRate) == recorder.summaries.map(\.learningRate).sorted(by: >))
        #expect(recorder.snapshots.last == Array(trained.input.buffer), "the last epoch's vectors are the result")
        #expect(recorder.snapshots[0] != recorder.snapshots[1], "the vectors move between epochs")
    }

    @Test func observingDoesNotChangeASingleThreadedRun() throws {
        let corpus = try TrainingQualityTests.corpus(TrainingQualityTests.sentences(300, seed: 2))
        let plain = try EmbeddingTrainer(options: Self.options(threads: 1), corpus: corpus).train()
        let observed = try EmbeddingTrainer(options: Self.options(threads: 1), corpus: corpus).train(observer: Recorder())
        #expect(Array(plain.input.buffer) == Array(observed.input.buffer))
    }

    @Test(arguments: [1, 2])
    func anObserverErrorStopsTheRun(threads: Int) throws {
        let corpus = try TrainingQualityTests.corpus(TrainingQualityTests.sentences(300, seed: 2))
        let recorder = Recorder()
        recorder.failAt = 1
        #expect(throws: Failure(.other, "stop")) {
            _ = try EmbeddingTrainer(options: Self.options(threads: threads), corpus: corpus).train(observer: recorder)
        }
        #expect(recorder.summaries.count == 1)
    }
}
