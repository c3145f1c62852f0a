import Foundation
import JSONCore
import LanguageModels
import ModelArchive
import Neural
import Testing
import VocabularyModule
import _TestSupport

/// Collects what the trainer reports; can stop the run (as an interruption would) after a checkpoint.
final class Recorder: LMTrainingObserver {
    var reports: [EpochReport] = []
    var checkpoints: [[UInt8]] = []
    var stopAfterCheckpoints: Int?
    struct Interrupted: Error {}

    func batchEnded(epoch: Int, batch: Int, batches: Int, meanLoss: Double, tokensPerSecond: Double, learningRate: Double) {}
    func epochEnded(_ report: EpochReport) throws { reports.append(report) }
    func saveModel(_ model: LanguageModel) throws {}
    func saveCheckpoint(_ trainer: LanguageModelTrainer) throws {
        checkpoints.append(try trainer.checkpoint().serialized())
        if let stop = stopAfterCheckpoints, checkpoints.count >= stop { throw Interrupted() }
    }
}

@Suite struct TrainingTests {
    static let sentences = Array(repeating: ["the", "cat", "sat", "on", "the", "mat"], count: 40)
        + Array(repeating: ["a", "dog", "ran"], count: 40)

    func trainer(level: ModelLevel = .word, sequences: [[String]] = sentences, dev: [[String]]? = nil,
                 configure: (inout LMTrainingOptions) -> Void) throws
        -> LanguageModelTrainer {
        var options = LMTrainingOptions()
        options.level = level
        options.network.cell = .lstm
        options.network.layers = 1
        options.network.hiddenSize = 24
        options.network.embedSize = 24
        options.batch = 4
        options.bptt = 8
        options.optimizer = .adam
        options.learningRate = 0.01
        options.clip = 5
        configure(&options)
        let vocabulary = try LMVocabularyBuilding.build(sequences, level: level, minCount: 1, maxSize: nil)
        options.network.vocabularySize = vocabulary.count
        let model = try LanguageModel(vocabulary: vocabulary, level: level, network: options.network, trainingConfig: options.json)
        return try LanguageModelTrainer(model: model, options: options, train: try TokenStream(sequences: sequences, model: model),
                                        dev: try dev.map { try TokenStream(sequences: $0, model: model) })
    }

    /// A tiny model learns a tiny deterministic corpus almost perfectly: every token is fixed by
    /// the two before it, so the training loss can go to zero.
    @Test(arguments: CellKind.allCases)
    func tinyModelOverfitsTinyCorpus(cell: CellKind) throws {
        let t = try trainer { $0.network.cell = cell; $0.epochs = 40 }
        let recorder = Recorder()
        try t.run(observer: recorder)
        let first = recorder.reports.first!.trainLoss, last = recorder.reports.last!.trainLoss
        #expect(first > 1.0)
        #expect(last < 0.05, "\(cell): final training loss \(last) nats/token")
        let (loss, count) = t.model.evaluate(t.train, batch: 1, bptt: 50)
        #expect(loss / Double(count) < 0.05)
    }

    /// Evaluation cuts a stream into at most `batch` segments plus a batch-1 remainder: whatever
    /// the cut, every prediction is made exactly once. A remainder after fewer segments than
    /// `batch` starts right after the last segment (it once started at length × batch, past the
    /// end of a short stream), so its terms are those of one sequence over the same ids.
    @Test func evaluationPredictsEveryTokenOnceWhateverTheCut() throws {
        let t = try trainer { $0.epochs = 1 }
        try t.run(observer: Recorder())
        let ids = Array(t.train.ids.prefix(104))          // 103 predictions: 5 segments of 20 and 3 left
        let stream = TokenStream(ids: ids)
        let (cutLoss, cutCount) = t.model.evaluate(stream, batch: 20, bptt: 20)
        #expect(cutCount == 103)
        #expect(cutLoss.isFinite && cutLoss > 0)
        // The remainder alone, scored as its own stream from a zero state, is the cut's last part.
        let segmentsOnly = t.model.evaluate(TokenStream(ids: Array(ids.prefix(101))), batch: 20, bptt: 20)
        let remainder = t.model.evaluate(TokenStream(ids: Array(ids.suffix(4))), batch: 1, bptt: 20)
        #expect(abs(cutLoss - (segmentsOnly.loss + remainder.loss)) < 1e-9 * cutLoss)
    }

