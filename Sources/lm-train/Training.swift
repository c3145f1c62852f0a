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

    /// The sequences of one more file (--dev, --test), read with the inputs' options.
    func readFile(_ path: String, with reader: CorpusReader) throws -> [CorpusSequence] {
        var options = command.input
        options.files = [path]
        return try reader.read(options)
    }

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
        let devSequences = try command.dev.map { try readFile($0, with: reader) }
        let testSequences = try command.test.map { try readFile($0, with: reader) }
        if let test = command.test, testSequences!.allSatisfy({ $0.isEmpty }) {
            throw Failure(.badData, "the test text \(test) is empty")
        }

        var options = command.trainingOptions()
        let model: LanguageModel
        if let resumed {
            model = resumed
        } else {
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
            model = try LanguageModel(vocabulary: vocabulary, level: command.level, network: options.network, trainingConfig: config)
        }
        let trainStream = try TokenStream(sequences: train, model: model)
        let devStream = try devSequences.map { try TokenStream(sequences: $0, model: model) }
        // A resumed run takes its settings from the checkpoint, not from the options.
        let trainer = try checkpoint.map {
            try LanguageModelTrainer(resuming: $0, model: model, train: trainStream, dev: devStream, epochs: command.epochs)
        } ?? LanguageModelTrainer(model: model, options: options, train: trainStream, dev: devStream)
        trainer.timeLimit = command.timeLimit
        trainer.threads = command.threads
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
            reporter.tested(epoch: trainer.position.savedEpoch, loss: total / Double(count), tokens: count)
        }
        try metricsLog?.close()
        if !command.quiet {
            StandardError.print("lm-train: done in \(reporter.terminal.elapsedDescription); best model (epoch \(trainer.position.savedEpoch)) -> \(command.output)")
        }
    }
}
