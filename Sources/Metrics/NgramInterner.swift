/// Per-segment interning of tokens and n-grams into small integer ids, so that n-gram counting
/// compares integers, never strings.
///
/// A token (a byte string) gets an id from an open-addressing table keyed by its bytes; an
/// n-gram of order n > 1 gets the id of the pair (id of its (n−1)-gram prefix, id or code point
/// of its last unit) from a second table keyed by that 64-bit pair. Tokens and n-grams draw ids
/// from one counter, so every id names exactly one token or n-gram, and two n-grams have the
/// same id exactly when they are equal: counting is exact, with no hash collisions to hope
/// against. Ids only need to agree between a segment's hypothesis and its references, so the
/// tables are cleared between segments (in time proportional to what was inserted) and stay
/// small and cache-resident. Not thread-safe: one per worker.
final class NgramInterner {
    /// The largest id handed out so far plus one.
    private(set) var idCount: Int32 = 0

    // Token table: slots hold ids (−1 empty); per-id token bytes live in `arena`.
    private var tokenSlots: UnsafeMutablePointer<Int32>
    private var tokenMask: Int
    private var tokenUsedSlots: [Int] = []
    private var tokenOffset: [Int32] = []
    private var tokenLength: [Int32] = []
    private var tokenHash: [UInt64] = []
    private var tokenIdOf: [Int32] = []
    private let arena = ByteBuffer(capacity: 4096)

    // Pair table: slots hold (key, id); key = prefix id << 32 | last unit.
    private var pairKeys: UnsafeMutablePointer<UInt64>
    private var pairIds: UnsafeMutablePointer<Int32>
    private var pairMask: Int
    private var pairUsedSlots: [Int] = []

    /// The pair-table prefix that marks a unigram over code points (chrF characters).
    static let characterPrefix: Int32 = -1

    init(capacity: Int = 1024) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        tokenMask = size - 1
        tokenSlots = .allocate(capacity: size)
        tokenSlots.initialize(repeating: -1, count: size)
        pairMask = size - 1
        pairKeys = .allocate(capacity: size)
        pairKeys.initialize(repeating: 0, count: size)
        pairIds = .allocate(capacity: size)
        pairIds.initialize(repeating: -1, count: size)
    }

    deinit {
        tokenSlots.deallocate()
        pairKeys.deallocate()
        pairIds.deallocate()
    }

    /// Forgets every token and n-gram. O(entries inserted since the last reset).
    func reset() {
        for slot in tokenUsedSlots { tokenSlots[slot] = -1 }
        for slot in pairUsedSlots { pairIds[slot] = -1 }
        tokenUsedSlots.removeAll(keepingCapacity: true)
        pairUsedSlots.removeAll(keepingCapacity: true)
        tokenOffset.removeAll(keepingCapacity: true)
        tokenLength.removeAll(keepingCapacity: true)
        tokenHash.removeAll(keepingCapacity: true)
        tokenIdOf.removeAll(keepingCapacity: true)
        arena.count = 0
        idCount = 0
    }

    /// A 64-bit hash of `length` bytes at `p` (multiply–xorshift over 8-byte words).
    @inline(__always)
    static func hashBytes(_ p: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(length)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= length {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < length {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < length {
                tail |= UInt64(p[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ tail) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        return (h &* 0x94D0_49BB_1331_11EB) ^ (h >> 29)
    }

    /// The id of the token `p[0..<length]`, inserting it if `insert`; −1 if absent and not
    /// inserted. Amortised O(length).
    @inline(__always)
    func token(_ p: UnsafePointer<UInt8>, _ length: Int, insert: Bool) -> Int32 {
        let hash = NgramInterner.hashBytes(p, length)
        var slot = Int(truncatingIfNeeded: hash) & tokenMask
        while true {
            let ordinal = tokenSlots[slot]
            if ordinal < 0 { break }
            let k = Int(ordinal)
            if tokenHash[k] == hash && Int(tokenLength[k]) == length {
                let stored = arena.base + Int(tokenOffset[k])
                var equal = true
                for j in 0..<length where stored[j] != p[j] { equal = false; break }
                if equal { return tokenIdOf[k] }
            }
            slot = (slot + 1) & tokenMask
        }
        guard insert else { return -1 }
        let ordinal = Int32(tokenHash.count)
        let offset = arena.count
        arena.reserve(offset + length)
        (arena.base + offset).update(from: p, count: length)
        arena.count = offset + length
        tokenOffset.append(Int32(offset))
        tokenLength.append(Int32(length))
        tokenHash.append(hash)
        let id = idCount
        idCount += 1
        tokenIdOf.append(id)
        tokenSlots[slot] = ordinal
        tokenUsedSlots.append(slot)
        if 2 * tokenUsedSlots.count > tokenMask { growTokens() }
        return id
    }

    /// The id of the n-gram (n-gram `prefix`, unit `last`), inserting it if `insert`; −1 if
    /// absent and not inserted. `prefix` is an id, or `characterPrefix` for a code-point unigram.
    @inline(__always)
    func pair(_ prefix: Int32, _ last: UInt32, insert: Bool) -> Int32 {
        let key = UInt64(UInt32(bitPattern: prefix)) << 32 | UInt64(last)
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & pairMask
        while true {
            let id = pairIds[slot]
            if id < 0 { break }
            if pairKeys[slot] == key { return id }
            slot = (slot + 1) & pairMask
        }
        guard insert else { return -1 }
        let id = idCount
        idCount += 1
        pairKeys[slot] = key
        pairIds[slot] = id
        pairUsedSlots.append(slot)
        if 2 * pairUsedSlots.count > pairMask { growPairs() }
        return id
    }

    private func growTokens() {
        let oldSlots = tokenSlots
        let newSize = 2 * (tokenMask + 1)
        tokenSlots = .allocate(capacity: newSize)
        tokenSlots.initialize(repeating: -1, count: newSize)
        tokenMask = newSize - 1
        var used: [Int] = []
        used.reserveCapacity(tokenUsedSlots.count * 2)
        for oldSlot in tokenUsedSlots {
            let ordinal = oldSlots[oldSlot]
            var slot = Int(truncatingIfNeeded: tokenHash[Int(ordinal)]) & tokenMask
            while tokenSlots[slot] >= 0 { slot = (slot + 1) & tokenMask }
            tokenSlots[slot] = ordinal
            used.append(slot)
        }
        oldSlots.deallocate()
        tokenUsedSlots = used
    }

    private func growPairs() {
        let oldKeys = pairKeys, oldIds = pairIds
        let newSize = 2 * (pairMask + 1)
        pairKeys = .allocate(capacity: newSize)
        pairKeys.initialize(repeating: 0, count: newSize)
        pairIds = .allocate(capacity: newSize)
        pairIds.initialize(repeating: -1, count: newSize)
        pairMask = newSize - 1
        var used: [Int] = []
        used.reserveCapacity(pairUsedSlots.count * 2)
        for oldSlot in pairUsedSlots {
            let key = oldKeys[oldSlot]
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & pairMask
            while pairIds[slot] >= 0 { slot = (slot + 1) & pairMask }
            pairKeys[slot] = key
            pairIds[slot] = oldIds[oldSlot]
            used.append(slot)
        }
        oldKeys.deallocate()
        oldIds.deallocate()
        pairUsedSlots = used
    }
}
