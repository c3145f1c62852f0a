import JSONCore

/// sacreBLEU's `13a` tokeniser and its shared regular-expression post-tokeniser
/// (`tokenizer_13a.py`, `tokenizer_re.py`), as rewriting passes over UTF-8 bytes.
///
/// Each pass replays one `re.sub` exactly: Python scans left to right, replaces the leftmost
/// match, and resumes after it. Every pattern here has a fixed length of one or two characters
/// drawn from ASCII classes, plus `[^0-9]`, which matches any one character. On UTF-8 bytes a
/// multi-byte character can neither start an ASCII match nor be a digit, and it only ever
/// appears whole in the output, so the byte scan makes the same replacements as Python's scan
/// over code points (the exhaustive tokenizer vectors confirm it).
enum RegexpPasses {
    /// `[\{-\~\[-\` -\&\(-\+\:-\@\/]` of the first 13a pattern as bit masks over bytes 0–63
    /// and 64–127: space to `&`, `(` to `+`, `/`, `:` to `?` (low); `@`, `[` to `` ` ``, `{` to
    /// `~` (high). Literals, so no lazy initialisation runs per access.
    private static let punctuationLow: UInt64 = 0xFC00_8F7F_0000_0000
    private static let punctuationHigh: UInt64 = 0x7800_0001_F800_0001

    @inline(__always)
    static func isSeparatedPunctuation(_ b: UInt8) -> Bool {
        if b < 64 { return (punctuationLow >> UInt64(b)) & 1 != 0 }
        if b < 128 { return (punctuationHigh >> UInt64(b - 64)) & 1 != 0 }
        return false
    }

