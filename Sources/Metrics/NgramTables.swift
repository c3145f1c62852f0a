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
/// small and cache-resident. A value type kept in one place by its worker (`Pinned`); `free()`
/// releases it.
struct NgramTables {
    /// The number of ids handed out since the last reset.
    private(set) var idCount: Int32 = 0

    // Token table: slots hold token ordinals (−1 empty); per-ordinal bytes live in `arena`.
    private var tokenSlots: RawBuffer<Int32>
    private var tokenMask: Int
    private var tokenUsedSlots = RawBuffer<Int>()
    private var tokenOffset = RawBuffer<Int32>()
    private var tokenLength = RawBuffer<Int32>()
    private var tokenHash = RawBuffer<UInt64>()
    private var tokenIdOf = RawBuffer<Int32>()
    private var arena = RawBuffer<UInt8>(capacity: 4096)

    // Pair table: slots hold (key, id); key = prefix id << 32 | last unit.
    private var pairKeys: RawBuffer<UInt64>
    private var pairIds: RawBuffer<Int32>
    private var pairMask: Int
    private var pairUsedSlots = RawBuffer<Int>()

    /// The pair-table prefix that marks a unigram over code points (chrF characters).
    static let characterPrefix: Int32 = -1

    init(capacity: Int = 1024) {
        var size = 16
        while size < 2 * capacity { size *= 2 }
        tokenMask = size - 1
        tokenSlots = RawBuffer(capacity: size)
        tokenSlots.extend(to: size, with: -1)
        pairMask = size - 1
        pairKeys = RawBuffer(capacity: size)
        pairKeys.extend(to: size, with: 0)
        pairIds = RawBuffer(capacity: size)
        pairIds.extend(to: size, with: -1)
    }

    func free() {
        tokenSlots.free(); tokenUsedSlots.free(); tokenOffset.free(); tokenLength.free()
        tokenHash.free(); tokenIdOf.free(); arena.free()
        pairKeys.free(); pairIds.free(); pairUsedSlots.free()
    }

    /// Forgets every token and n-gram. O(entries inserted since the last reset).
    mutating func reset() {
        for k in 0..<tokenUsedSlots.count { tokenSlots[tokenUsedSlots[k]] = -1 }
        for k in 0..<pairUsedSlots.count { pairIds[pairUsedSlots[k]] = -1 }
        tokenUsedSlots.removeAll()
        pairUsedSlots.removeAll()
        tokenOffset.removeAll()
        tokenLength.removeAll()
        tokenHash.removeAll()
        tokenIdOf.removeAll()
        arena.removeAll()
        idCount = 0
    }

