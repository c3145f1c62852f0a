import Diagnostics
import Foundation
import Kernels
import Randomness
import VocabularyModule

/// The vectors a run produced: the vocabulary, the input vectors (the word vectors people use;
/// word2vec.c's syn0) and the output layer's parameters (syn1neg for negative sampling, syn1's
/// V−1 inner nodes for hierarchical softmax, one row per word for the full softmax).
public struct TrainedEmbeddings: @unchecked Sendable {
    public let vocabulary: Vocabulary
    public let input: FloatMatrix
    public let output: FloatMatrix
    public let options: TrainingOptions
    /// Words visited (before subsampling), over all epochs.
    public let wordsTrained: Int
    /// The mean loss per training example over the run.
    public let meanLoss: Double
    /// What was copied from the `InitialVectors`, when the run started from some.
    public let initialized: InitialVectors.Applied?
}

/// Trains word vectors with `TrainingOptions` on a `TrainingCorpus` (word2vec: Mikolov et al.
/// 2013a, b): input vectors start uniform in [−0.5, 0.5)/d and output vectors at zero, as in
/// word2vec.c, unless `InitialVectors` provide rows; `threads` workers each take a fixed contiguous share of the corpus every epoch and
/// update the shared matrices without locks.
///
/// Reproducibility: every worker's generator is PCG64 seeded from SeedSequence(seed, spawn key
/// [worker]), and its learning rate depends on its own progress only, so with one thread a run is
/// bit-for-bit the same for the same seed, corpus and options. With more threads the interleaving
/// of updates (Hogwild) makes runs differ slightly, as with every peer.
public struct EmbeddingTrainer {
    public let options: TrainingOptions
    public let corpus: TrainingCorpus
    /// Vectors to start from instead of the random start (see `InitialVectors`).
    public let initial: InitialVectors?

    /// Throws `.usage` for invalid options, a full softmax over too large a vocabulary, or
    /// initial vectors of another dimension.
    public init(options: TrainingOptions, corpus: TrainingCorpus, initial: InitialVectors? = nil) throws {
        try options.validate()
        try initial?.check(dimension: options.dimension)
        if options.loss == .softmax && corpus.vocabulary.count > FullSoftmaxLayer.maximumVocabulary {
            throw Failure(.usage, "the full softmax costs O(vocabulary) per example: \(corpus.vocabulary.count) words "
                + "would take hours; use --loss ns or hs, or --max-vocab \(FullSoftmaxLayer.maximumVocabulary) or less")
        }
        self.options = options
        self.corpus = corpus
        self.initial = initial
    }