    /// At word level the softmax outweighs the layers, so batches are not split into shards: the
    /// network splits its own passes among the threads (products, softmax rows, weight gradients
    /// on a helper thread). Two runs with 2 threads train the same model bit for bit, and its loss
    /// follows the one-thread run's up to rounding.
    @Test func unshardedTrainingRepeatsForAThreadCount() throws {
        var state: UInt64 = 7
        func nextWord() -> String {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return "w\((state >> 33) % 2000)"
        }
        let sequences = (0..<600).map { _ in (0..<20).map { _ in nextWord() } }
        func trained(threads: Int) throws -> (parameters: [[Float]], loss: Double) {
            let t = try trainer(sequences: sequences) {
                $0.network.hiddenSize = 64
                $0.network.embedSize = 64
                $0.batch = 20
                $0.bptt = 10
                $0.optimizer = .sgd
                $0.learningRate = 1
                $0.epochs = 1
            }
            #expect(!DataParallel<Float>.suits(t.model.network.configuration))
            t.threads = threads
            let recorder = Recorder()
            try t.run(observer: recorder)
            return (t.model.network.parameters.map { $0.value.toArray() }, recorder.reports.last!.trainLoss)
        }
        let one = try trained(threads: 1), two = try trained(threads: 2), again = try trained(threads: 2)
        #expect(two.parameters == again.parameters)
        #expect(abs(two.loss - one.loss) < 1e-4 * one.loss, "\(two.loss) vs \(one.loss)")
    }

    /// Interrupted mid-epoch after a checkpoint and resumed from it, a run (Adam, dropout, two
    /// layers) ends with exactly the parameters of the uninterrupted run with the same thread
    /// count; with 3 threads the batch of 4 sequences is split unevenly (1, 1, 2) and the
    /// checkpoint must hold every shard's carried state.
    @Test(arguments: [1, 3])
    func resumeEqualsUninterruptedRun(threads: Int) throws {
        func configure(_ o: inout LMTrainingOptions) {
            o.network.layers = 2
            o.network.dropout = 0.2
            o.network.cell = .gru
            o.epochs = 3
            o.checkpointEvery = 3
            o.biasLearningRateScale = 2   // resumed from the checkpoint, or the runs part
        }
        let whole = try trainer(configure: configure)
        whole.threads = threads
        try whole.run(observer: Recorder())
        let expected = whole.model.network.parameters.map { $0.value.toArray() }

        let first = try trainer(configure: configure)
        first.threads = threads
        let recorder = Recorder()
        // 14 batches per epoch: checkpoints after batches 3, 6, 9, 12, the end of epoch 1, batch 3 of epoch 2.
        recorder.stopAfterCheckpoints = 6
        #expect(throws: Recorder.Interrupted.self) { try first.run(observer: recorder) }
        let reader = try ArchiveReader(bytes: recorder.checkpoints.last!, name: "checkpoint")
        let model = try LanguageModelTrainer.model(inCheckpoint: reader)
        let resumed = try LanguageModelTrainer(resuming: reader, model: model,
                                               train: try TokenStream(sequences: Self.sentences, model: model), dev: nil, epochs: nil)
        #expect(resumed.position.epoch == 2 && resumed.position.batch == 3)
        resumed.threads = threads
        try resumed.run(observer: Recorder())
        let actual = resumed.model.network.parameters.map { $0.value.toArray() }
        #expect(actual == expected)
    }

