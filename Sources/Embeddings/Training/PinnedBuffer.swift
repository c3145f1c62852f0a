/// A fixed copy of an array at a stable address, freed with the object: the tables the worker
/// threads read through raw pointers (no reference counting or bounds checks in the hot loop).
final class PinnedBuffer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(_ values: [Element]) {
        count = values.count
        base = .allocate(capacity: max(1, values.count))
        _ = UnsafeMutableBufferPointer(start: base, count: values.count).initialize(from: values)
    }

    init(repeating value: Element, count: Int) {
        self.count = count
        base = .allocate(capacity: max(1, count))
        base.initialize(repeating: value, count: count)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

/// Shared parameters updated by every worker without locks (Hogwild!, Recht et al. 2011, as in
/// word2vec.c): races lose an occasional update, which SGD on sparse gradients tolerates.
/// The pointers are valid while the `FloatMatrix` that owns them is alive.
struct SharedRows: RowStore, @unchecked Sendable {
    let base: UnsafeMutablePointer<Float>
    let columns: Int

    @inline(__always)
    func row(_ r: Int) -> UnsafeMutablePointer<Float> { base + r * columns }

    var contiguousBase: UnsafeMutablePointer<Float>? { base }
}