    /// Runs the training, reporting progress (`words` done of the total, with the words per
    /// second, the learning rate, the running mean loss and the epoch) about twice a second, and
    /// the end of every epoch to `observer` while the workers wait.
    public func train(progress reporter: any Diagnostics.ProgressReporting = SilentProgress(),
                      observer: (any EpochObserving)? = nil) throws -> TrainedEmbeddings {
        BLAS.setThreads(1)
        let vocabularySize = corpus.vocabulary.count
        let dimension = options.dimension
        let input = FloatMatrix(rows: vocabularySize, columns: dimension)
        var initRandom = PCG64(seedSequence: SeedSequence(options.seed, spawnKey: [UInt32.max]))
        for i in 0..<input.count {
            input.base[i] = (Float(initRandom.next() >> 40) * 0x1p-24 - 0.5) / Float(dimension)
        }
        let tree = options.loss == .hs ? HuffmanTree(counts: corpus.counts) : nil
        let outputRows = tree.map { max(1, $0.innerNodeCount) } ?? vocabularySize
        let output = FloatMatrix(rows: outputRows, columns: dimension)
        output.zero()
        let initialized = initial?.apply(input: input, output: output, vocabulary: corpus.vocabulary, loss: options.loss)

        let tables = LayerTables(options: options, corpus: corpus, tree: tree)
        let keep = PinnedBuffer(Subsampling(counts: corpus.counts, threshold: options.sample).keepProbabilities)
        let remap = corpus.remap.map { PinnedBuffer($0) }
        let threads = options.threads
        let epochs = options.epochs
        let progress = PinnedBuffer(repeating: WorkerProgress(learningRate: options.startLearningRate), count: threads)
        let total = corpus.spool.count
        let done = DispatchSemaphore(value: 0)
        let failures = FailureBox()
        let barrier = EpochBarrier(threads: threads)
        let inputRows = SharedRows(base: input.base, columns: dimension)
        let outputShared = SharedRows(base: output.base, columns: dimension)
        for t in 0..<threads {
            let range = (total * t / threads)..<(total * (t + 1) / threads)
            let random = PCG64(seedSequence: SeedSequence(options.seed, spawnKey: [UInt32(t)]))
            let slot = progress.base + t
            let job = WorkerJob(options: options, tables: tables, input: inputRows, output: outputShared,
                                keep: keep, remap: remap, spool: corpus.spool, range: range, random: random, progress: slot,
                                barrier: barrier)
            let thread = Thread {
                do { try job.run() } catch {
                    failures.record(error)
                    barrier.abandon(remaining: epochs)
                }
                done.signal()
            }
            thread.stackSize = 1 << 22
            thread.start()
        }
        let totalWords = corpus.trainingWordCount * epochs
        let start = DispatchTime.now()
        func seconds(since time: DispatchTime) -> Double {
            Double(DispatchTime.now().uptimeNanoseconds - time.uptimeNanoseconds) / 1e9
        }
        func snapshot() -> WorkerProgress {
            var sum = WorkerProgress()
            for t in 0..<threads {
                let p = progress.base[t]
                sum.words += p.words
                sum.examples += p.examples
                sum.loss += p.loss
                sum.learningRate += p.learningRate / Double(threads)
            }
            return sum
        }
        var observerError: Error?
        var epochStart = start
        var previous = WorkerProgress()
        var trainingSeconds = 0.0
        epochLoop: for epoch in 1...epochs {
            var arrived = 0
            while arrived < threads {
                if barrier.waitForArrival(timeout: .now() + .milliseconds(500)) {
                    arrived += 1
                    continue
                }
                let s = snapshot()
                let elapsed = trainingSeconds + seconds(since: epochStart)
                reporter.progress(done: s.words, total: totalWords, unit: "words",
                                  metrics: [("words_per_second", Double(s.words) / max(elapsed, 1e-9)), ("lr", s.learningRate),
                                            ("loss", s.examples > 0 ? s.loss / Double(s.examples) : 0),
                                            ("epoch", Double(epoch))])
            }
            let epochSeconds = seconds(since: epochStart)
            trainingSeconds += epochSeconds
            if failures.first != nil { barrier.cancel(); break epochLoop }
            let s = snapshot()
            let examples = s.examples - previous.examples
            let summary = EpochSummary(epoch: epoch, epochs: epochs, words: s.words - previous.words, totalWords: s.words,
                                       seconds: epochSeconds,
                                       meanLoss: examples > 0 ? (s.loss - previous.loss) / Double(examples) : 0,
                                       learningRate: s.learningRate)
            previous = s
            do {
                try observer?.epochEnded(summary, input: input, vocabulary: corpus.vocabulary)
            } catch {
                observerError = error
                barrier.cancel()
                break epochLoop
            }
            epochStart = DispatchTime.now()
            if epoch < epochs { barrier.release() }
        }
        for _ in 0..<threads { done.wait() }
        withExtendedLifetime((tables, keep, remap, progress, input, output)) {}
        if let error = failures.first { throw error }
        if let observerError { throw observerError }
        let s = snapshot()
        let meanLoss = s.examples > 0 ? s.loss / Double(s.examples) : 0
        reporter.event("trained", metrics: [("words", Double(s.words)), ("seconds", trainingSeconds),
                                            ("words_per_second", Double(s.words) / max(trainingSeconds, 1e-9)), ("loss", meanLoss)])
        return TrainedEmbeddings(vocabulary: corpus.vocabulary, input: input, output: output, options: options,
                                 wordsTrained: s.words, meanLoss: meanLoss, initialized: initialized)
    }
}

/// The first error of any worker.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var first: Error?
    func record(_ error: Error) {
        lock.lock()
        if first == nil { first = error }
        lock.unlock()
    }
}
