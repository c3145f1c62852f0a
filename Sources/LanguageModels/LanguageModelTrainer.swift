import Diagnostics
import Kernels
import Neural
import Randomness

/// Where a training run stands; everything a checkpoint needs besides the weights, the optimizer's
/// moments and the carried state to continue exactly.
public struct TrainingPosition: Sendable, Equatable {
    /// The epoch under way (1-based).
    public var epoch = 1
    /// Batches of this epoch already done.
    public var batch = 0
    public var learningRate = 1.0
    /// The best validation loss so far (nats per token), nil before the first evaluation.
    public var bestValidLoss: Double? = nil
    /// The epoch whose weights the model file holds (0: none written yet).
    public var savedEpoch = 0
    /// Σ loss and predictions of this epoch so far.
    public var epochLoss = 0.0
    public var epochTokens = 0
    /// Training seconds (validation excluded) and training tokens of the whole run so far,
    /// earlier sessions of a resumed run included.
    public var trainingSeconds = 0.0
    public var trainingTokens = 0
    /// The processor time (all threads) the run's training has used so far.
    public var trainingCPUSeconds = 0.0
}

/// One finished epoch.
public struct EpochReport: Sendable {
    public var epoch: Int
    public var epochs: Int
    /// Mean training loss, nats per token.
    public var trainLoss: Double
    /// Mean validation loss, nats per token (nil without a validation set).
    public var validLoss: Double?
    public var tokensPerSecond: Double
    /// Training seconds of this epoch (validation excluded).
    public var seconds: Double
    public var learningRate: Double
    /// The validation loss improved on every earlier epoch (always true without validation data).
    public var improved: Bool
    /// Batches done in this epoch and in a whole epoch (fewer when the time limit cut the epoch short).
    public var batches: Int
    public var batchesPerEpoch: Int
    /// The run stops here because its training time reached the time limit.
    public var timeLimitReached = false
    /// Training seconds and tokens of the whole run so far (`TrainingPosition.trainingSeconds`).
    public var totalSeconds: Double
    public var totalTokens: Int
    /// Processor seconds (all threads) of this epoch's training and of the whole run's.
    public var cpuSeconds: Double
    public var totalCPUSeconds: Double
}

/// What the trainer tells its caller.
public protocol LMTrainingObserver: AnyObject {
    /// After every batch: the epoch's running mean loss and speed.
    func batchEnded(epoch: Int, batch: Int, batches: Int, meanLoss: Double, tokensPerSecond: Double, learningRate: Double)
    /// After every epoch's evaluation.
    func epochEnded(_ report: EpochReport) throws
    /// The model has weights worth keeping (the best on validation so far): write it.
    func saveModel(_ model: LanguageModel) throws
    /// A checkpoint is due (`--checkpoint-every` batches, or an epoch ended): write `trainer.checkpoint()`.
    func saveCheckpoint(_ trainer: LanguageModelTrainer) throws
}

