import Diagnostics
import JSONCore
import KernelsAVX2

/// The architecture that turns a window of words into a training example (Mikolov et al. 2013a,
/// "Efficient Estimation of Word Representations in Vector Space", §3).
public enum TrainingMethod: String, Sendable, CaseIterable {
    /// Skip-gram: each context word's input vector predicts the centre word.
    case skipgram
    /// Continuous bag of words: the mean of the context words' input vectors predicts the centre word.
    case cbow
}

/// The output layer and its loss (the three output layers of the course: Mikolov et al. 2013b,
/// "Distributed Representations of Words and Phrases and their Compositionality", §2.1–2.2).
public enum TrainingLoss: String, Sendable, CaseIterable {
    /// Negative sampling: one logistic regression for the true word, `negative` for noise words.
    case ns
    /// Hierarchical softmax over a Huffman tree of the vocabulary.
    case hs
    /// The full softmax over the vocabulary: O(vocabulary × dimension) per example.
    case softmax
}

/// How σ(x) = 1/(1+e⁻ˣ) is computed in the updates.
public enum SigmoidMode: String, Sendable, CaseIterable {
    /// word2vec.c's table of 1,000 values over [-6, 6] (inputs beyond clamp to 0 or 1, and
    /// hierarchical softmax skips such nodes as word2vec.c does).
    case table
    /// `1 / (1 + exp(-x))` in Float32.
    case exact
}

/// The compiled copies of word2vec's inner loop (`Vector.logisticTerms`): the portable one (baseline
/// x86-64 or the build's own target) and `KernelsAVX2`'s.
public enum VectorKernels: String, Sendable, CaseIterable {
    case automatic
    case portable
    case avx2

    /// Whether the AVX2 copy runs for this choice on this machine.
    var usesAVX2: Bool {
        switch self {
        case .automatic, .avx2: AVX2Kernels.isSupported
        case .portable: false
        }
    }
}

/// Every setting of a training run, with word2vec.c's meanings. Defaults are word2vec.c's
/// (`-size 100 -window 5 -negative 5 -sample 1e-3 -min-count 5 -iter 5`, `-alpha` 0.025 for
/// skip-gram and 0.05 for CBOW, decaying linearly to 0.0001 × alpha), except `initRange`.
public struct TrainingOptions: Sendable, Equatable {
    public var method: TrainingMethod = .skipgram
    public var loss: TrainingLoss = .ns
    /// Vector dimension.
    public var dimension = 100
    /// The largest distance between the centre and a context word; each centre word draws its
    /// own window uniformly from 1…window (word2vec's random window shrinking).
    public var window = 5
    /// Noise words per true word (`--loss ns`).
    public var negative = 5
    /// The exponent of the noise distribution P(w) ∝ count(w)^exponent.
    public var noiseExponent = 0.75
    /// Words seen fewer times are dropped from the vocabulary.
    public var minCount = 5
    /// At most this many words, the most frequent (nil: no limit).
    public var maxVocabulary: Int? = nil
    /// The subsampling threshold s (0 turns subsampling off).
    public var sample = 1e-3
    public var epochs = 5
    /// The starting learning rate (nil: 0.025 for skip-gram, 0.05 for CBOW).
    public var learningRate: Double? = nil
    /// The final learning rate (nil: 0.0001 × the starting rate, word2vec.c's floor).
    public var minLearningRate: Double? = nil
    public var threads = 1
    public var seed: UInt64 = 1
    public var sigmoid: SigmoidMode = .table
    /// Input vectors start uniform in [−initRange, initRange)/dimension (output vectors at zero):
    /// 1 as gensim 4 and fastText start them; word2vec.c's start is 0.5. On wiki8 (skip-gram NS,
    /// 1 epoch, seeds 1–3) 1 gave analogy 10.5–11.5 % against 9.5–10.3 % with 0.5.
    public var initRange = 1.0
    /// The longest sentence in words after subsampling (word2vec.c's MAX_SENTENCE_LENGTH): the
    /// window never crosses a sentence, and a long line is cut into such pieces.
    public var maxSentenceLength = 1000
    /// Skip-gram with negative sampling: draw the noise words once per centre word and share them
    /// among the context words of its window (Ji et al. 2016, "Parallelizing Word2Vec in Shared
    /// and Distributed Memory"), instead of once per (context, centre) pair as word2vec.c does.
    /// The noise rows then stay in cache across the window.
    public var shareNegatives = false
    /// Results independent of the number of threads: the corpus is cut into `deterministicShards`
    /// fixed shards with their own random streams and learning-rate schedules, trained in rounds
    /// on private copies of the rows they touch and merged in shard order after every round
    /// (see `DeterministicTraining`).
    public var deterministic = false
    /// Which compiled copy of the inner loop runs (with the table sigmoid): `.automatic` takes the
    /// AVX2 copy where cpuid says the processor has it. Every choice gives the same vectors bit
    /// for bit, so this is not part of the configuration a model file records.
    public var vectorKernels: VectorKernels = .automatic

