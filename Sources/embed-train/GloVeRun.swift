import CommandLineSupport
import Diagnostics
import Embeddings
import Foundation
import JSONCore
import VocabularyModule

/// `embed-train --method glove`: reads a corpus (or co-occurrence shard files), counts
/// co-occurrences within `--memory`, then either writes them (`--cooccur-only`) or trains and
/// writes an `embeddings` model.
struct GloVeRun {
    let command: EmbedTrain
    var glove: GloVeOptionGroup { command.glove }

    var options: GloVeOptions {
        var options = GloVeOptions()
        options.dimension = command.dim
        options.xMax = glove.xMax
        options.alpha = glove.alpha
        options.learningRate = command.lr ?? 0.05
        options.epochs = command.epochs ?? 15
        options.threads = command.threads
        options.seed = command.seed
        options.deterministic = command.deterministic
        options.vectors = glove.vectors
        options.cooccurrence = CooccurrenceOptions(window: command.window ?? 10, symmetric: !glove.asymmetric)
        return options
    }

    /// `--tmpdir`, else `$TMPDIR`, else /tmp.
    var temporaryDirectory: String {
        glove.tmpdir ?? ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
    }

    func run() throws {
        let options = self.options
        let files = command.input.files
        let shardInput = !files.isEmpty && files.allSatisfy { $0 != "-" && CooccurrenceShards.isShard($0) }
        if !shardInput, files.contains(where: { $0 != "-" && CooccurrenceShards.isShard($0) }) {
            throw Failure(.usage, "give either co-occurrence shard files or a corpus, not both")
        }
        // Fail before reading anything when no vocabulary at all would fit.
        _ = try GloVeMemoryPlan(limit: glove.memory.bytes, vocabularySize: 0, distinctTokens: 0, dimension: options.dimension)
        let evaluation = try self.evaluation()
        let metricsLog = try command.log.map { try MetricsLog(path: $0) }
        let reporter = TerminalProgress(program: "embed-train", enabled: !command.quiet && StandardError.isTerminal)
        let progress: any Diagnostics.ProgressReporting = metricsLog.map { LoggedProgress(log: $0, passingTo: reporter) } ?? reporter
        let trainer: GloVeTrainer
        var corpusTokens: Int
        if shardInput {
            let shards = try CooccurrenceShards(paths: files)
            corpusTokens = shards.corpusTokens
            let plan = try GloVeMemoryPlan(limit: glove.memory.bytes, vocabularySize: shards.vocabulary.count,
                                           distinctTokens: shards.vocabulary.count, dimension: options.dimension)
            if glove.cooccurOnly {
                let pairs = try shards.write(to: command.output, temporaryDirectory: temporaryDirectory)
                say("\(files.count) shards, \(pairs) pairs -> \(command.output)")
                return
            }
            say("\(files.count) co-occurrence shards: \(corpusTokens) tokens, \(shards.vocabulary.count) words, "
                + "window \(shards.options.window)\(shards.options.symmetric ? "" : " asymmetric")")
            trainer = try GloVeTrainer(options: options, shards: shards, plan: plan, temporaryDirectory: temporaryDirectory)
        } else {
            let vocabulary = try command.vocab.map { try Vocabulary(contentsOf: $0) }
            let corpus = try CorpusReading.read(command.input, field: command.field, vocabulary: vocabulary,
                                                options: command.trainingOptions(), temporaryDirectory: temporaryDirectory)
            corpusTokens = corpus.tokenCount
            let plan = try GloVeMemoryPlan(limit: glove.memory.bytes, vocabularySize: corpus.vocabulary.count,
                                           distinctTokens: corpus.distinctTokens, dimension: options.dimension)
            let counter = try CooccurrenceCounter(vocabularySize: corpus.vocabulary.count, options: options.cooccurrence,
                                                  tableEntries: plan.tableEntries, denseEntries: plan.denseEntries,
                                                  temporaryDirectory: temporaryDirectory)
            let start = Date()
            try counter.count(corpus, progress: progress)
            reporter.finish()
            let seconds = Date().timeIntervalSince(start)
            if glove.cooccurOnly {
                let pairs = try counter.write(to: command.output, vocabulary: corpus.vocabulary, corpusTokens: corpusTokens,
                                              vocabularyGiven: vocabulary != nil, temporaryDirectory: temporaryDirectory)
                say("\(corpusTokens) tokens, \(corpus.vocabulary.count) words: \(pairs) co-occurring pairs "
                    + "(window \(options.cooccurrence.window), \(counter.spills) spills) -> \(command.output)")
                return
            }
            trainer = try GloVeTrainer(options: options, counter: counter, vocabulary: corpus.vocabulary, plan: plan,
                                       temporaryDirectory: temporaryDirectory)
            say("\(corpusTokens) tokens, \(corpus.vocabulary.count) words in the vocabulary; counted in "
                + "\(String(format3: seconds)) s (window \(options.cooccurrence.window)\(glove.asymmetric ? " asymmetric" : ""), "
                + "\(counter.spills) spill\(counter.spills == 1 ? "" : "s"))")
        }
        // The end of the counting stage (reading, counting, merging, loading or scattering the
        // pairs), for benchmarks that time the stages apart.
        let usage = Machine.processUsage()
        metricsLog?.write(["event": "counted", "pairs": JSONValue(trainer.pairCount), "blocks": JSONValue(trainer.blockCount),
                           "cpu_seconds": JSONValue(usage.cpuSeconds), "peak_bytes": JSONValue(usage.peakBytes)])
        say("glove: \(trainer.pairCount) co-occurring pairs, dim \(options.dimension), \(options.epochs) "
            + "epoch\(options.epochs == 1 ? "" : "s"), \(options.threads) thread\(options.threads == 1 ? "" : "s")"
            + (options.deterministic ? ", deterministic" : "")
            + (trainer.blockCount > 1 ? ", out of core in \(trainer.blockCount) blocks" : ""))
        let observer = EpochReporting(log: metricsLog, evaluation: evaluation, terminal: reporter, quiet: command.quiet)
        let trained = try trainer.train(progress: progress, observer: observer)
        reporter.finish()
        try metricsLog?.close()
        var config = options.json
        if case .object(var fields) = config {
            fields.append(("corpus_tokens", JSONValue(corpusTokens)))
            fields.append(("pairs", JSONValue(trained.pairs)))
            fields.append(("min_count", JSONValue(command.minCount)))
            config = .object(fields)
        }
        let vectors = try WordVectors(words: trained.vocabulary.tokens, counts: trained.vocabulary.counts,
                                      vectors: trained.vectors, config: config)
        try vectors.write(to: command.output)
        say("\(trained.pairs * options.epochs) pair updates in \(reporter.elapsedDescription), final loss "
            + "\(String(format3: trained.meanLoss)) -> \(command.output)")
    }

    func evaluation() throws -> EpochEvaluation? {
        command.evalAnalogies == nil && command.evalPairs == nil ? nil
            : try EpochEvaluation(analogiesFile: command.evalAnalogies, pairsFile: command.evalPairs)
    }

    func say(_ message: String) {
        if !command.quiet { StandardError.print("embed-train: " + message) }
    }
}