/// Trains a `LanguageModel` on a token stream with truncated BPTT, as Zaremba et al. 2014.
///
/// The stream is cut into `batch` contiguous segments; each batch is the next window of `bptt`
/// steps of all segments, and the recurrent state is carried from window to window (reset at each
/// epoch). The loss of a batch is summed over its steps and averaged over its segments, as the
/// original recipe does, so the gradient is ∂(Σ_t mean_s L)/∂θ; it is clipped to global norm
/// `clip` and applied by SGD or Adam. After each epoch the validation set is evaluated; the best
/// model so far is handed to the observer to write, and on a plateau (or after every epoch from
/// `decayAfter` on) the learning rate is divided by `learningRateDecay`. A loss that is not a
/// number stops the run with a message naming the epoch, leaving the last good model file. With
/// a `timeLimit`, training stops at the first batch boundary where the run's training time
/// (validation excluded) has reached it: the part of the epoch done is evaluated and reported like
/// an epoch, and the model kept if it is the best so far; a checkpoint written there continues the
/// run exactly. Dropout masks come from a generator seeded by (seed, epoch, batch), so with one
/// thread a resumed run draws exactly what an uninterrupted one would.
public final class LanguageModelTrainer {
    public let model: LanguageModel
    public let options: LMTrainingOptions
    public let train: TokenStream
    public let dev: TokenStream?
    public internal(set) var position = TrainingPosition()
    let optimizer: any Optimizer
    /// Stop once the run's training seconds (`position.trainingSeconds`) reach this; nil: no limit.
    public var timeLimit: Double?
    /// Seconds on a monotonic clock (replaceable for tests).
    public var clock: () -> Double = Clocks.monotonic
    /// Processor seconds used by the process, all threads.
    public var cpuClock: () -> Double = Clocks.processor
    /// Threads for training: above 1, each batch's sequences are split among this many threads
    /// (`DataParallel`, OpenBLAS single-threaded in each) when the network's recurrent products
    /// outweigh its output layer's (`DataParallel.suits`), and validation then gives them to
    /// OpenBLAS; the result depends on the count (the dropout masks are drawn per shard and the
    /// gradient sums run in another order) but is the same on every run with the same count.
    /// Otherwise the network splits its own passes among them, with OpenBLAS at one thread
    /// (`RecurrentNetwork.threads`: whole-sequence products, the softmax's rows, the weight
    /// gradients on a helper thread during backpropagation); the result is the same on every run
    /// with the same count, and differs from a one-thread run by the rounding of the split
    /// products. Either way zeroing, clipping and the optimizer's update split every tensor among
    /// them (`ParameterSweep`), which changes no result.
    public var threads = 1

    /// The predictions per segment and the batches per epoch.
    public var segmentLength: Int { train.predictionCount / options.batch }
    public var batchesPerEpoch: Int { (segmentLength + options.bptt - 1) / options.bptt }

    /// A fresh run: parameters drawn from U(−initScale, initScale) with the seed's generator.
    /// Throws `.badData` when the corpus is shorter than one window of batch × bptt.
    public init(model: LanguageModel, options: LMTrainingOptions, train: TokenStream, dev: TokenStream?) throws {
        try options.validate()
        self.model = model
        self.options = options
        self.train = train
        self.dev = dev
        optimizer = options.optimizer == .adam ? Adam() : SGD()
        position.learningRate = options.learningRate
        try Self.checkLength(train, options)
        var generator = PCG64(seed: options.seed)
        model.network.initialize(scale: options.initScale, generator: &generator)
    }

    /// A run continued from `checkpoint` (see `LanguageModelTrainer+Checkpoint`).
    init(model: LanguageModel, options: LMTrainingOptions, train: TokenStream, dev: TokenStream?,
         optimizer: any Optimizer, position: TrainingPosition) throws {
        self.model = model
        self.options = options
        self.train = train
        self.dev = dev
        self.optimizer = optimizer
        self.position = position
        try Self.checkLength(train, options)
    }

    static func checkLength(_ train: TokenStream, _ options: LMTrainingOptions) throws {
        let needed = options.batch * options.bptt + 1
        if train.ids.count < needed {
            throw Failure(.badData, "the training corpus has \(train.ids.count) tokens (sequence boundaries included), "
                + "fewer than one window of --batch \(options.batch) x --bptt \(options.bptt) + 1 = \(needed); "
                + "give more text or a smaller --batch or --bptt")
        }
    }

