import CommandLineSupport
import Diagnostics
import JSONCore
import LanguageModels
#if canImport(Glibc)
import Glibc
#endif

/// lm-train's observer of the trainer: the progress line, the `--log` lines, the epoch summaries
/// on standard error, and the model and checkpoint files.
final class TrainingReporter: LMTrainingObserver {
    let command: LMTrain
    let log: MetricsLog?
    let level: ModelLevel
    let terminal: TerminalProgress
    private var lastReport = 0.0

    init(command: LMTrain, log: MetricsLog?, level: ModelLevel) {
        self.command = command
        self.log = log
        self.level = level
        terminal = TerminalProgress(program: "lm-train", enabled: !command.quiet && StandardError.isTerminal)
    }

    func batchEnded(epoch: Int, batch: Int, batches: Int, meanLoss: Double, tokensPerSecond: Double, learningRate: Double) {
        let now = terminal.elapsed
        guard now - lastReport >= 0.5 || batch == batches else { return }
        lastReport = now
        let metrics: [(String, Double)] = [("epoch", Double(epoch)), ("loss", meanLoss), ("ppl", exp(meanLoss)),
                                           ("tokens_per_s", tokensPerSecond), ("lr", learningRate)]
        terminal.progress(done: batch, total: batches, unit: "batches", metrics: metrics)
        log?.write(.object([("event", "progress"), ("epoch", JSONValue(epoch)), ("batch", JSONValue(batch)),
                            ("batches", JSONValue(batches)), ("train_loss", JSONValue(meanLoss)),
                            ("tokens_per_s", JSONValue(tokensPerSecond)), ("lr", JSONValue(learningRate))]))
    }

    func epochEnded(_ report: EpochReport) throws {
        var fields: [(key: String, value: JSONValue)] = [
            ("event", "epoch"), ("epoch", JSONValue(report.epoch)), ("epochs", JSONValue(report.epochs)),
            ("train_loss", JSONValue(report.trainLoss)), ("train_ppl", JSONValue(exp(report.trainLoss))),
            ("valid_loss", report.validLoss.map { JSONValue($0) } ?? .null),
            ("valid_ppl", report.validLoss.map { JSONValue(exp($0)) } ?? .null),
        ]
        if level == .char {
            fields.append(("train_bpc", JSONValue(report.trainLoss / natsPerBit)))
            fields.append(("valid_bpc", report.validLoss.map { JSONValue($0 / natsPerBit) } ?? .null))
        }
        fields += [("tokens_per_s", JSONValue(report.tokensPerSecond)), ("seconds", JSONValue(report.seconds)),
                   ("lr", JSONValue(report.learningRate)), ("improved", .bool(report.improved)),
                   ("batches", JSONValue(report.batches)), ("batches_per_epoch", JSONValue(report.batchesPerEpoch)),
                   ("total_seconds", JSONValue(report.totalSeconds)), ("total_tokens", JSONValue(report.totalTokens)),
                   ("cpu_seconds", JSONValue(report.cpuSeconds)), ("total_cpu_seconds", JSONValue(report.totalCPUSeconds))]
        if report.timeLimitReached { fields.append(("stopped", "time_limit")) }
        log?.write(.object(fields))
        guard !command.quiet else { return }
        terminal.finish()
        var line = "lm-train: epoch \(report.epoch)/\(report.epochs)"
        if report.batches < report.batchesPerEpoch { line += " (batches 1-\(report.batches) of \(report.batchesPerEpoch))" }
        line += ": train ppl \(format(exp(report.trainLoss)))"
        if let valid = report.validLoss {
            line += ", valid ppl \(format(exp(valid)))"
            if level == .char { line += ", valid bpc \(format(valid / natsPerBit))" }
            if !report.improved { line += " (no improvement)" }
        }
        line += ", \(Int(report.tokensPerSecond.rounded())) tokens/s, \(format(report.seconds)) s"
        if report.timeLimitReached {
            line += "; time limit reached after \(format(report.totalSeconds)) s of training"
        }
        StandardError.print(line)
    }

    /// The best model's loss on the --test text.
    func tested(epoch: Int, loss: Double, tokens: Int) {
        var fields: [(key: String, value: JSONValue)] = [
            ("event", "test"), ("epoch", JSONValue(epoch)), ("test_loss", JSONValue(loss)), ("test_ppl", JSONValue(exp(loss))),
            ("tokens", JSONValue(tokens)),
        ]
        if level == .char { fields.append(("test_bpc", JSONValue(loss / natsPerBit))) }
        log?.write(.object(fields))
        guard !command.quiet else { return }
        var line = "lm-train: test (model of epoch \(epoch), \(tokens) predictions): test ppl \(format(exp(loss)))"
        if level == .char { line += ", test bpc \(format(loss / natsPerBit))" }
        StandardError.print(line)
    }

    /// ln 2: nats per bit.
    private var natsPerBit: Double { 0.6931471805599453 }

    func saveModel(_ model: LanguageModel) throws {
        try model.write(to: command.output)
    }

    func saveCheckpoint(_ trainer: LanguageModelTrainer) throws {
        guard command.checkpointEvery > 0 else { return }
        try trainer.checkpoint().write(to: command.output + ".checkpoint")
    }

    private func format(_ x: Double) -> String {
        let scaled = (x * 100).rounded() / 100
        return "\(scaled)"
    }
}
