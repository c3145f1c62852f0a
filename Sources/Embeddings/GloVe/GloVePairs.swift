#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Diagnostics

/// One training example: a pair (i, j) with log Xᵢⱼ and f(Xᵢⱼ) computed once.
struct GloVePair {
    var row: Int32
    var column: Int32
    var logX: Float
    var weight: Float
}

/// The co-occurrence pairs training visits (16 bytes each), read from the merged counts into one
/// buffer of at most `maximumBytes`. When they all fit, they stay there (`blocks` is nil); growth
/// uses `realloc`, which on Linux moves large blocks by remapping pages, so the peak is the final
/// size. When they do not, the buffer fills to the bound, the pairs are staged in order in an
/// unlinked temporary file and then scattered at random into blocks of the buffer's size
/// (`GloVePairBlocks`); the buffer then holds one block at a time (`load`).
final class GloVePairs: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<GloVePair>
    /// The pairs in the buffer now: all of them, or the block loaded last.
    private(set) var count: Int
    /// All the pairs.
    let total: Int
    /// The out-of-core blocks, or nil when every pair is in the buffer.
    let blocks: GloVePairBlocks?
    /// The pairs the buffer holds.
    let capacity: Int

    /// Reads every entry of `source` (counts in units of 1/`scale`), weighting with f(x). Throws
    /// `.usage` when `maximumBytes` is too small to hold the blocks' write buffers (more than
    /// capacity/2 blocks), `.io` when `temporaryDirectory` cannot take the temporary files, and
    /// `.badData` when there is no pair at all.
    init(_ source: any CooccurrenceSource, scale: UInt64, xMax: Double, alpha: Double, maximumBytes: Int,
         temporaryDirectory: String, seed: UInt64) throws {
        let stride = MemoryLayout<GloVePair>.stride
        let limitCount = max(2, maximumBytes / stride)
        var capacity = min(1 << 16, limitCount)
        var base = malloc(capacity * stride)!.bindMemory(to: GloVePair.self, capacity: capacity)
        var count = 0
        let inverseScale = 1 / Double(scale)
        var staged: TemporaryFile?
        var stagedCount = 0
        do {
            while let entry = try source.next() {
                if count == capacity {
                    if capacity >= limitCount {
                        let file = try staged ?? TemporaryFile(directory: temporaryDirectory, prefix: "nlpipe-glove-staged")
                        staged = file
                        try file.append(UnsafeRawBufferPointer(start: base, count: count * stride))
                        stagedCount += count
                        count = 0
                    } else {
                        let grown = min(capacity * 2, limitCount)
                        guard let moved = realloc(base, grown * stride) else {
                            throw Failure(.other, "out of memory for \(grown) co-occurrence pairs")
                        }
                        base = moved.bindMemory(to: GloVePair.self, capacity: grown)
                        capacity = grown
                    }
                }
                let x = Double(entry.count) * inverseScale
                base[count] = GloVePair(row: entry.row, column: entry.column, logX: Float(log(x)),
                                        weight: Float(GloVeObjective.weight(x, xMax: xMax, alpha: alpha)))
                count += 1
            }
            guard count > 0 || staged != nil else {
                throw Failure(.badData, "no two vocabulary words occur together within the window: there is nothing to train on")
            }
            if let staged {
                try staged.append(UnsafeRawBufferPointer(start: base, count: count * stride))
                let total = stagedCount + count
                let blockCount = (total + capacity - 1) / capacity
                guard blockCount <= capacity / 2 else {
                    throw Failure(.usage, "the corpus has \(total) co-occurring pairs, too many to train on in "
                        + "\(GloVeMemoryPlan.describe(capacity * stride)) of pair memory: give a larger --memory "
                        + "(or a smaller --window or --max-vocab)")
                }
                blocks = try GloVePairBlocks(staged: staged, total: total, buffer: base, capacity: capacity,
                                             directory: temporaryDirectory, seed: seed)
                self.total = total
                count = 0
            } else {
                total = count
                blocks = nil
            }
        } catch {
            free(base)
            throw error
        }
        self.base = base
        self.count = count
        self.capacity = capacity
    }

    deinit { free(base) }

    /// Reads out-of-core block `index` into the buffer.
    func load(block index: Int) throws {
        count = try blocks!.load(index, into: base)
    }
}
