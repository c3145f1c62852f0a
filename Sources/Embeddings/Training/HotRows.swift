/// A worker's private copy of the rows every worker writes all the time — the output vectors of
/// the most frequent words, which negative sampling draws as noise in nearly every example, and the
/// inner nodes near the root of the Huffman tree, on every path of hierarchical softmax — merged
/// into the shared matrix every `HotRowCopy.publishInterval` words instead of on every update.
///
/// With plain Hogwild two threads writing the same row move its cache lines from core to core on
/// nearly every example; each such transfer stalls the next read of the row. Here a worker
/// publishes its accumulated change Δ = w_local − w_base of each hot row with one add
/// (w_shared += Δ, lock-free as any Hogwild write) and takes the merged row back
/// (w_local = w_base = w_shared): what the other workers did to the row reaches it one interval
/// late, as delayed SGD. Rows outside the hot range stay shared. Only multi-threaded Hogwild runs
/// use it; one thread and `--deterministic` train exactly as before.
final class HotRowCopy: @unchecked Sendable {
    /// Words between publications: short enough that a frequent word's row is at most a few
    /// thousand updates stale, long enough that publishing (3 passes over the hot rows) costs
    /// well under 1 % of the training time.
    static let publishInterval = 2_048
    let shared: UnsafeMutablePointer<Float>
    let columns: Int
    /// The hot rows are `lower ..< lower + count`.
    let lower: Int
    let count: Int
    /// The worker's copy, and the shared values it started from at the last publication.
    let local: UnsafeMutablePointer<Float>
    let base: UnsafeMutablePointer<Float>

    init(shared: UnsafeMutablePointer<Float>, columns: Int, rows: Range<Int>) {
        self.shared = shared
        self.columns = columns
        lower = rows.lowerBound
        count = rows.count
        local = WorkerScratch.lines(count * columns, of: Float.self)
        base = WorkerScratch.lines(count * columns, of: Float.self)
        refresh()
    }

    deinit {
        local.deallocate()
        base.deallocate()
    }

    /// Takes the shared rows as they are (at the start of a training period, when no worker runs).
    func refresh() {
        let n = count * columns
        let source = shared + lower * columns
        local.update(from: source, count: n)
        base.update(from: source, count: n)
    }

    /// Adds the change since the last publication to the shared rows and continues from the
    /// result: w_s += w_l − w_b; w_l = w_b = w_s. O(count·d).
    func publish() {
        let n = count * columns
        let target = shared + lower * columns
        for i in 0..<n {
            let merged = target[i] + (local[i] - base[i])
            target[i] = merged
            local[i] = merged
            base[i] = merged
        }
    }

    var rows: HotRows { HotRows(shared: shared, local: local, lower: lower, count: count, columns: columns, copy: self) }
}

/// `RowStore` over a shared matrix with a worker's `HotRowCopy` of some of its rows.
struct HotRows: RowStore, @unchecked Sendable {
    let shared: UnsafeMutablePointer<Float>
    let local: UnsafeMutablePointer<Float>
    let lower: Int
    let count: Int
    let columns: Int
    /// Owns the copy's memory (the pointers above point into it).
    let copy: HotRowCopy

    @inline(__always)
    func row(_ r: Int) -> UnsafeMutablePointer<Float> {
        let k = r &- lower
        return UInt(bitPattern: k) < UInt(count) ? local + k * columns : shared + r * columns
    }

    var contiguousBase: UnsafeMutablePointer<Float>? { nil }

    func refresh() { copy.refresh() }
    func publish() { copy.publish() }
}

/// Which rows each Hogwild worker keeps a private copy of (`HotRowCopy`) when several threads
/// train: the input and output vectors of the `count` most frequent words (ids are in count
/// order) and, for hierarchical softmax, the `count` inner nodes nearest the root (created last,
/// so the highest indices; the root is V − 2). The full softmax writes every output row on every
/// example, so nothing is hot there.
struct HotRanges {
    static let count = 1_024
    let input: Range<Int>
    let output: Range<Int>

    init?(options: TrainingOptions, inputRows: Int, outputRows: Int) {
        let k = Self.count
        switch options.loss {
        case .ns:
            output = 0..<min(k, outputRows)
        case .hs:
            output = max(0, outputRows - k)..<outputRows
        case .softmax:
            return nil
        }
        input = 0..<min(k, inputRows)
    }
}
