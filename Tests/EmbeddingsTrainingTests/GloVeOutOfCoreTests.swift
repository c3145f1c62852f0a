import Diagnostics
import Foundation
import Randomness
import Testing
import _TestSupport
@testable import Embeddings

/// Sorted entries from an array, standing in for the merged counts.
final class ArrayCooccurrenceSource: CooccurrenceSource {
    private var entries: [CooccurrenceEntry]
    private var position = 0

    init(_ entries: [CooccurrenceEntry]) { self.entries = entries }

    func next() throws -> CooccurrenceEntry? {
        guard position < entries.count else { return nil }
        defer { position += 1 }
        return entries[position]
    }
}

/// Training when the co-occurring pairs do not fit in the memory left for them: the pairs are
/// scattered into blocks in an unlinked temporary file and each epoch visits the blocks in a new
/// order (`GloVePairBlocks`, `GloVeJob.runBlockedEpoch`).
struct GloVeOutOfCoreTests {
    /// Entries (i, j) for every i, j < `words` with a count of i + j + 1 (scale 1).
    static func entries(words: Int) -> [CooccurrenceEntry] {
        var entries: [CooccurrenceEntry] = []
        for i in 0..<words {
            for j in 0..<words {
                entries.append(CooccurrenceEntry(key: UInt64(i) << 32 | UInt64(j), count: UInt64(i + j + 1)))
            }
        }
        return entries
    }

    /// How many of this process's open files are in `directory` (an unlinked file shows as
    /// "path (deleted)" in /proc/self/fd; other tests running meanwhile use other directories).
    static func openFiles(in directory: String) -> Int {
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return fds.filter { fd in
            ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")) ?? "").hasPrefix(directory)
        }.count
    }

