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

/// The co-occurrence pairs held in memory for training (16 bytes each), read from the merged
/// counts. Growth uses `realloc`, which on Linux moves large blocks by remapping pages, so the
/// peak is the final size.
final class GloVePairs: @unchecked Sendable {
    private(set) var base: UnsafeMutablePointer<GloVePair>
    private(set) var count = 0
    private var capacity: Int

    /// Reads every entry of `source` (counts in units of 1/`scale`), weighting with f(x). Throws
    /// `.usage` when the pairs would take more than `maximumBytes`, naming the memory needed,
    /// and `.badData` when there is no pair at all.
    init(_ source: any CooccurrenceSource, scale: UInt64, xMax: Double, alpha: Double, maximumBytes: Int,
         memoryAdvice: (Int) -> String) throws {
        let stride = MemoryLayout<GloVePair>.stride
        let limitCount = max(1, maximumBytes / stride)
        capacity = min(1 << 16, limitCount)
        base = malloc(capacity * stride)!.bindMemory(to: GloVePair.self, capacity: capacity)
        let inverseScale = 1 / Double(scale)
        while let entry = try source.next() {
            if count == capacity {
                if capacity >= limitCount {
                    var more = 0
                    while try source.next() != nil { more += 1 }
                    throw Failure(.usage, "the corpus has \(count + 1 + more) co-occurring pairs, more than fit in memory: "
                        + memoryAdvice((count + 1 + more) * stride))
                }
                let grown = min(capacity * 2, limitCount)
                guard let moved = realloc(base, grown * stride) else {
                    throw Failure(.other, "out of memory for \(grown) co-occurrence pairs")
                }
                base = moved.bindMemory(to: GloVePair.self, capacity: grown)
                capacity = grown
            }
            let x = Double(entry.count) * inverseScale
            base[count] = GloVePair(row: entry.row, column: entry.column, logX: Float(log(x)),
                                    weight: Float(GloVeObjective.weight(x, xMax: xMax, alpha: alpha)))
            count += 1
        }
        guard count > 0 else {
            throw Failure(.badData, "no two vocabulary words occur together within the window: there is nothing to train on")
        }
    }

    deinit { free(base) }
}
