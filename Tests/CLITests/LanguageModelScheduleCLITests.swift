import Foundation
import Testing
import _TestSupport

/// `lm-train`'s learning-rate schedule (--decay-after) and its final --test evaluation.
@Suite struct LanguageModelScheduleCLITests {
    /// With --decay-after 1 the rate is halved after every epoch whether or not the validation
    /// loss improved; the test event reports the best epoch's model, and on a text shorter than one
    /// window (a single stream either way) its loss is that epoch's validation loss on the same text.
    @Test func decayAfterAndTestEvaluation() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let data = try dir.write("train.txt", LanguageModelCLITests.corpus)
        let held = try dir.write("held.txt", "the cat likes a bird\n")
        let run = try Subprocess.nlpipe("lm-train", LanguageModelCLITests.small + [
            "--optimizer", "sgd", "--lr", "0.5", "--epochs", "4", "--decay-after", "1", "--lr-decay", "2",
            "--dev", held, "--test", held, "--log", dir.path("log.jsonl"), "-o", dir.path("m.nlpipe"), data])
        #expect(run.status == 0, "\(run.stderrText)")
        let events = try String(contentsOfFile: dir.path("log.jsonl"), encoding: .utf8).split(separator: "\n")
            .map(LanguageModelCLITests.json)
        let epochs = events.filter { $0["event"] as? String == "epoch" }
        #expect(epochs.map { $0["lr"] as! Double } == [0.5, 0.25, 0.125, 0.0625])
        let tests = events.filter { $0["event"] as? String == "test" }
        #expect(tests.count == 1)
        guard let test = tests.first else { return }
        let losses = epochs.map { $0["valid_loss"] as! Double }
        let best = losses.indices.min { losses[$0] < losses[$1] }!
        #expect(test["epoch"] as? Int == best + 1)
        let testLoss = test["test_loss"] as! Double
        #expect(abs(testLoss - losses[best]) < 1e-9 * losses[best], "test \(testLoss) vs valid \(losses[best])")
        #expect(abs((test["test_ppl"] as! Double) - exp(testLoss)) < 1e-9 * exp(testLoss))
        #expect(test["tokens"] as? Int == 6)
    }

    /// Without --decay-after the rate only falls on a plateau; a negative value is a usage error;
    /// an empty --test text is bad data, reported before any training (no model file written).
    @Test func scheduleDefaultsAndErrors() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let data = try dir.write("train.txt", LanguageModelCLITests.corpus)
        let bad = try Subprocess.nlpipe("lm-train", LanguageModelCLITests.small + ["--decay-after", "-1", "-o", dir.path("m.nlpipe"), data])
        #expect(bad.status == 64 && bad.stderrText.contains("--decay-after"), "\(bad.stderrText)")
        let empty = try dir.write("empty.txt", "")
        let run = try Subprocess.nlpipe("lm-train", LanguageModelCLITests.small + [
            "--optimizer", "sgd", "--lr", "0.5", "--epochs", "2", "--test", empty, "--log", dir.path("log.jsonl"),
            "-o", dir.path("m.nlpipe"), data])
        #expect(run.status == 65 && run.stderrText.contains("test text") && run.stderrText.contains("empty"), "\(run.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("m.nlpipe")))
        let plateau = try Subprocess.nlpipe("lm-train", LanguageModelCLITests.small + [
            "--optimizer", "sgd", "--lr", "0.5", "--epochs", "2", "--log", dir.path("log.jsonl"), "-o", dir.path("m.nlpipe"), data])
        #expect(plateau.status == 0, "\(plateau.stderrText)")
        let epochs = try String(contentsOfFile: dir.path("log.jsonl"), encoding: .utf8).split(separator: "\n")
            .map(LanguageModelCLITests.json).filter { $0["event"] as? String == "epoch" }
        #expect(epochs.map { $0["lr"] as! Double } == [0.5, 0.5])
    }
}
