import Diagnostics
import Randomness

/// The training pairs of a corpus whose pairs do not fit in `--memory`, kept out of core: K
/// blocks of at most `capacity` pairs (the in-memory buffer's size) in one unlinked
/// `TemporaryFile`, block k at byte k · capacity · 16.
///
/// Stanford's `shuffle` shuffles memory-sized chunks, writes them to temporary files and merges
/// the chunks by picking one at random for every record, once; `glove` then reads that one order
/// every epoch. Here the pairs are instead *scattered* once at random into K balanced blocks
/// (sizes ⌊n(k+1)/K⌋ − ⌊nk/K⌋): each pair goes to block k with probability (room left in k) /
/// (room left in all), a sequential multivariate-hypergeometric draw, so every block is a uniform
/// random sample of all pairs, not a range of keys. Every epoch the trainer then visits the blocks
/// in a new random order and shuffles each block in memory (`GloVeJob.runBlockedEpoch`). The
/// scatter draws from PCG64(SeedSequence(seed, [2³²−2])), so a seed fixes the blocks.
///
/// The scatter reuses the pair buffer as its I/O buffers (half to read the staged pairs, half
/// split among the K blocks' write buffers), so it needs no memory beyond the bound. The disk
/// holds the pairs twice while scattering (staged and scattered), then once.
final class GloVePairBlocks {
    let file: TemporaryFile
    /// The pairs in each block.
    let sizes: [Int]
    /// The most pairs a block holds (the buffer's capacity).
    let capacity: Int
    var count: Int { sizes.count }
    static let fileDescription = "temporary file of training pairs"

    /// Scatters the `total` pairs staged in order in `staged` into blocks of at most `capacity`
    /// pairs in a new file in `directory`, using `buffer` (`capacity` pairs) for I/O.
    init(staged: TemporaryFile, total: Int, buffer: UnsafeMutablePointer<GloVePair>, capacity: Int,
         directory: String, seed: UInt64) throws {
        precondition(capacity >= 2 && total > capacity)
        let stride = MemoryLayout<GloVePair>.stride
        let k = (total + capacity - 1) / capacity
        sizes = (0..<k).map { total * ($0 + 1) / k - total * $0 / k }
        self.capacity = capacity
        file = try TemporaryFile(directory: directory, prefix: "nlpipe-glove-pairs")
        let readCapacity = capacity / 2
        let writeCapacity = max(1, (capacity - readCapacity) / k)
        let reading = buffer
        let writing = buffer + readCapacity
        var pending = [Int](repeating: 0, count: k)
        var written = [Int](repeating: 0, count: k)
        var room = RemainingCounts(sizes)
        var random = PCG64(seedSequence: SeedSequence(seed, spawnKey: [UInt32.max - 1]))
        func flush(_ b: Int) throws {
            let start = writing + b * writeCapacity
            try file.write(UnsafeRawBufferPointer(start: start, count: pending[b] * stride),
                           at: (b * capacity + written[b]) * stride)
            written[b] += pending[b]
            pending[b] = 0
        }
        var offset = 0
        while offset < total {
            let n = min(readCapacity, total - offset)
            try staged.read(n, from: offset, into: reading, what: Self.fileDescription)
            for i in 0..<n {
                let b = room.take(Int(GloVeJob.bounded(UInt64(total - offset - i), &random)))
                if pending[b] == writeCapacity { try flush(b) }
                writing[b * writeCapacity + pending[b]] = reading[i]
                pending[b] += 1
            }
            offset += n
        }
        for b in 0..<k where pending[b] > 0 { try flush(b) }
    }

    /// Reads block `index` into `buffer`; returns its number of pairs.
    func load(_ index: Int, into buffer: UnsafeMutablePointer<GloVePair>) throws -> Int {
        let n = sizes[index]
        try file.read(n, from: index * capacity, into: buffer, what: Self.fileDescription)
        return n
    }
}

/// How many pairs each block still has room for, in a Fenwick tree (Fenwick 1994) so that
/// finding the block a uniform draw r ∈ [0, total left) falls into, and taking one from it,
/// costs O(log K).
struct RemainingCounts {
    private var tree: [Int]
    private let top: Int

    init(_ sizes: [Int]) {
        tree = [0] + sizes
        for i in 1..<tree.count {
            let parent = i + (i & -i)
            if parent < tree.count { tree[parent] += tree[i] }
        }
        var top = 1
        while top * 2 < tree.count { top *= 2 }
        self.top = top
    }

    /// The block k with room₀ + … + roomₖ₋₁ ≤ r < room₀ + … + roomₖ, taking one place from it.
    mutating func take(_ r: Int) -> Int {
        var position = 0
        var rest = r
        var step = top
        while step > 0 {
            let next = position + step
            if next < tree.count && tree[next] <= rest {
                position = next
                rest -= tree[next]
            }
            step /= 2
        }
        var i = position + 1
        while i < tree.count {
            tree[i] -= 1
            i += i & -i
        }
        return position
    }
}
