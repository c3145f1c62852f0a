import Diagnostics
import Foundation
import JSONCore
import Kernels
import Testing
@testable import Embeddings

/// `--deterministic` (the same vectors for any number of threads) and checkpoints (a resumed run
/// gives the same vectors as one never interrupted), on the animals-and-vehicles grammar of
/// `TrainingQualityTests`.
struct DeterminismAndCheckpointTests {
    typealias Quality = TrainingQualityTests

    static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "/nlpipe-\(name)-\(UInt64.random(in: 0...UInt64.max)).ckpt"
    }

    @Test(arguments: [(TrainingMethod.skipgram, TrainingLoss.ns), (.skipgram, .hs), (.cbow, .ns), (.cbow, .softmax)])
    func deterministicRunsAreTheSameForAnyThreadCountAndStillLearn(method: TrainingMethod, loss: TrainingLoss) throws {
        let corpus = try Quality.corpus(Quality.sentences(3000, seed: 5))
        var options = Quality.options(method, loss)
        options.deterministic = true
        options.sample = 1e-2
        var results: [TrainedEmbeddings] = []
        for threads in [1, 2, 3] {
            options.threads = threads
            results.append(try EmbeddingTrainer(options: options, corpus: corpus).train())
        }
        for other in results.dropFirst() {
            #expect(other.input == results[0].input, "\(method) \(loss)")
            #expect(other.output == results[0].output, "\(method) \(loss)")
            #expect(other.wordsTrained == results[0].wordsTrained)
        }
        #expect(Quality.groupedNeighbours(results[0]) == 12, "\(method) \(loss)")
        options.seed += 1
        #expect(try EmbeddingTrainer(options: options, corpus: corpus).train().input != results[0].input, "the seed matters")
    }

    @Test func deterministicIsAnotherAlgorithmThanHogwild() throws {
        // The deterministic mode is a different algorithm (shards, rounds), not Hogwild by another name.
        let corpus = try Quality.corpus(Quality.sentences(3000, seed: 5))
        var options = Quality.options(.skipgram, .ns)
        let hogwild = try EmbeddingTrainer(options: options, corpus: corpus).train()
        options.deterministic = true
        let deterministic = try EmbeddingTrainer(options: options, corpus: corpus).train()
        #expect(hogwild.input != deterministic.input)
    }

    /// Trains with checkpoints every `every` positions, then resumes from the last checkpoint
    /// written (with `resumeThreads`) and returns both results.
    static func interruptedAndResumed(_ options: TrainingOptions, every: Int?, resumeThreads: Int)
        throws -> (full: TrainedEmbeddings, resumed: TrainedEmbeddings, position: Int) {
        let corpus = try Quality.corpus(Quality.sentences(2000, seed: 9))
        let path = temporaryPath("resume")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let full = try EmbeddingTrainer(options: options, corpus: corpus)
            .train(checkpoints: CheckpointPlan(path: path, every: every))
        let checkpoint = try TrainingCheckpoint(contentsOf: path)
        var resumedOptions = options
        resumedOptions.threads = resumeThreads
        let resumed = try EmbeddingTrainer(options: resumedOptions, corpus: Quality.corpus(Quality.sentences(2000, seed: 9)),
                                           resuming: checkpoint).train()
        return (full, resumed, checkpoint.position)
    }

    @Test func oneThreadResumesMidEpochBitForBit() throws {
        var options = Quality.options(.skipgram, .ns)
        options.sample = 1e-2
        // 2,000 lines of 6 words and a line end: 14,000 positions per epoch; 5 epochs. The last
        // checkpoint is at 63,000, in the middle of epoch 5, with a sentence half read.
        let (full, resumed, position) = try Self.interruptedAndResumed(options, every: 21_000, resumeThreads: 1)
        #expect(position == 63_000)
        #expect(resumed.input == full.input)
        #expect(resumed.output == full.output)
        #expect(resumed.wordsTrained == full.wordsTrained)
        // The checkpoints did not change the run either.
        let plain = try EmbeddingTrainer(options: options, corpus: Quality.corpus(Quality.sentences(2000, seed: 9))).train()
        #expect(plain.input == full.input)
    }

    @Test func epochEndCheckpointsResumeWithHierarchicalSoftmaxAndCBOW() throws {
        var options = Quality.options(.cbow, .hs)
        options.epochs = 3
        let (full, resumed, position) = try Self.interruptedAndResumed(options, every: 28_000, resumeThreads: 1)
        #expect(position == 2 * 14_000, "the end of the second epoch")
        #expect(resumed.input == full.input)
        #expect(resumed.output == full.output)
    }

    @Test func deterministicRunsResumeWithAnotherThreadCount() throws {
        var options = Quality.options(.skipgram, .ns)
        options.deterministic = true
        options.threads = 3
        let (full, resumed, position) = try Self.interruptedAndResumed(options, every: 30_000, resumeThreads: 1)
        #expect(position >= 60_000 && position < 70_000)
        #expect(resumed.input == full.input)
        #expect(resumed.output == full.output)
    }

    @Test func conflictingSettingsAreUsageErrorsAndAnotherCorpusIsADataError() throws {
        let corpus = try Quality.corpus(Quality.sentences(2000, seed: 9))
        let path = Self.temporaryPath("conflict")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = Quality.options(.skipgram, .ns)
        options.epochs = 2
        _ = try EmbeddingTrainer(options: options, corpus: corpus).train(checkpoints: CheckpointPlan(path: path))
        let checkpoint = try TrainingCheckpoint(contentsOf: path)
        var other = options
        other.dimension = 8
        other.window = 4
        let usage = #expect(throws: Failure.self) { try EmbeddingTrainer(options: other, corpus: corpus, resuming: checkpoint) }
        #expect(usage?.kind == .usage)
        #expect(usage?.description.contains("--dim 16 (this run: 8)") == true, "\(usage?.description ?? "")")
        #expect(usage?.description.contains("--window 3 (this run: 4)") == true)
        other = options
        other.threads = 2
        #expect((#expect(throws: Failure.self) { try EmbeddingTrainer(options: other, corpus: corpus, resuming: checkpoint) })?.kind == .usage,
                "Hogwild runs resume with their thread count")
        let smaller = try Quality.corpus(Quality.sentences(1000, seed: 9))
        let data = #expect(throws: Failure.self) { try EmbeddingTrainer(options: options, corpus: smaller, resuming: checkpoint) }
        #expect(data?.kind == .badData)
    }

    /// A checkpoint from before `init_range` was recorded was written with word2vec.c's start
    /// (0.5): it resumes with `--init-range 0.5`, and the message names that value otherwise.
    @Test func checkpointsWithoutTheInitialRangeWereWrittenWithHalf() throws {
        var options = Quality.options(.skipgram, .ns)
        let stored = JSONValue.object((options.json.objectValue ?? []).filter { $0.key != "init_range" })
        #expect(TrainingCheckpoint.differences(stored: stored, options: options) == ["--init-range 0.5 (this run: 1.0)"])
        options.initRange = 0.5
        #expect(TrainingCheckpoint.differences(stored: stored, options: options).isEmpty)
        #expect(TrainingCheckpoint.differences(stored: options.json, options: options).isEmpty)
    }

    @Test func damagedAndOtherKindsOfFilesAreDataErrors() throws {
        let corpus = try Quality.corpus(Quality.sentences(500, seed: 9))
        let path = Self.temporaryPath("damaged")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var options = Quality.options(.skipgram, .ns)
        options.epochs = 1
        let trained = try EmbeddingTrainer(options: options, corpus: corpus).train(checkpoints: CheckpointPlan(path: path))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count - 100).write(to: URL(fileURLWithPath: path))
        let truncated = #expect(throws: (any Error).self) { try TrainingCheckpoint(contentsOf: path) }
        #expect((truncated as? any ClassifiedError)?.kind == .badData)
        try WordVectors(words: trained.vocabulary.tokens, counts: nil, vectors: trained.input, outputVectors: nil, config: nil)
            .write(to: path)
        let otherKind = #expect(throws: (any Error).self) { try TrainingCheckpoint(contentsOf: path) } as? any ClassifiedError
        #expect(otherKind?.kind == .badData)
        #expect(otherKind?.description.contains("embeddings-checkpoint") == true)
    }

    @Test func scheduleStopsAtEpochEndsCheckpointsAndRoundEnds() {
        let hogwild = TrainingSchedule(total: 100, epochs: 2, rounds: 1, checkpoints: true, checkpointEvery: 70)
        #expect(hogwild.points == [.init(position: 70, epochEnd: false, checkpoint: true),
                                   .init(position: 100, epochEnd: true, checkpoint: false),
                                   .init(position: 140, epochEnd: false, checkpoint: true),
                                   .init(position: 200, epochEnd: true, checkpoint: false)])
        let atEpochEnds = TrainingSchedule(total: 100, epochs: 2, rounds: 1, checkpoints: true, checkpointEvery: nil, start: 100)
        #expect(atEpochEnds.points == [.init(position: 200, epochEnd: true, checkpoint: true)])
        let rounds = TrainingSchedule(total: 100, epochs: 1, rounds: 4, checkpoints: true, checkpointEvery: 30)
        #expect(rounds.points.map(\.position) == [25, 50, 75, 100])
        #expect(rounds.points.map(\.checkpoint) == [false, true, true, true], "the first round end at or after 30, 60, 90")
        #expect(rounds.local(150, count: 10) == 15)
        #expect(rounds.local(75, count: 7) == 5)
    }
}
