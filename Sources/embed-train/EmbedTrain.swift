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
        abstract: "Train word vectors (skip-gram or CBOW; negative sampling, hierarchical or full softmax).",
        discussion: """
        Reads tokens from `tokenize` (JSON Lines with a `tokens` field) or, with --text, plain text with tokens separated by white space (a corpus that is one huge line, like text8, is read in bounded chunks). The input is read once: tokens are counted and spooled to a temporary file of 4-byte ids ($TMPDIR or /tmp), so a pipe works and memory grows with the vocabulary and the dimension, never with the corpus. Lines (records) are sentences: the window never crosses them, and a longer run of words is cut every 1000 kept words, as in word2vec.c.

        The options mean what word2vec.c's mean, with its defaults: --dim 100 (-size), --window 5 (each word draws its window from 1...5), --negative 5, --min-count 5, --sample 1e-3, --epochs 5 (-iter), --lr 0.025 for skip-gram and 0.05 for CBOW (-alpha), falling linearly to --min-lr (default 0.0001 x --lr). --loss hs is word2vec.c's -hs 1 -negative 0. --loss softmax is the full softmax, for small vocabularies (at most 20000 words). Noise words come from the unigram distribution to the power --ns-exponent 0.75.

        --share-negatives (skip-gram with --loss ns) draws the noise words once per centre word and shares them across its window (Ji et al. 2016) instead of once per word pair: their vectors then stay in cache, which trains wiki8 about 1.6x faster at the same accuracy.

        --threads 1 with a --seed gives bit-for-bit the same vectors on every run. More threads update shared vectors without locks (as word2vec.c, gensim and fastText do): faster, but runs then differ slightly.

        Output: an `embeddings` model file (vocabulary with counts, vectors, the output vectors for --loss ns and softmax, and every setting), read by `embed-query` and by numpy/safetensors.

        Examples:
          tokenize --lower < corpus.txt | embed-train -o vectors.nlpipe
          xz -dc wiki8.xz | embed-train --text --sample 1e-4 --epochs 1 -o wiki8.nlpipe
          embed-train --text --method cbow --loss hs --threads 1 --seed 7 -o cbow.nlpipe corpus.txt
          vocab build --text --specials '' --min-count 10 -o vocab.nlpipe < corpus.txt
          embed-train --text --vocab vocab.nlpipe -o vectors.nlpipe corpus.txt
          embed-train --text --epochs 3 --log train.jsonl --eval-analogies questions-words.txt -o vectors.nlpipe corpus.txt
          embed-train --text --init vectors.nlpipe --lr 0.01 -o more.nlpipe more.txt

        Exit status: 0 success, 64 usage error (a dimension of 0, a full softmax over too large a vocabulary), 65 bad input data (an empty corpus, no word reaching --min-count, malformed JSON, invalid UTF-8), 66 missing input file, 74 I/O error, 1 anything else.
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

    @Option(help: "skipgram: each context word predicts the centre word; cbow: their mean does.")
    var method: TrainingMethod = .skipgram

    @Option(help: "ns: negative sampling; hs: hierarchical softmax; softmax: the full softmax.")
    var loss: TrainingLoss = .ns

    @Option(help: "The vector dimension.")
    var dim = 100

    @Option(help: "The largest distance between a word and its context (each word draws 1...window).")
    var window = 5

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

    @Option(help: "Passes over the corpus.")
    var epochs = 5

    @Option(help: ArgumentHelp("The starting learning rate (default: 0.025 skipgram, 0.05 cbow).", valueName: "rate"))
    var lr: Double?

    @Option(help: ArgumentHelp("The final learning rate (default: 0.0001 x --lr).", valueName: "rate"))
    var minLr: Double?

    @Option(help: "Worker threads (default: the number of cores).")
    var threads = Machine.coreCount

    @Option(help: "The random seed.")
    var seed: UInt64 = 1

    @Option(help: "table: word2vec.c's table of the sigmoid over [-6, 6]; exact: computed each time.")
    var sigmoid: SigmoidMode = .table

    @Flag(help: "Skip-gram with --loss ns: draw the noise words once per centre word and share them across its window (faster; not word2vec.c's sampling).")
    var shareNegatives = false

    @Option(help: ArgumentHelp("Use this vocabulary (from 'vocab build') instead of counting one.", valueName: "file"),
            completion: .file())
    var vocab: String?

    @Option(name: .customLong("init"), help: ArgumentHelp("Start from these vectors (an embeddings file or any file embed-query reads: word2vec text or binary, GloVe, fastText .vec) instead of random ones: the rows of words in both are copied (the dimension must equal --dim), the other words start as usual. The output vectors are copied too when the file is an embeddings file with output vectors for exactly this vocabulary (for example one this program wrote from the same corpus), otherwise they start at zero.", valueName: "model"),
            completion: .file())
    var initFrom: String?

    @Option(help: ArgumentHelp("Write metrics to this file as JSON lines: one line about twice a second while training (words done, words per second, learning rate, running mean loss, ETA in seconds, epoch) and one per finished epoch (words, seconds, mean loss).", valueName: "file"),
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

    func validate() throws {
        do { try trainingOptions().validate() } catch let error as ClassifiedError {
            throw ValidationError(error.description)
        }
    }

    func trainingOptions() -> TrainingOptions {
        var options = TrainingOptions()
        options.method = method
        options.loss = loss
        options.dimension = dim
        options.window = window
        options.negative = negative
        options.noiseExponent = nsExponent
        options.minCount = minCount
        options.maxVocabulary = maxVocab
        options.sample = sample
        options.epochs = epochs
        options.learningRate = lr
        options.minLearningRate = minLr
        options.threads = threads
        options.seed = seed
        options.sigmoid = sigmoid
        options.shareNegatives = shareNegatives
        return options
    }

    func run() throws {
        let options = trainingOptions()
        let initial = try initFrom.map { InitialVectors(try WordVectors(contentsOf: $0)) }
        try initial?.check(dimension: options.dimension)
        let metricsLog = try log.map { try MetricsLog(path: $0) }
        let evaluation = evalAnalogies == nil && evalPairs == nil ? nil
            : try EpochEvaluation(analogiesFile: evalAnalogies, pairsFile: evalPairs)
        let fixedVocabulary = try vocab.map { try Vocabulary(contentsOf: $0) }
        let corpus = try CorpusReading.read(input, field: field, vocabulary: fixedVocabulary, options: options)
        let trainer = try EmbeddingTrainer(options: options, corpus: corpus, initial: initial)
        let reporter = TerminalProgress(program: "embed-train", enabled: !quiet && StandardError.isTerminal)
        let progress: any ProgressReporting = metricsLog.map { LoggedProgress(log: $0, passingTo: reporter) } ?? reporter
        if !quiet {
            StandardError.print("embed-train: \(corpus.tokenCount) tokens, \(corpus.vocabulary.count) words in the "
                + "vocabulary covering \(corpus.trainingWordCount); \(options.method.rawValue) with \(options.loss.rawValue), "
                + "dim \(options.dimension), \(options.epochs) epoch\(options.epochs == 1 ? "" : "s"), \(options.threads) thread\(options.threads == 1 ? "" : "s")")
        }
        let trained = try trainer.train(progress: progress, observer: EpochReporting(log: metricsLog, evaluation: evaluation, terminal: reporter, quiet: quiet))
        reporter.finish()
        try metricsLog?.close()
        if !quiet, let initFrom, let applied = trained.initialized {
            StandardError.print("embed-train: started \(applied.inputRows) of \(corpus.vocabulary.count) words from \(initFrom)"
                + (applied.output ? ", with its output vectors" : ""))
        }
        try ModelWriting.write(trained, to: output, corpusTokens: corpus.tokenCount, initFile: initFrom)
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
