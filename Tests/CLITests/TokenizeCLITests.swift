import Foundation
import Testing
import _TestSupport

/// `tokenize` run as a program.
@Suite struct TokenizeCLITests {
    func records(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    /// ICU 72's own word segmentation of the multilingual sample (tokenize README: `icuwb.c`,
    /// UBRK_WORD, locale en) must come out of the program unchanged when it is asked for plain
    /// ICU segmentation of the text as it is.
    @Test func plainModeReproducesICUsSegmentationOfTheMultilingualSample() throws {
        let expected = try SharedData.jsonLines("tokenize/icu72-wordbreak.jsonl")
        let input = expected.map { $0["text"] as! String }.joined(separator: "\n") + "\n"
        let result = try Subprocess.nlpipe("tokenize", ["--normalize", "none", "--no-keep-urls"], stdin: input)
        #expect(result.status == 0, "\(result.stderrText)")
        let got = try records(result.stdoutText)
        #expect(got.count == expected.count)
        for (g, e) in zip(got, expected) {
            #expect(g["tokens"] as! [String] == e["tokens"] as! [String], "\(e["text"]!)")
            #expect(g["text"] as! String == e["text"] as! String, "the text field is the input line")
        }
    }

    @Test func defaultModeKeepsURLsEmailsAndNumbersWhole() throws {
        let result = try Subprocess.nlpipe("tokenize", [], stdin: "See https://example.org/a?b=1, mail ann@example.org: 3.14 or 1,000.\n")
        let tokens = try records(result.stdoutText)[0]["tokens"] as! [String]
        #expect(tokens == ["See", "https://example.org/a?b=1", ",", "mail", "ann@example.org", ":", "3.14", "or", "1,000", "."])
    }

    @Test func textFormatJoinsTokensWithSpaces() throws {
        let result = try Subprocess.nlpipe("tokenize", ["--format", "text", "--lower"], stdin: "Hello, World!\n\nStraße\n")
        #expect(result.stdoutText == "hello , world !\n\nstrasse\n")
    }

    @Test func recordsPassThroughAndOffsetsPointIntoTheOriginal() throws {
        let line = #"{"id":"x","meta":{"k":1},"text":"Cafe\u0301 o\u00f1o"}"#
        let result = try Subprocess.nlpipe("tokenize", ["--jsonl", "--offsets"], stdin: line + "\n")
        #expect(result.stdoutText == #"{"id":"x","meta":{"k":1},"text":"Cafe\u0301 o\u00f1o","tokens":["Café","oño"],"offsets":[[0,5],[6,9]]}"# + "\n")
    }

    @Test func otherLevelsAndFieldNames() throws {
        let sentences = try Subprocess.nlpipe("tokenize", ["--level", "sentence", "--output-field", "sents"],
                                              stdin: "First one. Second one? Third.\n")
        #expect(try records(sentences.stdoutText)[0]["sents"] as! [String] == ["First one.", "Second one?", "Third."])
        let chars = try Subprocess.nlpipe("tokenize", ["--level", "char", "--format", "text"], stdin: "a👩‍👩‍👧🇯🇵e\u{301}\n")
        #expect(chars.stdoutText == "a 👩‍👩‍👧 🇯🇵 é\n")
        let field = try Subprocess.nlpipe("tokenize", ["--jsonl", "--field", "body"], stdin: #"{"body":"a b"}"# + "\n")
        #expect(field.stdoutText == #"{"body":"a b","tokens":["a","b"]}"# + "\n")
    }

    @Test func detokenizeRestoresLatinText() throws {
        let text = "\"Well,\" she said (quietly), \"it's 3.14, isn't it?\" Yes: 12:30, e-mail me!\n"
        let tokens = try Subprocess.nlpipe("tokenize", ["--format", "text"], stdin: text)
        let back = try Subprocess.nlpipe("tokenize", ["--detokenize", "--text", "--format", "text"], stdin: tokens.stdoutText)
        #expect(back.stdoutText == text)
        let record = try Subprocess.nlpipe("tokenize", ["--detokenize"], stdin: #"{"id":1,"tokens":["Hi",",","you","!"]}"# + "\n")
        #expect(record.stdoutText == #"{"id":1,"tokens":["Hi",",","you","!"],"text":"Hi, you!"}"# + "\n")
    }

    @Test func badInputGetsAClearMessageAndTheDocumentedExitCode() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let invalid = try dir.write("bad.txt", bytes: Array("fine\n".utf8) + [0x61, 0xFF, 0x62, 0x0A])
        let cases: [(args: [String], stdin: String, status: Int32, message: String)] = [
            ([invalid], "", 65, "tokenize: \(invalid):2: invalid UTF-8 at byte 2"),
            (["--jsonl"], "{\"text\":\"a\"}\n{\"text\":\"a\",}\n", 65, "tokenize: stdin:2: malformed JSON"),
            (["--jsonl"], "{\"txt\":\"a\"}\n", 65, "tokenize: stdin:1: missing field 'text'"),
            (["--jsonl"], "{\"text\":[\"a\"]}\n", 65, "tokenize: stdin:1: field 'text' is not a string"),
            ([dir.path("missing.txt")], "", 66, "tokenize: cannot open '\(dir.path("missing.txt"))': No such file or directory"),
            (["--level", "paragraph"], "", 64, "tokenize: the value 'paragraph' is invalid for '--level <level>'"),
            (["--text", "--jsonl"], "", 64, "tokenize: --text and --jsonl exclude each other"),
        ]
        for c in cases {
            let result = try Subprocess.nlpipe("tokenize", c.args, stdin: c.stdin)
            #expect(result.status == c.status, "\(c.args): \(result.stderrText)")
            #expect(result.stderrText.hasPrefix(c.message), "\(c.args): \(result.stderrText)")
        }
    }

    @Test func answersBeforeABadLineAreWrittenBeforeTheFilterStops() throws {
        // Like jq: every record finished before the bad one reaches the reader, then exit 65,
        // and nothing of the bad record itself.
        let result = try Subprocess.nlpipe("tokenize", ["--jsonl"],
                                           stdin: "{\"id\":1,\"text\":\"a b\"}\n{\"id\":2,\"text\":\"c\"}\n{\"id\":3,\"txt\":\"d\"}\n{\"text\":\"e\"}\n")
        #expect(result.status == 65)
        #expect(result.stdoutText == "{\"id\":1,\"text\":\"a b\",\"tokens\":[\"a\",\"b\"]}\n{\"id\":2,\"text\":\"c\",\"tokens\":[\"c\"]}\n")
        #expect(result.stderrText == "tokenize: stdin:3: missing field 'text'\n")
    }

    @Test func skipInvalidCountsAndGoesOn() throws {
        let result = try Subprocess.run(Subprocess.product("tokenize"), ["--format", "text", "--skip-invalid"],
                                        stdin: Data(Array("a b\n".utf8) + [0xC3, 0x28, 0x0A] + Array("c\n".utf8)))
        #expect(result.status == 0)
        #expect(result.stdoutText == "a b\nc\n")
        #expect(result.stderrText == "tokenize: skipped 1 invalid line (first: stdin:2: invalid UTF-8 at byte 1)\n")
    }

    @Test func emptyInputHugeLinesAndClosedPipes() throws {
        let empty = try Subprocess.nlpipe("tokenize", [], stdin: "")
        #expect(empty.status == 0 && empty.stdout.isEmpty && empty.stderr.isEmpty)
        let huge = String(repeating: "word, ", count: 700_000) + "end\n"   // about 4.2 MB on one line
        let result = try Subprocess.nlpipe("tokenize", ["--format", "text"], stdin: huge)
        #expect(result.status == 0)
        #expect(result.stdout.count == 700_000 * 7 + 4)
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let many = try dir.write("many.txt", String(repeating: "the quick brown fox\n", count: 200_000))
        let piped = try Subprocess.run("/bin/bash", ["-c", "set -o pipefail; '\(Subprocess.product("tokenize"))' '\(many)' | head -2"])
        #expect(piped.status == 0)
        #expect(piped.stderr.isEmpty)
        #expect(piped.stdoutText.split(separator: "\n").count == 2)
    }
}
