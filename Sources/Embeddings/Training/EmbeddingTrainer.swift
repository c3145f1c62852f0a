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
/// 2013a, b): input vectors start uniform in [−r, r)/d (`initRange`, 1 by default as gensim 4 and
/// fastText; word2vec.c's 0.5) and output vectors at zero, unless `InitialVectors` provide rows or
/// a `TrainingCheckpoint` is resumed.
///
/// By default `threads` workers each take a fixed contiguous share of the corpus every epoch and
/// update the shared matrices without locks (Hogwild, `HogwildTraining`). Every worker's generator
/// is PCG64 seeded from SeedSequence(seed, spawn key [worker]), and its learning rate depends on
/// its own progress only, so with one thread a run is bit-for-bit the same for the same seed,
/// corpus and options; with more threads the interleaving of updates makes runs differ slightly,
/// as with every peer. With `options.deterministic` the result is the same for any number of
/// threads (`DeterministicTraining`).
public struct EmbeddingTrainer {
    public let options: TrainingOptions
    public let corpus: TrainingCorpus
    /// Vectors to start from instead of the random start (see `InitialVectors`).
    public let initial: InitialVectors?
    /// A checkpoint to continue from.
    public let resumed: TrainingCheckpoint?

    /// Throws `.usage` for invalid options, a full softmax over too large a vocabulary, initial
    /// vectors of another dimension, or a checkpoint written with other options; `.badData` for a
    /// checkpoint of another corpus.
    public init(options: TrainingOptions, corpus: TrainingCorpus, initial: InitialVectors? = nil,
                resuming checkpoint: TrainingCheckpoint? = nil) throws {
        try options.validate()
        try initial?.check(dimension: options.dimension)
        if options.loss == .softmax && corpus.vocabulary.count > FullSoftmaxLayer<SharedRows>.maximumVocabulary {
            throw Failure(.usage, "the full softmax costs O(vocabulary) per example: \(corpus.vocabulary.count) words "
                + "would take hours; use --loss ns or hs, or --max-vocab \(FullSoftmaxLayer<SharedRows>.maximumVocabulary) or less")
        }
        if let checkpoint {
            if initial != nil { throw Failure(.usage, "a resumed run continues from its checkpoint's vectors: drop --init") }
            try checkpoint.check(options: options, corpus: corpus)
        }
        self.options = options
        self.corpus = corpus
        self.initial = initial
        self.resumed = checkpoint
    }

    /// Runs the training, reporting progress (`words` done of the total, with the words per
    /// second, the learning rate, the running mean loss and the epoch) about twice a second, the
    /// end of every epoch to `observer` while the workers wait, and writing `checkpoints`.
    public func train(progress reporter: any Diagnostics.ProgressReporting = SilentProgress(),
                      observer: (any EpochObserving)? = nil,
                      checkpoints: CheckpointPlan? = nil) throws -> TrainedEmbeddings {
        BLAS.setThreads(1)
        let vocabularySize = corpus.vocabulary.count
        let dimension = options.dimension
        let input = FloatMatrix(rows: vocabularySize, columns: dimension)
        let tree = options.loss == .hs ? HuffmanTree(counts: corpus.counts) : nil
        let outputRows = tree.map { max(1, $0.innerNodeCount) } ?? vocabularySize
        let output = FloatMatrix(rows: outputRows, columns: dimension)
        var initialized: InitialVectors.Applied?
        if let resumed {
            try resumed.restore(input: input, output: output)
        } else {
            // (u − 0.5)·2r/d for a 24-bit uniform u: with r = 0.5, word2vec.c's (u − 0.5)/d exactly.
            var initRandom = PCG64(seedSequence: SeedSequence(options.seed, spawnKey: [UInt32.max]))
            let width = Float(2 * options.initRange)
            for i in 0..<input.count {
                input.base[i] = width * (Float(initRandom.next() >> 40) * 0x1p-24 - 0.5) / Float(dimension)
            }
            output.zero()
            initialized = initial?.apply(input: input, output: output, vocabulary: corpus.vocabulary, loss: options.loss)
        }
        let factory = WorkerFactory(options: options, tables: LayerTables(options: options, corpus: corpus, tree: tree),
                                    keep: PinnedBuffer(Subsampling(counts: corpus.counts, threshold: options.sample).keepProbabilities),
                                    remap: corpus.remap.map { PinnedBuffer($0) }, spool: corpus.spool)
        let run = TrainingRun(options: options, corpus: corpus, input: input, output: output, factory: factory,
                              reporter: reporter, observer: observer, checkpoints: checkpoints, resumed: resumed)
        if options.deterministic {
            try DeterministicTraining(run: run).train()
        } else {
            try HogwildTraining(run: run).train()
        }
        let s = run.snapshot()
        let meanLoss = s.examples > 0 ? s.loss / Double(s.examples) : 0
        let words = s.words - run.startWords
        reporter.event("trained", metrics: [("words", Double(words)), ("seconds", run.trainingSeconds),
                                            ("words_per_second", Double(words) / max(run.trainingSeconds, 1e-9)), ("loss", meanLoss)])
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
