/// The tokens of one line, as produced by `Tokenizer.tokenize`.
///
/// Storage is flat: `bytes` holds every token's UTF-8 (normalised, and case-folded when the
/// tokenizer folds) in order, separated by one space (U+0020), so `bytes` is also the line's
/// space-joined tokenisation, ready to write out. `ranges[i]` is token i's byte range in `bytes`
/// (indices of `bytes` start at 0); tokens can contain spaces (sentences always, words rarely,
/// e.g. U+202F inside a number), so the ranges, not the spaces, delimit tokens. `offsets[i]` is
/// token i's code-point span `[start, end)` in the original line, filled only when the tokenizer
/// reports offsets.
///
/// A value type over reused storage: the tokenizer writes the next line into the same buffers when
/// the caller no longer holds the previous result (copy-on-write otherwise), so a loop that handles
/// one line at a time allocates nothing once the buffers have grown. The collection's elements are
/// the tokens' bytes.
public struct TokenizedLine: Sendable {
    /// Buffers whose leading `byteCount` / `tokenCount` elements are the result.
    var byteStorage: [UInt8] = []
    var rangeStorage: [Range<Int>] = []
    var offsetStorage: [Range<Int>] = []
    var byteCount = 0
    var tokenCount = 0
    var hasOffsets = false

    public init() {}

    /// The tokens' UTF-8 bytes, separated by single spaces.
    public var bytes: ArraySlice<UInt8> { byteStorage[0..<byteCount] }
    /// Token i occupies `bytes[ranges[i]]`.
    public var ranges: ArraySlice<Range<Int>> { rangeStorage[0..<tokenCount] }
    /// Token i covers code points `offsets[i]` of the original line (empty unless requested).
    public var offsets: ArraySlice<Range<Int>> { offsetStorage[0..<(hasOffsets ? tokenCount : 0)] }

    /// Token i as a string.
    public func token(_ i: Int) -> String {
        String(decoding: byteStorage[rangeStorage[i]], as: UTF8.self)
    }

    /// Every token as a string (allocates; for tests and convenience).
    public var tokens: [String] { (0..<tokenCount).map(token) }

    /// The tokens joined by single spaces.
    public var joined: String { String(decoding: bytes, as: UTF8.self) }

    /// Calls `body` with the bytes and the ranges as raw buffers (the fastest way to write tokens out).
    public func withUnsafeBuffers<R, E: Error>(
        _ body: (_ bytes: UnsafeBufferPointer<UInt8>, _ ranges: UnsafeBufferPointer<Range<Int>>) throws(E) -> R
    ) throws(E) -> R {
        try byteStorage.withUnsafeBufferPointer { bytes throws(E) in
            try rangeStorage.withUnsafeBufferPointer { ranges throws(E) in
                try body(UnsafeBufferPointer(rebasing: bytes[0..<byteCount]), UnsafeBufferPointer(rebasing: ranges[0..<tokenCount]))
            }
        }
    }

    /// Empties the result and makes its buffers hold at least `tokens` ranges (and offsets) and
    /// the bytes of that many tokens written from `textBytes` bytes of text grown `bytesPerTextByte`
    /// times by folding, with their separators and 8 bytes of slack.
    mutating func prepare(tokens: Int, bytesPerTextByte: Int, textBytes: Int, offsets: Bool) {
        byteCount = 0
        tokenCount = 0
        hasOffsets = offsets
        if rangeStorage.count < Swift.max(tokens, 1) {
            rangeStorage = [Range<Int>](repeating: 0..<0, count: Swift.max(tokens, 2 * rangeStorage.count, 1))
        }
        if offsets && offsetStorage.count < rangeStorage.count {
            offsetStorage = [Range<Int>](repeating: 0..<0, count: rangeStorage.count)
        }
        let bytes = bytesPerTextByte * textBytes + Swift.min(rangeStorage.count, textBytes) + 8
        if byteStorage.count < bytes { byteStorage = [UInt8](repeating: 0, count: Swift.max(bytes, 2 * byteStorage.count)) }
    }
}

extension TokenizedLine: Equatable {
    /// Equal when the tokens, their spacing and their offsets are equal.
    public static func == (a: TokenizedLine, b: TokenizedLine) -> Bool {
        a.bytes == b.bytes && a.ranges == b.ranges && a.offsets == b.offsets
    }
}

extension TokenizedLine: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { tokenCount }
    /// The UTF-8 bytes of token i.
    public subscript(i: Int) -> ArraySlice<UInt8> { byteStorage[rangeStorage[i]] }
}
