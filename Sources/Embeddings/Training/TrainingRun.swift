import Diagnostics
import Foundation
import Kernels
import Randomness

/// Where and how often `EmbeddingTrainer.train` writes a `TrainingCheckpoint`.
public struct CheckpointPlan: Sendable, Equatable {
    /// The checkpoint file, replaced atomically each time.
    public var path: String
    /// Every this many corpus positions (spooled tokens and line ends, over all epochs); nil: at
    /// the end of every epoch. With `--deterministic`, at the first round end from there on.
    public var every: Int?

    public init(path: String, every: Int? = nil) {
        self.path = path
        self.every = every
    }
}

/// Per-worker progress slots, each on its own 128-byte line so that workers publishing their
/// progress never share a cache line (no false sharing).
final class ProgressSlots: @unchecked Sendable {
    static let stride = 128
    let raw: UnsafeMutableRawPointer
    let count: Int

    init(count: Int, learningRate: Double) {
        self.count = count
        raw = .allocate(byteCount: max(1, count) * Self.stride, alignment: Self.stride)
        for t in 0..<count {
            (raw + t * Self.stride).initializeMemory(as: WorkerProgress.self,
                                                       repeating: WorkerProgress(learningRate: learningRate), count: 1)
        }
    }

    deinit { raw.deallocate() }

    subscript(_ t: Int) -> UnsafeMutablePointer<WorkerProgress> {
        (raw + t * Self.stride).assumingMemoryBound(to: WorkerProgress.self)
    }
}

/// What the drivers (`HogwildTraining`, `DeterministicTraining`) share: the matrices, the workers
/// (one per thread, or one per shard), the schedule of sync points, and what happens at a sync
/// point (the epoch summary and observer, the checkpoint). Used by the coordinating thread only,
/// except for the workers and progress slots.
final class TrainingRun: @unchecked Sendable {
    let options: TrainingOptions
    let corpus: TrainingCorpus
    let input: FloatMatrix
    let output: FloatMatrix
    let factory: WorkerFactory
    let reporter: any Diagnostics.ProgressReporting
    let observer: (any EpochObserving)?
    let checkpoints: CheckpointPlan?
    let resumedCheckpoint: TrainingCheckpoint?
    let schedule: TrainingSchedule
    /// Contiguous shares of the spool, one per worker.
    let ranges: [Range<Int>]
    let slots: ProgressSlots
    var workers: [WorkerHandle] = []
    /// The progress at the start of the current epoch (for its summary).
    var epochStart: WorkerProgress
    /// Words visited before this process started (a resumed run's).
    let startWords: Int
    var trainingSeconds = 0.0
    /// Training seconds of the current epoch so far.
    var epochSeconds = 0.0
    var periodStart = Clocks.monotonic()
    var lastReport = Clocks.monotonic()

    init(options: TrainingOptions, corpus: TrainingCorpus, input: FloatMatrix, output: FloatMatrix, factory: WorkerFactory,
         reporter: any Diagnostics.ProgressReporting, observer: (any EpochObserving)?, checkpoints: CheckpointPlan?,
         resumed: TrainingCheckpoint?) {
        self.options = options
        self.corpus = corpus
        self.input = input
        self.output = output
        self.factory = factory
        self.reporter = reporter
        self.observer = observer
        self.checkpoints = checkpoints
        self.resumedCheckpoint = resumed
        let total = corpus.spool.count
        let shares = options.deterministic ? TrainingOptions.deterministicShards : options.threads
        ranges = (0..<shares).map { (total * $0 / shares)..<(total * ($0 + 1) / shares) }
        schedule = TrainingSchedule(total: total, epochs: options.epochs,
                                    rounds: options.deterministic ? DeterministicTraining.rounds(total: total) : 1,
                                    checkpoints: checkpoints != nil, checkpointEvery: checkpoints?.every,
                                    start: resumed?.position ?? 0)
        slots = ProgressSlots(count: shares, learningRate: options.startLearningRate)
        epochStart = resumed?.epochStart ?? WorkerProgress()
        startWords = resumed?.states.reduce(0) { $0 + $1.progress.words } ?? 0
    }

    /// The random stream of worker or shard `t`: PCG64 from SeedSequence(seed, spawn key [t]).
    func random(_ t: Int) -> PCG64 {
        PCG64(seedSequence: SeedSequence(options.seed, spawnKey: [UInt32(t)]))
    }

    /// Restores the workers' states from a checkpoint.
    func restore(_ checkpoint: TrainingCheckpoint?) {
        guard let checkpoint else { return }
        for (worker, state) in zip(workers, checkpoint.states) { worker.restore(state) }
    }

    /// The sum of the workers' published progress (their mean learning rate).
    func snapshot() -> WorkerProgress {
        var sum = WorkerProgress()
        for t in 0..<slots.count {
            let p = slots[t].pointee
            sum.words += p.words
            sum.examples += p.examples
            sum.loss += p.loss
            sum.learningRate += p.learningRate / Double(slots.count)
        }
        return sum
    }

    /// Reports the running progress (at most about twice a second when `throttled`).
    func reportProgress(epoch: Int, throttled: Bool = false) {
        if throttled && Clocks.seconds(since: lastReport) < 0.5 { return }
        lastReport = Clocks.monotonic()
        let s = snapshot()
        let elapsed = trainingSeconds + Clocks.seconds(since: periodStart)
        reporter.progress(done: s.words, total: corpus.trainingWordCount * options.epochs, unit: "words",
                          metrics: [("words_per_second", Double(s.words - startWords) / max(elapsed, 1e-9)), ("lr", s.learningRate),
                                    ("loss", s.examples > 0 ? s.loss / Double(s.examples) : 0),
                                    ("epoch", Double(epoch))])
    }

    /// The epoch a position falls in, counted from 1.
    func epoch(at position: Int) -> Int {
        min(options.epochs, position / max(1, schedule.total) + 1)
    }

    /// Called with every worker paused at `point`: summarises a finished epoch to the observer and
    /// writes a checkpoint when the schedule says so. Its time does not count as training time.
    func reached(_ point: TrainingSchedule.Point) throws {
        let period = Clocks.seconds(since: periodStart)
        trainingSeconds += period
        epochSeconds += period
        defer { periodStart = Clocks.monotonic() }
        if point.epochEnd {
            let s = snapshot()
            let examples = s.examples - epochStart.examples
            let summary = EpochSummary(epoch: point.position / max(1, schedule.total), epochs: options.epochs,
                                       words: s.words - epochStart.words, totalWords: s.words, seconds: epochSeconds,
                                       meanLoss: examples > 0 ? (s.loss - epochStart.loss) / Double(examples) : 0,
                                       learningRate: s.learningRate)
            epochStart = s
            epochSeconds = 0
            try observer?.epochEnded(summary, input: input, vocabulary: corpus.vocabulary)
        }
        if point.checkpoint, let checkpoints {
            let checkpoint = TrainingCheckpoint(options: options, vocabulary: corpus.vocabulary, tokenCount: corpus.tokenCount,
                                                total: schedule.total, position: point.position, epochStart: epochStart,
                                                states: workers.map(\.state), input: input, output: output)
            try checkpoint.write(to: checkpoints.path)
        }
    }
}
