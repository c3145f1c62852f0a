import Diagnostics
import Foundation
import Kernels
import Randomness
import VocabularyModule

/// The vectors of a GloVe run.
public struct TrainedGloVe: @unchecked Sendable {
    public let vocabulary: Vocabulary
    /// The vectors `options.vectors` asked for, one row per word.
    public let vectors: FloatMatrix
    public let wordBiases: [Float]
    public let contextBiases: [Float]
    public let options: GloVeOptions
    /// Co-occurring pairs trained on (non-zero Xᵢⱼ).
    public let pairs: Int
    /// The mean loss per pair (½ f(X)(…)², as `glove.c` prints its cost) of every epoch.
    public let epochLosses: [Double]
    public var meanLoss: Double { epochLosses.last ?? 0 }
    let parameters: GloVeParameters

    /// Other vectors of the same run.
    public func vectors(_ kind: GloVeVectorOutput) -> FloatMatrix { parameters.vectors(kind) }
}

/// Trains GloVe (Pennington et al. 2014) on co-occurrence counts with AdaGrad as Stanford's
/// `glove.c` does (see `gloveStep`), `epochs` passes over the non-zero pairs in a new random
/// order each pass.
///
/// Default (Hogwild!, Recht et al. 2011, as `glove.c`): the pairs are shuffled once, each of the
/// `threads` workers owns a fixed contiguous share, reshuffles it every epoch with its own
/// generator and updates the shared parameters without locks. With one thread a run is
/// bit-for-bit reproducible for a seed; with more, the interleaving makes runs differ slightly.
///
/// `deterministic` (identical results for any thread count; stratified SGD as in Gemulla et al.
/// 2011, "Large-Scale Matrix Factorization with Distributed Stochastic Gradient Descent"): word i
/// belongs to block i mod 8, and the pairs to 64 fixed cells (block of i, block of j). An epoch
/// runs 8 strata in an order drawn from SeedSequence(seed, [epoch, 2³²−1]); the 8 cells of a
/// stratum share no word row and no context row, so they run in parallel without touching each
/// other's parameters. Each cell is shuffled by its own stream SeedSequence(seed, [epoch, cell])
/// and trained in order, and the losses are added in cell order: nothing depends on which thread
/// ran which cell.
///
/// Out of core (the pairs do not fit in the memory the plan leaves for them; see `GloVePairs`
/// and `GloVePairBlocks`): the pairs were scattered once at random into blocks of the buffer's
/// size in an unlinked temporary file. Each epoch visits the blocks in an order drawn from
/// SeedSequence(seed, [epoch, 2³²−3]), reading one block at a time into the buffer and training it
/// as above: Hogwild threads each shuffle their share of the block, or, deterministic, the block is
/// grouped into cells and its strata run with streams SeedSequence(seed, [epoch, cell, block]).
/// This is an epoch-level permutation of blocks plus an in-block shuffle, not Stanford's one global
/// chunked shuffle, and it stays reproducible for a seed with one thread or `deterministic`.
public final class GloVeTrainer {
    public let options: GloVeOptions
    public let vocabulary: Vocabulary
    let pairs: GloVePairs
    static let blocks = 8

    /// The number of co-occurring pairs training will visit per epoch.
    public var pairCount: Int { pairs.total }
    /// The number of blocks the pairs are trained in: 1 when they fit in memory.
    public var blockCount: Int { pairs.blocks?.count ?? 1 }

    /// Reads the merged counts of `counter` (ending it) into memory, or, when they do not fit in
    /// `plan.pairBytes`, into blocks in an unlinked temporary file in `temporaryDirectory`. Throws
    /// `.badData` when there is no pair, `.io` when the temporary file cannot be written.
    public convenience init(options: GloVeOptions, counter: CooccurrenceCounter, vocabulary: Vocabulary,
                            plan: GloVeMemoryPlan, temporaryDirectory: String) throws {
        try self.init(options: options, source: try counter.finish(), vocabulary: vocabulary,
                      scale: counter.options.scale, pairBytes: plan.pairBytes, temporaryDirectory: temporaryDirectory)
    }

    /// Reads the summed counts of `shards`, as above.
    public convenience init(options: GloVeOptions, shards: CooccurrenceShards, plan: GloVeMemoryPlan,
                            temporaryDirectory: String) throws {
        try self.init(options: options, source: try shards.merged(), vocabulary: shards.vocabulary,
                      scale: shards.options.scale, pairBytes: plan.pairBytes, temporaryDirectory: temporaryDirectory)
    }

    init(options: GloVeOptions, source: any CooccurrenceSource, vocabulary: Vocabulary, scale: UInt64,
         pairBytes: Int, temporaryDirectory: String) throws {
        try options.validate()
        self.options = options
        self.vocabulary = vocabulary
        pairs = try GloVePairs(source, scale: scale, xMax: options.xMax, alpha: options.alpha, maximumBytes: pairBytes,
                               temporaryDirectory: temporaryDirectory, seed: options.seed)
    }

