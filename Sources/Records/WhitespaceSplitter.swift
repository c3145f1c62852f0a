/// Splits a byte stream that arrives in chunks into tokens separated by ASCII whitespace
/// (space, tab, line feed, vertical tab, form feed, carriage return), as Python's `bytes.split()`
/// does. A token cut by a chunk boundary is held back and completed by the next chunk, so a
/// caller can hand over fixed-size reads of a single 100 MB line.
///
/// Only ASCII whitespace separates tokens (U+00A0 and other Unicode spaces stay inside tokens);
/// text from `tokenize` is separated by plain spaces. Memory: the longest token cut by a boundary.
public struct WhitespaceSplitter: Sendable {
    /// The start of a token that the previous chunk ended in.
    @usableFromInline var pending: [UInt8] = []

    public init() {}

    /// Whether `byte` is ASCII whitespace: 0x20 or 0x09…0x0D.
    @inlinable @inline(__always)
    public static func isWhitespace(_ byte: UInt8) -> Bool {
        byte <= 0x20 && (UInt64(0x1_0000_3E00) >> UInt64(byte)) & 1 == 1
    }

    /// The offset of the first whitespace byte at or after `from`, or `count`. Eight bytes at a
    /// time: `(w - 0x21…21) & ~w & 0x80…80` flags bytes below 0x21, and its lowest flag is exact.
    @inlinable @inline(__always)
    static func tokenEnd(_ base: UnsafeRawPointer, from: Int, count: Int) -> Int {
        var i = from
        while i + 8 <= count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let low = (word &- 0x2121_2121_2121_2121) & ~word & 0x8080_8080_8080_8080
            if low == 0 {
                i += 8
                continue
            }
            let candidate = i + low.trailingZeroBitCount >> 3
            if isWhitespace(base.load(fromByteOffset: candidate, as: UInt8.self)) { return candidate }
            i = candidate + 1   // a control character that is not whitespace belongs to the token
        }
        while i < count && !isWhitespace(base.load(fromByteOffset: i, as: UInt8.self)) { i += 1 }
        return i
    }

    /// Calls `body` with every token that ends inside `chunk` (spans valid during the call); a
    /// token reaching the end of the chunk is kept for the next call or `finish`.
    /// Complexity: O(chunk length); no allocation unless a token straddles the boundary.
    @inlinable
    public mutating func split(_ chunk: UnsafeRawBufferPointer,
                               _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try split(chunk, token: body, newline: {})
    }

    /// As `split(_:_:)`, and calls `newline` at every line feed, in order with the tokens, so a
    /// reader can end a sequence per line and count lines.
    @inlinable
    public mutating func split(_ chunk: UnsafeRawBufferPointer,
                               token body: (UnsafeRawBufferPointer) throws -> Void,
                               newline: () throws -> Void) rethrows {
        guard let base = chunk.baseAddress else { return }
        let count = chunk.count
        var i = 0
        if !pending.isEmpty {
            // Complete the straddling token first.
            while i < count && !Self.isWhitespace(base.load(fromByteOffset: i, as: UInt8.self)) { i += 1 }
            pending.append(contentsOf: UnsafeRawBufferPointer(start: base, count: i))
            if i == count { return }
            try pending.withUnsafeBytes { try body($0) }
            pending.removeAll(keepingCapacity: true)
        }
        while true {
            while i < count {
                let byte = base.load(fromByteOffset: i, as: UInt8.self)
                guard Self.isWhitespace(byte) else { break }
                if byte == 0x0A { try newline() }
                i += 1
            }
            if i == count { return }
            let start = i
            while i < count && !Self.isWhitespace(base.load(fromByteOffset: i, as: UInt8.self)) { i += 1 }
            if i == count {
                pending.append(contentsOf: UnsafeRawBufferPointer(start: base + start, count: i - start))
                return
            }
            try body(UnsafeRawBufferPointer(start: base + start, count: i - start))
        }
    }

    /// Ends the stream: calls `body` with the held-back token, if any.
    @inlinable
    public mutating func finish(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        if pending.isEmpty { return }
        try pending.withUnsafeBytes { try body($0) }
        pending.removeAll(keepingCapacity: true)
    }
}
