#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A hash map from byte strings to `Int`, built for counting tens of millions of tokens a second.
///
/// Keys live back to back in one growing byte arena; entries (first eight key bytes, arena offset,
/// length, value: one 32-byte record) are numbered in insertion order; an open-addressing table
/// with linear probing holds, per 8-byte slot, the high 32 bits of the key's hash next to the
/// entry number, so a probe touches an entry only when the hash tag matches, and a key of at most
/// 8 bytes (most words) is then settled by the entry alone, without reading the arena. The table
/// doubles when half full. No allocation per key: memory grows with the number and total length
/// of distinct keys only. (Moving the prefix and length into 16-byte slots measured no faster.)
///
/// The hash follows the multiply-and-fold design of wyhash (Wang Yi): 64×64→128-bit products of
/// the key's words with fixed odd constants, the two halves xored.
///
/// Not thread-safe; `TokenCounter` and `Vocabulary` wrap it with value semantics.
final class TokenTable {
    /// One distinct key. The first (up to) eight key bytes are kept inline, zero-padded, so most
    /// tokens compare without touching the arena.
    struct Entry {
        var prefix: UInt64
        var start: Int
        var length: Int
        var value: Int
    }

    private(set) var count = 0

    private var arena: UnsafeMutableRawPointer
    private var arenaCount = 0
    private var arenaCapacity: Int

    private var entries: UnsafeMutablePointer<Entry>
    private var entryCapacity: Int

    /// Per slot: tag (high 32 bits of the hash) << 32 | (entry number + 1); 0 is empty.
    private var slots: UnsafeMutablePointer<UInt64>
    private var slotMask: Int

    init(minimumCapacity: Int = 1024) {
        var slotCount = 1024
        while slotCount < minimumCapacity * 2 { slotCount <<= 1 }
        slotMask = slotCount - 1
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        entryCapacity = max(16, minimumCapacity)
        entries = .allocate(capacity: entryCapacity)
        arenaCapacity = max(64, minimumCapacity * 8)
        arena = .allocate(byteCount: arenaCapacity, alignment: 16)
    }

    deinit {
        slots.deallocate()
        entries.deallocate()
        arena.deallocate()
    }

    /// An independent copy (for copy-on-write).
    func copy() -> TokenTable {
        let other = TokenTable(minimumCapacity: 0)
        other.slots.deallocate()
        other.slots = .allocate(capacity: slotMask + 1)
        other.slots.initialize(from: slots, count: slotMask + 1)
        other.slotMask = slotMask
        other.reserveEntries(entryCapacity)
        other.entries.initialize(from: entries, count: count)
        other.reserveArena(arenaCapacity)
        other.arena.copyMemory(from: arena, byteCount: arenaCount)
        other.arenaCount = arenaCount
        other.count = count
        return other
    }

    /// Total bytes of all keys.
    var keyByteCount: Int { arenaCount }

