import CommandLineSupport
import Embeddings
import JSONCore
import Kernels
import VocabularyModule

/// What embed-train does at the end of every epoch: writes the epoch's line to the `--log` file
/// (`{"event":"epoch","epoch":…,"epochs":…,"words":…,"seconds":…,"loss":…,"lr":…}`).
final class EpochReporting: EpochObserving {
    let log: MetricsLog?

    init(log: MetricsLog?) {
        self.log = log
    }

    func epochEnded(_ summary: EpochSummary, input: FloatMatrix, vocabulary: Vocabulary) throws {
        let fields: [(key: String, value: JSONValue)] = [
            ("event", "epoch"), ("epoch", JSONValue(summary.epoch)), ("epochs", JSONValue(summary.epochs)),
            ("words", JSONValue(summary.words)), ("total_words", JSONValue(summary.totalWords)),
            ("seconds", JSONValue(summary.seconds)), ("loss", JSONValue(summary.meanLoss)), ("lr", JSONValue(summary.learningRate)),
        ]
        log?.write(.object(fields))
    }
}