    /// Trains until `options.epochs` epochs are done, or until the time limit is reached.
    public func run(observer: any LMTrainingObserver) throws {
        let network = model.network
        let parameters = network.parameters
        let rateScales = network.rateScales(recurrentBiases: options.biasLearningRateScale)
        let b = options.batch, length = segmentLength, batches = batchesPerEpoch
        var inputs: [Int32] = [], targets: [Int32] = []
        let split = threads > 1 && b > 1 && DataParallel<Float>.suits(network.configuration)
        let parallel = split ? DataParallel(network, threads: threads, batch: b) : nil
        // OpenBLAS runs at one thread while the network (or the shards) split the work among
        // the threads; a split run's validation gives them back to OpenBLAS.
        network.threads = parallel == nil ? threads : 1
        optimizer.threads = threads
        let validationBLASThreads = parallel == nil ? 1 : threads
        defer {
            network.threads = 1
            BLAS.setThreads(threads)
        }
        while position.epoch <= options.epochs {
            if position.batch == 0 {
                network.resetState(batch: b)
                position.epochLoss = 0
                position.epochTokens = 0
            }
            parallel?.scatterState()
            BLAS.setThreads(1)
            let started = clock(), cpuStarted = cpuClock()
            let secondsBefore = position.trainingSeconds, cpuBefore = position.trainingCPUSeconds
            var tokensThisSession = 0
            var timeUp = false
            while position.batch < batches && !timeUp {
                let start = position.batch * options.bptt
                let steps = min(options.bptt, length - start)
                BatchLayout.fill(train.ids, offset: 0, segmentLength: length, start: start, steps: steps, batch: b,
                                 inputs: &inputs, targets: &targets)
                let key = [UInt32(truncatingIfNeeded: position.epoch), UInt32(truncatingIfNeeded: position.batch)]
                let loss: Double
                if let parallel {
                    loss = Double(parallel.lossAndGradients(inputs: inputs, targets: targets, steps: steps, scale: 1 / Float(b)) { k in
                        PCG64(seedSequence: SeedSequence(self.options.seed, spawnKey: key + [UInt32(k)]))
                    })
                    guard loss.isFinite else { throw notANumber(batch: position.batch + 1) }
                } else {
                    var masks = PCG64(seedSequence: SeedSequence(options.seed, spawnKey: key))
                    network.zeroGradients(threads: threads)
                    loss = Double(network.loss(inputs: inputs, targets: targets, steps: steps, batch: b, dropout: &masks))
                    guard loss.isFinite else { throw notANumber(batch: position.batch + 1) }
                    network.backward(scale: 1 / Float(b))
                }
                if options.clip > 0 {
                    let norm = GradientClipping.clip(parameters, maxNorm: options.clip, threads: threads)
                    guard norm.isFinite else { throw notANumber(batch: position.batch + 1) }
                }
                optimizer.step(parameters, learningRate: position.learningRate, rateScales: rateScales)
                position.batch += 1
                position.epochLoss += loss
                position.epochTokens += steps * b
                position.trainingTokens += steps * b
                tokensThisSession += steps * b
                let elapsed = clock() - started
                position.trainingSeconds = secondsBefore + elapsed
                position.trainingCPUSeconds = cpuBefore + cpuClock() - cpuStarted
                timeUp = timeLimit.map { position.trainingSeconds >= $0 } ?? false
                observer.batchEnded(epoch: position.epoch, batch: position.batch, batches: batches,
                                    meanLoss: position.epochLoss / Double(position.epochTokens),
                                    tokensPerSecond: elapsed > 0 ? Double(tokensThisSession) / elapsed : 0,
                                    learningRate: position.learningRate)
                let checkpointDue = options.checkpointEvery > 0 && position.batch % options.checkpointEvery == 0
                if position.batch < batches && (checkpointDue || (timeUp && options.checkpointEvery > 0)) {
                    try observer.saveCheckpoint(self)
                }
            }
            let seconds = clock() - started
            let cpuSeconds = position.trainingCPUSeconds - cpuBefore
            BLAS.setThreads(validationBLASThreads)
            if position.batch < batches {
                // The time limit cut this epoch short: report it, keep the position (and the
                // checkpoint just written) where the next batch would start.
                try evaluatePartialEpoch(seconds: seconds, cpuSeconds: cpuSeconds, tokens: tokensThisSession, observer: observer)
                return
            }
            try endEpoch(seconds: seconds, cpuSeconds: cpuSeconds, tokens: tokensThisSession, timeUp: timeUp, observer: observer)
            if timeUp { return }
        }
    }