    /// Several threads split each batch's sequences: two runs with the same count end with the
    /// same bytes, and without dropout (so the only difference is the order of the gradient sums)
    /// the losses stay within 1e-4 of the one-thread run's.
    @Test func threadsRepeatExactlyAndAgreeWithOneThread() throws {
        func run(_ threads: Int) throws -> (parameters: [[Float]], losses: [Double]) {
            let t = try trainer { $0.epochs = 3; $0.network.layers = 2 }
            t.threads = threads
            let recorder = Recorder()
            try t.run(observer: recorder)
            return (t.model.network.parameters.map { $0.value.toArray() }, recorder.reports.map(\.trainLoss))
        }
        let one = try run(1), two = try run(2), again = try run(2)
        #expect(two.parameters == again.parameters)
        #expect(two.parameters != one.parameters)
        for (a, b) in zip(one.losses, two.losses) {
            #expect(abs(a - b) < 1e-4 * a, "one thread \(a), two \(b)")
        }
    }

    /// A time limit stops the run at the first batch boundary where the training time reaches it,
    /// inside an epoch too: that part of the epoch is evaluated and reported, and the checkpoint
    /// written there continues (without the limit) to exactly the uninterrupted run's parameters.
    /// The clock is a fake one that moves 1 s per reading, so the stop is deterministic: the
    /// trainer reads it at the start of an epoch, after every batch, and at the end of the loop.
    @Test func timeLimitStopsAtABatchBoundaryAndTheCheckpointResumesExactly() throws {
        let dev = [["the", "dog", "sat", "on", "the", "mat"], ["a", "cat", "ran"]]
        func configure(_ o: inout LMTrainingOptions) { o.epochs = 2; o.checkpointEvery = 100 }
        let whole = try trainer(dev: dev, configure: configure)
        try whole.run(observer: Recorder())
        let expected = whole.model.network.parameters.map { $0.value.toArray() }
        #expect(whole.batchesPerEpoch == 14)

        /// A run under `limit` on a clock that moves 1 s per reading.
        func limitedRun(_ limit: Double) throws -> (LanguageModelTrainer, Recorder) {
            let t = try trainer(dev: dev, configure: configure)
            var ticks = 0.0
            t.clock = { ticks += 1; return ticks }
            t.timeLimit = limit
            let recorder = Recorder()
            try t.run(observer: recorder)
            return (t, recorder)
        }
        // 14 s of training in epoch 1, then 6 batches of epoch 2 reach 20 >= 19.5.
        let (limited, recorder) = try limitedRun(19.5)
        #expect(recorder.reports.count == 2)
        let first = recorder.reports[0], last = recorder.reports[1]
        #expect(first.batches == 14 && !first.timeLimitReached && first.totalSeconds == 14)
        #expect(last.epoch == 2 && last.batches == 6 && last.batchesPerEpoch == 14 && last.timeLimitReached)
        #expect(last.totalSeconds == 20 && last.seconds == 7)
        #expect(last.totalTokens == first.totalTokens + 6 * 4 * 8)
        #expect(first.cpuSeconds > 0 && abs(last.totalCPUSeconds - (first.cpuSeconds + last.cpuSeconds)) < 1e-9)
        #expect(limited.position.epoch == 2 && limited.position.batch == 6)
        let (devLoss, devCount) = limited.model.evaluate(try TokenStream(sequences: dev, model: limited.model), batch: 4, bptt: 8)
        #expect(last.validLoss == devLoss / Double(devCount))

        // Checkpoints: the end of epoch 1, then the stop.
        #expect(recorder.checkpoints.count == 2)
        let reader = try ArchiveReader(bytes: recorder.checkpoints[1], name: "checkpoint")
        let model = try LanguageModelTrainer.model(inCheckpoint: reader)
        let resumed = try LanguageModelTrainer(resuming: reader, model: model,
                                               train: try TokenStream(sequences: Self.sentences, model: model), dev: nil, epochs: nil)
        #expect(resumed.position.epoch == 2 && resumed.position.batch == 6 && resumed.position.trainingSeconds == 20)
        try resumed.run(observer: Recorder())
        #expect(resumed.model.network.parameters.map { $0.value.toArray() } == expected)

        // Reached on an epoch's last batch, the limit ends the run after that epoch's usual end.
        let (atEpochEnd, recorder2) = try limitedRun(14)
        #expect(recorder2.reports.count == 1 && recorder2.reports[0].batches == 14 && recorder2.reports[0].timeLimitReached)
        #expect(atEpochEnd.position.epoch == 2 && atEpochEnd.position.batch == 0)
    }

