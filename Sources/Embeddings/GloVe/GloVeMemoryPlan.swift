import Diagnostics

/// How a GloVe run shares its `--memory` bound (Stanford's `cooccur -memory`, a soft limit in the
/// same spirit, but here also covering training): a fixed part (the program, its buffers and the
/// vocabulary), then either the counting block (half for a dense array for pairs of frequent
/// words, half for a hash table spilled to disk when full) or, later, the training parameters
/// (2 × words × (2·⌈d/16⌉·16 + 16) floats: vectors, biases and AdaGrad accumulators) with a
/// buffer of co-occurrence pairs (16 bytes each), which holds all of them or, out of core, one
/// block at a time (`GloVePairs`).
public struct GloVeMemoryPlan: Sendable {
    /// What the process takes besides the planned blocks: code, runtime, I/O buffers.
    public static let baselineBytes = 48 << 20
    /// The smallest counting table worth having.
    public static let minimumTableEntries = 1 << 16

    public let limit: Int
    /// Baseline plus the vocabulary's tables.
    public let fixedBytes: Int
    public let parameterBytes: Int
    /// Counting: the entries of the dense array and the slots of the hash table.
    public let denseEntries: Int
    public let tableEntries: Int
    /// The bytes left for the training pairs' buffer.
    public var pairBytes: Int { limit - fixedBytes - parameterBytes }
    /// The smallest `--memory` that can run (one counting block and the parameters).
    public let minimumBytes: Int

    /// Plans `limit` bytes for a vocabulary of `vocabularySize` words out of `distinctTokens`
    /// distinct tokens read, vectors of `dimension`. Throws `.usage` naming the minimum when
    /// `limit` cannot hold one block.
    public init(limit: Int, vocabularySize: Int, distinctTokens: Int, dimension: Int) throws {
        self.limit = limit
        fixedBytes = Self.baselineBytes + distinctTokens * 64 + vocabularySize * 48
        parameterBytes = 2 * vocabularySize * GloVeRowLayout(dimension: dimension).stride * 4
        let countingMinimum = CooccurrenceCounter.memoryBytes(tableEntries: Self.minimumTableEntries, denseEntries: 0)
        let trainingMinimum = parameterBytes + (1 << 20)
        minimumBytes = fixedBytes + max(countingMinimum, trainingMinimum)
        guard limit >= minimumBytes else {
            // (Before the corpus is read, the vocabulary is not known yet: only the program's part.)
            let what = vocabularySize > 0 ? "for \(vocabularySize) words of dimension \(dimension)" : "for any corpus"
            throw Failure(.usage, "--memory \(Self.describe(limit)) is too small \(what): the minimum is "
                + "\(Self.describe(minimumBytes)) (parameters \(Self.describe(parameterBytes)), vocabulary and program "
                + "\(Self.describe(fixedBytes)), one block of co-occurrence counts or training pairs)")
        }
        let counting = limit - fixedBytes - CooccurrenceCounter.memoryBytes(tableEntries: 0, denseEntries: 0)
        denseEntries = min(vocabularySize * vocabularySize, counting / 2 / 8)
        tableEntries = max(Self.minimumTableEntries, (counting - denseEntries * 8) / MemoryLayout<CooccurrenceEntry>.stride)
    }

    /// `bytes` in K/M/G with one decimal (binary units, as `--memory` reads them).
    public static func describe(_ bytes: Int) -> String {
        let units: [(String, Double)] = [("G", 1_073_741_824), ("M", 1_048_576), ("K", 1024)]
        for (name, size) in units where Double(bytes) >= size {
            return "\((Double(bytes) / size * 10).rounded() / 10)\(name)"
        }
        return "\(bytes) bytes"
    }
}
