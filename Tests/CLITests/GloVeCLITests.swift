import Foundation
import Testing
import _TestSupport

/// `embed-train --method glove` run as a program on the grammar corpus of `EmbedTrainCLITests`:
/// training, co-occurrence shards, --deterministic, and bad input, each leaving no temporary file.
@Suite struct GloVeCLITests {
    static let small = ["--method", "glove", "--dim", "20", "--window", "3", "--min-count", "1", "--epochs", "25",
                        "--x-max", "10", "--threads", "1", "--seed", "3", "--quiet"]

    @Test func trainsVectorsWhoseNeighboursShareTheirGroupAndLeavesNoTemporaryFile() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let tmp = dir.path("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        let train = try Subprocess.nlpipe("embed-train", ["--text", "--tmpdir", tmp, "-o", dir.path("v.nlpipe")]
                                          + Self.small, stdin: EmbedTrainCLITests.corpus)
        #expect(train.status == 0, "\(train.stderrText)")
        let queries = (EmbedTrainCLITests.animals + EmbedTrainCLITests.vehicles).map { #"{"word":"\#($0)"}"# }.joined(separator: "\n") + "\n"
        // The nearest of the other 11 animals and vehicles (function words like "the" share
        // every context, so they may come closer: GloVe's vectors also fit their frequencies).
        let query = try Subprocess.nlpipe("embed-query", ["-m", dir.path("v.nlpipe"), "-k", "30"], stdin: queries)
        #expect(query.status == 0)
        let both = EmbedTrainCLITests.animals + EmbedTrainCLITests.vehicles
        for line in query.stdoutText.split(separator: "\n") {
            let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let word = record["word"] as! String
            let neighbours = (record["neighbors"] as! [[String: Any]]).map { $0["word"] as! String }
            let neighbour = neighbours.first { both.contains($0) }!
            let group = EmbedTrainCLITests.animals.contains(word) ? EmbedTrainCLITests.animals : EmbedTrainCLITests.vehicles
            #expect(group.contains(neighbour), "\(word) -> \(neighbour)")
        }
        #expect(try dir.contents().sorted() == ["tmp", "v.nlpipe"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty, "no temporary file is left behind")
    }

    /// Two halves counted with the same vocabulary and added up give the same shard file, byte
    /// for byte, as counting the whole corpus; training from the shards works.
    @Test func shardsAddUpToOnePass() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let lines = EmbedTrainCLITests.corpus.split(separator: "\n")
        let first = try dir.write("a.txt", lines[..<900].joined(separator: "\n") + "\n")
        let second = try dir.write("b.txt", lines[900...].joined(separator: "\n") + "\n")
        let whole = try dir.write("all.txt", EmbedTrainCLITests.corpus)
        let vocab = dir.path("vocab.nlpipe")
        try Subprocess.nlpipe("vocab", ["build", "--text", "--quiet", "--specials", "", "-o", vocab, whole])
        let common = ["--method", "glove", "--text", "--window", "4", "--vocab", vocab, "--cooccur-only", "--quiet"]
        for (input, output) in [(first, "a.nlpipe"), (second, "b.nlpipe"), (whole, "one-pass.nlpipe")] {
            let r = try Subprocess.nlpipe("embed-train", common + ["-o", dir.path(output), input])
            #expect(r.status == 0, "\(r.stderrText)")
        }
        let merged = try Subprocess.nlpipe("embed-train", ["--method", "glove", "--cooccur-only", "--quiet", "-o", dir.path("merged.nlpipe"),
                                                           dir.path("a.nlpipe"), dir.path("b.nlpipe")])
        #expect(merged.status == 0, "\(merged.stderrText)")
        let a = try Data(contentsOf: URL(fileURLWithPath: dir.path("merged.nlpipe")))
        #expect(a == (try Data(contentsOf: URL(fileURLWithPath: dir.path("one-pass.nlpipe")))))
        let train = try Subprocess.nlpipe("embed-train", ["--method", "glove", "--dim", "8", "--epochs", "2", "--quiet", "-o",
                                                          dir.path("v.nlpipe"), dir.path("a.nlpipe"), dir.path("b.nlpipe")])
        #expect(train.status == 0, "\(train.stderrText)")
        let mixed = try Subprocess.nlpipe("embed-train", ["--method", "glove", "--quiet", "-o", dir.path("x.nlpipe"),
                                                          dir.path("a.nlpipe"), whole])
        #expect(mixed.status == 64)
    }

    /// --deterministic: 1 and 3 threads write the same vectors.
    @Test func deterministicIsTheSameForAnyThreadCount() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        var exported: [String] = []
        for threads in ["1", "3"] {
            let out = dir.path("t\(threads).nlpipe")
            let r = try Subprocess.nlpipe("embed-train", ["--text", "-o", out] + Self.small + ["--threads", threads, "--deterministic"],
                                          stdin: EmbedTrainCLITests.corpus)
            #expect(r.status == 0, "\(r.stderrText)")
            exported.append(try Subprocess.nlpipe("embed-query", ["-m", out, "--export", "word2vec"]).stdoutText)
        }
        #expect(!exported[0].isEmpty)
        #expect(exported[0] == exported[1])
    }

    @Test func badInputGivesClearMessagesAndExitCodes() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let out = dir.path("v.nlpipe")
        let empty = try Subprocess.nlpipe("embed-train", ["--method", "glove", "--text", "-o", out], stdin: "")
        #expect(empty.status == 65)
        #expect(empty.stderrText.hasPrefix("embed-train: the corpus is empty"))
        let rare = try Subprocess.nlpipe("embed-train", ["--method", "glove", "--text", "--min-count", "5000", "-o", out],
                                         stdin: EmbedTrainCLITests.corpus)
        #expect(rare.status == 65)
        #expect(rare.stderrText.contains("no word occurs at least 5000 times"))
        let tiny = try Subprocess.nlpipe("embed-train", ["--method", "glove", "--text", "--memory", "1M", "-o", out],
                                         stdin: EmbedTrainCLITests.corpus)
        #expect(tiny.status == 64)
        #expect(tiny.stderrText.contains("--memory 1.0M is too small") && tiny.stderrText.contains("the minimum is"), "\(tiny.stderrText)")
        let unwritable = try Subprocess.nlpipe("embed-train", ["--method", "glove", "--text", "--tmpdir", dir.path("missing"), "-o", out],
                                               stdin: EmbedTrainCLITests.corpus)
        #expect(unwritable.status == 74)
        #expect(unwritable.stderrText.contains("cannot create a temporary file in \(dir.path("missing"))"), "\(unwritable.stderrText)")
        let window = try Subprocess.nlpipe("embed-train", ["--method", "glove", "--text", "--window", "30", "-o", out], stdin: "a b\n")
        #expect(window.status == 64)
        let wrongMethod = try Subprocess.nlpipe("embed-train", ["--text", "--cooccur-only", "-o", out], stdin: "a b\n")
        #expect(wrongMethod.status == 64)
        #expect(wrongMethod.stderrText.contains("--method glove"))
        #expect(try dir.contents().isEmpty, "no output and no temporary file")
    }
}