    /// A checkpoint records --bias-lr-scale; one written before the option existed (no
    /// `bias_lr_scale` in its `training` metadata) resumes with every parameter at the one rate.
    @Test func checkpointsRecordTheBiasRateAndOldOnesResumeAtOneRate() throws {
        let t = try trainer { $0.biasLearningRateScale = 2 }
        func resumed(_ writer: ArchiveWriter) throws -> LanguageModelTrainer {
            let reader = try ArchiveReader(bytes: try writer.serialized(), name: "checkpoint")
            let model = try LanguageModelTrainer.model(inCheckpoint: reader)
            return try LanguageModelTrainer(resuming: reader, model: model, train: try TokenStream(sequences: Self.sentences, model: model),
                                            dev: nil, epochs: nil)
        }
        var writer = try t.checkpoint()
        #expect(try resumed(writer).options.biasLearningRateScale == 2)
        var old = t.options.json
        if case .object(let fields) = old { old = .object(fields.filter { $0.key != "bias_lr_scale" }) }
        #expect(old["bias_lr_scale"] == nil)
        writer.metadata["training"] = old.jsonText
        #expect(try resumed(writer).options.biasLearningRateScale == 1)
    }

    /// A checkpoint refuses other data.
    @Test func resumeRefusesOtherData() throws {
        let t = try trainer { $0.epochs = 1; $0.checkpointEvery = 1 }
        let recorder = Recorder()
        recorder.stopAfterCheckpoints = 1
        #expect(throws: Recorder.Interrupted.self) { try t.run(observer: recorder) }
        let reader = try ArchiveReader(bytes: recorder.checkpoints[0], name: "checkpoint")
        let model = try LanguageModelTrainer.model(inCheckpoint: reader)
        let other = try TokenStream(sequences: Array(Self.sentences.reversed()), model: model)
        #expect(throws: (any Error).self) {
            _ = try LanguageModelTrainer(resuming: reader, model: model, train: other, dev: nil, epochs: nil)
        }
    }

    /// The per-token log-probabilities of a sequence sum to minus the evaluation loss of the same
    /// sequence read as a stream at batch 1, the quantity training minimises.
    @Test func tokenLogProbabilitiesAgreeWithTheLoss() throws {
        let t = try trainer { $0.epochs = 2 }
        try t.run(observer: Recorder())
        let sequence = ["the", "dog", "sat", "on", "a", "mat"]
        let ids = try t.model.encode(sequence)
        let logs = t.model.tokenLogProbabilities(ids)
        #expect(logs.count == sequence.count + 1)
        let (loss, count) = t.model.evaluate(try TokenStream(sequences: [sequence], model: t.model), batch: 1, bptt: 20)
        #expect(count == logs.count)
        #expect(abs(-logs.reduce(0, +) - loss) < 1e-4 * loss)
    }

    /// A corpus shorter than one window is refused with a message naming both sizes.
    @Test func corpusShorterThanOneWindow() throws {
        #expect(throws: (any Error).self) { _ = try trainer(sequences: [["a", "b"]]) { $0.batch = 20; $0.bptt = 20 } }
    }

    /// The `lm` file round-trips; other kinds are refused.
    @Test func archiveRoundTrip() throws {
        let t = try trainer { $0.epochs = 1; $0.network.tied = true }
        try t.run(observer: Recorder())
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("model.nlpipe")
        try t.model.write(to: path)
        let loaded = try LanguageModel(contentsOf: path)
        #expect(loaded.vocabulary == t.model.vocabulary)
        #expect(loaded.network.configuration == t.model.network.configuration)
        #expect(loaded.network.parameters.map { $0.value.toArray() } == t.model.network.parameters.map { $0.value.toArray() })
        let vocabularyPath = directory.path("vocab.nlpipe")
        try t.model.vocabulary.write(to: vocabularyPath)
        #expect(throws: (any Error).self) { _ = try LanguageModel(contentsOf: vocabularyPath) }
    }
}