    /// Shards of `deterministic` training, whatever the number of threads.
    public static let deterministicShards = 8

    public init() {}

    /// The starting learning rate after defaults.
    public var startLearningRate: Double { learningRate ?? (method == .skipgram ? 0.025 : 0.05) }
    /// The final learning rate after defaults.
    public var endLearningRate: Double { minLearningRate ?? startLearningRate * 1e-4 }

    /// Throws `.usage` for settings that cannot train.
    public func validate() throws {
        func bad(_ message: String) -> Failure { Failure(.usage, message) }
        if dimension < 1 { throw bad("the dimension must be at least 1 (got \(dimension))") }
        if dimension > 10_000 { throw bad("the dimension \(dimension) is larger than 10000") }
        if window < 1 { throw bad("the window must be at least 1 (got \(window))") }
        if loss == .ns && negative < 1 { throw bad("negative sampling needs --negative 1 or more (got \(negative))") }
        if !(noiseExponent.isFinite) { throw bad("the noise exponent must be a finite number") }
        if minCount < 1 { throw bad("the minimum count must be at least 1 (got \(minCount))") }
        if let maxVocabulary, maxVocabulary < 1 { throw bad("the maximum vocabulary must be at least 1 (got \(maxVocabulary))") }
        if !(sample >= 0 && sample.isFinite) { throw bad("the subsampling threshold must be 0 or more (got \(sample))") }
        if epochs < 1 { throw bad("the number of epochs must be at least 1 (got \(epochs))") }
        if !(startLearningRate > 0 && startLearningRate.isFinite) { throw bad("the learning rate must be positive (got \(startLearningRate))") }
        if !(endLearningRate >= 0 && endLearningRate <= startLearningRate) {
            throw bad("the minimum learning rate must be between 0 and the learning rate (got \(endLearningRate))")
        }
        if threads < 1 { throw bad("the number of threads must be at least 1 (got \(threads))") }
        if maxSentenceLength < 2 { throw bad("sentences must be allowed at least 2 words") }
        if !(initRange > 0 && initRange.isFinite) { throw bad("the initial range must be positive (got \(initRange))") }
    }

    /// The configuration stored in a model file: every setting after defaults.
    public var json: JSONValue {
        [
            "method": .string(method.rawValue),
            "loss": .string(loss.rawValue),
            "dim": JSONValue(dimension),
            "window": JSONValue(window),
            "negative": JSONValue(loss == .ns ? negative : 0),
            "ns_exponent": JSONValue(noiseExponent),
            "min_count": JSONValue(minCount),
            "max_vocab": maxVocabulary.map { JSONValue($0) } ?? .null,
            "sample": JSONValue(sample),
            "epochs": JSONValue(epochs),
            "lr": JSONValue(startLearningRate),
            "min_lr": JSONValue(endLearningRate),
            "threads": deterministic ? .null : JSONValue(threads),
            "shards": deterministic ? JSONValue(Self.deterministicShards) : .null,
            "seed": JSONValue(Int(truncatingIfNeeded: seed)),
            "sigmoid": .string(sigmoid.rawValue),
            "init_range": JSONValue(initRange),
            "max_sentence_length": JSONValue(maxSentenceLength),
            "share_negatives": .bool(shareNegatives),
            "deterministic": .bool(deterministic),
        ]
    }
}