    /// The blocks hold every pair exactly once, sizes balanced to within one, at most the buffer's
    /// capacity each; each block is a random sample (its mean row is near the overall mean, where
    /// cutting the sorted pairs into ranges would give means from 10 to 89); the same seed gives
    /// the same blocks. Nothing is left in the temporary directory and no descriptor stays open.
    @Test func scatterKeepsEveryPairOnceInBalancedRandomBlocks() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let words = 100
        let all = Self.entries(words: words)
        func blocks(seed: UInt64) throws -> [[GloVePair]] {
            let pairs = try GloVePairs(ArrayCooccurrenceSource(all), scale: 1, xMax: 100, alpha: 0.75, maximumBytes: 1800 * 16,
                                       temporaryDirectory: dir.path(""), seed: seed)
            #expect(pairs.total == all.count)
            #expect(pairs.capacity == 1800)
            let store = try #require(pairs.blocks)
            #expect(store.count == 6)  // ⌈10000 / 1800⌉
            #expect(try dir.contents().isEmpty, "the temporary files are unlinked at once")
            #expect(Self.openFiles(in: dir.url.path) == 1, "the staged file is closed once scattered")
            var result: [[GloVePair]] = []
            for b in 0..<store.count {
                try pairs.load(block: b)
                result.append(Array(UnsafeBufferPointer(start: pairs.base, count: pairs.count)))
            }
            return result
        }
        let first = try blocks(seed: 7)
        #expect(Set(first.map(\.count)) == [1666, 1667])
        let keys = first.joined().map { UInt64(UInt32(bitPattern: $0.row)) << 32 | UInt64(UInt32(bitPattern: $0.column)) }
        #expect(keys.sorted() == all.map(\.key))
        for pair in first.joined() {
            let x = Double(pair.row + pair.column + 1)
            #expect(pair.logX == Float(log(x)))
            #expect(pair.weight == Float(GloVeObjective.weight(x, xMax: 100, alpha: 0.75)))
        }
        for block in first {
            let meanRow = Double(block.map { Int($0.row) }.reduce(0, +)) / Double(block.count)
            #expect(abs(meanRow - 49.5) < 3, "block mean row \(meanRow)")
        }
        let again = try blocks(seed: 7)
        #expect(again.map { $0.map(\.row) } == first.map { $0.map(\.row) })
        let other = try blocks(seed: 8)
        #expect(other.map { $0.map(\.row) } != first.map { $0.map(\.row) })
        #expect(try dir.contents().isEmpty)
        #expect(Self.openFiles(in: dir.url.path) == 0, "the temporary files are closed with the pairs")
    }

    /// Pairs that fit stay in memory, without a temporary file (an unusable directory is not touched).
    @Test func pairsThatFitStayInMemory() throws {
        let pairs = try GloVePairs(ArrayCooccurrenceSource(Self.entries(words: 20)), scale: 1, xMax: 100, alpha: 0.75,
                                   maximumBytes: 400 * 16, temporaryDirectory: "/proc/nonexistent-dir", seed: 1)
        #expect(pairs.blocks == nil)
        #expect(pairs.count == 400 && pairs.total == 400)
    }

    /// An unwritable temporary directory is an I/O error naming it once the pairs spill.
    @Test func unwritableTemporaryDirectoryIsAnIOError() {
        do {
            _ = try GloVePairs(ArrayCooccurrenceSource(Self.entries(words: 20)), scale: 1, xMax: 100, alpha: 0.75,
                               maximumBytes: 100 * 16, temporaryDirectory: "/proc/nonexistent-dir", seed: 1)
            Issue.record("no error")
        } catch let error as Failure {
            #expect(error.kind == .io)
            #expect(error.description.contains("/proc/nonexistent-dir"))
        } catch { Issue.record("\(error)") }
    }

    /// More blocks than the buffer can hold write buffers for is a usage error asking for memory.
    @Test func tooManyBlocksAskForMoreMemory() {
        do {
            _ = try GloVePairs(ArrayCooccurrenceSource(Self.entries(words: 20)), scale: 1, xMax: 100, alpha: 0.75,
                               maximumBytes: 4 * 16, temporaryDirectory: NSTemporaryDirectory(), seed: 1)
            Issue.record("no error")
        } catch let error as Failure {
            #expect(error.kind == .usage)
            #expect(error.description.contains("--memory"))
        } catch { Issue.record("\(error)") }
    }

    /// The Fenwick tree's draw r lands in the block whose cumulative room covers r, as a linear
    /// scan finds it, and every block is taken exactly as often as it has room.
    @Test func remainingCountsFindsTheBlockOfADraw() {
        let sizes = [3, 0, 5, 1, 7, 2, 4]
        var room = sizes
        var tree = RemainingCounts(sizes)
        var random = PCG64(seedSequence: SeedSequence(1, spawnKey: []))
        var taken = [Int](repeating: 0, count: sizes.count)
        for left in stride(from: sizes.reduce(0, +), to: 0, by: -1) {
            let r = Int(random.next() % UInt64(left))
            var expected = 0, sum = room[0]
            while sum <= r { expected += 1; sum += room[expected] }
            let got = tree.take(r)
            #expect(got == expected)
            room[got] -= 1
            taken[got] += 1
        }
        #expect(taken == sizes)
    }

    /// Out of core on the two-group corpus (pairs in 4–5 blocks): the same quality as in memory
    /// (every animal's and vehicle's nearest neighbour in its group, the loss falling by half and
    /// ending within 10 % of the in-memory run's), for Hogwild and deterministic; deterministic
    /// runs agree bit for bit for 1 and 3 threads and one Hogwild thread is reproducible for a
    /// seed. The temporary directory is empty afterwards.
    @Test func outOfCoreTrainsAsWellAsInMemory() throws {
        let dir = try TemporaryDirectory(); defer { dir.remove() }
        let sentences = TrainingQualityTests.sentences(3000, seed: 5)
        for deterministic in [false, true] {
            let options = GloVeTrainingTests.options(threads: 1, deterministic: deterministic)
            let inMemory = try GloVeTrainingTests.trainer(options, sentences: sentences).train()
            let trainer = try GloVeTrainingTests.trainer(options, sentences: sentences, pairBytes: inMemory.pairs * 16 / 4,
                                                         temporaryDirectory: dir.path(""))
            #expect(trainer.blockCount >= 4)
            #expect(trainer.pairCount == inMemory.pairs)
            let outOfCore = try trainer.train()
            #expect(outOfCore.epochLosses.last! < outOfCore.epochLosses.first! * 0.5, "\(outOfCore.epochLosses)")
            #expect(abs(outOfCore.meanLoss - inMemory.meanLoss) < 0.1 * inMemory.meanLoss,
                    "out of core \(outOfCore.meanLoss), in memory \(inMemory.meanLoss)")
            #expect(GloVeTrainingTests.groupNeighbours(outOfCore) == 12)
            #expect(GloVeTrainingTests.groupNeighbours(inMemory) == 12)
            #expect(!(outOfCore.vectors == inMemory.vectors), "blocks change the order of the updates")
            var other = options
            other.threads = 3
            let rerun = try GloVeTrainingTests.trainer(deterministic ? other : options, sentences: sentences,
                                                       pairBytes: inMemory.pairs * 16 / 4, temporaryDirectory: dir.path("")).train()
            #expect(rerun.vectors == outOfCore.vectors)
            #expect(rerun.epochLosses == outOfCore.epochLosses)
        }
        #expect(try dir.contents().isEmpty)
    }
}
