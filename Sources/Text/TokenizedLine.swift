/// The tokens of one line, as produced by `Tokenizer.tokenize`.
///
/// Storage is flat: `bytes` holds every token's UTF-8 (normalised, and case-folded when the
/// tokenizer folds) in order, separated by one space (U+0020), so `bytes` is also the line's
/// space-joined tokenisation, ready to write out. `ranges[i]` is token i's byte range in `bytes`;
/// tokens can contain spaces (sentences always, words rarely, e.g. U+202F inside a number), so the
/// ranges, not the spaces, delimit tokens. `offsets[i]` is token i's code-point span `[start, end)`
/// in the original line, filled only when the tokenizer reports offsets.
///
/// A value type: the tokenizer reuses the arrays of the previous result when the caller no longer
/// holds it (copy-on-write), so a loop that handles one line at a time allocates nothing per line.
/// The collection's elements are the tokens' bytes.
public struct TokenizedLine: Sendable, Equatable {
    /// The tokens' UTF-8 bytes, separated by single spaces.
    public internal(set) var bytes: [UInt8] = []
    /// Token i occupies `bytes[ranges[i]]`.
    public internal(set) var ranges: [Range<Int>] = []
    /// Token i covers code points `offsets[i]` of the original line (empty unless requested).
    public internal(set) var offsets: [Range<Int>] = []

    public init() {}

    /// Token i as a string.
    public func token(_ i: Int) -> String {
        String(decoding: bytes[ranges[i]], as: UTF8.self)
    }

    /// Every token as a string (allocates; for tests and convenience).
    public var tokens: [String] { ranges.indices.map(token) }

    /// The tokens joined by single spaces.
    public var joined: String { String(decoding: bytes, as: UTF8.self) }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ranges.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
    }
}

extension TokenizedLine: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { ranges.count }
    /// The UTF-8 bytes of token i.
    public subscript(i: Int) -> ArraySlice<UInt8> { bytes[ranges[i]] }
}
