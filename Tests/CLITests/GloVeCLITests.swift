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

    /// The first 300,000 tokens of wiki8-1M as a text file in `dir`.
    static func wikiSlice(_ dir: TemporaryDirectory) throws -> String {
        let tokens = TestCorpus.naiveSplit(try TestCorpus.wiki8Sample()).prefix(300_000)
        return try dir.write("wiki.txt", tokens.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ") + "\n")
    }

    /// With a --memory too small for the pairs (about 1.6 M of them, 26 MB, against a 70M bound, whose minimum is 65M),
    /// training runs out of core in blocks, its peak resident memory (measured by /usr/bin/time)
    /// stays within the bound + 10 %, its final loss is within 10 % of the in-memory run's, and
    /// the temporary folder is empty afterwards; killed (SIGKILL) in the middle, it leaves nothing behind either.
    @Test func outOfCoreTrainingStaysWithinTheMemoryBound() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let tmp = dir.path("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        let corpus = try Self.wikiSlice(dir)
        let common = ["--method", "glove", "--text", "--dim", "20", "--min-count", "5", "--window", "10", "--epochs", "3",
                      "--threads", "2", "--seed", "1", "--tmpdir", tmp, corpus]
        func finalLoss(_ stderr: String) -> Double? {
            stderr.components(separatedBy: "final loss ").last.flatMap { Double($0.prefix { $0 != " " }) }
        }
        let inMemory = try Subprocess.nlpipe("embed-train", common + ["-o", dir.path("in.nlpipe")])
        #expect(inMemory.status == 0, "\(inMemory.stderrText)")
        #expect(!inMemory.stderrText.contains("out of core"))
        let bound = 70 << 20
        let time = dir.path("time.txt")
        let outOfCore = try Subprocess.run("/usr/bin/time", ["-f", "%M", "-o", time, Subprocess.product("embed-train")]
                                           + common + ["--memory", "70M", "-o", dir.path("out.nlpipe")])
        #expect(outOfCore.status == 0, "\(outOfCore.stderrText)")
        #expect(outOfCore.stderrText.contains("out of core in "), "\(outOfCore.stderrText)")
        let peakKB = Int(try String(contentsOfFile: time, encoding: .utf8).split(separator: "\n").last ?? "") ?? .max
        #expect(peakKB * 1024 <= bound + bound / 10, "peak \(peakKB) KB against --memory 70M")
        let a = try #require(finalLoss(inMemory.stderrText)), b = try #require(finalLoss(outOfCore.stderrText))
        #expect(abs(a - b) <= 0.1 * a, "final loss in memory \(a), out of core \(b)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Subprocess.product("embed-train"))
        process.arguments = common + ["--memory", "70M", "--epochs", "50", "--quiet", "-o", dir.path("killed.nlpipe")]
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 4)
        // SIGKILL: no handler can run, and the test runner's threads may block SIGTERM for their children.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "still running when killed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty, "no temporary file after SIGKILL")
        #expect(!FileManager.default.fileExists(atPath: dir.path("killed.nlpipe")))
    }

    /// Each failure exits with its documented status and a clear message, leaving neither an
    /// output nor a temporary file (the runs use a --tmpdir inside `dir`, removed before the check).
    @Test func badInputGivesClearMessagesAndExitCodes() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let out = dir.path("v.nlpipe")
        let tmp = dir.path("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        let glove = ["--method", "glove", "--text", "--tmpdir", tmp]
        let empty = try Subprocess.nlpipe("embed-train", glove + ["-o", out], stdin: "")
        #expect(empty.status == 65)
        #expect(empty.stderrText.hasPrefix("embed-train: the corpus is empty"))
        let rare = try Subprocess.nlpipe("embed-train", glove + ["--min-count", "5000", "-o", out], stdin: EmbedTrainCLITests.corpus)
        #expect(rare.status == 65)
        #expect(rare.stderrText.contains("no word occurs at least 5000 times"))
        let tiny = try Subprocess.nlpipe("embed-train", glove + ["--memory", "1M", "-o", out], stdin: EmbedTrainCLITests.corpus)
        #expect(tiny.status == 64)
        #expect(tiny.stderrText.contains("--memory 1.0M is too small") && tiny.stderrText.contains("the minimum is"), "\(tiny.stderrText)")
        // Enough for the program, not for this vocabulary's parameters (5,000 distinct words of dimension 2,000).
        let words = (0..<5000).map { "w\($0)" }
        let manyWords = (0..<3).map { _ in words.joined(separator: " ") }.joined(separator: "\n") + "\n"
        let small = try Subprocess.nlpipe("embed-train", glove + ["--memory", "100M", "--dim", "2000", "--min-count", "1", "-o", out],
                                          stdin: manyWords)
        #expect(small.status == 64)
        #expect(small.stderrText.contains("--memory 100.0M is too small for 5000 words of dimension 2000: the minimum is"),
                "\(small.stderrText)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp).isEmpty, "no temporary file is left behind")
        try FileManager.default.removeItem(atPath: tmp)
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