    /// Trains, reporting progress (`pairs` done of the total, pairs per second, the running mean
    /// loss, the epoch) about twice a second and the end of every epoch to `observer` (with the
    /// vectors `options.vectors` asks for).
    public func train(progress reporter: any Diagnostics.ProgressReporting = SilentProgress(),
                      observer: (any EpochObserving)? = nil) throws -> TrainedGloVe {
        let parameters = GloVeParameters(vocabularySize: vocabulary.count, dimension: options.dimension, seed: options.seed)
        let job = GloVeJob(options: options, parameters: parameters, pairs: pairs)
        let n = pairs.total
        let epochs = options.epochs
        let blocked = pairs.blocks != nil
        if !blocked {
            if options.deterministic { job.partitionIntoCells() } else { job.shuffleOnce() }
        }
        var losses: [Double] = []
        var trainingSeconds = 0.0
        for epoch in 1...epochs {
            let epochStart = Clocks.monotonic()
            job.resetProgress()
            let before = trainingSeconds
            func poll() {
                let (done, loss) = job.progressSnapshot()
                let elapsed: Double = before + Clocks.seconds(since: epochStart)
                let overall = (epoch - 1) * n + done
                let rate = Double(overall) / max(elapsed, 1e-9)
                let mean = done > 0 ? loss / Double(done) : 0
                reporter.progress(done: overall, total: epochs * n, unit: "pairs",
                                  metrics: [("pairs_per_second", rate), ("loss", mean), ("epoch", Double(epoch))])
            }
            let loss = blocked ? try job.runBlockedEpoch(epoch, poll: poll)
                : options.deterministic ? job.runDeterministicEpoch(epoch, poll: poll) : job.runHogwildEpoch(poll: poll)
            let epochSeconds = Clocks.seconds(since: epochStart)
            trainingSeconds += epochSeconds
            losses.append(loss / Double(n))
            if let observer {
                let summary = EpochSummary(epoch: epoch, epochs: epochs, words: n, totalWords: epoch * n, seconds: epochSeconds,
                                           meanLoss: loss / Double(n), learningRate: options.learningRate)
                try observer.epochEnded(summary, input: parameters.vectors(options.vectors), vocabulary: vocabulary)
            }
        }
        reporter.event("trained", metrics: [("pairs", Double(n * epochs)), ("seconds", trainingSeconds),
                                            ("pairs_per_second", Double(n * epochs) / max(trainingSeconds, 1e-9)),
                                            ("loss", losses.last ?? 0)])
        return TrainedGloVe(vocabulary: vocabulary, vectors: parameters.vectors(options.vectors),
                            wordBiases: parameters.biases(context: false), contextBiases: parameters.biases(context: true),
                            options: options, pairs: n, epochLosses: losses, parameters: parameters)
    }
}

/// Per-thread progress, read racily by the coordinator for display only.
struct GloVeProgress {
    var pairs = 0
    var loss = 0.0
}

/// Everything the workers share, behind raw pointers.
final class GloVeJob: @unchecked Sendable {
    let options: GloVeOptions
    let parameters: GloVeParameters
    let pairs: GloVePairs
    let progress: PinnedBuffer<GloVeProgress>
    /// Hogwild: each thread's generator, kept across epochs.
    var generators: [PCG64]
    /// Deterministic: where each of the 64 cells starts in `pairs` (65 offsets).
    var cellStarts: [Int] = []

    init(options: GloVeOptions, parameters: GloVeParameters, pairs: GloVePairs) {
        self.options = options
        self.parameters = parameters
        self.pairs = pairs
        progress = PinnedBuffer(repeating: GloVeProgress(), count: options.threads)
        generators = (0..<options.threads).map { PCG64(seedSequence: SeedSequence(options.seed, spawnKey: [UInt32($0)])) }
    }

    func resetProgress() {
        for t in 0..<progress.count { progress.base[t] = GloVeProgress() }
    }

    func progressSnapshot() -> (pairs: Int, loss: Double) {
        var sum = GloVeProgress()
        for t in 0..<progress.count {
            sum.pairs += progress.base[t].pairs
            sum.loss += progress.base[t].loss
        }
        return (sum.pairs, sum.loss)
    }

    /// Fisher–Yates on `range` of the pairs with `random` (Lemire's unbiased bounded draw).
    static func shuffle(_ base: UnsafeMutablePointer<GloVePair>, _ range: Range<Int>, _ random: inout PCG64) {
        var i = range.upperBound - 1
        while i > range.lowerBound {
            let j = range.lowerBound + Int(bounded(UInt64(i - range.lowerBound + 1), &random))
            let t = base[i]; base[i] = base[j]; base[j] = t
            i -= 1
        }
    }

    @inline(__always)
    static func bounded(_ n: UInt64, _ random: inout PCG64) -> UInt64 {
        var m = random.next().multipliedFullWidth(by: n)
        if m.low < n {
            let threshold = (0 &- n) % n
            while m.low < threshold { m = random.next().multipliedFullWidth(by: n) }
        }
        return m.high
    }

