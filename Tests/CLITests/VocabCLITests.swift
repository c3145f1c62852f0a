import Foundation
import Testing
import _TestSupport

/// `vocab` run as a program: stdin in, stdout/stderr/exit code out.
@Suite struct VocabCLITests {
    let records = """
    {"id":"a","tokens":["the","cat","sat","on","the","mat"]}
    {"id":"b","tokens":["the","dog","sat"]}

    """

    @Test func buildThenShowGivesSpecialsThenCountOrder() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let build = try Subprocess.nlpipe("vocab", ["build", "-o", dir.path("v.nlpipe")], stdin: records)
        #expect(build.status == 0)
        #expect(build.stderrText == "vocab: 9 tokens, 6 distinct; 10 in the vocabulary (4 special) -> \(dir.path("v.nlpipe"))\n")
        let show = try Subprocess.nlpipe("vocab", ["show", "-m", dir.path("v.nlpipe"), "--format", "tsv"])
        #expect(show.stdoutText == """
        <unk>\t0\t0
        <s>\t1\t0
        </s>\t2\t0
        <pad>\t3\t0
        the\t4\t3
        sat\t5\t2
        cat\t6\t1
        dog\t7\t1
        mat\t8\t1
        on\t9\t1

        """)
        #expect(try dir.contents() == ["v.nlpipe"], "no temporary file is left behind")
    }

    @Test func plainTextAndRecordsGiveTheSameVocabulary() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        try Subprocess.nlpipe("vocab", ["build", "--quiet", "-o", dir.path("a.nlpipe")], stdin: records)
        try Subprocess.nlpipe("vocab", ["build", "--quiet", "--text", "-o", dir.path("b.nlpipe")],
                              stdin: "the cat sat on the mat\nthe dog\tsat\n")
        let a = try Subprocess.nlpipe("vocab", ["show", "-m", dir.path("a.nlpipe")])
        let b = try Subprocess.nlpipe("vocab", ["show", "-m", dir.path("b.nlpipe")])
        #expect(a.stdoutText == b.stdoutText)
        #expect(a.stdoutText.hasPrefix(#"{"token":"<unk>","id":0,"count":0}"#))
    }

    @Test func countedShardsMergeToOnePass() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let lines = (0..<200).map { i in "w\(i % 17) w\(i % 5) common" }
        try Subprocess.nlpipe("vocab", ["count", "--text", "--quiet", "-o", dir.path("1.counts")], stdin: lines[..<77].joined(separator: "\n"))
        try Subprocess.nlpipe("vocab", ["count", "--text", "--quiet", "-o", dir.path("2.counts")], stdin: lines[77...].joined(separator: "\n"))
        let merge = try Subprocess.nlpipe("vocab", ["merge", "--quiet", "-o", dir.path("all.counts"), dir.path("1.counts"), dir.path("2.counts")])
        #expect(merge.status == 0)
        try Subprocess.nlpipe("vocab", ["build", "--quiet", "--min-count", "12", "--from-counts", dir.path("all.counts"), "-o", dir.path("m.nlpipe")])
        try Subprocess.nlpipe("vocab", ["build", "--quiet", "--text", "--min-count", "12", "-o", dir.path("w.nlpipe")], stdin: lines.joined(separator: "\n"))
        let merged = try Subprocess.nlpipe("vocab", ["show", "-m", dir.path("m.nlpipe")])
        let whole = try Subprocess.nlpipe("vocab", ["show", "-m", dir.path("w.nlpipe")])
        #expect(merged.stdoutText == whole.stdoutText)
        #expect(!merged.stdoutText.contains("\"w13\""), "w13 is seen 11 times, under --min-count 12")
        #expect(merged.stdoutText.contains("\"w12\""), "w12 is seen 12 times")
        let counts = try Subprocess.nlpipe("vocab", ["show", "-m", dir.path("all.counts")])
        #expect(counts.stdoutText.hasPrefix(#"{"token":"common","count":200}"#))
    }

    @Test func encodeDecodeRoundTripPassesFieldsThrough() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        try Subprocess.nlpipe("vocab", ["build", "--quiet", "-o", dir.path("v.nlpipe")], stdin: records)
        let encoded = try Subprocess.nlpipe("vocab", ["encode", "-m", dir.path("v.nlpipe"), "--bos", "--eos"],
                                            stdin: #"{"id":7,"tokens":["the","zebra","sat"],"note":{"k":[1, 2]}}"# + "\n")
        #expect(encoded.status == 0)
        #expect(encoded.stdoutText == #"{"id":7,"tokens":["the","zebra","sat"],"note":{"k":[1, 2]},"ids":[1,4,0,5,2]}"# + "\n")
        let decoded = try Subprocess.nlpipe("vocab", ["decode", "-m", dir.path("v.nlpipe"), "--output-field", "back"], stdin: encoded.stdoutText)
        #expect(decoded.stdoutText.hasSuffix(#""ids":[1,4,0,5,2],"back":["<s>","the","<unk>","sat","</s>"]}"# + "\n"))
        let failing = try Subprocess.nlpipe("vocab", ["encode", "-m", dir.path("v.nlpipe"), "--unknown", "fail"],
                                            stdin: #"{"tokens":["the"]}"# + "\n" + #"{"tokens":["zebra"]}"# + "\n")
        #expect(failing.status == 65)
        #expect(failing.stderrText.hasPrefix("vocab: stdin:2: "))
        #expect(failing.stderrText.contains("zebra"))
    }

    @Test func badInputGetsAClearMessageAndTheDocumentedExitCode() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        try Subprocess.nlpipe("vocab", ["build", "--quiet", "-o", dir.path("v.nlpipe")], stdin: records)
        let cases: [(args: [String], stdin: String, status: Int32, message: String)] = [
            (["build", "-o", dir.path("x.nlpipe")], "{\"tokens\":[\"a\"]}\n{\"tokens\":[\"a\"\n", 65, "vocab: stdin:2: malformed JSON at byte 15: unexpected end of input"),
            (["build", "-o", dir.path("x.nlpipe")], "{\"tokens\":[\"a\"]}\n{\"text\":\"a\"}\n", 65, "vocab: stdin:2: missing field 'tokens'"),
            (["build", "-o", dir.path("x.nlpipe")], "{\"tokens\":\"a b\"}\n", 65, "vocab: stdin:1: field 'tokens' is not an array of strings"),
            (["build", "-o", dir.path("x.nlpipe"), dir.path("missing.txt")], "", 66, "vocab: cannot open '\(dir.path("missing.txt"))': No such file or directory"),
            (["build", "-o", "/nonexistent-dir/x.nlpipe"], "a b\n", 74, "vocab: /nonexistent-dir/x.nlpipe: "),
            (["encode", "-m", dir.path("missing.nlpipe")], "", 66, "vocab: \(dir.path("missing.nlpipe")): "),
            (["build", "--min-count", "0", "-o", dir.path("x.nlpipe")], "", 64, "vocab: the minimum count must be at least 1"),
            (["build"], "", 64, "vocab: missing expected argument '--output <file>'"),
            (["bogus"], "", 64, "vocab: unexpected argument 'bogus'"),
        ]
        for c in cases {
            let result = try Subprocess.nlpipe("vocab", c.args, stdin: c.stdin)
            #expect(result.status == c.status, "\(c.args): \(result.stderrText)")
            #expect(result.stderrText.hasPrefix(c.message), "\(c.args): \(result.stderrText)")
        }
        #expect(try dir.contents() == ["v.nlpipe"], "failed runs leave no output file")
    }

    @Test func damagedAndWrongKindModelFilesAreRefused() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        try Subprocess.nlpipe("vocab", ["build", "--quiet", "-o", dir.path("v.nlpipe")], stdin: records)
        try Subprocess.nlpipe("vocab", ["count", "--quiet", "-o", dir.path("c.counts")], stdin: records)
        let whole = try Data(contentsOf: URL(fileURLWithPath: dir.path("v.nlpipe")))
        let truncated = try dir.write("t.nlpipe", bytes: Array(whole.prefix(whole.count - 5)))
        let notAModel = try dir.write("n.nlpipe", "hello world, this is text\n")
        for model in [truncated, notAModel, dir.path("c.counts")] {
            let result = try Subprocess.nlpipe("vocab", ["encode", "-m", model], stdin: records)
            #expect(result.status == 65, "\(model): \(result.stderrText)")
            #expect(result.stderrText.hasPrefix("vocab: \(model): "), "\(result.stderrText)")
            #expect(result.stdout.isEmpty)
        }
        let wrongKind = try Subprocess.nlpipe("vocab", ["encode", "-m", dir.path("c.counts")], stdin: records)
        #expect(wrongKind.stderrText.contains("counts") && wrongKind.stderrText.contains("vocabulary"))
    }

    @Test func emptyInputIsNotAnError() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        try Subprocess.nlpipe("vocab", ["build", "--quiet", "-o", dir.path("v.nlpipe")], stdin: records)
        let encode = try Subprocess.nlpipe("vocab", ["encode", "-m", dir.path("v.nlpipe")], stdin: "")
        #expect(encode.status == 0 && encode.stdout.isEmpty && encode.stderr.isEmpty)
        let build = try Subprocess.nlpipe("vocab", ["build", "--quiet", "-o", dir.path("e.nlpipe")], stdin: "")
        #expect(build.status == 0)
    }

    @Test func aClosedPipeEndsQuietlyWithSuccess() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let big = (0..<50_000).map { "w\($0)" }.joined(separator: " ")
        try Subprocess.nlpipe("vocab", ["build", "--quiet", "--text", "-o", dir.path("v.nlpipe")], stdin: big)
        let result = try Subprocess.run("/bin/bash", ["-c", "set -o pipefail; '\(Subprocess.product("vocab"))' show -m '\(dir.path("v.nlpipe"))' | head -1"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdoutText == #"{"token":"<unk>","id":0,"count":0}"# + "\n")
    }
}
