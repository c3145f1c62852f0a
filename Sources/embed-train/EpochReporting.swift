import CommandLineSupport
import Embeddings
import JSONCore
import Kernels
import VocabularyModule

/// What embed-train does at the end of every epoch: runs the `--eval-analogies/--eval-pairs`
/// evaluations on the current vectors, writes the epoch's line to the `--log` file
/// (`{"event":"epoch","epoch":…,"epochs":…,"words":…,"total_words":…,"seconds":…,"loss":…,"lr":…}`
/// plus `"analogies"` and `"pairs"` objects as `embed-query` prints them), and summarises the
/// evaluations on standard error unless `--quiet`.
final class EpochReporting: EpochObserving {
    let log: MetricsLog?
    let evaluation: EpochEvaluation?
    let terminal: TerminalProgress
    let quiet: Bool

    init(log: MetricsLog?, evaluation: EpochEvaluation?, terminal: TerminalProgress, quiet: Bool) {
        self.log = log
        self.evaluation = evaluation
        self.terminal = terminal
        self.quiet = quiet
    }

    func epochEnded(_ summary: EpochSummary, input: FloatMatrix, vocabulary: Vocabulary) throws {
        var fields: [(key: String, value: JSONValue)] = [
            ("event", "epoch"), ("epoch", JSONValue(summary.epoch)), ("epochs", JSONValue(summary.epochs)),
            ("words", JSONValue(summary.words)), ("total_words", JSONValue(summary.totalWords)),
            ("seconds", JSONValue(summary.seconds)), ("loss", JSONValue(summary.meanLoss)), ("lr", JSONValue(summary.learningRate)),
        ]
        var scores: [String] = []
        if let evaluation {
            let result = try evaluation.evaluate(input: input, vocabulary: vocabulary)
            if let analogies = result.analogies {
                fields.append(("analogies", analogies.json))
                let accuracy = analogies.accuracy.map { "\(($0 * 1000).rounded() / 10)%" } ?? "n/a"
                scores.append("analogies \(accuracy) (\(analogies.correct)/\(analogies.evaluated), \(analogies.skipped) skipped)")
            }
            if let pairs = result.pairs {
                fields.append(("pairs", pairs.json))
                scores.append("pairs rho \(String(format3: pairs.spearman)) (\(pairs.evaluated) pairs, \(pairs.outOfVocabulary) oov)")
            }
        }
        log?.write(.object(fields))
        if !quiet && !scores.isEmpty {
            terminal.finish()
            StandardError.print("embed-train: epoch \(summary.epoch)/\(summary.epochs): " + scores.joined(separator: ", "))
        }
    }
}
