import Foundation
import Testing
import _TestSupport

/// `embed-query` run as a program: queries in, answers out, with the documented exit codes.
@Suite struct EmbedQueryCLITests {
    /// Five hand-made 3-d vectors: man → king is the step woman → queen.
    static let vectors = """
    5 3
    man 1 0 0
    king 1 1 0
    woman 0.9 0 0.4
    queen 0.9 1 0.4
    apple 0 -1 0.3

    """

    func model(_ dir: TemporaryDirectory) throws -> String { try dir.write("v.txt", Self.vectors) }

    @Test func answersEachKindOfQueryAndPassesFieldsThrough() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let queries = """
        {"id":1,"word":"king"}
        {"a":"man","b":"king","c":"woman","id":2}
        {"w1":"man","w2":"apple"}
        {"tokens":["man","zz","king"]}

        """
        let result = try Subprocess.nlpipe("embed-query", ["-m", try model(dir), "-k", "2"], stdin: queries)
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText == "")
        // Cosines: king·queen = 1.9/√2/√2.97, king·man = 1/√2 (Float32, shortest decimals).
        #expect(result.stdoutText == """
        {"id":1,"word":"king","neighbors":[{"word":"queen","score":0.95720625},{"word":"man","score":0.70710677}]}
        {"a":"man","b":"king","c":"woman","id":2,"answer":"queen","score":0.992928}
        {"w1":"man","w2":"apple","similarity":0.0}
        {"tokens":["man","zz","king"],"unknown":["zz"],"vector":[0.8535534,0.35355338,0.0]}

        """)
    }

    @Test func unknownWordsAnswerWithoutStoppingTheStream() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let result = try Subprocess.nlpipe("embed-query", ["-m", try model(dir)],
                                           stdin: "{\"word\":\"xyz\"}\n{\"a\":\"man\",\"b\":\"nope\",\"c\":\"woman\"}\n{\"word\":\"man\",\"id\":3}\n")
        #expect(result.status == 0)
        let lines = result.stdoutText.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == #"{"word":"xyz","unknown":["xyz"],"neighbors":null}"#)
        #expect(lines[1] == #"{"a":"man","b":"nope","c":"woman","unknown":["nope"],"answer":null,"score":null}"#)
        #expect(lines[2].hasPrefix(#"{"word":"man","id":3,"neighbors":[{"word":"woman""#))
    }

    @Test func plainTextLinesAreWord2vecStyleQueries() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let result = try Subprocess.nlpipe("embed-query", ["-m", try model(dir), "--text", "-k", "1"],
                                           stdin: "man king woman\nking\nman woman\n")
        #expect(result.stdoutText == """
        {"text":"man king woman","answer":"queen","score":0.992928}
        {"text":"king","neighbors":[{"word":"queen","score":0.95720625}]}
        {"text":"man woman","similarity":0.9138115}

        """)
        let vector = try Subprocess.nlpipe("embed-query", ["-m", try model(dir), "--vectors"], stdin: "{\"word\":\"woman\"}\n")
        #expect(vector.stdoutText == "{\"word\":\"woman\",\"vector\":[0.9,0.0,0.4]}\n")
    }

    @Test func badQueriesAndModelsAreClearErrors() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let m = try model(dir)
        let missing = try Subprocess.nlpipe("embed-query", ["-m", m], stdin: "{\"word\":\"man\"}\n{\"x\":1}\n")
        #expect(missing.status == 65)
        #expect(missing.stderrText == "embed-query: stdin:2: missing field: a query needs 'word', 'a'/'b'/'c', 'w1'/'w2' or 'tokens'\n")
        let malformed = try Subprocess.nlpipe("embed-query", ["-m", m], stdin: "{\"word\":\"king\"\n")
        #expect(malformed.status == 65)
        #expect(malformed.stderrText.hasPrefix("embed-query: stdin:1: malformed JSON"))
        let skipped = try Subprocess.nlpipe("embed-query", ["-m", m, "--skip-invalid", "-k", "1"], stdin: "{\"x\":1}\n{\"word\":\"king\"}\n")
        #expect(skipped.status == 0 && skipped.stdoutText.split(separator: "\n").count == 1)
        let wrongType = try Subprocess.nlpipe("embed-query", ["-m", m], stdin: "{\"word\":3}\n")
        #expect(wrongType.status == 65)

        let absent = try Subprocess.nlpipe("embed-query", ["-m", dir.path("nope.bin")])
        #expect(absent.status == 66)
        #expect(absent.stderrText == "embed-query: \(dir.path("nope.bin")): cannot open: no such file\n")
        // A vocabulary file is an nlpipe model of another kind.
        let vocabPath = dir.path("vocab.nlpipe")
        _ = try Subprocess.nlpipe("vocab", ["build", "--quiet", "--text", "-o", vocabPath], stdin: "a b c\n")
        let wrongKind = try Subprocess.nlpipe("embed-query", ["-m", vocabPath], stdin: "{\"word\":\"a\"}\n")
        #expect(wrongKind.status == 65)
        #expect(wrongKind.stderrText.contains("is a model of kind 'vocabulary', but one of kind 'embeddings' is needed"), "\(wrongKind.stderrText)")
        let garbled = try dir.write("g.txt", "2 3\nman 1 0 0\nking 1 x 0\n")
        let bad = try Subprocess.nlpipe("embed-query", ["-m", garbled], stdin: "")
        #expect(bad.status == 65)
        #expect(bad.stderrText == "embed-query: \(garbled): line 3: 'x' is not a number\n")
        let usage = try Subprocess.nlpipe("embed-query", ["-m", m, "--plot", "w.txt"])
        #expect(usage.status == 64 && usage.stderrText.hasPrefix("embed-query: --plot needs -o/--output"))
    }

    @Test func exportsRoundTripThroughEveryFormat() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let m = try model(dir)
        for format in ["word2vec", "word2vec-binary", "glove"] {
            let exported = try Subprocess.nlpipe("embed-query", ["-m", m, "--export", format])
            #expect(exported.status == 0)
            let path = dir.path("out.\(format)")
            try exported.stdout.write(to: URL(fileURLWithPath: path))
            let again = try Subprocess.nlpipe("embed-query", ["-m", path, "--export", "word2vec"])
            #expect(again.stdoutText == """
            5 3
            man 1.0 0.0 0.0
            king 1.0 1.0 0.0
            woman 0.9 0.0 0.4
            queen 0.9 1.0 0.4
            apple 0.0 -1.0 0.3

            """, "\(format)")
        }
    }

    @Test func aModelCanComeFromAPipe() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let binary = try Subprocess.nlpipe("embed-query", ["-m", try model(dir), "--export", "word2vec-binary"])
        let piped = try Subprocess.run(Subprocess.product("embed-query"), ["-m", "/dev/stdin", "--export", "glove"], stdin: binary.stdout)
        #expect(piped.status == 0, "\(piped.stderrText)")
        #expect(piped.stdoutText.hasPrefix("man 1.0 0.0 0.0\nking 1.0 1.0 0.0\n"))
    }

    @Test func evaluationsPrintOneJSONSummary() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let questions = try dir.write("q.txt", ": family\nman king woman queen\nman king woman nope\n: gram1\nMAN KING WOMAN QUEEN\n")
        let pairs = try dir.write("p.tsv", "# comment\nman\tking\t5\nman\twoman\t8\nking\tapple\t1\nman\tnope\t3\n")
        let result = try Subprocess.nlpipe("embed-query", ["-m", try model(dir), "--eval-analogies", questions, "--eval-pairs", pairs])
        #expect(result.status == 0, "\(result.stderrText)")
        let summary = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let analogies = try #require(summary["analogies"] as? [String: Any])
        #expect(analogies["correct"] as? Int == 2 && analogies["skipped"] as? Int == 1 && analogies["questions"] as? Int == 3)
        #expect((analogies["semantic"] as? [String: Any])?["correct"] as? Int == 1)
        #expect((analogies["syntactic"] as? [String: Any])?["correct"] as? Int == 1)
        #expect(analogies["restrict_vocab"] as? Int == 5)   // 30000, clamped to the vocabulary
        let pairSummary = try #require(summary["pairs"] as? [String: Any])
        // cos(man,king) 0.707, cos(man,woman) 0.914, cos(king,apple) -0.48: same order as 5, 8, 1.
        #expect(pairSummary["spearman"] as? Double == 1)
        #expect(pairSummary["oov"] as? Int == 1 && pairSummary["evaluated"] as? Int == 3)
    }

    @Test func plotWritesAnSVGOfTheKnownWords() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let words = try dir.write("w.txt", "man king\nwoman queen zzz\n")
        let result = try Subprocess.nlpipe("embed-query", ["-m", try model(dir), "--plot", words, "-o", dir.path("map.svg")])
        #expect(result.status == 0)
        #expect(result.stderrText == "embed-query: not in the vocabulary, left out of the map: zzz\n")
        let svg = try String(contentsOfFile: dir.path("map.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.hasSuffix("</svg>\n"))
        for word in ["man", "king", "woman", "queen"] { #expect(svg.contains(">\(word)</text>")) }
        #expect(!svg.contains("zzz"))
        #expect(try dir.contents().sorted() == ["map.svg", "v.txt", "w.txt"], "no temporary file is left behind")
    }
}
