/// A memo of preprocessed lines, as sacreBLEU keeps one (`@lru_cache(maxsize=2**16)` on every
/// tokeniser's `__call__`): a line seen before (a reference shared by several systems, a
/// repeated segment) is not tokenised or split again. Keys are compared byte for byte, so a hit
/// returns exactly what tokenising would: the text and its token bounds (start, end pairs).
/// Holds at most `capacity` lines, then stops adding. One per worker; not thread-safe.
/// A preprocessed line: its text and its tokens as (start, end) offsets into it.
struct PreprocessedLine {
    let text: UnsafeBufferPointer<UInt8>
    let bounds: UnsafeBufferPointer<Int32>

    var tokenCount: Int { bounds.count / 2 }
}

struct TokenizationCache {
    static let capacity = 1 << 16

    private var slots = RawBuffer<Int32>()
    private var mask = 0
    /// Per entry: hash, key offset, key length, value offset, value length, bounds offset, count.
    private var hashes = RawBuffer<UInt64>()
    private var keyOffsets = RawBuffer<Int>()
    private var keyLengths = RawBuffer<Int>()
    private var valueOffsets = RawBuffer<Int>()
    private var valueLengths = RawBuffer<Int>()
    private var boundsOffsets = RawBuffer<Int>()
    private var boundsCounts = RawBuffer<Int>()
    private var arena = RawBuffer<UInt8>(capacity: 1 << 16)
    private var boundsArena = RawBuffer<Int32>(capacity: 1 << 14)

    init() {
        mask = 1023
        slots.extend(to: mask + 1, with: -1)
    }

    func free() {
        slots.free(); hashes.free(); keyOffsets.free(); keyLengths.free()
        valueOffsets.free(); valueLengths.free(); arena.free()
        boundsOffsets.free(); boundsCounts.free(); boundsArena.free()
    }

    /// The cached text and token bounds for `line`, if any (valid until the next insertion).
    mutating func lookup(_ line: UnsafeBufferPointer<UInt8>, hash: UInt64) -> PreprocessedLine? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return nil }
            if hashes[entry] == hash && keyLengths[entry] == line.count
                && (line.isEmpty || bytesEqual(arena.base + keyOffsets[entry], line.baseAddress!, line.count)) {
                return stored(entry)
            }
            slot = (slot + 1) & mask
        }
    }

    private func stored(_ entry: Int) -> PreprocessedLine {
        PreprocessedLine(text: UnsafeBufferPointer(start: arena.base + valueOffsets[entry], count: valueLengths[entry]),
                         bounds: UnsafeBufferPointer(start: boundsArena.base + boundsOffsets[entry],
                                                     count: boundsCounts[entry]))
    }

    /// Whether another line can be stored.
    var isFull: Bool { hashes.count >= TokenizationCache.capacity }

    /// Remembers `value` as the output for `line` (unless full) and returns the stored copy.
    mutating func insert(_ line: UnsafeBufferPointer<UInt8>, hash: UInt64, value: PreprocessedLine) -> PreprocessedLine {
        guard !isFull else { return value }
        let bounds = value.bounds
        let boundsOffset = boundsArena.count
        boundsArena.reserve(boundsOffset + bounds.count)
        if let base = bounds.baseAddress { (boundsArena.base + boundsOffset).update(from: base, count: bounds.count) }
        boundsArena.count = boundsOffset + bounds.count
        boundsOffsets.append(boundsOffset)
        boundsCounts.append(bounds.count)
        let value = value.text
        let keyOffset = arena.count
        arena.reserve(keyOffset + line.count + value.count)
        if let base = line.baseAddress { (arena.base + keyOffset).update(from: base, count: line.count) }
        let valueOffset = keyOffset + line.count
        if let base = value.baseAddress { (arena.base + valueOffset).update(from: base, count: value.count) }
        arena.count = valueOffset + value.count
        let entry = Int32(hashes.count)
        hashes.append(hash)
        keyOffsets.append(keyOffset)
        keyLengths.append(line.count)
        valueOffsets.append(valueOffset)
        valueLengths.append(value.count)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
        if 2 * hashes.count > mask { rehash() }
        return stored(Int(entry))
    }

    private mutating func rehash() {
        slots.free()
        mask = 2 * mask + 1
        slots = RawBuffer(capacity: mask + 1)
        slots.extend(to: mask + 1, with: -1)
        for entry in 0..<hashes.count {
            var slot = Int(truncatingIfNeeded: hashes[entry]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry)
        }
    }
}
