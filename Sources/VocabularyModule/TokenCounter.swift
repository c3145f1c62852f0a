#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Counts tokens given as UTF-8 byte spans, exactly, with memory proportional to the number of
/// distinct tokens.
///
/// Tokens are opaque byte strings here (no `String` is made per token); the vocabulary builder
/// checks that they are UTF-8. Counting shards separately and merging gives exactly the counts of
/// one pass (addition is exact and order does not matter), so `vocab count` can run on pieces of a
/// corpus and `vocab merge` can combine them.
///
/// A value type with copy-on-write storage: copies are independent, and a counter can be handed to
/// another thread (one owner at a time, like an `Array`).
public struct TokenCounter: @unchecked Sendable {
    var table: TokenTable
    /// The sum of all counts.
    public internal(set) var totalCount = 0

    /// An empty counter; `expectedDistinct` pre-sizes the table.
    public init(expectedDistinct: Int = 1024) {
        table = TokenTable(minimumCapacity: expectedDistinct)
    }

    /// The number of distinct tokens.
    public var distinctCount: Int { table.count }

    @inline(__always)
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&table) { table = table.copy() }
    }

    /// Counts one occurrence (or `amount`) of the token whose UTF-8 bytes are `token`.
    /// Amortised O(length of the token).
    public mutating func add(_ token: UnsafeRawBufferPointer, count amount: Int = 1) {
        makeUnique()
        table.add(token.baseAddress, token.count, amount)
        totalCount &+= amount
    }

    /// Counts one occurrence (or `amount`) of the token with these bytes and returns its entry
    /// number: entries are numbered 0, 1, 2, … in order of first occurrence and never change, so a
    /// single pass over a pipe can record entry numbers and map them to vocabulary ids afterwards.
    @discardableResult
    public mutating func addReturningEntry(_ token: UnsafeRawBufferPointer, count amount: Int = 1) -> Int {
        makeUnique()
        totalCount &+= amount
        return table.add(token.baseAddress, token.count, amount)
    }

    /// The UTF-8 bytes of entry `entry` (see `addReturningEntry`), valid while the counter is
    /// neither changed nor destroyed.
    public func entryBytes(_ entry: Int) -> UnsafeRawBufferPointer { table.key(at: entry) }

    /// Counts one occurrence (or `amount`) of `token`.
    public mutating func add(_ token: String, count amount: Int = 1) {
        var token = token
        token.withUTF8 { add(UnsafeRawBufferPointer($0), count: amount) }
    }

    /// Counts every token of a sequence of strings.
    public mutating func add<Tokens: Sequence<String>>(contentsOf tokens: Tokens) {
        for token in tokens { add(token) }
    }

    /// The count of a token (0 when never seen).
    public func count(of token: UnsafeRawBufferPointer) -> Int {
        table.find(token.baseAddress, token.count).map { table.value(at: $0) } ?? 0
    }

    /// The count of a token (0 when never seen).
    public func count(of token: String) -> Int {
        var token = token
        return token.withUTF8 { count(of: UnsafeRawBufferPointer($0)) }
    }

    /// Adds every count of `other` to this counter. O(distinct tokens of `other`).
    public mutating func merge(_ other: TokenCounter) {
        makeUnique()
        let source = other.table
        for index in 0..<source.count {
            let key = source.key(at: index)
            table.add(key.baseAddress, key.count, source.value(at: index))
        }
        totalCount &+= other.totalCount
    }

    /// Entry numbers ordered by count, highest first, ties broken by the tokens' UTF-8 bytes in
    /// ascending order (which is Unicode code-point order). O(d log d) for d distinct tokens.
    func entriesByFrequency(where include: (Int) -> Bool = { _ in true }) -> [Int] {
        let table = self.table
        var order = (0..<table.count).filter(include)
        order.sort { i, j in
            let (ci, cj) = (table.value(at: i), table.value(at: j))
            if ci != cj { return ci > cj }
            return TokenCounter.bytesPrecede(table.key(at: i), table.key(at: j))
        }
        return order
    }

    /// Lexicographic order of byte strings (a proper prefix comes first).
    static func bytesPrecede(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let common = min(a.count, b.count)
        if common > 0 {
            let order = memcmp(a.baseAddress!, b.baseAddress!, common)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    /// Calls `body` with each distinct token's bytes and count, most frequent first (ties in
    /// code-point order). The bytes are valid during the call only.
    public func forEachByFrequency(_ body: (UnsafeRawBufferPointer, Int) throws -> Void) rethrows {
        for index in entriesByFrequency() {
            try body(table.key(at: index), table.value(at: index))
        }
    }

    /// Tokens and counts, most frequent first (ties in code-point order). Bytes that are not UTF-8
    /// are shown with U+FFFD; this is for display, `Vocabulary` rejects such tokens.
    public func sortedByFrequency() -> [(token: String, count: Int)] {
        entriesByFrequency().map { (String(decoding: table.key(at: $0), as: UTF8.self), table.value(at: $0)) }
    }
}

extension TokenCounter: Equatable {
    /// Equal when both hold the same tokens with the same counts.
    public static func == (lhs: TokenCounter, rhs: TokenCounter) -> Bool {
        guard lhs.distinctCount == rhs.distinctCount, lhs.totalCount == rhs.totalCount else { return false }
        for index in 0..<lhs.table.count {
            let key = lhs.table.key(at: index)
            guard let other = rhs.table.find(key.baseAddress, key.count),
                  rhs.table.value(at: other) == lhs.table.value(at: index) else { return false }
        }
        return true
    }
}