    /// Trains `range` of the pairs in order; returns the summed loss, counting into `slot`.
    func train(_ range: Range<Int>, slot: UnsafeMutablePointer<GloVeProgress>) -> Double {
        let layout = parameters.layout
        let eta = Float(options.learningRate)
        let clip = Float(options.gradientClip)
        let base = pairs.base
        var total = 0.0
        var chunkLoss: Float = 0
        var i = range.lowerBound
        while i < range.upperBound {
            let end = min(range.upperBound, i + 4096)
            chunkLoss = 0
            for k in i..<end {
                let pair = base[k]
                chunkLoss += gloveStep(word: parameters.word(pair.row), context: parameters.context(pair.column), layout: layout,
                                       logX: pair.logX, weight: pair.weight, eta: eta, clip: clip)
            }
            total += Double(chunkLoss)
            slot.pointee.pairs += end - i
            slot.pointee.loss += Double(chunkLoss)
            i = end
        }
        return total
    }

    // MARK: Out of core

    /// One epoch over the blocks of `pairs.blocks` in a random order, each read into the buffer
    /// and trained as an in-memory epoch; returns the summed loss.
    func runBlockedEpoch(_ epoch: Int, poll: () -> Void) throws -> Double {
        let blocks = pairs.blocks!
        var random = PCG64(seedSequence: SeedSequence(options.seed, spawnKey: [UInt32(epoch), UInt32.max - 2]))
        var order = Array(0..<blocks.count)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(Self.bounded(UInt64(i + 1), &random))) }
        var loss = 0.0
        for block in order {
            try pairs.load(block: block)
            if options.deterministic {
                partitionIntoCells()
                loss += runDeterministicEpoch(epoch, block: block, poll: poll)
            } else {
                loss += runHogwildEpoch(poll: poll)
            }
        }
        return loss
    }

    // MARK: Hogwild

    func shuffleOnce() {
        var random = PCG64(seedSequence: SeedSequence(options.seed, spawnKey: [UInt32.max - 1]))
        Self.shuffle(pairs.base, 0..<pairs.count, &random)
    }

    func runHogwildEpoch(poll: () -> Void) -> Double {
        let threads = options.threads
        let n = pairs.count
        let losses = PinnedBuffer(repeating: 0.0, count: threads)
        let randoms = PinnedBuffer(generators)
        runParallel(threads, poll: poll) { [self] t in
            let range = (n * t / threads)..<(n * (t + 1) / threads)
            Self.shuffle(pairs.base, range, &randoms.base[t])
            losses.base[t] = train(range, slot: progress.base + t)
        }
        generators = (0..<threads).map { randoms.base[$0] }
        return (0..<threads).reduce(0.0) { $0 + losses.base[$1] }
    }

    // MARK: Deterministic

    /// The cell of a pair: (block of its word, block of its context).
    @inline(__always)
    static func cell(_ pair: GloVePair) -> Int {
        Int(pair.row) % GloVeTrainer.blocks * GloVeTrainer.blocks + Int(pair.column) % GloVeTrainer.blocks
    }

    /// Groups the pairs by cell in place (American flag sort), keeping their order inside a cell.
    func partitionIntoCells() {
        let cells = GloVeTrainer.blocks * GloVeTrainer.blocks
        var counts = [Int](repeating: 0, count: cells)
        let base = pairs.base
        for k in 0..<pairs.count { counts[Self.cell(base[k])] += 1 }
        cellStarts = [0]
        for c in 0..<cells { cellStarts.append(cellStarts[c] + counts[c]) }
        var next = Array(cellStarts.dropLast())
        for c in 0..<cells {
            while next[c] < cellStarts[c + 1] {
                let target = Self.cell(base[next[c]])
                if target == c {
                    next[c] += 1
                } else {
                    let t = base[next[c]]; base[next[c]] = base[next[target]]; base[next[target]] = t
                    next[target] += 1
                }
            }
        }
    }

    /// One deterministic pass over the pairs in the buffer (all of them, or out-of-core `block`,
    /// whose index then joins the streams' spawn keys).
    func runDeterministicEpoch(_ epoch: Int, block: Int? = nil, poll: () -> Void) -> Double {
        let p = GloVeTrainer.blocks
        let threads = min(options.threads, p)
        let blockKey = block.map { [UInt32($0)] } ?? []
        var order = PCG64(seedSequence: SeedSequence(options.seed, spawnKey: [UInt32(epoch), UInt32.max] + blockKey))
        var strata = Array(0..<p)
        for i in stride(from: p - 1, to: 0, by: -1) { strata.swapAt(i, Int(Self.bounded(UInt64(i + 1), &order))) }
        let cellLosses = PinnedBuffer(repeating: 0.0, count: p * p)
        let seed = options.seed
        let starts = cellStarts
        for s in strata {
            runParallel(threads, poll: poll) { [self] t in
                var block = t
                while block < p {
                    let cell = block * p + (block + s) % p
                    let range = starts[cell]..<starts[cell + 1]
                    var random = PCG64(seedSequence: SeedSequence(seed, spawnKey: [UInt32(epoch), UInt32(cell)] + blockKey))
                    Self.shuffle(pairs.base, range, &random)
                    cellLosses.base[cell] = train(range, slot: progress.base + t)
                    block += threads
                }
            }
        }
        return (0..<p * p).reduce(0.0) { $0 + cellLosses.base[$1] }
    }
}
