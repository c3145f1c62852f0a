/// One counted pair: `key` = (row << 32) | column, `count` in units of 1/L (see
/// `CooccurrenceOptions`). Sorting by key sorts by row, then column, as `cooccur` does.
public struct CooccurrenceEntry: Sendable, Equatable {
    public var key: UInt64
    public var count: UInt64

    public init(key: UInt64, count: UInt64) {
        self.key = key
        self.count = count
    }

    public init(row: Int32, column: Int32, count: UInt64) {
        self.init(key: UInt64(UInt32(bitPattern: row)) << 32 | UInt64(UInt32(bitPattern: column)), count: count)
    }

    @inline(__always) public var row: Int32 { Int32(truncatingIfNeeded: key >> 32) }
    @inline(__always) public var column: Int32 { Int32(truncatingIfNeeded: key) }
}

/// A fixed-size open-addressing hash table from pair keys to counts (linear probing, Fibonacci
/// hashing mapped onto the capacity with a multiply-high), the in-memory block of the counter.
/// It holds at most `limit` = ¾ of its slots; when it is full the counter grows it (doubling,
/// while old and new fit in the memory bound together) or spills it, sorted. 16 bytes per slot.
final class CooccurrenceTable {
    static let emptyKey = UInt64.max
    private(set) var capacity: Int
    private(set) var limit: Int
    private(set) var slots: UnsafeMutablePointer<CooccurrenceEntry>
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(4, capacity)
        limit = self.capacity * 3 / 4
        slots = .allocate(capacity: self.capacity)
        clear()
    }

    deinit { slots.deallocate() }

    var isFull: Bool { count >= limit }

    /// Moves the entries into a table of `newCapacity` slots (for a while both are allocated).
    func grow(to newCapacity: Int) {
        let old = slots, oldCapacity = capacity
        capacity = newCapacity
        limit = newCapacity * 3 / 4
        slots = .allocate(capacity: newCapacity)
        clear()
        for i in 0..<oldCapacity where old[i].key != Self.emptyKey { add(old[i].key, old[i].count) }
        old.deallocate()
    }

    func clear() {
        slots.initialize(repeating: CooccurrenceEntry(key: Self.emptyKey, count: 0), count: capacity)
        count = 0
    }

    /// Adds `count` to `key`'s count. The table must not be full.
    @inline(__always)
    func add(_ key: UInt64, _ amount: UInt64) {
        let hash = key &* 0x9E37_79B9_7F4A_7C15
        var index = Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(capacity)).high)
        while true {
            let slot = slots + index
            if slot.pointee.key == key {
                slot.pointee.count &+= amount
                return
            }
            if slot.pointee.key == Self.emptyKey {
                slot.pointee = CooccurrenceEntry(key: key, count: amount)
                count += 1
                return
            }
            index += 1
            if index == capacity { index = 0 }
        }
    }

    /// Moves the entries to the front and sorts them by key; the table must be cleared before
    /// it is used again.
    func sortedEntries() -> UnsafeMutableBufferPointer<CooccurrenceEntry> {
        var filled = 0
        for i in 0..<capacity where slots[i].key != Self.emptyKey {
            slots[filled] = slots[i]
            filled += 1
        }
        var entries = UnsafeMutableBufferPointer(start: slots, count: filled)
        entries.sort { $0.key < $1.key }
        return entries
    }
}
