import Diagnostics
import Foundation
import Testing
import VocabularyModule
import _TestSupport
@testable import Embeddings

/// Co-occurrence counting against hand counts, and the three ways of counting (in memory,
/// spilled and merged, in shards added up) against each other: counts are integers in units of
/// 1/lcm(1…window), so they must agree exactly.
struct GloVeCountingTests {
    /// The counts of `lines` (lists of ids) as a dictionary [(row, column): X].
    static func count(_ lines: [[Int32]], vocabularySize: Int, window: Int, symmetric: Bool = true,
                      tableEntries: Int = 1 << 12, denseEntries: Int = 0) throws -> (counter: CooccurrenceCounter, entries: [CooccurrenceEntry]) {
        let counter = try CooccurrenceCounter(vocabularySize: vocabularySize,
                                              options: CooccurrenceOptions(window: window, symmetric: symmetric),
                                              tableEntries: tableEntries, denseEntries: denseEntries,
                                              temporaryDirectory: NSTemporaryDirectory())
        for line in lines {
            for id in line { try counter.add(id) }
            counter.endSentence()
        }
        return (counter, try counter.sortedCounts())
    }

    static func dictionary(_ entries: [CooccurrenceEntry], scale: UInt64) -> [[Int32]: Double] {
        var result: [[Int32]: Double] = [:]
        for e in entries { result[[e.row, e.column]] = Double(e.count) / Double(scale) }
        return result
    }

    @Test func scaleIsTheLeastCommonMultiple() {
        #expect(CooccurrenceOptions(window: 1).scale == 1)
        #expect(CooccurrenceOptions(window: 2).scale == 2)
        #expect(CooccurrenceOptions(window: 10).scale == 2520)
        #expect(CooccurrenceOptions(window: 15).scale == 360_360)
        #expect(CooccurrenceOptions(window: 20).scale == 232_792_560)
        #expect(CooccurrenceOptions(window: 10).weights[7] == 360)
    }

    /// Lines "0 1 2 3" and "3 0" with window 2, worked out by hand: distance-1 pairs weigh 1,
    /// distance-2 pairs ½, the distance-3 pair (0, 3) of the first line is outside the window, and
    /// no pair crosses the line break (3 … 3).
    @Test func symmetricCountsMatchHandCounts() throws {
        let (_, entries) = try Self.count([[0, 1, 2, 3], [3, 0]], vocabularySize: 4, window: 2)
        let expected: [[Int32]: Double] = [
            [0, 1]: 1, [1, 0]: 1, [1, 2]: 1, [2, 1]: 1, [2, 3]: 1, [3, 2]: 1,
            [0, 2]: 0.5, [2, 0]: 0.5, [1, 3]: 0.5, [3, 1]: 0.5,
            [3, 0]: 1, [0, 3]: 1,
        ]
        #expect(Self.dictionary(entries, scale: 2) == expected)
        #expect(entries.map(\.key) == entries.map(\.key).sorted())
    }

