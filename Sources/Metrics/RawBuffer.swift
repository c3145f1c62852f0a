/// A growable array of plain values in manually managed memory, for the per-worker hot state of
/// the counters: element access is a bare pointer access, with none of `Array`'s uniqueness
/// and exclusivity checks (which dominated profiles of the n-gram loops). The owner calls
/// `free()` exactly once; copies share the memory, so a buffer lives in one place.
struct RawBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    var count = 0
    private(set) var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    func free() { base.deallocate() }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        nonmutating set { base[index] = newValue }
    }

    /// Makes room for `needed` elements, keeping the first `count`.
    @inline(__always)
    mutating func reserve(_ needed: Int) {
        if needed > capacity { grow(to: needed) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = value
        count += 1
    }

    /// Appends `value` until `count` reaches `newCount`.
    mutating func extend(to newCount: Int, with value: Element) {
        reserve(newCount)
        while count < newCount {
            base[count] = value
            count += 1
        }
    }

    @inline(__always)
    mutating func removeAll() { count = 0 }
}

/// Manually managed storage for a value type that must stay in one place (the workers' hot
/// state): methods reach it through `pointee`, which needs no runtime exclusivity checks.
final class Pinned<Value> {
    let pointer: UnsafeMutablePointer<Value>
    private let release: (inout Value) -> Void

    init(_ value: Value, release: @escaping (inout Value) -> Void) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: value)
        self.release = release
    }

    deinit {
        release(&pointer.pointee)
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
