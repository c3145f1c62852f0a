/// Where the training loop finds a parameter row (an input vector or an output-layer row).
///
/// `SharedRows` is the matrix itself, updated by every worker at once (Hogwild); `ShardRows`
/// (`--deterministic`) is one shard's private copy-on-access view of it. The worker and the output
/// layers are generic over the store, so each is specialised and the Hogwild loop pays nothing.
protocol RowStore {
    /// A pointer to row `r`'s `columns` floats, valid until the end of the current sync period.
    func row(_ r: Int) -> UnsafeMutablePointer<Float>
    /// The whole matrix as one row-major block when rows are stored that way (for BLAS), or nil.
    var contiguousBase: UnsafeMutablePointer<Float>? { get }
}

/// One shard's private view of a shared matrix for one sync period of deterministic training
/// (`TrainingOptions.deterministic`): the first access to a row copies it from the shared matrix
/// (which nobody writes during the period) into the shard's blocks, and every later read and
/// write goes to that copy. At the end of the period `RowOverlay.merge` adds each shard's change
/// (copy − shared row) to the shared matrix in shard order.
///
/// Rows live in blocks of `blockRows` that are never moved, so a pointer stays valid while more
/// rows are copied; memory is the rows the shard touched in one period, not the matrix.
final class RowOverlay: @unchecked Sendable {
    static let blockRows = 256
    let shared: UnsafeMutablePointer<Float>
    let rows: Int
    let columns: Int
    /// Row → slot in the blocks, or −1 when the shard has not touched it this period.
    let slots: UnsafeMutablePointer<Int32>
    /// Block pointers, allocated on first need and kept for the next periods.
    let blocks: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>
    let blockCount: Int
    /// Slots handed out this period.
    private(set) var used = 0

    init(shared: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        self.shared = shared
        self.rows = rows
        self.columns = columns
        slots = .allocate(capacity: max(1, rows))
        slots.initialize(repeating: -1, count: max(1, rows))
        blockCount = (rows + Self.blockRows - 1) / Self.blockRows
        blocks = .allocate(capacity: max(1, blockCount))
        blocks.initialize(repeating: nil, count: max(1, blockCount))
    }

    deinit {
        for b in 0..<blockCount { blocks[b]?.deallocate() }
        blocks.deallocate()
        slots.deallocate()
    }

    @inline(__always)
    func pointer(slot: Int) -> UnsafeMutablePointer<Float> {
        blocks[slot / Self.blockRows].unsafelyUnwrapped + (slot % Self.blockRows) * columns
    }

    @inline(__always)
    func row(_ r: Int) -> UnsafeMutablePointer<Float> {
        let slot = slots[r]
        if slot >= 0 { return pointer(slot: Int(slot)) }
        return copyIn(r)
    }

    /// The slow path of `row`: takes the next slot and copies the shared row into it.
    @inline(never)
    func copyIn(_ r: Int) -> UnsafeMutablePointer<Float> {
        let slot = used
        used += 1
        let block = slot / Self.blockRows
        if blocks[block] == nil { blocks[block] = .allocate(capacity: Self.blockRows * columns) }
        slots[r] = Int32(slot)
        let p = pointer(slot: slot)
        p.update(from: shared + r * columns, count: columns)
        return p
    }

    /// Ends the period for `overlays` (the shards, in shard order) over the rows `range`: a row
    /// w that n shards touched becomes w + (1/n)·Σ_s (w_s − w), the mean of their copies, with
    /// the changes summed in shard order (sparse model averaging, as distributed word2vec
    /// implementations merge their partitions: summing instead would move a frequent word n times
    /// as far as any one shard found good, which diverges), and the rows are marked untouched. A
    /// row one shard touched takes that shard's copy. The result depends only on the shards'
    /// copies, never on which thread merges which range, so calls for disjoint ranges may run in
    /// parallel. `scratch` holds 2 × `columns` floats. O(rows·shards + touched·d).
    static func merge(_ overlays: [RowOverlay], rows range: Range<Int>, scratch: UnsafeMutablePointer<Float>) {
        guard let first = overlays.first else { return }
        let d = first.columns
        let sum = scratch + d
        for r in range {
            let w = first.shared + r * d
            var touching = 0
            for overlay in overlays {
                let slot = overlay.slots[r]
                if slot < 0 { continue }
                let copy = overlay.pointer(slot: Int(slot))
                if touching == 0 {
                    for i in 0..<d { sum[i] = copy[i] - w[i] }
                } else {
                    for i in 0..<d { sum[i] += copy[i] - w[i] }
                }
                touching += 1
                overlay.slots[r] = -1
            }
            if touching == 0 { continue }
            let n = Float(touching)
            for i in 0..<d { w[i] += sum[i] / n }
        }
    }

    /// Called once every range was merged: the slots are free again.
    func resetPeriod() {
        used = 0
    }
}

/// `RowStore` over a shard's `RowOverlay`.
struct ShardRows: RowStore, @unchecked Sendable {
    unowned(unsafe) let overlay: RowOverlay

    @inline(__always)
    func row(_ r: Int) -> UnsafeMutablePointer<Float> { overlay.row(r) }

    var contiguousBase: UnsafeMutablePointer<Float>? { nil }
}