    /// Asymmetric: only (earlier, later); a repeated word pairs with itself; window 3 weights 1, ½, ⅓.
    @Test func asymmetricCountsMatchHandCounts() throws {
        let (_, entries) = try Self.count([[0, 1, 1, 2, 0]], vocabularySize: 3, window: 3, symmetric: false)
        // Pairs (earlier, later, distance): (0,1,1) (0,1,2) (0,2,3) (1,1,1) (1,2,2) (1,0,3) (1,2,1) (1,0,2) (2,0,1)
        let expected: [[Int32]: Double] = [
            [0, 1]: 1 + 0.5, [0, 2]: 1.0 / 3, [1, 1]: 1, [1, 2]: 0.5 + 1, [1, 0]: 1.0 / 3 + 0.5, [2, 0]: 1,
        ]
        let got = Self.dictionary(entries, scale: 6)
        #expect(got.keys.sorted { $0.lexicographicallyPrecedes($1) } == expected.keys.sorted { $0.lexicographicallyPrecedes($1) })
        for (key, value) in expected { #expect(abs(got[key]! - value) < 1e-12, "X\(key)") }
        // Symmetric counting of the same line is the asymmetric matrix plus its transpose.
        let (_, both) = try Self.count([[0, 1, 1, 2, 0]], vocabularySize: 3, window: 3)
        let symmetric = Self.dictionary(both, scale: 6)
        for (key, value) in symmetric {
            let sum = (got[key] ?? 0) + (got[[key[1], key[0]]] ?? 0)
            #expect(abs(value - sum) < 1e-12, "X\(key)")
        }
    }

    /// Through the real corpus path: a word under --min-count is dropped before distances are
    /// measured (as Stanford's cooccur does), so "a rare b" counts (a, b) at distance 1.
    @Test func outOfVocabularyWordsAreDroppedBeforeMeasuringDistance() throws {
        let corpus = try TrainingQualityTests.corpus([["a", "rare", "b"], ["a", "b"]], minCount: 2)
        #expect(corpus.vocabulary.count == 2)
        let counter = try CooccurrenceCounter(vocabularySize: 2, options: CooccurrenceOptions(window: 2),
                                              tableEntries: 64, denseEntries: 0, temporaryDirectory: NSTemporaryDirectory())
        try counter.count(corpus)
        let a = Int32(corpus.vocabulary.id(of: "a")!), b = Int32(corpus.vocabulary.id(of: "b")!)
        #expect(Self.dictionary(try counter.sortedCounts(), scale: 2) == [[a, b]: 2, [b, a]: 2])
    }

    static func randomLines(seed: UInt64, lines: Int, vocabularySize: Int) -> [[Int32]] {
        var random = TestCorpus.Generator(state: seed)
        return (0..<lines).map { _ in
            (0..<Int.random(in: 1...40, using: &random)).map { _ in
                // Zipf-like: small ids far more often.
                let u = Double.random(in: 0..<1, using: &random)
                return Int32(min(vocabularySize - 1, Int(pow(Double(vocabularySize), u * u)) - 1))
            }
        }
    }

    /// A table of 64 slots spills hundreds of times (and compacts its runs past 64): the merged
    /// result equals counting with a table that never spills, with or without the dense block.
    @Test func spillAndMergeEqualsInMemoryCounting() throws {
        let lines = Self.randomLines(seed: 3, lines: 300, vocabularySize: 60)
        let (memory, inMemory) = try Self.count(lines, vocabularySize: 60, window: 5, tableEntries: 1 << 16)
        #expect(memory.spills == 0)
        let (spilled, merged) = try Self.count(lines, vocabularySize: 60, window: 5, tableEntries: 64)
        #expect(spilled.spills > CooccurrenceCounter.maximumRuns)
        #expect(merged == inMemory)
        let (_, withDense) = try Self.count(lines, vocabularySize: 60, window: 5, tableEntries: 64, denseEntries: 150)
        #expect(withDense == inMemory)
    }

    /// Three shards counted with the same vocabulary, written as `cooccurrence` files and read
    /// back together, sum to the counts of one pass over all lines, pair for pair.
    @Test func shardsAddUpToOnePass() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let lines = Self.randomLines(seed: 9, lines: 240, vocabularySize: 40)
        let vocabulary = try Vocabulary(tokens: (0..<40).map { "w\($0)" }, counts: (0..<40).map { 100 - $0 })
        let (_, whole) = try Self.count(lines, vocabularySize: 40, window: 4)
        var paths: [String] = []
        for shard in 0..<3 {
            let part = Array(lines[(shard * 80)..<((shard + 1) * 80)])
            let fresh = try CooccurrenceCounter(vocabularySize: 40, options: CooccurrenceOptions(window: 4),
                                                tableEntries: 128, denseEntries: 60, temporaryDirectory: NSTemporaryDirectory())
            for line in part {
                for id in line { try fresh.add(id) }
                fresh.endSentence()
            }
            let path = directory.path("part\(shard).nlpipe")
            try CooccurrenceArchive.write(try fresh.finish(), vocabulary: vocabulary, options: fresh.options,
                                          corpusTokens: part.joined().count, vocabularyGiven: true,
                                          temporaryDirectory: NSTemporaryDirectory(), to: path)
            #expect(CooccurrenceShards.isShard(path))
            paths.append(path)
        }
        let shards = try CooccurrenceShards(paths: paths)
        #expect(try shards.sortedCounts() == whole)
        #expect(shards.corpusTokens == lines.joined().count)
        #expect(shards.vocabulary.counts == vocabulary.counts)
        #expect(shards.options == CooccurrenceOptions(window: 4))
    }

