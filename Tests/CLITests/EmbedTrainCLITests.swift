import Foundation
import Testing
import _TestSupport

/// `embed-train` run as a program on a corpus generated from a tiny grammar (animals and vehicles
/// that share all their contexts within a group, none across), checked through `embed-query`.
@Suite struct EmbedTrainCLITests {
    static let animals = ["cat", "dog", "horse", "cow", "sheep", "goat"]
    static let vehicles = ["car", "bus", "truck", "train", "bike", "tram"]

    /// 2,000 lines, deterministic.
    static let corpus: String = {
        var generator = TestCorpus.Generator(state: 17)
        return (0..<2000).map { i -> String in
            if i % 2 == 0 {
                return "the \(animals.randomElement(using: &generator)!) \(["eats", "sleeps", "grazes"].randomElement(using: &generator)!) in the field"
            }
            return "a \(vehicles.randomElement(using: &generator)!) \(["drives", "parks", "stops"].randomElement(using: &generator)!) on the road"
        }.joined(separator: "\n") + "\n"
    }()

    static let small = ["--dim", "16", "--window", "3", "--min-count", "1", "--sample", "0", "--epochs", "5",
                        "--threads", "1", "--seed", "3", "--quiet"]

    @Test func trainsVectorsWhoseNeighboursShareTheirGroup() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let train = try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("v.nlpipe")] + Self.small, stdin: Self.corpus)
        #expect(train.status == 0, "\(train.stderrText)")
        #expect(train.stderrText.isEmpty)
        let queries = (Self.animals + Self.vehicles).map { #"{"word":"\#($0)"}"# }.joined(separator: "\n") + "\n"
        let query = try Subprocess.nlpipe("embed-query", ["-m", dir.path("v.nlpipe"), "-k", "1"], stdin: queries)
        #expect(query.status == 0)
        let answers = query.stdoutText.split(separator: "\n").map { line -> (String, String) in
            let record = try! JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let neighbour = (record["neighbors"] as! [[String: Any]])[0]["word"] as! String
            return (record["word"] as! String, neighbour)
        }
        #expect(answers.count == 12)
        for (word, neighbour) in answers {
            let group = Self.animals.contains(word) ? Self.animals : Self.vehicles
            #expect(group.contains(neighbour), "\(word) -> \(neighbour)")
        }
        #expect(try dir.contents() == ["v.nlpipe"], "no temporary file is left behind")
    }

    @Test func oneThreadWithASeedIsBitForBitReproducibleAndRecordsMatchText() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("a.nlpipe")] + Self.small, stdin: Self.corpus)
        let file = try dir.write("corpus.txt", Self.corpus)
        try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("b.nlpipe"), file] + Self.small)
        let records = Self.corpus.split(separator: "\n").map { line in
            #"{"id":1,"tokens":["# + line.split(separator: " ").map { "\"\($0)\"" }.joined(separator: ",") + "]}"
        }.joined(separator: "\n") + "\n"
        try Subprocess.nlpipe("embed-train", ["-o", dir.path("c.nlpipe")] + Self.small, stdin: records)
        let a = try Data(contentsOf: URL(fileURLWithPath: dir.path("a.nlpipe")))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: dir.path("b.nlpipe")))))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: dir.path("c.nlpipe")))))
        try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("d.nlpipe"), "--seed", "4"] + Self.small.dropLast(3) + ["--quiet"],
                              stdin: Self.corpus)
        #expect(a != (try Data(contentsOf: URL(fileURLWithPath: dir.path("d.nlpipe")))))
    }

    @Test func everyMethodAndLossTrains() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        for (method, loss) in [("skipgram", "hs"), ("skipgram", "softmax"), ("cbow", "ns"), ("cbow", "hs")] {
            let out = dir.path("\(method)-\(loss).nlpipe")
            let r = try Subprocess.nlpipe("embed-train", ["--text", "--method", method, "--loss", loss, "-o", out] + Self.small,
                                          stdin: Self.corpus)
            #expect(r.status == 0, "\(method) \(loss): \(r.stderrText)")
            let q = try Subprocess.nlpipe("embed-query", ["-m", out, "-k", "1"], stdin: #"{"word":"cat"}"# + "\n")
            #expect(Self.animals.contains { q.stdoutText.contains(#""word":"\#($0)","score""#) }, "\(method) \(loss): \(q.stdoutText)")
        }
    }

    @Test func aVocabularyFileFixesTheRows() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let vocab = dir.path("vocab.nlpipe")
        try Subprocess.nlpipe("vocab", ["build", "--text", "--quiet", "--min-count", "100", "-o", vocab], stdin: Self.corpus)
        let r = try Subprocess.nlpipe("embed-train", ["--text", "--vocab", vocab, "-o", dir.path("v.nlpipe")] + Self.small,
                                      stdin: Self.corpus)
        #expect(r.status == 0, "\(r.stderrText)")
        let words = try Subprocess.nlpipe("embed-query", ["-m", dir.path("v.nlpipe"), "--export", "word2vec"])
        let shown = try Subprocess.nlpipe("vocab", ["show", "-m", vocab, "--format", "tsv"])
        #expect(words.stdoutText.split(separator: "\n").dropFirst().map { String($0.split(separator: " ")[0]) }
            == shown.stdoutText.split(separator: "\n").map { String($0.split(separator: "\t")[0]) })
    }

    @Test func badInputsGiveClearMessagesAndExitCodes() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let out = dir.path("v.nlpipe")
        let empty = try Subprocess.nlpipe("embed-train", ["--text", "-o", out], stdin: "")
        #expect(empty.status == 65)
        #expect(empty.stderrText.hasPrefix("embed-train: the corpus is empty"))
        let rare = try Subprocess.nlpipe("embed-train", ["--text", "-o", out], stdin: "a b c d\n")
        #expect(rare.status == 65)
        #expect(rare.stderrText.hasPrefix("embed-train: no word occurs at least 5 times"))
        let zero = try Subprocess.nlpipe("embed-train", ["--text", "--dim", "0", "-o", out], stdin: "a b\n")
        #expect(zero.status == 64)
        #expect(zero.stderrText.hasPrefix("embed-train: the dimension must be at least 1"))
        let softmax = try Subprocess.nlpipe("embed-train", ["--text", "--loss", "softmax", "--min-count", "1", "-o", out],
                                            stdin: (0..<20_001).map { "w\($0)" }.joined(separator: " "))
        #expect(softmax.status == 64)
        #expect(softmax.stderrText.contains("full softmax"))
        let missing = try Subprocess.nlpipe("embed-train", ["--text", "-o", out, dir.path("nope.txt")])
        #expect(missing.status == 66)
        let badJSON = try Subprocess.nlpipe("embed-train", ["--jsonl", "-o", out], stdin: "{\"tokens\":[\"a\"]}\nnot json\n")
        #expect(badJSON.status == 65)
        #expect(badJSON.stderrText.hasPrefix("embed-train: "))
        try Subprocess.nlpipe("embed-train", ["--text", "-o", out] + Self.small, stdin: Self.corpus)
        let notVocabulary = try Subprocess.nlpipe("embed-train", ["--text", "--vocab", out, "-o", dir.path("w.nlpipe")],
                                                  stdin: Self.corpus)
        #expect(notVocabulary.status == 65)
        #expect(try dir.contents() == ["v.nlpipe"], "failed runs write nothing")
    }

    /// The JSON objects of a `--log` file, one per line.
    static func logLines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        }
    }

    @Test func theLogHasOneLinePerEpochAndAnUnwritableLogFailsFirst() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let log = dir.path("train.jsonl")
        let r = try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("v.nlpipe"), "--log", log] + Self.small,
                                      stdin: Self.corpus)
        #expect(r.status == 0, "\(r.stderrText)")
        let lines = try Self.logLines(log)
        let epochs = lines.filter { $0["event"] as? String == "epoch" }
        #expect(epochs.map { $0["epoch"] as? Int } == [1, 2, 3, 4, 5])
        for line in epochs {
            #expect(line["words"] as? Int == 12_000)
            #expect((line["loss"] as? Double).map { $0 > 0 && $0.isFinite } == true)
            #expect((line["seconds"] as? Double).map { $0 >= 0 } == true)
            #expect(line["lr"] is Double)
        }
        #expect(epochs.last?["total_words"] as? Int == 60_000)
        // The phases, in order, each with its wall-clock seconds.
        let phases = lines.filter { ["read", "trained", "written"].contains($0["event"] as? String) }
        #expect(phases.map { $0["event"] as? String } == ["read", "trained", "written"])
        #expect(lines.first?["event"] as? String == "read" && lines.last?["event"] as? String == "written")
        #expect(phases.first?["tokens"] as? Double == 12_000)
        for line in phases { #expect((line["seconds"] as? Double).map { $0 >= 0 && $0.isFinite } == true) }
        for line in lines where line["event"] as? String == "progress" {
            for field in ["words", "total_words", "words_per_second", "lr", "loss", "epoch", "elapsed_seconds"] {
                #expect(line[field] != nil, "progress line without \(field)")
            }
        }
        let bad = try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("w.nlpipe"), "--log", dir.path("no/such/dir/log")]
                                        + Self.small, stdin: Self.corpus)
        #expect(bad.status == 74)
        #expect(bad.stderrText.hasPrefix("embed-train: cannot write the log"))
        #expect(try dir.contents().sorted() == ["train.jsonl", "v.nlpipe"])
    }

    /// Analogy questions over the grammar's words, in questions-words.txt format, with one
    /// question whose word is not in the vocabulary.
    static let analogies = """
        : animals
        cat dog car bus
        horse cow truck train
        sheep goat bike tram
        cat horse bus truck
        dog zebra car bus
        : gram1-verbs
        eats sleeps drives parks
        grazes eats stops drives
        sleeps grazes parks stops

        """

    static let pairs = "cat\tdog\t9\ncat\tcar\t1\nbus\ttruck\t8.5\nhorse\ttram\t0.5\neats\tsleeps\t7\ncat\tzebra\t8\n"

    @Test func epochEvaluationsAreLoggedAndMatchEmbedQuery() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let questions = try dir.write("questions.txt", Self.analogies)
        let pairFile = try dir.write("pairs.tsv", Self.pairs)
        let log = dir.path("train.jsonl")
        let model = dir.path("v.nlpipe")
        let small = Self.small.filter { $0 != "--quiet" }
        let r = try Subprocess.nlpipe("embed-train", ["--text", "-o", model, "--log", log, "--eval-analogies", questions,
                                                      "--eval-pairs", pairFile] + small, stdin: Self.corpus)
        #expect(r.status == 0, "\(r.stderrText)")
        #expect(r.stderrText.components(separatedBy: ": analogies ").count == 6, "one summary per epoch: \(r.stderrText)")
        let epochs = try Self.logLines(log).filter { $0["event"] as? String == "epoch" }
        #expect(epochs.map { $0["epoch"] as? Int } == [1, 2, 3, 4, 5])
        for line in epochs {
            let analogies = line["analogies"] as? [String: Any]
            #expect(analogies?["questions"] as? Int == 8)
            #expect(analogies?["skipped"] as? Int == 1)
            #expect(analogies?["evaluated"] as? Int == 7)
            #expect(analogies?["accuracy"] is Double)
            let pairs = line["pairs"] as? [String: Any]
            #expect(pairs?["evaluated"] as? Int == 5)
            #expect(pairs?["oov"] as? Int == 1)
            #expect(pairs?["spearman"] is Double)
        }
        let query = try Subprocess.nlpipe("embed-query", ["-m", model, "--eval-analogies", questions, "--eval-pairs", pairFile])
        #expect(query.status == 0, "\(query.stderrText)")
        let reported = try JSONSerialization.jsonObject(with: Data(query.stdoutText.utf8)) as! [String: Any]
        for key in ["analogies", "pairs"] {
            var expected = reported[key] as! [String: Any]
            expected["file"] = nil
            let logged = try #require(epochs.last?[key] as? [String: Any])
            #expect(NSDictionary(dictionary: logged).isEqual(to: expected), "\(key): \(logged) vs \(expected)")
        }
        let quiet = try Subprocess.nlpipe("embed-train", ["--text", "-o", model, "--eval-pairs", pairFile] + Self.small,
                                          stdin: Self.corpus)
        #expect(quiet.status == 0 && quiet.stderrText.isEmpty, "\(quiet.stderrText)")
        let missing = try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("w.nlpipe"), "--eval-pairs", dir.path("none.tsv")]
                                            + Self.small, stdin: Self.corpus)
        #expect(missing.status == 66)
    }

    /// word -> vector of a word2vec text export.
    static func exported(_ model: String) throws -> [String: [Float]] {
        let text = try Subprocess.nlpipe("embed-query", ["-m", model, "--export", "word2vec"]).stdoutText
        var vectors: [String: [Float]] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            vectors[String(fields[0])] = fields.dropFirst().map { Float($0)! }
        }
        return vectors
    }

    @Test func initStartsFromExistingVectorsOfTheSameDimension() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let first = dir.path("first.nlpipe")
        try Subprocess.nlpipe("embed-train", ["--text", "-o", first] + Self.small, stdin: Self.corpus)
        let text = try dir.write("first.txt", try Subprocess.nlpipe("embed-query", ["-m", first, "--export", "word2vec"]).stdoutText)
        let tiny = Self.small.filter { $0 != "--quiet" } + ["--epochs", "1", "--lr", "1e-7"]
        for source in [first, text] {
            let out = dir.path("again.nlpipe")
            let r = try Subprocess.nlpipe("embed-train", ["--text", "--init", source, "-o", out] + tiny, stdin: Self.corpus)
            #expect(r.status == 0, "\(r.stderrText)")
            #expect(r.stderrText.contains("started 24 of 24 words from \(source)"), "\(r.stderrText)")
            #expect(r.stderrText.contains("with its output vectors") == (source == first))
            let before = try Self.exported(first), after = try Self.exported(out)
            #expect(before.keys.sorted() == after.keys.sorted())
            for (word, vector) in before {
                let distance = zip(vector, after[word]!).map { abs($0 - $1) }.max()!
                #expect(distance < 1e-4, "\(word) moved by \(distance)")
            }
        }
        let mismatch = try Subprocess.nlpipe("embed-train", ["--text", "--init", first, "-o", dir.path("bad.nlpipe"), "--dim", "8"],
                                             stdin: Self.corpus)
        #expect(mismatch.status == 64)
        #expect(mismatch.stderrText.hasPrefix("embed-train: the --init vectors have dimension 16, but the training uses --dim 8"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("bad.nlpipe")))
    }

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// `small` without its thread count, so each test picks one.
    static let unthreaded = ["--dim", "16", "--window", "3", "--min-count", "1", "--sample", "1e-2", "--epochs", "5",
                             "--seed", "3", "--quiet"]

    @Test func deterministicGivesTheSameFileForAnyThreadCount() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let corpus = try dir.write("corpus.txt", Self.corpus)
        var files: [Data] = []
        for threads in ["1", "2", "3"] {
            let out = dir.path("d\(threads).nlpipe")
            let r = try Subprocess.nlpipe("embed-train", ["--text", "--deterministic", "--threads", threads, "-o", out, corpus]
                                          + Self.unthreaded)
            #expect(r.status == 0, "\(r.stderrText)")
            files.append(try Self.bytes(out))
        }
        #expect(files[1] == files[0])
        #expect(files[2] == files[0])
        let q = try Subprocess.nlpipe("embed-query", ["-m", dir.path("d2.nlpipe"), "-k", "1"], stdin: #"{"word":"cat"}"# + "\n")
        #expect(Self.animals.contains { q.stdoutText.contains(#""word":"\#($0)","score""#) }, "\(q.stdoutText)")
    }

    @Test func aResumedRunWritesTheSameFileAsAnUninterruptedOne() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let corpus = try dir.write("corpus.txt", Self.corpus)
        // 2,000 lines of 6 words and a line end: 14,000 tokens per epoch, 70,000 in all; the one
        // checkpoint at 35,000 is in the middle of the third epoch.
        for mode in [["--threads", "1"], ["--deterministic", "--threads", "2"]] {
            let plain = dir.path("plain.nlpipe"), full = dir.path("full.nlpipe"), resumed = dir.path("resumed.nlpipe")
            let checkpoint = dir.path("run.ckpt")
            try Subprocess.nlpipe("embed-train", ["--text", "-o", plain, corpus] + mode + Self.unthreaded)
            let r = try Subprocess.nlpipe("embed-train", ["--text", "-o", full, "--checkpoint", checkpoint, "--checkpoint-every", "35000",
                                                          corpus] + mode + Self.unthreaded)
            #expect(r.status == 0, "\(r.stderrText)")
            #expect(try Self.bytes(full) == (try Self.bytes(plain)), "checkpoints do not change the run")
            let resumeMode = mode.contains("--deterministic") ? ["--deterministic", "--threads", "1"] : mode
            let s = try Subprocess.nlpipe("embed-train", ["--text", "-o", resumed, "--resume", checkpoint, corpus]
                                          + resumeMode + Self.unthreaded)
            #expect(s.status == 0, "\(s.stderrText)")
            #expect(try Self.bytes(resumed) == (try Self.bytes(full)), "\(mode)")
            #expect(try dir.contents().filter { $0.hasPrefix(".") }.isEmpty, "no temporary checkpoint is left behind")
        }
    }

    @Test func resumingWithOtherSettingsOrABadCheckpointFails() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let corpus = try dir.write("corpus.txt", Self.corpus)
        let checkpoint = dir.path("run.ckpt"), out = dir.path("v.nlpipe")
        try Subprocess.nlpipe("embed-train", ["--text", "-o", out, "--checkpoint", checkpoint, "--threads", "1", corpus] + Self.unthreaded)
        let other = try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("w.nlpipe"), "--resume", checkpoint, "--threads", "1",
                                                          corpus] + Self.unthreaded.map { $0 == "16" ? "12" : $0 })
        #expect(other.status == 64)
        #expect(other.stderrText.hasPrefix("embed-train: the checkpoint was written with other settings: --dim 16 (this run: 12)"),
                "\(other.stderrText)")
        let withInit = try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("w.nlpipe"), "--resume", checkpoint, "--init", out,
                                                             corpus] + Self.unthreaded)
        #expect(withInit.status == 64)
        let everyAlone = try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("w.nlpipe"), "--checkpoint-every", "5000", corpus])
        #expect(everyAlone.status == 64)
        #expect(everyAlone.stderrText.contains("--checkpoint-every needs --checkpoint"))
        let notCheckpoint = try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("w.nlpipe"), "--resume", out, "--threads", "1",
                                                                  corpus] + Self.unthreaded)
        #expect(notCheckpoint.status == 65)
        #expect(notCheckpoint.stderrText.contains("is a model of kind 'embeddings', but one of kind 'embeddings-checkpoint' is needed"), "\(notCheckpoint.stderrText)")
        let whole = try Self.bytes(checkpoint)
        let damaged = try dir.write("damaged.ckpt", bytes: Array(whole.prefix(whole.count / 2)))
        let truncated = try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("w.nlpipe"), "--resume", damaged, "--threads", "1",
                                                              corpus] + Self.unthreaded)
        #expect(truncated.status == 65)
        let otherCorpus = try Subprocess.nlpipe("embed-train", ["--text", "-o", dir.path("w.nlpipe"), "--resume", checkpoint,
                                                                "--threads", "1"] + Self.unthreaded,
                                                stdin: Self.corpus.split(separator: "\n").prefix(500).joined(separator: "\n") + "\n")
        #expect(otherCorpus.status == 65)
        #expect(!FileManager.default.fileExists(atPath: dir.path("w.nlpipe")))
    }
}
