import JSONCore

/// The pieces of Python's `str` semantics that sacreBLEU's preprocessing relies on, on UTF-8 bytes.
///
/// sacreBLEU works on Python strings: `str.split()` and `str.rstrip()`/`strip()` with no
/// arguments split and strip on Python's whitespace set, which is neither ASCII whitespace nor
/// Unicode `White_Space`: it is the characters whose bidirectional class is WS, B or S or whose
/// category is Zs (CPython's `_PyUnicode_IsWhitespace`), i.e. U+0009–U+000D, U+001C–U+001F,
/// U+0020, U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F, U+205F and U+3000
/// (not U+200B, not U+180E). The set is the same in CPython 3.8–3.13.
///
/// All functions take valid UTF-8 (callers validate input once, see `TextLines`) and work in
/// place on byte positions, so no `String` is built in the hot path.
enum PythonText {
    /// Whether an ASCII byte is Python whitespace (`\t\n\v\f\r`, the four separators, space).
    @inline(__always)
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        // Bits 9–13, 28–31 and 32.
        byte <= 0x20 && (UInt64(0x1_F000_3E00) >> UInt64(byte)) & 1 != 0
    }

    /// Whether a code point is in Python's whitespace set.
    @inline(__always)
    static func isWhitespace(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 { return isASCIIWhitespace(UInt8(scalar)) }
        switch scalar {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// The byte length of the Python whitespace character starting at `p[i]`, or 0 if the
    /// character there is not whitespace. `end` bounds the buffer.
    @inline(__always)
    static func whitespaceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let b = p[i]
        if b < 0x80 { return isASCIIWhitespace(b) ? 1 : 0 }
        switch b {
        case 0xC2:
            let c = p[i + 1]
            return (c == 0x85 || c == 0xA0) ? 2 : 0
        case 0xE1:
            return (p[i + 1] == 0x9A && p[i + 2] == 0x80) ? 3 : 0
        case 0xE2:
            let c = p[i + 1], d = p[i + 2]
            if c == 0x80 { return (d <= 0x8A || d == 0xA8 || d == 0xA9 || d == 0xAF) ? 3 : 0 }
            return (c == 0x81 && d == 0x9F) ? 3 : 0
        case 0xE3:
            return (p[i + 1] == 0x80 && p[i + 2] == 0x80) ? 3 : 0
        default:
            return 0
        }
    }

    /// The end of `p[start..<end]` after Python's `rstrip()`. O(trailing whitespace).
    static func rstripEnd(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var end = end
        while end > start {
            let last = p[end - 1]
            if last < 0x80 {
                if !isASCIIWhitespace(last) { return end }
                end -= 1
                continue
            }
            var lead = end - 1
            while lead > start && p[lead] & 0xC0 == 0x80 { lead -= 1 }
            if whitespaceLength(p, lead, end) != end - lead { return end }
            end = lead
        }
        return end
    }

    /// The start of `p[start..<end]` after Python's `lstrip()`. O(leading whitespace).
    static func lstripStart(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var i = start
        while i < end {
            let length = whitespaceLength(p, i, end)
            if length == 0 { break }
            i += length
        }
        return i
    }

    /// Calls `body(start, end)` for each token of Python's `str.split()` over `p[0..<count]`:
    /// the maximal runs of non-whitespace characters, in order. O(count).
    @inline(__always)
    static func forEachToken(_ p: UnsafePointer<UInt8>, _ count: Int, _ body: (Int, Int) -> Void) {
        var i = 0
        while true {
            // Skip whitespace.
            while i < count {
                let b = p[i]
                if b < 0x80 {
                    if !isASCIIWhitespace(b) { break }
                    i &+= 1
                } else {
                    let length = whitespaceLength(p, i, count)
                    if length == 0 { break }
                    i &+= length
                }
            }
            if i >= count { return }
            let start = i
            // Scan the token; printable ASCII (0x21–0x7E) is the common case.
            while i < count {
                let b = p[i]
                if b &- 0x21 < 0x5E {
                    i &+= 1
                } else if b < 0x80 {
                    if isASCIIWhitespace(b) { break }
                    i &+= 1
                } else {
                    if whitespaceLength(p, i, count) > 0 { break }
                    i &+= ValidUTF8.sequenceLength(b)
                }
            }
            body(start, i)
        }
    }
}