    /// The bytes of entry `index`, valid until the next insertion.
    @inline(__always)
    func key(at index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: arena + entries[index].start, count: entries[index].length)
    }

    /// The value of entry `index`.
    @inline(__always)
    func value(at index: Int) -> Int { entries[index].value }

    /// The entry number of `key`, or nil.
    @inline(__always)
    func find(_ key: UnsafeRawPointer?, _ length: Int) -> Int? {
        let hash = TokenTable.hash(key, length)
        return probe(key, length, TokenTable.prefix(key, length), tag: hash >> 32, hash: hash).index
    }

    /// Adds `amount` to the value of `key`, inserting it with value 0 first when new; returns the
    /// entry number. Amortised O(length of key).
    @inline(__always)
    @discardableResult
    func add(_ key: UnsafeRawPointer?, _ length: Int, _ amount: Int) -> Int {
        let hash = TokenTable.hash(key, length)
        let prefix = TokenTable.prefix(key, length)
        let tag = hash >> 32
        let (slot, found) = probe(key, length, prefix, tag: tag, hash: hash)
        if let index = found {
            entries[index].value &+= amount
            return index
        }
        return insert(key, length, prefix, amount, tag: tag, slot: slot)
    }

    /// Linear probing from the home slot of `hash`: the entry holding `key`, or the empty slot
    /// where it would go. Slots hold the hash's high 32 bits (`tag`) beside entry number + 1, so
    /// most mismatches are settled without touching the entries.
    @inline(__always)
    private func probe(_ key: UnsafeRawPointer?, _ length: Int, _ prefix: UInt64, tag: UInt64,
                       hash: UInt64) -> (slot: Int, index: Int?) {
        var slot = Int(truncatingIfNeeded: hash) & slotMask
        while true {
            let entry = slots[slot]
            if entry == 0 { return (slot, nil) }
            if entry >> 32 == tag {
                let index = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
                if matches(index, key, length, prefix) { return (slot, index) }
            }
            slot = (slot + 1) & slotMask
        }
    }

    /// Whether entry `index` holds exactly these bytes. Keys of up to 8 bytes are settled by the
    /// inline prefix, up to 16 by one more overlapping 8-byte load from each side.
    @inline(__always)
    private func matches(_ index: Int, _ key: UnsafeRawPointer?, _ length: Int, _ prefix: UInt64) -> Bool {
        let entry = entries[index]
        guard entry.length == length, entry.prefix == prefix else { return false }
        if length <= 8 { return true }
        let stored = UnsafeRawPointer(arena + entry.start)
        if length <= 16 {
            return TokenTable.load64(stored, length - 8) == TokenTable.load64(key!, length - 8)
        }
        return memcmp(stored + 8, key! + 8, length - 8) == 0
    }

    /// Appends a new entry and fills the empty `slot` found for it.
    private func insert(_ key: UnsafeRawPointer?, _ length: Int, _ prefix: UInt64, _ value: Int,
                        tag: UInt64, slot: Int) -> Int {
        precondition(count < Int(UInt32.max), "more than 4 billion distinct tokens")
        let index = count
        if index == entryCapacity { reserveEntries(entryCapacity * 2) }
        if arenaCount + length > arenaCapacity { reserveArena(max(arenaCapacity * 2, arenaCount + length)) }
        if length > 0 { (arena + arenaCount).copyMemory(from: key!, byteCount: length) }
        (entries + index).initialize(to: Entry(prefix: prefix, start: arenaCount, length: length, value: value))
        arenaCount += length
        count += 1
        slots[slot] = tag << 32 | UInt64(index + 1)
        if count * 2 > slotMask + 1 { grow() }
        return index
    }

    private func reserveEntries(_ capacity: Int) {
        guard capacity > entryCapacity else { return }
        let new = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
        new.moveInitialize(from: entries, count: count)
        entries.deallocate()
        entries = new
        entryCapacity = capacity
    }

    private func reserveArena(_ capacity: Int) {
        guard capacity > arenaCapacity else { return }
        let new = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        new.copyMemory(from: arena, byteCount: arenaCount)
        arena.deallocate()
        arena = new
        arenaCapacity = capacity
    }

    /// Doubles the slot table and reinserts every entry (hashes are recomputed from the arena).
    private func grow() {
        let slotCount = (slotMask + 1) * 2
        slots.deallocate()
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: 0, count: slotCount)
        slotMask = slotCount - 1
        for index in 0..<count {
            let hash = TokenTable.hash(arena + entries[index].start, entries[index].length)
            var slot = Int(truncatingIfNeeded: hash) & slotMask
            while slots[slot] != 0 { slot = (slot + 1) & slotMask }
            slots[slot] = (hash >> 32) << 32 | UInt64(index + 1)
        }
    }

    /// The first min(8, length) bytes of the key as a little-endian word, zero-padded; reads no
    /// byte outside the key.
    @inline(__always)
    static func prefix(_ key: UnsafeRawPointer?, _ length: Int) -> UInt64 {
        if length >= 8 { return load64(key!, 0) }
        if length >= 4 {
            return load32(key!, 0) | load32(key!, length - 4) << UInt64(8 * (length - 4))
        }
        guard length > 0 else { return 0 }
        let p = key!.assumingMemoryBound(to: UInt8.self)
        var word: UInt64 = 0
        for i in 0..<length { word |= UInt64(p[i]) << UInt64(8 * i) }
        return word
    }

    // MARK: Hashing

    private static let secret0: UInt64 = 0xA076_1D64_78BD_642F
    private static let secret1: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let secret2: UInt64 = 0x8EBC_6AF0_9C88_C6E3

    /// Multiplies to 128 bits and folds the halves together.
    @inline(__always)
    private static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    @inline(__always)
    static func load64(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func load32(_ p: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    /// A 64-bit hash of `length` bytes at `key`; reads no byte outside the key.
    @inline(__always)
    static func hash(_ key: UnsafeRawPointer?, _ length: Int) -> UInt64 {
        var a: UInt64 = 0, b: UInt64 = 0
        var seed = secret0
        if length <= 16 {
            if length >= 4 {
                let p = key!
                let middle = (length >> 3) << 2
                a = load32(p, 0) << 32 | load32(p, middle)
                b = load32(p, length - 4) << 32 | load32(p, length - 4 - middle)
            } else if length > 0 {
                let p = key!.assumingMemoryBound(to: UInt8.self)
                a = UInt64(p[0]) << 16 | UInt64(p[length >> 1]) << 8 | UInt64(p[length - 1])
            }
        } else {
            let p = key!
            var offset = 0
            var remaining = length
            while remaining > 16 {
                seed = fold(load64(p, offset) ^ secret1, load64(p, offset + 8) ^ seed)
                offset += 16
                remaining -= 16
            }
            a = load64(p, length - 16)
            b = load64(p, length - 8)
        }
        return fold(secret1 ^ UInt64(truncatingIfNeeded: length), fold(a ^ secret1, b ^ seed) ^ secret2)
    }
}
