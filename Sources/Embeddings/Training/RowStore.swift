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
    /// Makes the rows current with the shared matrix at the start of a training period
    /// (`HotRows`; nothing for the other stores).
    func refresh()
    /// Hands this worker's changes to the shared matrix (`HotRows`; nothing for the others).
    func publish()
}

extension RowStore {
    @inline(__always) func refresh() {}
    @inline(__always) func publish() {}
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
    /// Slot → row, for the slots handed out this period.
    let touched: UnsafeMutablePointer<Int32>
    /// Slots handed out this period (in raw memory, so `ShardRows` holds no reference).
    let usedSlots: UnsafeMutablePointer<Int>
    var used: Int { usedSlots.pointee }

    init(shared: UnsafeMutablePointer<Float>, rows: Int, columns: Int) {
        self.shared = shared
        self.rows = rows
        self.columns = columns
        slots = .allocate(capacity: max(1, rows))
        slots.initialize(repeating: -1, count: max(1, rows))
        blockCount = (rows + Self.blockRows - 1) / Self.blockRows
        blocks = .allocate(capacity: max(1, blockCount))
        blocks.initialize(repeating: nil, count: max(1, blockCount))
        touched = .allocate(capacity: max(1, rows))
        usedSlots = .allocate(capacity: 1)
        usedSlots.initialize(to: 0)
    }

    deinit {
        for b in 0..<blockCount { blocks[b]?.deallocate() }
        blocks.deallocate()
        slots.deallocate()
        touched.deallocate()
        usedSlots.deallocate()
    }

    /// The raw pointers `ShardRows` works through.
    var view: View {
        View(shared: shared, slots: slots, blocks: blocks, touched: touched, usedSlots: usedSlots, columns: columns)
    }

    /// Ends the period for `overlays` (the shards, in shard order) over the rows `range`: a row
    /// w that n shards touched becomes w + Δ with Δ = Σ_s (w_s − w), the shards' changes summed in
    /// shard order — what Hogwild threads would have applied, one round late — except that when
    /// the changes point the same way, ‖Δ‖ is capped at √n·max_s ‖w_s − w‖ (the size of a sum of
    /// n changes in unrelated directions). Rows most shards update many times in a round (the
    /// whole vocabulary of a tiny corpus) would otherwise move n times as far as any one shard
    /// found good and diverge; averaging instead (Δ/n) would slow the frequent words' output
    /// vectors n-fold (measured: WS-353 ρ 0.09 against 0.22 on a wiki8 slice). Rows are then
    /// marked untouched. The result depends only on the shards' copies, never on which thread
    /// merges which range, so calls for disjoint ranges may run in parallel. `scratch` holds
    /// 2 × `columns` floats. O(touched rows × (shards + d)).
    static func merge(_ overlays: [RowOverlay], rows range: Range<Int>, scratch: UnsafeMutablePointer<Float>) {
        guard let first = overlays.first else { return }
        let d = first.columns
        let shared = first.shared
        let sum = scratch + d
        // Raw views, so the loops below do no reference counting.
        let views = overlays.map(\.view)
        views.withUnsafeBufferPointer { views in
            for (s, view) in views.enumerated() {
                for slot in 0..<view.usedSlots.pointee {
                    let r = Int(view.touched[slot])
                    guard range.contains(r) else { continue }
                    // Merge each row once, when met in the first shard that touched it.
                    var earlier = false
                    for e in 0..<s where views[e].slots[r] >= 0 { earlier = true; break }
                    if earlier { continue }
                    mergeRow(r, from: s, views, shared: shared + r * d, d: d, sum: sum)
                }
            }
            for view in views {
                for slot in 0..<view.usedSlots.pointee {
                    let r = Int(view.touched[slot])
                    if range.contains(r) { view.slots[r] = -1 }
                }
            }
        }
        withExtendedLifetime(overlays) {}
    }

    /// The raw pointers of an overlay (for `ShardRows` and `merge`: no reference counting in
    /// the loops). Valid while the overlay lives.
    struct View: @unchecked Sendable {
        let shared: UnsafeMutablePointer<Float>
        let slots: UnsafeMutablePointer<Int32>
        let blocks: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>
        let touched: UnsafeMutablePointer<Int32>
        let usedSlots: UnsafeMutablePointer<Int>
        let columns: Int

        @inline(__always)
        func pointer(slot: Int) -> UnsafeMutablePointer<Float> {
            blocks[slot / RowOverlay.blockRows].unsafelyUnwrapped + (slot % RowOverlay.blockRows) * columns
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
            let slot = usedSlots.pointee
            usedSlots.pointee = slot + 1
            let block = slot / RowOverlay.blockRows
            if blocks[block] == nil { blocks[block] = .allocate(capacity: RowOverlay.blockRows * columns) }
            slots[r] = Int32(slot)
            touched[slot] = Int32(r)
            let p = pointer(slot: slot)
            p.update(from: shared + r * columns, count: columns)
            return p
        }
    }

    /// Row r of the shared matrix (`w`) takes the changes of shards `first`… that touched it.
    @inline(__always)
    static func mergeRow(_ r: Int, from first: Int, _ views: UnsafeBufferPointer<View>, shared w: UnsafeMutablePointer<Float>,
                         d: Int, sum: UnsafeMutablePointer<Float>) {
        var touching = 0
        var largest: Float = 0
        for s in first..<views.count {
            let slot = views[s].slots[r]
            if slot < 0 { continue }
            let copy = views[s].pointer(slot: Int(slot))
            var squared: Float = 0
            if touching == 0 {
                for i in 0..<d {
                    let change = copy[i] - w[i]
                    squared += change * change
                    sum[i] = change
                }
            } else {
                for i in 0..<d {
                    let change = copy[i] - w[i]
                    squared += change * change
                    sum[i] += change
                }
            }
            largest = max(largest, squared)
            touching += 1
        }
        if touching == 1 {
            for i in 0..<d { w[i] += sum[i] }
            return
        }
        var total: Float = 0
        for i in 0..<d { total += sum[i] * sum[i] }
        let cap = Float(touching) * largest
        let scale: Float = total > cap ? (cap / total).squareRoot() : 1
        for i in 0..<d { w[i] += sum[i] * scale }
    }

    /// Called once every range was merged: the slots are free again.
    func resetPeriod() {
        usedSlots.pointee = 0
    }
}

/// `RowStore` over a shard's `RowOverlay`.
struct ShardRows: RowStore, @unchecked Sendable {
    let view: RowOverlay.View

    init(overlay: RowOverlay) { view = overlay.view }

    @inline(__always)
    func row(_ r: Int) -> UnsafeMutablePointer<Float> { view.row(r) }

    var contiguousBase: UnsafeMutablePointer<Float>? { nil }
}
