import Foundation
import Testing
import Records
import JSONCore
import VocabularyModule
import _TestSupport

/// Chunked whitespace splitting equals splitting the whole text, whatever the chunk size.
struct WhitespaceSplitterTests {
    func splitInChunks(_ bytes: [UInt8], sizes: [Int]) -> [[UInt8]] {
        var splitter = WhitespaceSplitter()
        var tokens: [[UInt8]] = []
        var start = 0, turn = 0
        bytes.withUnsafeBytes { raw in
            while start < raw.count {
                let size = sizes[turn % sizes.count]
                turn += 1
                let end = min(raw.count, start + size)
                splitter.split(UnsafeRawBufferPointer(rebasing: raw[start..<end])) { tokens.append(Array($0)) }
                start = end
            }
        }
        splitter.finish { tokens.append(Array($0)) }
        return tokens
    }

    @Test func chunkBoundariesNeverChangeTheTokens() {
        var generator = TestCorpus.Generator(state: 7)
        let pieces: [String] = ["a", "bc", "défg", " ", "  ", "\t", "\n", "\r\n", "\u{B}", "\u{C}", "日本", "x", "\u{1}", "\u{1F}", "abcdefghijklmnop"]
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0..<60, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let bytes = Array(text.utf8)
            let expected = TestCorpus.naiveSplit(bytes)
            for sizes in [[1], [2, 3], [5], [7, 1, 13], [1_000]] {
                #expect(splitInChunks(bytes, sizes: sizes) == expected, "\(text.debugDescription) \(sizes)")
            }
        }
    }

    @Test func aTokenSpanningManyChunksStaysWhole() {
        let bytes = Array(" start \(String(repeating: "long", count: 100)) end".utf8)
        #expect(splitInChunks(bytes, sizes: [3]).map { String(decoding: $0, as: UTF8.self) }
                == ["start", String(repeating: "long", count: 100), "end"])
    }

    @Test func nonASCIISpacesAndOtherControlCharactersStayInsideTokens() {
        #expect(splitInChunks(Array("a\u{A0}b c".utf8), sizes: [2]).count == 2)
        let tokens = splitInChunks(Array("abc\u{1}defghijk\u{1F}lmnopq rs".utf8), sizes: [100])
        #expect(tokens.map { String(decoding: $0, as: UTF8.self) } == ["abc\u{1}defghijk\u{1F}lmnopq", "rs"])
    }

    @Test func countingWiki8SampleInChunksMatchesPythonCounter() throws {
        let corpus = try TestCorpus.wiki8Sample()
        var counter = TokenCounter()
        var splitter = WhitespaceSplitter()
        corpus.withUnsafeBytes { raw in
            var start = 0
            while start < raw.count {
                let end = min(raw.count, start + 65_521)     // a prime: tokens straddle boundaries
                splitter.split(UnsafeRawBufferPointer(rebasing: raw[start..<end])) { counter.add($0) }
                start = end
            }
        }
        splitter.finish { counter.add($0) }
        #expect(counter.totalCount == 1_000_000)                 // corpora/README.md: the first 10^6 tokens
        let script = """
        import collections, json, lzma, sys
        words = lzma.open(sys.argv[1]).read().split()
        print(json.dumps(collections.Counter(w.decode() for w in words)))
        """
        let python = try Subprocess.python(script, arguments: [SharedData.url("corpora/wiki8-1M.xz").path])
        #expect(python.status == 0, "\(python.stderrText)")
        let reference = try #require(try JSONValue(parsing: python.stdout).objectValue)
        #expect(counter.distinctCount == reference.count)
        var mismatches = 0
        for (token, count) in reference where counter.count(of: token) != count.intValue { mismatches += 1 }
        #expect(mismatches == 0)
    }
}