    /// The same class without the space.
    @inline(__always)
    static func isSeparatedNonSpace(_ b: UInt8) -> Bool {
        if b < 64 { return (0xFC00_8F7E_0000_0000 as UInt64 >> UInt64(b)) & 1 != 0 }
        if b < 128 { return (punctuationHigh >> UInt64(b - 64)) & 1 != 0 }
        return false
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { (b &- 0x30) < 10 }

    /// `Tokenizer13a.__call__`: the `<skipped>`, `-\n`, `\n` and entity replacements, then
    /// the post-tokeniser on `' ' + line + ' '`.
    static func tokenize13a(_ p: UnsafePointer<UInt8>, _ count: Int,
                            _ a: ByteBuffer, _ b: ByteBuffer) -> UnsafeBufferPointer<UInt8> {
        let hasAngle = find(0x3C, 0x3C, in: p, from: 0, count) < count
        let hasNewline = find(0x0A, 0x0A, in: p, from: 0, count) < count
        let hasAmpersand = find(0x26, 0x26, in: p, from: 0, count) < count
        if hasAngle || hasNewline || hasAmpersand {
            // Rare path: Python's sequential `str.replace` calls, each one pass.
            var text = Array(UnsafeBufferPointer(start: p, count: count))
            if hasAngle { text = replaceAll(text, Array("<skipped>".utf8), []) }
            if hasNewline {
                text = replaceAll(text, [0x2D, 0x0A], [])
                text = replaceAll(text, [0x0A], [0x20])
            }
            if text.contains(0x26) {
                text = replaceAll(text, Array("&quot;".utf8), [0x22])
                text = replaceAll(text, Array("&amp;".utf8), [0x26])
                text = replaceAll(text, Array("&lt;".utf8), [0x3C])
                text = replaceAll(text, Array("&gt;".utf8), [0x3E])
            }
            return text.withUnsafeBufferPointer { replaced in
                postTokenize(replaced.baseAddress ?? p, replaced.count, padded: true, a, b)
            }
        }
        return postTokenize(p, count, padded: true, a, b)
    }

    /// Python's `str.replace(pattern, replacement)`: non-overlapping, left to right, one pass.
    static func replaceAll(_ text: [UInt8], _ pattern: [UInt8], _ replacement: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        let n = text.count, m = pattern.count
        while i < n {
            if i + m <= n && text[i] == pattern[0] && text[i..<(i + m)].elementsEqual(pattern) {
                out.append(contentsOf: replacement)
                i += m
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return out
    }

    /// `TokenizerRegexp.__call__` before its final `' '.join(line.split())` (left to the
    /// token splitter): the four substitutions, on `' ' + text + ' '` when `padded` (13a).
    /// Returns a view of `a` or `b`.
    static func postTokenize(_ p: UnsafePointer<UInt8>, _ count: Int, padded: Bool,
                             _ a: ByteBuffer, _ b: ByteBuffer) -> UnsafeBufferPointer<UInt8> {
        // Pass 1: ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> ' \1 ' (with the 13a padding). The
        // class includes the space, which Python turns into three spaces; one is kept instead:
        // in the later passes a run of spaces only ever acts as one non-digit character next
        // to its neighbours, and the final split removes the difference.
        a.reserve(3 * count + 6)
        var o = 0
        let out1 = a.base
        if padded { out1[0] = 0x20; o = 1 }
        var i = 0
        while i < count {
            // Copy the run up to the next separated punctuation mark other than the space.
            var j = i
            while j < count && !isSeparatedNonSpace(p[j]) { j &+= 1 }
            o = copy(p, i, j, out1, o)
            if j == count { break }
            out1[o] = 0x20; out1[o &+ 1] = p[j]; out1[o &+ 2] = 0x20
            o &+= 3
            i = j &+ 1
        }
        if padded { out1[o] = 0x20; o += 1 }
        a.count = o
        // Pass 2: ([^0-9])([\.,]) -> '\1 \2 '.
        periodCommaBeforePass(a, b)
        // Pass 3: ([\.,])([^0-9]) -> ' \1 \2'.
        periodCommaAfterPass(b, a)
        // Pass 4: ([0-9])(-) -> '\1 \2 '.
        digitDashPass(a, b)
        return b.bytes
    }

    /// The index of the first byte at or after `from` equal to `x` or `y`, or `n`; eight bytes
    /// at a time (a byte equals x where w ^ x·0x0101… has a zero byte).
    @inline(__always)
    static func find(_ x: UInt8, _ y: UInt8, in p: UnsafePointer<UInt8>, from: Int, _ n: Int) -> Int {
        var i = from
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let xs = UInt64(x) &* ones, ys = UInt64(y) &* ones
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let a = w ^ xs, b = w ^ ys
            if ((a &- ones) & ~a & highs) | ((b &- ones) & ~b & highs) != 0 { break }
            i += 8
        }
        while i < n {
            let c = p[i]
            if c == x || c == y { return i }
            i += 1
        }
        return n
    }

    /// Copies `p[from..<to]` to `out[o...]` and returns the new output position.
    @inline(__always)
    static func copy(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int, _ out: UnsafeMutablePointer<UInt8>, _ o: Int) -> Int {
        guard to > from else { return o }
        (out + o).update(from: p + from, count: to - from)
        return o + to - from
    }

    /// `re.sub(r'([^0-9])([\.,])', r'\1 \2 ', text)`. A match can only end at a `.` or `,`, so
    /// the scan jumps from one to the next: the byte before it must be unconsumed and not a
    /// digit. When that fails, the scanner stands on the `.`/`,` itself, which can only match
    /// together with a following `.`/`,`, and the next search finds exactly that.
    static func periodCommaBeforePass(_ source: ByteBuffer, _ target: ByteBuffer) {
        spaceAfterPrecededPass(source, target, 0x2E, 0x2C) { !isDigit($0) }
    }

    /// `re.sub(r'([\.,])([^0-9])', r' \1 \2', text)`: the scan jumps to each `.`/`,`, which
    /// matches when a non-digit follows (the follower is consumed with it).
    static func periodCommaAfterPass(_ source: ByteBuffer, _ target: ByteBuffer) {
        let n = source.count
        target.reserve(2 * n + 2)
        let p = UnsafePointer(source.base), out = target.base
        var i = 0, o = 0
        while true {
            let k = find(0x2E, 0x2C, in: p, from: i, n)
            if k >= n { break }
            if k + 1 < n && !isDigit(p[k + 1]) {
                o = copy(p, i, k, out, o)
                out[o] = 0x20; out[o + 1] = p[k]; out[o + 2] = 0x20; out[o + 3] = p[k + 1]
                o += 4
                i = k + 2
            } else {
                o = copy(p, i, k + 1, out, o)
                i = k + 1
            }
        }
        target.count = copy(p, i, n, out, o)
    }

    /// `re.sub(r'([0-9])(-)', r'\1 \2 ', text)`: the scan jumps to each `-`; it matches when
    /// the byte before it is unconsumed and a digit.
    static func digitDashPass(_ source: ByteBuffer, _ target: ByteBuffer) {
        spaceAfterPrecededPass(source, target, 0x2D, 0x2D) { isDigit($0) }
    }

    /// `re.sub(r'(X)([ab])', r'\1 \2 ', text)` for a one-byte class X given by `precededBy`:
    /// jumps to each `a`/`b`; when the byte before it is unconsumed and in X, writes that byte,
    /// a space, the `a`/`b` and a space.
    @inline(__always)
    private static func spaceAfterPrecededPass(_ source: ByteBuffer, _ target: ByteBuffer, _ a: UInt8, _ b: UInt8,
                                               precededBy: (UInt8) -> Bool) {
        let n = source.count
        target.reserve(2 * n + 2)
        let p = UnsafePointer(source.base), out = target.base
        var i = 0, o = 0
        while true {
            let j = find(a, b, in: p, from: i + 1, n)
            if j >= n { break }
            let k = j - 1
            if precededBy(p[k]) {
                o = copy(p, i, k, out, o)
                out[o] = p[k]; out[o + 1] = 0x20; out[o + 2] = p[j]; out[o + 3] = 0x20
                o += 4
                i = j + 1
            } else {
                o = copy(p, i, j, out, o)
                i = j
            }
        }
        target.count = copy(p, i, n, out, o)
    }

    /// `TokenizerChar.__call__`: `" ".join(line)`, every code point separated by one space.
    static func joinCharacters(_ p: UnsafePointer<UInt8>, _ count: Int, into out: ByteBuffer) -> UnsafeBufferPointer<UInt8> {
        out.reserve(2 * count)
        let o = out.base
        var i = 0, w = 0
        while i < count {
            let length = ValidUTF8.sequenceLength(p[i])
            if w > 0 { o[w] = 0x20; w += 1 }
            for k in 0..<length { o[w + k] = p[i + k] }
            w += length
            i += length
        }
        out.count = w
        return out.bytes
    }
}
