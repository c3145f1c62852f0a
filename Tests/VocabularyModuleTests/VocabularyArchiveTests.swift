import Foundation
import Testing
import Records
import Diagnostics
import JSONCore
import ModelArchive
import VocabularyModule
import _TestSupport

/// The `vocabulary` and `counts` archive kinds: round trips, kind checks, sharded counting.
struct VocabularyArchiveTests {
    func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nlpipe-vocab-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aVocabularyRoundTripsThroughAFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var counter = TokenCounter()
        counter.add(contentsOf: TestCorpus.randomTokens(20_000, seed: 3))
        let specials = try SpecialTokens(["<pad>", "<unk>"])
        let vocabulary = try Vocabulary(counts: counter, options: VocabularyOptions(minCount: 2, maxSize: 500, specials: specials))
        let path = dir.appendingPathComponent("v.nlpipe").path
        try vocabulary.write(to: path)
        let back = try Vocabulary(contentsOf: path)
        #expect(back == vocabulary)
        #expect(back.options == VocabularyOptions(minCount: 2, maxSize: 500, specials: specials))
        #expect(back.id(of: vocabulary.tokens[77]) == 77)
        let reader = try ArchiveReader(path: path)
        #expect(try reader.config() == vocabulary.buildConfig)
        #expect(reader.kind == "vocabulary" && reader.formatVersion == 1)
    }

    @Test func anExplicitListRoundTripsWithoutOptions() throws {
        let vocabulary = try Vocabulary(tokens: ["ü", "", "x y"], counts: [3, 2, 1])
        let back = try Vocabulary(archive: try ArchiveReader(bytes: try vocabulary.archiveWriter().serialized()))
        #expect(back == vocabulary)
        #expect(back.options == nil && back.corpusTokenCount == nil)
    }

    @Test func countsRoundTripAndKindsAreNotInterchangeable() throws {
        var counter = TokenCounter()
        counter.add(contentsOf: TestCorpus.randomTokens(5_000, seed: 4))
        let countsBytes = try counter.archiveWriter().serialized()
        let countsReader = try ArchiveReader(bytes: countsBytes, name: "c.nlpipe")
        #expect(try TokenCounter(archive: countsReader) == counter)
        #expect(throws: ArchiveError(.badData, path: "c.nlpipe", "is a model of kind 'counts', but one of kind 'vocabulary' is needed")) {
            try Vocabulary(archive: countsReader)
        }
        let vocabularyReader = try ArchiveReader(bytes: try Vocabulary(counts: counter).archiveWriter().serialized(), name: "v.nlpipe")
        #expect(throws: ArchiveError(.badData, path: "v.nlpipe", "is a model of kind 'vocabulary', but one of kind 'counts' is needed")) {
            try TokenCounter(archive: vocabularyReader)
        }
    }

    @Test func aNewerVocabularyFormatIsRefused() throws {
        var writer = try Vocabulary(counts: VocabularyTests.counter()).archiveWriter()
        writer.metadata["format_version"] = "2"
        let reader = try ArchiveReader(bytes: writer.serialized(), name: "new.nlpipe")
        do {
            _ = try Vocabulary(archive: reader)
            Issue.record("read a newer format")
        } catch let error as ArchiveError {
            #expect(error.kind == .badData)
            #expect(error.message.contains("format version 2 is newer than this program supports (1)"))
        }
    }

    @Test func inconsistentTensorsAreBadData() throws {
        func reader(bytes: [UInt8], offsets: [Int64], counts: [Int64], specials: String = #"{"tokens":[]}"#) throws -> ArchiveReader {
            var writer = ArchiveWriter(kind: "vocabulary", formatVersion: 1)
            try writer.add("tokens.utf8", bytes)
            try writer.add("tokens.offsets", offsets)
            try writer.add("tokens.counts", counts)
            writer.metadata["specials"] = specials
            return try ArchiveReader(bytes: writer.serialized(), name: "bad.nlpipe")
        }
        let ab = Array("ab".utf8)
        #expect(try Vocabulary(archive: reader(bytes: ab, offsets: [0, 1, 2], counts: [1, 1])).tokens == ["a", "b"])
        let cases: [(ArchiveReader, String)] = [
            (try reader(bytes: ab, offsets: [0, 2], counts: [1, 1]), "one more"),
            (try reader(bytes: ab, offsets: [0, 1, 3], counts: [1, 1]), "must run from 0"),
            (try reader(bytes: ab, offsets: [0, 2, 1, 2], counts: [1, 1, 1]), "decreases"),
            (try reader(bytes: ab, offsets: [0, 1, 2], counts: [1, -1]), "negative count"),
            (try reader(bytes: [0x61, 0xFF], offsets: [0, 1, 2], counts: [1, 1]), "not valid UTF-8"),
            (try reader(bytes: Array("aa".utf8), offsets: [0, 1, 2], counts: [1, 1]), "twice"),
            (try reader(bytes: ab, offsets: [0, 1, 2], counts: [1, 1], specials: #"{"tokens":["<s>"]}"#), "special tokens"),
            (try reader(bytes: ab, offsets: [0, 1, 2], counts: [1, 1], specials: #"{"tokens":"#), "not valid JSON"),
        ]
        for (reader, phrase) in cases {
            do {
                let vocabulary = try Vocabulary(archive: reader)
                Issue.record("\(phrase): accepted \(vocabulary.tokens)")
            } catch let error as ArchiveError {
                #expect(error.kind == .badData, "\(phrase): \(error)")
                #expect(error.message.contains(phrase), "\(phrase): \(error)")
            }
        }
    }

    @Test func numpyReadsTheTokenTensors() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let vocabulary = try Vocabulary(counts: VocabularyTests.counter())
        let path = dir.appendingPathComponent("v.nlpipe").path
        try vocabulary.write(to: path)
        let script = """
        import json, sys
        from safetensors.numpy import load_file
        from safetensors import safe_open
        t = load_file(sys.argv[1])
        b, o, c = t["tokens.utf8"], t["tokens.offsets"], t["tokens.counts"]
        tokens = [b[o[i]:o[i + 1]].tobytes().decode() for i in range(len(o) - 1)]
        with safe_open(sys.argv[1], "np") as f:
            specials = json.loads(f.metadata()["specials"])
        print(json.dumps({"tokens": tokens, "counts": c.tolist(), "specials": specials}, ensure_ascii=False))
        """
        let python = try Subprocess.python(script, arguments: [path])
        #expect(python.status == 0, "\(python.stderrText)")
        let result = try JSONValue(parsing: python.stdout)
        #expect(result["tokens"]?.arrayValue?.compactMap(\.stringValue) == vocabulary.tokens)
        #expect(result["counts"]?.arrayValue?.compactMap(\.intValue) == vocabulary.counts)
        #expect(result["specials"] == ["tokens": ["<unk>", "<s>", "</s>", "<pad>"], "unknown": "<unk>",
                                       "begin": "<s>", "end": "</s>", "padding": "<pad>"])
    }

    /// `vocab count` on shards + `vocab merge` + `vocab build` must equal `vocab build` on the whole
    /// corpus, including through the files.
    @Test func countingShardsThroughFilesThenMergingEqualsOnePass() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = try TestCorpus.wiki8Sample()
        var whole = TokenCounter()
        var wholeSplitter = WhitespaceSplitter()
        corpus.withUnsafeBytes { wholeSplitter.split($0) { whole.add($0) } }
        wholeSplitter.finish { whole.add($0) }

        // Four shards cut at arbitrary byte positions that fall inside words; each shard's cut word
        // is completed by reading on to the next space, as a shard reader aligned on tokens would.
        var paths: [String] = []
        var start = 0
        for shard in 0..<4 {
            var end = shard == 3 ? corpus.count : (corpus.count * (shard + 1)) / 4
            while end < corpus.count && corpus[end] != 0x20 { end += 1 }
            var counter = TokenCounter()
            var splitter = WhitespaceSplitter()
            corpus[start..<end].withUnsafeBytes { splitter.split($0) { counter.add($0) } }
            splitter.finish { counter.add($0) }
            let path = dir.appendingPathComponent("shard\(shard).counts").path
            try counter.write(to: path)
            paths.append(path)
            start = end
        }
        var merged = TokenCounter()
        for path in paths { merged.merge(try TokenCounter(contentsOf: path)) }
        #expect(merged == whole)
        #expect(merged.totalCount == 1_000_000)
        let options = VocabularyOptions(minCount: 5)
        #expect(try Vocabulary(counts: merged, options: options) == Vocabulary(counts: whole, options: options))
    }

    /// The vocabulary at min count 5 equals Python's `Counter` sorted by (-count, token) on the same text.
    @Test func wiki8SampleVocabularyMatchesPython() throws {
        let corpus = try TestCorpus.wiki8Sample()
        var counter = TokenCounter()
        var splitter = WhitespaceSplitter()
        corpus.withUnsafeBytes { splitter.split($0) { counter.add($0) } }
        splitter.finish { counter.add($0) }
        let vocabulary = try Vocabulary(counts: counter, options: VocabularyOptions(minCount: 5, specials: .none))
        let script = """
        import collections, json, lzma, sys
        counts = collections.Counter(lzma.open(sys.argv[1]).read().decode().split())
        kept = sorted((w for w, c in counts.items() if c >= 5), key=lambda w: (-counts[w], w))
        print(json.dumps(kept))
        """
        let python = try Subprocess.python(script, arguments: [SharedData.url("corpora/wiki8-1M.xz").path])
        #expect(python.status == 0, "\(python.stderrText)")
        let expected = try JSONValue(parsing: python.stdout).arrayValue?.compactMap(\.stringValue) ?? []
        #expect(expected.count > 10_000)
        #expect(vocabulary.tokens == expected)
    }
}
