import Foundation
import Testing
import _TestSupport

/// `lm-train` and `sample` run as programs on a small deterministic corpus.
@Suite struct LanguageModelCLITests {
    /// 300 sentences of a tiny grammar, deterministic.
    static let corpus: String = {
        let subjects = ["the cat", "a dog", "the old horse", "my friend"]
        let verbs = ["sees", "likes", "chases", "finds"]
        let objects = ["the ball", "a bird", "the red car", "some bread"]
        return (0..<300).map { i in "\(subjects[i % 4]) \(verbs[(i / 4) % 4]) \(objects[(i / 16) % 4])" }
            .joined(separator: "\n") + "\n"
    }()

    static let small = ["--text", "--layers", "1", "--hidden", "16", "--embed", "16", "--batch", "4", "--bptt", "10",
                        "--optimizer", "adam", "--threads", "1", "--seed", "3", "--quiet"]

    static func json(_ line: Substring) -> [String: Any] {
        try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
    }

    static func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Training 3 epochs in one run and 1 + 2 epochs through --resume gives the same model file,
    /// byte for byte.
    @Test func resumeEqualsAnUninterruptedRun() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let data = try dir.write("train.txt", Self.corpus)
        let whole = try Subprocess.nlpipe("lm-train", Self.small + ["--epochs", "3", "--checkpoint-every", "5", "-o", dir.path("a.nlpipe"), data])
        #expect(whole.status == 0, "\(whole.stderrText)")
        let first = try Subprocess.nlpipe("lm-train", Self.small + ["--epochs", "1", "--checkpoint-every", "5", "-o", dir.path("b.nlpipe"), data])
        #expect(first.status == 0, "\(first.stderrText)")
        let rest = try Subprocess.nlpipe("lm-train", Self.small + ["--epochs", "3", "--checkpoint-every", "5", "--resume",
                                                                   dir.path("b.nlpipe.checkpoint"), "-o", dir.path("b.nlpipe"), data])
        #expect(rest.status == 0, "\(rest.stderrText)")
        #expect(try Self.read(dir.path("a.nlpipe")) == (try Self.read(dir.path("b.nlpipe"))))
        #expect(try dir.contents() == ["a.nlpipe", "a.nlpipe.checkpoint", "b.nlpipe", "b.nlpipe.checkpoint", "train.txt"])
    }

    /// Sampling: the same seed gives the same output; temperature near 0 gives the greedy output;
    /// --score adds log-probabilities that sum to the sequence's, agreeing with the validation loss
    /// lm-train reported for the same text.
    @Test func sampleAndScore() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let data = try dir.write("train.txt", Self.corpus)
        let dev = try dir.write("dev.txt", "the cat likes a bird\n")
        let train = try Subprocess.nlpipe("lm-train", Self.small + ["--epochs", "2", "--dev", dev, "--log", dir.path("log.jsonl"),
                                                                    "-o", dir.path("m.nlpipe"), data])
        #expect(train.status == 0, "\(train.stderrText)")
        let epochs = try String(contentsOfFile: dir.path("log.jsonl"), encoding: .utf8).split(separator: "\n").map(Self.json)
            .filter { $0["event"] as? String == "epoch" }
        #expect(epochs.count == 2)
        for key in ["epoch", "train_loss", "valid_loss", "valid_ppl", "tokens_per_s", "seconds"] { #expect(epochs[1][key] != nil, "\(key)") }

        let model = ["-m", dir.path("m.nlpipe")]
        let a = try Subprocess.nlpipe("sample", model + ["-n", "5", "--seed", "7"])
        let b = try Subprocess.nlpipe("sample", model + ["-n", "5", "--seed", "7"])
        #expect(a.status == 0 && a.stdoutText == b.stdoutText)
        #expect(a.stdoutText.split(separator: "\n").count == 5)
        let greedy = try Subprocess.nlpipe("sample", model + ["--greedy", "--prime", "the"])
        let cold = try Subprocess.nlpipe("sample", model + ["--temperature", "0.0001", "--prime", "the", "--seed", "5"])
        #expect(greedy.status == 0 && greedy.stdoutText == cold.stdoutText)
        let tokens = Self.json(greedy.stdoutText.split(separator: "\n")[0])["tokens"] as! [String]
        #expect(tokens.first == "the", "the prime starts the sample: \(tokens)")

        let scored = try Subprocess.nlpipe("sample", model + ["--score"],
                                           stdin: #"{"id":7,"tokens":["the","cat","likes","a","bird"]}"# + "\n")
        #expect(scored.status == 0, "\(scored.stderrText)")
        let record = Self.json(scored.stdoutText.split(separator: "\n")[0])
        #expect(record["id"] as? Int == 7)
        let logs = record["token_logprobs"] as! [Double], total = record["logprob"] as! Double
        #expect(logs.count == 6)
        #expect(abs(logs.reduce(0, +) - total) < 1e-9)
        #expect(abs((record["perplexity"] as! Double) - exp(-total / 6)) < 1e-9)
        let validLoss = epochs[1]["valid_loss"] as! Double
        #expect(abs(-total / 6 - validLoss) < 1e-4 * validLoss, "score \(-total / 6) vs valid_loss \(validLoss)")
    }

    @Test func characterLevelTrainsAndSamples() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let data = try dir.write("train.txt", Self.corpus)
        let train = try Subprocess.nlpipe("lm-train", Self.small + ["--level", "char", "--epochs", "1", "-o", dir.path("c.nlpipe"), data])
        #expect(train.status == 0, "\(train.stderrText)")
        let sampled = try Subprocess.nlpipe("sample", ["-m", dir.path("c.nlpipe"), "--length", "40", "--prime", "the"])
        #expect(sampled.status == 0)
        let record = Self.json(sampled.stdoutText.split(separator: "\n")[0])
        #expect((record["tokens"] as! [String]).count == 43)
        #expect((record["text"] as! String).hasPrefix("the"))
        let scored = try Subprocess.nlpipe("sample", ["-m", dir.path("c.nlpipe"), "--score", "--text"], stdin: "the cat\n")
        #expect((Self.json(scored.stdoutText.split(separator: "\n")[0])["token_logprobs"] as! [Double]).count == 8)
    }

    @Test func badInputIsReportedClearly() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let out = dir.path("m.nlpipe")
        let empty = try Subprocess.nlpipe("lm-train", Self.small + ["-o", out], stdin: "")
        #expect(empty.status == 65 && empty.stderrText.hasPrefix("lm-train: ") && empty.stderrText.contains("empty"))
        let short = try Subprocess.nlpipe("lm-train", Self.small + ["-o", out], stdin: "one short line\n")
        #expect(short.status == 65 && short.stderrText.contains("--bptt"), "\(short.stderrText)")
        let badJSON = try Subprocess.nlpipe("lm-train", ["--jsonl", "-o", out, "--quiet"], stdin: "{\"tokens\": [\n")
        #expect(badJSON.status == 65 && badJSON.stderrText.contains(":1:"), "\(badJSON.stderrText)")
        // A diverging run stops with a message naming the epoch and the remedies, and writes no model.
        let diverged = try Subprocess.nlpipe("lm-train", Self.small + ["--optimizer", "sgd", "--lr", "1e37", "--clip", "0", "-o", out],
                                             stdin: Self.corpus)
        #expect(diverged.status == 1, "\(diverged.stderrText)")
        #expect(diverged.stderrText.contains("epoch 1") && diverged.stderrText.contains("--clip") && diverged.stderrText.contains("--lr"))
        #expect(try dir.contents().isEmpty)
        // A model of another kind.
        let vocab = try Subprocess.nlpipe("vocab", ["build", "--text", "-o", dir.path("v.nlpipe")], stdin: Self.corpus)
        #expect(vocab.status == 0, "\(vocab.stderrText)")
        let wrong = try Subprocess.nlpipe("sample", ["-m", dir.path("v.nlpipe")])
        #expect(wrong.status == 65 && wrong.stderrText.contains("is a model of kind 'vocabulary', but one of kind 'lm' is needed"), "\(wrong.stderrText)")
        // Tokens the model has never seen are scored as <unk>, not refused.
        let data = try dir.write("train.txt", Self.corpus)
        #expect(try Subprocess.nlpipe("lm-train", Self.small + ["--epochs", "1", "-o", out, data]).status == 0)
        let unknown = try Subprocess.nlpipe("sample", ["-m", out, "--score", "--text"], stdin: "zebra quux xylophone\n")
        #expect(unknown.status == 0)
        #expect((Self.json(unknown.stdoutText.split(separator: "\n")[0])["logprob"] as! Double).isFinite)
        #expect(try Subprocess.nlpipe("sample", ["-m", out, "--temperature", "0"]).status == 64)
    }

    static func epochLines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(json).filter { $0["event"] as? String == "epoch" }
    }

    /// --time-limit stops at the first batch boundary past the budget: a budget of a microsecond
    /// ends the run after exactly one batch, evaluated and logged as a partial epoch, with a model
    /// file; the checkpoint written there resumes (without the limit) to the uninterrupted run's
    /// model, byte for byte.
    @Test func timeLimitStopsAfterTheBatchThatReachedItAndResumesExactly() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let data = try dir.write("train.txt", Self.corpus)
        let dev = try dir.write("dev.txt", "the cat likes a bird\nmy friend finds the ball\n")
        let common = Self.small + ["--dev", dev, "--checkpoint-every", "1000"]
        let whole = try Subprocess.nlpipe("lm-train", common + ["--epochs", "2", "-o", dir.path("a.nlpipe"), data])
        #expect(whole.status == 0, "\(whole.stderrText)")
        let limited = try Subprocess.nlpipe("lm-train", common + ["--epochs", "2", "--time-limit", "0.000001", "--log", dir.path("log.jsonl"),
                                                                  "-o", dir.path("b.nlpipe"), data])
        #expect(limited.status == 0, "\(limited.stderrText)")
        let epochs = try Self.epochLines(dir.path("log.jsonl"))
        #expect(epochs.count == 1)
        #expect(epochs[0]["batches"] as? Int == 1 && (epochs[0]["batches_per_epoch"] as? Int ?? 0) > 1)
        #expect(epochs[0]["stopped"] as? String == "time_limit" && epochs[0]["total_tokens"] as? Int == 4 * 10)
        #expect((epochs[0]["valid_loss"] as? Double)?.isFinite == true)
        #expect(try Subprocess.nlpipe("sample", ["-m", dir.path("b.nlpipe"), "-n", "1"]).status == 0)
        let rest = try Subprocess.nlpipe("lm-train", common + ["--epochs", "2", "--resume", dir.path("b.nlpipe.checkpoint"),
                                                               "-o", dir.path("b.nlpipe"), data])
        #expect(rest.status == 0, "\(rest.stderrText)")
        #expect(try Self.read(dir.path("a.nlpipe")) == (try Self.read(dir.path("b.nlpipe"))))
        let zero = try Subprocess.nlpipe("lm-train", common + ["--time-limit", "0", "-o", dir.path("c.nlpipe"), data])
        #expect(zero.status == 64 && zero.stderrText.contains("--time-limit"), "\(zero.stderrText)")
    }

    /// Records of token ids from `vocab encode` train the same model as the text they encode (with
    /// --eos too: the closing </s> id is not doubled); an id outside the vocabulary is bad input
    /// naming its line, and ids without --vocab are a usage error.
    @Test func trainsOnTokenIDsFromVocabEncode() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let data = try dir.write("train.txt", Self.corpus)
        let vocab = dir.path("v.nlpipe")
        #expect(try Subprocess.nlpipe("vocab", ["build", "--text", "--quiet", "-o", vocab, data]).status == 0)
        let jsonOptions = Array(Self.small.dropFirst()) + ["--epochs", "1", "--vocab", vocab]
        let fromText = try Subprocess.nlpipe("lm-train", Self.small + ["--epochs", "1", "--vocab", vocab, "-o", dir.path("text.nlpipe"), data])
        #expect(fromText.status == 0, "\(fromText.stderrText)")
        for (name, extra) in [("ids", [String]()), ("eos", ["--eos"])] {
            let encoded = try Subprocess.nlpipe("vocab", ["encode", "--text", "-m", vocab] + extra + [data])
            #expect(encoded.status == 0, "\(encoded.stderrText)")
            let records = try dir.write("\(name).jsonl", encoded.stdoutText)
            let fromIDs = try Subprocess.nlpipe("lm-train", jsonOptions + ["-o", dir.path("\(name).nlpipe"), records])
            #expect(fromIDs.status == 0, "\(fromIDs.stderrText)")
            #expect(try Self.read(dir.path("text.nlpipe")) == (try Self.read(dir.path("\(name).nlpipe"))), "\(name)")
        }
        // --field names an id field under another name.
        let renamed = try Subprocess.nlpipe("vocab", ["encode", "--text", "-m", vocab, "--output-field", "codes", data])
        let fromField = try Subprocess.nlpipe("lm-train", jsonOptions + ["--field", "codes", "-o", dir.path("field.nlpipe")],
                                              stdin: renamed.stdoutText)
        #expect(fromField.status == 0, "\(fromField.stderrText)")
        #expect(try Self.read(dir.path("text.nlpipe")) == (try Self.read(dir.path("field.nlpipe"))))

        let outOfRange = Self.corpus.split(separator: "\n").prefix(60).map { _ in #"{"ids":[4,5,6]}"# } + [#"{"ids":[4,100000,6]}"#]
        let bad = try Subprocess.nlpipe("lm-train", jsonOptions + ["-o", dir.path("bad.nlpipe")],
                                        stdin: outOfRange.joined(separator: "\n") + "\n")
        #expect(bad.status == 65 && bad.stderrText.contains(":61:") && bad.stderrText.contains("100000"), "\(bad.stderrText)")
        let negative = try Subprocess.nlpipe("lm-train", jsonOptions + ["-o", dir.path("bad.nlpipe")], stdin: #"{"ids":[-1]}"# + "\n")
        #expect(negative.status == 65 && negative.stderrText.contains(":1:"), "\(negative.stderrText)")
        let noVocab = try Subprocess.nlpipe("lm-train", Array(Self.small.dropFirst()) + ["--field", "ids", "-o", dir.path("bad.nlpipe")],
                                            stdin: renamed.stdoutText.replacingOccurrences(of: "\"codes\"", with: "\"ids\""))
        #expect(noVocab.status == 64 && noVocab.stderrText.contains("--vocab"), "\(noVocab.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: dir.path("bad.nlpipe")))
    }
}