    /// The validation loss of the model as it stands, or nil without validation data.
    private func validationLoss() throws -> Double? {
        guard let dev else { return nil }
        let (total, count) = model.evaluate(dev, batch: options.batch, bptt: options.bptt)
        guard count > 0 else { return nil }
        let loss = total / Double(count)
        guard loss.isFinite else { throw notANumber(batch: nil) }
        return loss
    }

    /// Whether `validLoss` beats the best so far (recording it when it does); true without one.
    private func recordIfBest(_ validLoss: Double?) -> Bool {
        guard let validLoss else { return true }
        if let best = position.bestValidLoss, validLoss >= best { return false }
        position.bestValidLoss = validLoss
        return true
    }

    private func report(seconds: Double, cpuSeconds: Double, tokens: Int, validLoss: Double?, improved: Bool, timeUp: Bool) -> EpochReport {
        EpochReport(epoch: position.epoch, epochs: options.epochs,
                    trainLoss: position.epochLoss / Double(max(1, position.epochTokens)), validLoss: validLoss,
                    tokensPerSecond: seconds > 0 ? Double(tokens) / seconds : 0, seconds: seconds,
                    learningRate: position.learningRate, improved: improved, batches: position.batch,
                    batchesPerEpoch: batchesPerEpoch, timeLimitReached: timeUp,
                    totalSeconds: position.trainingSeconds, totalTokens: position.trainingTokens,
                    cpuSeconds: cpuSeconds, totalCPUSeconds: position.trainingCPUSeconds)
    }

    /// The end of a run stopped by the time limit inside an epoch: evaluates and reports the
    /// model as it stands and keeps it if it is the best so far. The evaluation resets the carried
    /// state, so the run cannot go on from here (a checkpoint written before can).
    private func evaluatePartialEpoch(seconds: Double, cpuSeconds: Double, tokens: Int, observer: any LMTrainingObserver) throws {
        let validLoss = try validationLoss()
        let improved = recordIfBest(validLoss)
        if improved {
            try observer.saveModel(model)
            position.savedEpoch = position.epoch
        }
        try observer.epochEnded(report(seconds: seconds, cpuSeconds: cpuSeconds, tokens: tokens, validLoss: validLoss, improved: improved,
                                       timeUp: true))
    }

    /// Evaluates, keeps the best model, decays the rate (on a plateau or on schedule), and moves to the next epoch.
    private func endEpoch(seconds: Double, cpuSeconds: Double, tokens: Int, timeUp: Bool, observer: any LMTrainingObserver) throws {
        let validLoss = try validationLoss()
        let improved = recordIfBest(validLoss)
        let report = report(seconds: seconds, cpuSeconds: cpuSeconds, tokens: tokens, validLoss: validLoss, improved: improved, timeUp: timeUp)
        if improved {
            try observer.saveModel(model)
            position.savedEpoch = position.epoch
        }
        if !improved || (options.decayAfter > 0 && position.epoch >= options.decayAfter) {
            position.learningRate /= options.learningRateDecay
        }
        position.epoch += 1
        position.batch = 0
        try observer.epochEnded(report)
        try observer.saveCheckpoint(self)
    }

    private func notANumber(batch: Int?) -> Failure {
        let place = batch.map { "epoch \(position.epoch), batch \($0)" } ?? "epoch \(position.epoch) (validation)"
        let kept = position.savedEpoch > 0 ? "the model file keeps the weights of epoch \(position.savedEpoch)"
                                           : "no model file was written"
        return Failure(.other, "\(place): the loss is not a number (the training diverged); \(kept); "
            + "try gradient clipping (--clip 5) or a lower --lr (now \(position.learningRate))")
    }
}