    /// A 64-bit hash of `length` bytes at `p` (multiply–xorshift over 8-byte words). Bytes up
    /// to `readable` may be loaded (and masked off) to finish the last word in one load.
    @inline(__always)
    static func hashBytes(_ p: UnsafePointer<UInt8>, _ length: Int, readable: UnsafePointer<UInt8>) -> UInt64 {
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
            if p + i + 8 <= readable {
                let shift = UInt64(8 * (8 - (length - i)))
                tail = (raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) << shift) >> shift
            } else {
                var shift: UInt64 = 0
                while i < length {
                    tail |= UInt64(p[i]) << shift
                    shift += 8
                    i += 1
                }
            }
            h = (h ^ tail) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        return (h &* 0x94D0_49BB_1331_11EB) ^ (h >> 29)
    }

    /// The id of the token `p[0..<length]`, inserting it if `insert`; −1 if absent and not
    /// inserted. `readable` bounds the memory the hash may load. Amortised O(length).
    @inline(__always)
    mutating func token(_ p: UnsafePointer<UInt8>, _ length: Int, readable: UnsafePointer<UInt8>, insert: Bool) -> Int32 {
        let hash = NgramTables.hashBytes(p, length, readable: readable)
        var slot = Int(truncatingIfNeeded: hash) & tokenMask
        let slots = tokenSlots.base
        while true {
            let ordinal = slots[slot]
            if ordinal < 0 { break }
            let k = Int(ordinal)
            if tokenHash[k] == hash && Int(tokenLength[k]) == length {
                if bytesEqual(arena.base + Int(tokenOffset[k]), p, length) { return tokenIdOf[k] }
            }
            slot = (slot + 1) & tokenMask
        }
        guard insert else { return -1 }
        let ordinal = Int32(tokenHash.count)
        let offset = arena.count
        arena.reserve(offset + length)
        let target = arena.base + offset
        for j in 0..<length { target[j] = p[j] }
        arena.count = offset + length
        tokenOffset.append(Int32(offset))
        tokenLength.append(Int32(length))
        tokenHash.append(hash)
        let id = idCount
        idCount += 1
        tokenIdOf.append(id)
        slots[slot] = ordinal
        tokenUsedSlots.append(slot)
        if 2 * tokenUsedSlots.count > tokenMask { growTokens() }
        return id
    }

    @inline(__always)
    private static func pairSlot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    /// The id of the n-gram (n-gram `prefix`, unit `last`), inserting it if `insert`; −1 if
    /// absent and not inserted. `prefix` is an id, or `characterPrefix` for a code-point unigram.
    @inline(__always)
    mutating func pair(_ prefix: Int32, _ last: UInt32, insert: Bool) -> Int32 {
        let key = UInt64(UInt32(bitPattern: prefix)) << 32 | UInt64(last)
        var slot = NgramTables.pairSlot(key, pairMask)
        let ids = pairIds.base, keys = pairKeys.base
        while true {
            let id = ids[slot]
            if id < 0 { break }
            if keys[slot] == key { return id }
            slot = (slot + 1) & pairMask
        }
        guard insert else { return -1 }
        let id = idCount
        idCount += 1
        keys[slot] = key
        ids[slot] = id
        pairUsedSlots.append(slot)
        if 2 * pairUsedSlots.count > pairMask { growPairs() }
        return id
    }

    private mutating func growTokens() {
        let oldSlots = tokenSlots
        let newSize = 2 * (tokenMask + 1)
        tokenSlots = RawBuffer(capacity: newSize)
        tokenSlots.extend(to: newSize, with: -1)
        tokenMask = newSize - 1
        for k in 0..<tokenUsedSlots.count {
            let ordinal = oldSlots[tokenUsedSlots[k]]
            var slot = Int(truncatingIfNeeded: tokenHash[Int(ordinal)]) & tokenMask
            while tokenSlots[slot] >= 0 { slot = (slot + 1) & tokenMask }
            tokenSlots[slot] = ordinal
            tokenUsedSlots[k] = slot
        }
        oldSlots.free()
    }

    private mutating func growPairs() {
        let oldKeys = pairKeys, oldIds = pairIds
        let newSize = 2 * (pairMask + 1)
        pairKeys = RawBuffer(capacity: newSize)
        pairKeys.extend(to: newSize, with: 0)
        pairIds = RawBuffer(capacity: newSize)
        pairIds.extend(to: newSize, with: -1)
        pairMask = newSize - 1
        for k in 0..<pairUsedSlots.count {
            let oldSlot = pairUsedSlots[k]
            let key = oldKeys[oldSlot]
            var slot = NgramTables.pairSlot(key, pairMask)
            while pairIds[slot] >= 0 { slot = (slot + 1) & pairMask }
            pairKeys[slot] = key
            pairIds[slot] = oldIds[oldSlot]
            pairUsedSlots[k] = slot
        }
        oldKeys.free()
        oldIds.free()
    }
}

/// Whether `length` bytes at `a` and `b` are equal, compared eight bytes at a time.
@inline(__always)
func bytesEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
    var j = 0
    let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
    while j + 8 <= length {
        if ra.loadUnaligned(fromByteOffset: j, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: j, as: UInt64.self) {
            return false
        }
        j += 8
    }
    while j < length {
        if a[j] != b[j] { return false }
        j += 1
    }
    return true
}
