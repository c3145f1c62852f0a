import ArgumentParser
import CommandLineSupport
import Diagnostics
import Embeddings
import Records
import VocabularyModule

extension TrainingMethod: ExpressibleByArgument {}
extension TrainingLoss: ExpressibleByArgument {}
extension SigmoidMode: ExpressibleByArgument {}

@main
struct EmbedTrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed-train",
        abstract: "Train word vectors (skip-gram or CBOW with negative sampling, hierarchical or full softmax; or GloVe).",
        discussion: """
        Reads tokens from `tokenize` (JSON Lines with a `tokens` field) or, with --text, plain text with tokens separated by white space (a corpus that is one huge line, like text8, is read in bounded chunks). The input is read once: tokens are counted and spooled to a temporary file of 4-byte ids ($TMPDIR or /tmp), so a pipe works and memory grows with the vocabulary and the dimension, never with the corpus. Lines (records) are sentences: the window never crosses them, and a longer run of words is cut every 1000 kept words, as in word2vec.c.

        The options mean what word2vec.c's mean, with its defaults: --dim 100 (-size), --window 5 (each word draws its window from 1...5), --negative 5, --min-count 5, --sample 1e-3, --epochs 5 (-iter), --lr 0.025 for skip-gram and 0.05 for CBOW (-alpha), falling linearly to --min-lr (default 0.0001 x --lr). --loss hs is word2vec.c's -hs 1 -negative 0. --loss softmax is the full softmax, for small vocabularies (at most 20000 words). Noise words come from the unigram distribution to the power --ns-exponent 0.75.

        --share-negatives (skip-gram with --loss ns) draws the noise words once per centre word and shares them across its window (Ji et al. 2016) instead of once per word pair: their vectors then stay in cache, which trains wiki8 about 1.6x faster at the same accuracy.

        --threads 1 with a --seed gives bit-for-bit the same vectors on every run. More threads update shared vectors without locks (as word2vec.c, gensim and fastText do): faster, but runs then differ slightly. Each thread keeps its own copy of the 1024 rows that every thread writes all the time (the most frequent words' vectors; with --loss hs the tree nodes nearest the root) and adds its changes to the shared ones every 2048 words, so the threads do not wait on each other's caches for them.

        --deterministic gives bit-for-bit the same vectors for any --threads (and seed): the corpus is cut into 8 fixed shards, each with its own random stream and learning-rate schedule; in rounds of 8192 tokens per shard every shard trains on private copies of the rows it touches, and the changes are added to the vectors in shard order after each round (capped where they all point the same way). What it costs, measured on a 5M-token wiki8 slice (skip-gram, negative sampling, 2 threads): about 1.7x the CPU time of the default mode (so about 0.6x its words per second at any thread count) and 2.5x its memory (private copies of the rows each shard touches: 154 MB against 60 MB), at the same accuracy within noise (WS-353 rho 0.22 against 0.24, analogies 0.9% against 0.8-1.1%). The vectors differ from the default mode's, and the model file records "threads": null, "shards": 8.

        --checkpoint FILE saves the run at the end of every epoch (or every --checkpoint-every N tokens) in one file replaced atomically; after an interruption, the same command with --resume FILE (same input, same settings) continues it, and with --threads 1, or with --deterministic for any --threads, writes the same model file as a run that was never interrupted. Other settings are refused (exit 64) with the list of differences; a damaged file or another kind of file is exit 65.

        --method glove trains GloVe as Stanford's four programs do, in one pass over the input: every pair of vocabulary words at most --window (default 10, at most 20) apart on a line adds 1/distance to X (--asymmetric: the left context only), counted exactly within --memory (pairs beyond it are sorted, spilled to unlinked temporary files in --tmpdir and merged), then --epochs (default 15) passes of AdaGrad (--lr 0.05) over the pairs in a new random order each (pairs that do not fit in --memory are scattered at random into blocks in an unlinked temporary file, and each pass reads the blocks in a new order, one at a time, and shuffles each), minimising f(X)(w.w~ + b + b~ - log X)^2 with f(x) = (x/--x-max)^--alpha below --x-max. --cooccur-only writes the counts as a shard file; shard files given as input (counted with the same --vocab) are added up exactly and trained on. --deterministic gives the same vectors for any --threads. --vectors picks W + W~ (sum, the default), word, context or concat.

        Output: an `embeddings` model file (vocabulary with counts, vectors, the output vectors for --loss ns and softmax, and every setting), read by `embed-query` and by numpy/safetensors.

        Examples:
          tokenize --lower < corpus.txt | embed-train -o vectors.nlpipe
          xz -dc wiki8.xz | embed-train --text --sample 1e-4 --epochs 1 -o wiki8.nlpipe
          embed-train --text --method cbow --loss hs --threads 1 --seed 7 -o cbow.nlpipe corpus.txt
          vocab build --text --specials '' --min-count 10 -o vocab.nlpipe < corpus.txt
          embed-train --text --vocab vocab.nlpipe -o vectors.nlpipe corpus.txt
          embed-train --text --epochs 3 --log train.jsonl --eval-analogies questions-words.txt -o vectors.nlpipe corpus.txt
          embed-train --text --init vectors.nlpipe --lr 0.01 -o more.nlpipe more.txt
          embed-train --text --deterministic --threads 2 -o same-for-any-threads.nlpipe corpus.txt
          embed-train --text --epochs 10 --checkpoint run.ckpt -o vectors.nlpipe corpus.txt
          embed-train --text --epochs 10 --resume run.ckpt -o vectors.nlpipe corpus.txt
          xz -dc wiki8.xz | embed-train --text --method glove --window 10 --memory 4G -o glove.nlpipe
          embed-train --text --method glove --vocab vocab.nlpipe --cooccur-only -o part1.nlpipe part1.txt
          embed-train --method glove -o glove.nlpipe part1.nlpipe part2.nlpipe

        Exit status: 0 success, 64 usage error (a dimension of 0, a full softmax over too large a vocabulary, --resume with other settings, a --memory too small for GloVe), 65 bad input data (an empty corpus, no word reaching --min-count, malformed JSON, invalid UTF-8, a damaged checkpoint or one of another corpus, shard files that cannot be added up), 66 missing input file, 74 I/O error (an unwritable --tmpdir), 1 anything else.
        """,
        version: NLPipeVersion.string
    )

    static func main() {
        BLASKernelChoice.reexecIfFaster()
        ProgramRunner.main(EmbedTrain.self)
    }

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The embeddings file to write.", valueName: "file"), completion: .file())
    var output: String

    @Option(help: ArgumentHelp("The record field holding the tokens (JSON Lines input).", valueName: "name"))
    var field = "tokens"

    @Option(help: "skipgram: each context word predicts the centre word; cbow: their mean does; glove: GloVe on co-occurrence counts.")
    var method: EmbedMethod = .skipgram

    @Option(help: "ns: negative sampling; hs: hierarchical softmax; softmax: the full softmax.")
    var loss: TrainingLoss = .ns

    @Option(help: "The vector dimension.")
    var dim = 100

    @Option(help: "The largest distance between a word and its context (each word draws 1...window; glove counts every pair up to it, weighted 1/distance). Default: 5, glove 10.")
    var window: Int?

    @Option(help: "Noise words per example (--loss ns).")
    var negative = 5

    @Option(help: "The exponent of the noise distribution (unigram^exponent).")
    var nsExponent = 0.75

    @Option(help: "Words seen fewer times are dropped.")
    var minCount = 5

    @Option(help: ArgumentHelp("Keep at most the N most frequent words.", valueName: "n"))
    var maxVocab: Int?

    @Option(help: "The subsampling threshold for frequent words (0: keep every word).")
    var sample = 1e-3

    @Option(help: "Passes over the corpus (glove: over the co-occurrence pairs). Default: 5, glove 15.")
    var epochs: Int?

    @Option(help: ArgumentHelp("The starting learning rate (default: 0.025 skipgram, 0.05 cbow and glove).", valueName: "rate"))
    var lr: Double?

    @Option(help: ArgumentHelp("The final learning rate (default: 0.0001 x --lr).", valueName: "rate"))
    var minLr: Double?

    @Option(help: "Worker threads (default: the number of cores).")
    var threads = Machine.coreCount

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "table: word2vec.c's table of the sigmoid over [-6, 6]; exact: computed each time.")
    var sigmoid: SigmoidMode = .table

    @Option(help: ArgumentHelp("Skip-gram and CBOW: input vectors start uniform in [-R, R)/--dim (1: gensim 4's and fastText's start; 0.5: word2vec.c's).", valueName: "R"))
    var initRange = 1.0

    @Flag(help: "Skip-gram with --loss ns: draw the noise words once per centre word and share them across its window (faster; not word2vec.c's sampling).")
    var shareNegatives = false

    @Flag(help: "The same vectors for any --threads (fixed shards with their own random streams, merged in a fixed order); see the discussion for what it costs.")
    var deterministic = false

    @OptionGroup var checkpointing: CheckpointOptions

    @Option(help: ArgumentHelp("Use this vocabulary (from 'vocab build') instead of counting one.", valueName: "file"),
            completion: .file())
    var vocab: String?

    @Option(name: .customLong("init"), help: ArgumentHelp("Start from these vectors (an embeddings file or any file embed-query reads: word2vec text or binary, GloVe, fastText .vec) instead of random ones: the rows of words in both are copied (the dimension must equal --dim), the other words start as usual. The output vectors are copied too when the file is an embeddings file with output vectors for exactly this vocabulary (for example one this program wrote from the same corpus), otherwise they start at zero.", valueName: "model"),
            completion: .file())
    var initFrom: String?

    @Option(help: ArgumentHelp("Write metrics to this file as JSON lines: one line about twice a second while training (words done, words per second, learning rate, running mean loss, ETA in seconds, epoch), one per finished epoch (words, seconds, mean loss), one per phase with its wall-clock seconds: read (reading, counting and spooling the input), trained (training alone) and written (the model file); with --method glove also one when counting ends (pairs, blocks, CPU seconds and peak memory so far).", valueName: "file"),
            completion: .file())
    var log: String?

    @Option(help: ArgumentHelp("After every epoch, evaluate the vectors on these analogy questions (questions-words.txt format) as 'embed-query --eval-analogies' does (gensim's counting, 3CosAdd, the 30000 most frequent words); the scores go to the --log epoch line and a summary to standard error.", valueName: "file"),
            completion: .file())
    var evalAnalogies: String?

    @Option(help: ArgumentHelp("After every epoch, evaluate the vectors on these word pairs (word1, word2, score separated by tabs, as wordsim353.tsv) as 'embed-query --eval-pairs' does (Spearman's rho, the 30000 most frequent words).", valueName: "file"),
            completion: .file())
    var evalPairs: String?

    @Flag(help: "Print no progress or summary on standard error.")
    var quiet = false

    @OptionGroup(title: "GloVe") var glove: GloVeOptionGroup

    func validate() throws {
        if checkpointing.resume != nil && initFrom != nil {
            throw ValidationError("--resume continues from the checkpoint's vectors: drop --init")
        }
        do {
            if method == .glove {
                if checkpointing.isUsed {
                    throw ValidationError("--checkpoint and --resume are available for skip-gram and CBOW, not for --method glove")
                }
                try GloVeRun(command: self).options.validate()
            } else {
                if glove.isUsed { throw ValidationError("the GloVe options need --method glove") }
                try trainingOptions().validate()
            }
        } catch let error as ClassifiedError {
            throw ValidationError(error.description)
        }
    }

    func trainingOptions() -> TrainingOptions {
        var options = TrainingOptions()
        options.method = method.trainingMethod ?? .skipgram
        options.loss = loss
        options.dimension = dim
        options.window = window ?? 5
        options.negative = negative
        options.noiseExponent = nsExponent
        options.minCount = minCount
        options.maxVocabulary = maxVocab
        options.sample = sample
        options.epochs = epochs ?? 5
        options.learningRate = lr
        options.minLearningRate = minLr
        options.threads = threads
        options.seed = seed
        options.sigmoid = sigmoid
        options.initRange = initRange
        options.shareNegatives = shareNegatives
        options.deterministic = deterministic
        return options
    }

    func run() throws {
        if method == .glove { return try GloVeRun(command: self).run() }
        let options = trainingOptions()
        let initial = try initFrom.map { InitialVectors(try WordVectors(contentsOf: $0)) }
        try initial?.check(dimension: options.dimension)
        let metricsLog = try log.map { try MetricsLog(path: $0) }
        let evaluation = evalAnalogies == nil && evalPairs == nil ? nil
            : try EpochEvaluation(analogiesFile: evalAnalogies, pairsFile: evalPairs)
        let resumed = try checkpointing.resumed()
        let fixedVocabulary = try vocab.map { try Vocabulary(contentsOf: $0) }
        let readStart = Clocks.monotonic()
        let corpus = try CorpusReading.read(input, field: field, vocabulary: fixedVocabulary, options: options)
        let readSeconds = Clocks.seconds(since: readStart)
        let trainer = try EmbeddingTrainer(options: options, corpus: corpus, initial: initial, resuming: resumed)
        let reporter = TerminalProgress(program: "embed-train", enabled: !quiet && StandardError.isTerminal)
        let progress: any ProgressReporting = metricsLog.map { LoggedProgress(log: $0, passingTo: reporter) } ?? reporter
        progress.event("read", metrics: [("tokens", Double(corpus.tokenCount)), ("seconds", readSeconds)])
        if !quiet {
            StandardError.print("embed-train: \(corpus.tokenCount) tokens, \(corpus.vocabulary.count) words in the "
                + "vocabulary covering \(corpus.trainingWordCount); \(options.method.rawValue) with \(options.loss.rawValue), "
                + "dim \(options.dimension), \(options.epochs) epoch\(options.epochs == 1 ? "" : "s"), \(options.threads) thread\(options.threads == 1 ? "" : "s")")
        }
        let trained = try trainer.train(progress: progress, observer: EpochReporting(log: metricsLog, evaluation: evaluation, terminal: reporter, quiet: quiet),
                                        checkpoints: checkpointing.plan)
        reporter.finish()
        if !quiet, let initFrom, let applied = trained.initialized {
            StandardError.print("embed-train: started \(applied.inputRows) of \(corpus.vocabulary.count) words from \(initFrom)"
                + (applied.output ? ", with its output vectors" : ""))
        }
        let writeStart = Clocks.monotonic()
        try ModelWriting.write(trained, to: output, corpusTokens: corpus.tokenCount, initFile: initFrom)
        progress.event("written", metrics: [("seconds", Clocks.seconds(since: writeStart))])
        try metricsLog?.close()
        if !quiet {
            StandardError.print("embed-train: \(trained.wordsTrained) words in \(reporter.elapsedDescription), "
                + "mean loss \(String(format3: trained.meanLoss)) -> \(output)")
        }
    }
}

extension String {
    /// `x` with three decimals.
    init(format3 x: Double) {
        let scaled = (x * 1000).rounded()
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(Int(scaled))
        let fraction = String(magnitude % 1000)
        self = "\(sign)\(magnitude / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