    /// Shards that cannot be added up are refused with a message saying why.
    @Test func mismatchedShardsAreRefused() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        func write(_ name: String, window: Int, words: [String]) throws -> String {
            let counter = try CooccurrenceCounter(vocabularySize: words.count, options: CooccurrenceOptions(window: window),
                                                  tableEntries: 64, denseEntries: 0, temporaryDirectory: NSTemporaryDirectory())
            for id in 0..<Int32(words.count) { try counter.add(id) }
            let path = directory.path(name)
            try CooccurrenceArchive.write(try counter.finish(), vocabulary: try Vocabulary(tokens: words), options: counter.options,
                                          corpusTokens: words.count, vocabularyGiven: false,
                                          temporaryDirectory: NSTemporaryDirectory(), to: path)
            return path
        }
        let a = try write("a", window: 3, words: ["x", "y", "z"])
        let b = try write("b", window: 4, words: ["x", "y", "z"])
        let c = try write("c", window: 3, words: ["x", "z", "y"])
        #expect(throws: Failure.self) { try CooccurrenceShards(paths: [a, b]) }
        do { _ = try CooccurrenceShards(paths: [a, c]); Issue.record("no error") } catch let error as Failure {
            #expect(error.kind == .badData)
            #expect(error.description.contains("--vocab"))
        }
        // Counted vocabularies (no --vocab) add their word counts up.
        let twice = try CooccurrenceShards(paths: [a, a])
        #expect(try twice.sortedCounts().map(\.count) == CooccurrenceShards(paths: [a]).sortedCounts().map { $0.count * 2 })
    }

    /// An unwritable temporary directory fails at once with an I/O error naming it.
    @Test func unwritableTemporaryDirectoryIsAnIOError() {
        do {
            _ = try CooccurrenceCounter(vocabularySize: 3, options: CooccurrenceOptions(window: 2), tableEntries: 64,
                                        denseEntries: 0, temporaryDirectory: "/proc/nonexistent-dir")
            Issue.record("no error")
        } catch let error as Failure {
            #expect(error.kind == .io)
            #expect(error.description.contains("/proc/nonexistent-dir"))
        } catch { Issue.record("\(error)") }
    }

    /// --memory below what one block needs names the minimum.
    @Test func tooLittleMemoryNamesTheMinimum() {
        do {
            _ = try GloVeMemoryPlan(limit: 10 << 20, vocabularySize: 70_000, distinctTokens: 250_000, dimension: 100)
            Issue.record("no error")
        } catch let error as Failure {
            #expect(error.kind == .usage)
            #expect(error.description.contains("the minimum is"))
        } catch { Issue.record("\(error)") }
        let plan = try? GloVeMemoryPlan(limit: 1 << 30, vocabularySize: 70_000, distinctTokens: 250_000, dimension: 100)
        #expect(plan != nil)
        if let plan {
            #expect(plan.tableEntries * 16 + plan.denseEntries * 8 + plan.fixedBytes <= plan.limit)
            #expect(plan.denseEntries > 10_000_000)
        }
    }
}
