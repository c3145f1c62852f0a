import Foundation
import Testing
import Diagnostics
import Kernels
import ModelArchive
import Embeddings
import _TestSupport

/// The `embeddings` archive kind and the word2vec / GloVe / fastText formats: round trips,
/// recognition from content, and clear errors for damaged files.
struct FormatTests {
    @Test func theArchiveRoundTripsEverything() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let original = try TestVectors.random(count: 57, dimension: 13, seed: 1, withExtras: true)
        let path = dir.path("v.nlpipe")
        try original.write(to: path)
        let back = try WordVectors(contentsOf: path)
        #expect(back.words == original.words)
        #expect(back.counts == original.counts)
        #expect(back.vectors == original.vectors)
        #expect(back.outputVectors == original.outputVectors)
        #expect(back.config == original.config)
        let reader = try ArchiveReader(path: path)
        #expect(reader.kind == "embeddings" && reader.formatVersion == 1)
        #expect(try reader.info("vectors").shape == [57, 13])
    }

    @Test(arguments: [VectorFileFormat.word2vecText, .word2vecBinary, .gloveText])
    func exportsReadBackExactlyAndAreRecognised(format: VectorFileFormat) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let original = try TestVectors.random(count: 40, dimension: 7, seed: 2)
        let path = dir.path("v.\(format.rawValue)")
        try Data(try original.exported(format)).write(to: URL(fileURLWithPath: path))
        #expect(VectorFileFormat.detect(Array(try Data(contentsOf: URL(fileURLWithPath: path)))) == format)
        let back = try WordVectors(contentsOf: path)
        #expect(back.words == original.words)
        #expect(back.vectors == original.vectors)
        #expect(back.counts == nil)
    }

    @Test func fastTextVecFilesAndLooseSpacingRead() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // fastText writes a trailing space; tabs, CRLF and blank trailing lines are tolerated.
        let path = try dir.write("ft.vec", "3 2\r\nthe 0.5 -1 \r\nof\t1e-3\t2.5 \n</s> 0 0 \n\n")
        let v = try WordVectors(contentsOf: path)
        #expect(v.words == ["the", "of", "</s>"])
        #expect(v.vectors.toArray() == [0.5, -1, 0.001, 2.5, 0, 0])
        let glove = try dir.write("g.txt", "a 1 2 3\nb 4 5 6")
        #expect(try WordVectors(contentsOf: glove).vectors.toArray() == [1, 2, 3, 4, 5, 6])
        // Repeated words: the first is kept, as gensim does.
        let repeated = try dir.write("r.txt", "3 1\nx 1\ny 2\nx 3\n")
        let r = try WordVectors(contentsOf: repeated)
        #expect(r.words == ["x", "y"] && r.vectors.toArray() == [1, 2])
    }

    static func failure(_ body: () throws -> Void) -> EmbeddingsError? {
        do { try body() } catch let error as EmbeddingsError { return error } catch { return nil }
        return nil
    }

    @Test func damagedFilesAreClearErrors() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let original = try TestVectors.random(count: 10, dimension: 4, seed: 3)
        let binary = try original.exported(.word2vecBinary)
        let truncated = try dir.write("t.bin", "")
        try Data(binary.dropLast(9)).write(to: URL(fileURLWithPath: truncated))
        let cases: [(String, String, String)] = [
            ("empty", "", "empty file"),
            ("garbled", "2 3\na 1 2 x3\nb 1 2 3\n", "line 2: 'x3' is not a number"),
            ("short", "2 3\na 1 2\nb 1 2 3\n", "line 2: 2 values for 'a', expected 3"),
            ("long", "2 3\na 1 2 3 4\nb 1 2 3\n", "line 2: 4 values for 'a', expected 3"),
            ("fewer", "3 2\na 1 2\nb 1 2\n", "truncated: the header promises 3 vectors, the file holds 2"),
            ("lying", "1000000 300\na 1 2\n", "more than the file's"),
            ("glove", "a 1 2\nb 1\n", "line 2: 1 values for 'b', expected 2"),
            ("prose", "hello world\nthis is text\n", "not a word-vector file"),
        ]
        for (name, text, message) in cases {
            let path = try dir.write(name, text)
            let error = Self.failure { _ = try WordVectors(contentsOf: path) }
            #expect(error?.kind == .badData, "\(name)")
            #expect(error?.description.contains(message) == true, "\(name): \(error?.description ?? "no error")")
            #expect(error?.description.hasPrefix(path) == true)
        }
        let cut = Self.failure { _ = try WordVectors(contentsOf: truncated) }
        #expect(cut?.kind == .badData && cut?.description.contains("truncated") == true, "\(String(describing: cut))")
        let missing = Self.failure { _ = try WordVectors(contentsOf: dir.path("nope.vec")) }
        #expect(missing?.kind == .noInput)
    }

    @Test func anArchiveOfAnotherKindIsRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var writer = ArchiveWriter(kind: "vocabulary", formatVersion: 1)
        try writer.add("tokens.counts", [Int64(1)])
        let path = dir.path("vocab.nlpipe")
        try writer.write(to: path)
        do {
            _ = try WordVectors(contentsOf: path)
            Issue.record("no error")
        } catch let error as ClassifiedError {
            #expect(error.kind == .badData)
            #expect(error.description.contains("is a model of kind 'vocabulary', but one of kind 'embeddings' is needed"), "\(error)")
        }
    }
}
