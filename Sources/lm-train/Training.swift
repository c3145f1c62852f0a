import CommandLineSupport
import Diagnostics
import JSONCore
import Kernels
import LanguageModels
import ModelArchive
import Records
import VocabularyModule

/// What `lm-train` does once its options are parsed: read the data, build or load the model,
/// train, report.
struct Training {
    let command: LMTrain

    var unit: SequenceUnit { command.level == .char ? .characters : .words }

    func run() throws {
        BLAS.setThreads(command.threads)
        let metricsLog = try command.log.map { try MetricsLog(path: $0) }
        // The vocabulary comes before the data, so that token ids in the data can be checked against it.
        let checkpoint = try command.resume.map { try ArchiveReader(path: $0) }
        let resumed = try checkpoint.map { try LanguageModelTrainer.model(inCheckpoint: $0) }
        if let resumed, resumed.level != command.level {
            throw Failure(.usage, "\(command.resume!) is a \(resumed.level.rawValue)-level checkpoint; give --level \(resumed.level.rawValue)")
        }
        let givenVocabulary = try command.vocab.map { try Vocabulary(contentsOf: $0) }
        let reader = CorpusReader(unit: unit, field: command.field, idsByDefault: command.level == .word && command.vocab != nil,
                                  vocabularySize: resumed?.vocabulary.count ?? givenVocabulary?.count)
        let train = try reader.read(command.input)
        if train.allSatisfy({ $0.isEmpty }) {
            throw Failure(.badData, "the training corpus is empty")
        }
        var devOptions = command.input
        devOptions.files = command.dev.map { [$0] } ?? []
        let devSequences = try command.dev.map { _ in try reader.read(devOptions) }
        var testOptions = command.input
        testOptions.files = command.test.map { [$0] } ?? []
        let testSequences = try command.test.map { _ in try reader.read(testOptions) }
        if let test = command.test, testSequences!.allSatisfy({ $0.isEmpty }) {
            throw Failure(.badData, "the test text \(test) is empty")
        }

        let trainer: LanguageModelTrainer
        if let checkpoint, let model = resumed {
            trainer = try LanguageModelTrainer(resuming: checkpoint, model: model, train: try TokenStream(sequences: train, model: model),
                                               dev: try devSequences.map { try TokenStream(sequences: $0, model: model) },
                                               epochs: command.epochs)
        } else {
            var options = command.trainingOptions()
            // Without --vocab there is no id to read: every sequence is tokens.
            let vocabulary = try givenVocabulary ?? LMVocabularyBuilding.build(train.map { sequence -> [String] in
                if case .tokens(let tokens) = sequence { return tokens }
                return []
            }, level: command.level, minCount: command.minCount, maxSize: command.maxVocab)
            options.network.vocabularySize = vocabulary.count
            var config = options.json
            if case .object(var fields) = config {
                fields.append(("vocabulary_size", JSONValue(vocabulary.count)))
                config = .object(fields)
            }
            let model = try LanguageModel(vocabulary: vocabulary, level: command.level, network: options.network, trainingConfig: config)
            trainer = try LanguageModelTrainer(model: model, options: options, train: try TokenStream(sequences: train, model: model),
                                               dev: try devSequences.map { try TokenStream(sequences: $0, model: model) })
        }
        trainer.timeLimit = command.timeLimit
        let reporter = TrainingReporter(command: command, log: metricsLog, level: command.level)
        if !command.quiet {
            let o = trainer.options, n = o.network
            StandardError.print("lm-train: \(trainer.train.predictionCount) training tokens, vocabulary \(trainer.model.vocabulary.count); "
                + "\(n.layers) x \(n.cell.rawValue) \(n.hiddenSize), embed \(n.embedSize), bptt \(o.bptt), batch \(o.batch), "
                + "\(o.optimizer.rawValue) lr \(trainer.position.learningRate), \(trainer.batchesPerEpoch) batches per epoch"
                + ", OpenBLAS \(BLAS.coreName)"
                + (command.resume.map { ", resuming at epoch \(trainer.position.epoch) batch \(trainer.position.batch) from \($0)" } ?? ""))
        }
        try trainer.run(observer: reporter)
        reporter.terminal.finish()
        if let testSequences {
            // The model file holds the best epoch's weights, which is the model being reported.
            let best = try LanguageModel(contentsOf: command.output)
            let (total, count) = best.evaluate(try TokenStream(sequences: testSequences, model: best), batch: 1, bptt: trainer.options.bptt)
            try reporter.tested(epoch: trainer.position.savedEpoch, loss: total / Double(count), tokens: count)
        }
        try metricsLog?.close()
        if !command.quiet {
            StandardError.print("lm-train: done in \(reporter.terminal.elapsedDescription); best model (epoch \(trainer.position.savedEpoch)) -> \(command.output)")
        }
    }
}
