import Foundation
import Testing
import _TestSupport

/// `bleu` run as a program, checked against sacreBLEU 2.6.0's recorded outputs on WMT data
/// (`../shared/data/bleu/`: `sacrebleu-cli-examples.txt` and `wmt/expected.jsonl`).
@Suite struct BleuCLITests {
    static let wmt = SharedData.url("bleu/wmt")

    func run(_ args: [String], stdin: String = "") throws -> ProcessResult {
        try Subprocess.nlpipe("bleu", args, stdin: stdin, currentDirectory: Self.wmt)
    }

    /// The outputs sacreBLEU's command line printed (`sacrebleu-cli-examples.txt`), for the
    /// invocations nlpipe spells differently: the same bytes must come out.
    @Test(arguments: [
        ("sacrebleu ref.de -i hyp.uedin-nmt.4722.de", ["-r", "ref.de", "hyp.uedin-nmt.4722.de"]),
        ("sacrebleu ref.de -i hyp.uedin-nmt.4722.de -f text", ["-r", "ref.de", "hyp.uedin-nmt.4722.de", "--format", "text"]),
        ("sacrebleu ref.de -i hyp.uedin-nmt.4722.de -f text --short -w 4", ["-r", "ref.de", "hyp.uedin-nmt.4722.de", "--format", "text", "--short", "--width", "4"]),
        ("sacrebleu ref.de -i hyp.uedin-nmt.4722.de -b", ["-r", "ref.de", "hyp.uedin-nmt.4722.de", "--score-only"]),
        ("sacrebleu ref.de -i hyp.uedin-nmt.4722.de -tok intl -lc -f text", ["-r", "ref.de", "hyp.uedin-nmt.4722.de", "--tokenize", "intl", "--lowercase", "--format", "text"]),
        ("sacrebleu ref.de -i hyp.uedin-nmt.4722.de -m chrf -cw 2 -f text", ["-r", "ref.de", "hyp.uedin-nmt.4722.de", "--metric", "chrf", "--word-order", "2", "--format", "text"]),
        ("sacrebleu ref.de -i hyp.uedin-nmt.4722.de --confidence", ["-r", "ref.de", "hyp.uedin-nmt.4722.de", "--ci", "1000"]),
        ("sacrebleu ref.de -i hyp.uedin-nmt.4722.de --confidence -f text", ["-r", "ref.de", "hyp.uedin-nmt.4722.de", "--ci", "1000", "--format", "text"]),
        ("sacrebleu ref.de -i hyp.uedin-nmt.4722.de -s floor -f text", ["-r", "ref.de", "hyp.uedin-nmt.4722.de", "--smooth", "floor", "--format", "text"]),
        ("sacrebleu ref.de -i hyp.uedin-nmt.4722.de -s add-k -sv 2 -f text", ["-r", "ref.de", "hyp.uedin-nmt.4722.de", "--smooth", "add-k", "--smooth-value", "2", "--format", "text"]),
        ("sacrebleu ref.de -i hyp.uedin-nmt.4722.de hyp.online-B.0.de hyp.C-3MA.4959.de --paired-bs",
         ["-r", "ref.de", "hyp.uedin-nmt.4722.de", "hyp.online-B.0.de", "hyp.C-3MA.4959.de", "--paired-bs"]),
    ])
    func printsWhatSacreBLEUPrints(command: String, args: [String]) throws {
        let expected = try Self.example(command)
        let result = try Subprocess.nlpipe("bleu", args, currentDirectory: Self.wmt.appendingPathComponent("wmt17.en-de"))
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText == expected)
    }

    /// The output recorded after `$ <command>` in the examples file, without sacreBLEU's own
    /// `sacreBLEU:` progress lines (which it prints to standard error).
    static func example(_ command: String) throws -> String {
        let text = String(decoding: try SharedData.data("bleu/sacrebleu-cli-examples.txt"), as: UTF8.self)
        let blocks = text.components(separatedBy: "\n$ ")
        guard let block = blocks.first(where: { $0.hasPrefix(command + "\n") || $0.hasPrefix("$ " + command + "\n") }) else {
            throw TestSupportError("no example for \(command)")
        }
        let body = block.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            .filter { !$0.hasPrefix("sacreBLEU:") }
        var output = body.joined(separator: "\n")
        while output.hasSuffix("\n\n") { output.removeLast() }
        return output.hasSuffix("\n") ? output : output + "\n"
    }

    /// Corpus BLEU through the program equals sacreBLEU's full-precision score (`wmt/expected.jsonl`)
    /// for the first system of every test set, every tokeniser and both cases.
    @Test func corpusScoresMatchSacreBLEUOnWMT() throws {
        let records = try SharedData.jsonLines("bleu/wmt/expected.jsonl").filter {
            $0["metric"] as? String == "bleu" && $0["level"] as? String == "corpus" && $0["tokenize"] as? String != "ja-mecab"
        }
        var firstSystem: [String: String] = [:]
        for r in records where firstSystem[r["testset"] as! String] == nil {
            firstSystem[r["testset"] as! String] = r["system"] as? String
        }
        let chosen = records.filter { firstSystem[$0["testset"] as! String] == $0["system"] as? String }
        #expect(chosen.count >= 40)
        for r in chosen {
            var args = (r["refs"] as! [String]).flatMap { ["-r", $0] }
            args += [r["hyp"] as! String, "--tokenize", r["tokenize"] as! String]
            if r["lowercase"] as! Bool { args.append("--lowercase") }
            let stats = try run(args + ["--stats"])
            #expect(stats.status == 0, "\(stats.stderrText)")
            let line = try JSONSerialization.jsonObject(with: stats.stdout) as! [String: Any]
            let counts = r["counts"] as! [Int], totals = r["totals"] as! [Int]
            #expect(line["stats"] as! [Int] == [r["sys_len"] as! Int, r["ref_len"] as! Int] + counts + totals, "\(args)")
            #expect(line["signature"] as? String == r["signature"] as? String)
            let text = try run(args + ["--format", "text"])
            #expect(text.stdoutText == (r["text"] as! String) + "\n", "\(args)")
            let full = try run(args + ["--score-only", "--width", "12"])
            let score = try #require(Double(full.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(abs(score - (r["score"] as! Double)) < 1e-9, "\(args)")
        }
    }

    /// Sentence scores through JSON Lines records equal sacreBLEU's `-sl` scores, and the
    /// records' other fields pass through.
    @Test func sentenceScoresOfRecordsMatchSacreBLEU() throws {
        let expected = try SharedData.jsonLines("bleu/wmt/expected.jsonl").filter {
            $0["level"] as? String == "sentence" && $0["testset"] as? String == "wmt17.en-de"
        }
        let hyps = try String(contentsOf: Self.wmt.appendingPathComponent("wmt17.en-de/hyp.uedin-nmt.4722.de"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let refs = try String(contentsOf: Self.wmt.appendingPathComponent("wmt17.en-de/ref.de"), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var input = ""
        for r in expected {
            let i = (r["line"] as! Int) - 1
            let record: [String: Any] = ["id": i + 1, "hyp": String(hyps[i]), "refs": [String(refs[i])]]
            input += String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self) + "\n"
        }
        let result = try run(["--jsonl", "--sentence"], stdin: input)
        #expect(result.status == 0, "\(result.stderrText)")
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.count == expected.count)
        for (line, r) in zip(lines, expected) {
            let got = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            #expect(got["id"] as? Int == r["line"] as? Int)
            #expect(abs((got["bleu"] as! Double) - (r["score"] as! Double)) < 1e-9)
        }
    }

    /// Statistics of two shards, summed, give exactly the score of the whole.
    @Test func shardedStatisticsAddUpToTheWholeScore() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let hyp = try String(contentsOf: Self.wmt.appendingPathComponent("wmt21.en-de/hyp.Facebook-AI.de"), encoding: .utf8)
        let refA = try String(contentsOf: Self.wmt.appendingPathComponent("wmt21.en-de/ref.A.de"), encoding: .utf8)
        let refC = try String(contentsOf: Self.wmt.appendingPathComponent("wmt21.en-de/ref.C.de"), encoding: .utf8)
        func halves(_ text: String, _ name: String) throws -> (String, String) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            return (try dir.write(name + ".1", lines.prefix(400).joined(separator: "\n") + "\n"),
                    try dir.write(name + ".2", lines.dropFirst(400).joined(separator: "\n") + "\n"))
        }
        let (h1, h2) = try halves(hyp, "hyp"), (a1, a2) = try halves(refA, "refA"), (c1, c2) = try halves(refC, "refC")
        for (h, a, c, n) in [(h1, a1, c1, "1"), (h2, a2, c2, "2")] {
            let stats = try run(["-r", a, "-r", c, h, "--stats", "--metric", "bleu", "--metric", "chrf"])
            #expect(stats.status == 0)
            try dir.write("part\(n).stats", stats.stdoutText)
        }
        let merged = try run(["--from-stats", dir.path("part1.stats"), "--from-stats", dir.path("part2.stats"),
                              "--metric", "bleu", "--metric", "chrf", "--width", "12", "--format", "text"])
        let whole = try run(["-r", "wmt21.en-de/ref.A.de", "-r", "wmt21.en-de/ref.C.de", "wmt21.en-de/hyp.Facebook-AI.de",
                             "--metric", "bleu", "--metric", "chrf", "--width", "12", "--format", "text"])
        #expect(merged.status == 0, "\(merged.stderrText)")
        #expect(merged.stdoutText == whole.stdoutText)
        let mismatch = try run(["--from-stats", dir.path("part1.stats"), "--tokenize", "intl"])
        #expect(mismatch.status == 64)
        #expect(mismatch.stderrText.contains("tok:13a") && mismatch.stderrText.contains("tok:intl"))
    }

    @Test func badInputGetsAClearMessageAndTheDocumentedExitCode() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let two = try dir.write("two.txt", "a b\nc d\n")
        let three = try dir.write("three.txt", "a b\nc d\ne\n")
        let invalid = try dir.write("bad.txt", bytes: Array("ok\n".utf8) + [0xFF, 0x0A])
        let empty = try dir.write("empty.txt", "")
        let cases: [(args: [String], status: Int32, message: String)] = [
            (["-r", dir.path("missing.txt"), two], 66, "bleu: cannot open '\(dir.path("missing.txt"))'"),
            (["-r", three, two], 65, "bleu: the hypothesis has 2 lines but reference '\(three)' has 3"),
            (["-r", two, invalid], 65, "bleu: \(invalid): line 2 is not valid UTF-8"),
            (["-r", two, "--tokenize", "ja-mecab", two], 64, "bleu: "),
            (["-r", two, "--tokenize", "moses", two], 64, "bleu: "),
            (["-r", empty, empty], 65, "bleu: no segments to score"),
            ([two], 64, "bleu: give reference files with -r"),
            (["-r", two, two, "--paired-bs"], 64, "bleu: paired tests need a baseline"),
        ]
        for c in cases {
            let result = try run(c.args)
            #expect(result.status == c.status, "\(c.args): \(result.stderrText)")
            #expect(result.stderrText.hasPrefix(c.message), "\(c.args): \(result.stderrText)")
            #expect(result.stdout.isEmpty)
        }
        let unknown = try run(["-r", two, "--tokenize", "moses", two])
        #expect(unknown.stderrText.contains("13a") && unknown.stderrText.contains("intl"), "the message lists the tokenisers")
    }
}
