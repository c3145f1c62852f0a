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
    /// `[\{-\~\[-\` -\&\(-\+\:-\@\/]` of the first 13a pattern, as bit masks over bytes 0–63
    /// and 64–127: `{|}~`, ``[\]^_` ``, space to `&`, `(` to `+`, `:` to `@`, and `/`.
    private static let punctuationLow: UInt64 = {
        var mask: UInt64 = 0
        for b in [0x20...0x26, 0x28...0x2B, 0x2F...0x2F, 0x3A...0x3F].joined() { mask |= 1 << UInt64(b) }
        return mask
    }()
    private static let punctuationHigh: UInt64 = {
        var mask: UInt64 = 0
        for b in [0x40...0x40, 0x5B...0x60, 0x7B...0x7E].joined() { mask |= 1 << UInt64(b - 64) }
        return mask
    }()

    @inline(__always)
    static func isSeparatedPunctuation(_ b: UInt8) -> Bool {
        if b < 64 { return (punctuationLow >> UInt64(b)) & 1 != 0 }
        if b < 128 { return (punctuationHigh >> UInt64(b - 64)) & 1 != 0 }
        return false
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { (b &- 0x30) < 10 }

    /// `Tokenizer13a.__call__`: the `<skipped>`, `-\n`, `\n` and entity replacements, then
    /// the post-tokeniser on `' ' + line + ' '`.
    static func tokenize13a(_ p: UnsafePointer<UInt8>, _ count: Int,
                            _ a: ByteBuffer, _ b: ByteBuffer) -> UnsafeBufferPointer<UInt8> {
        var hasAngle = false, hasNewline = false, hasAmpersand = false
        for i in 0..<count {
            switch p[i] {
            case 0x3C: hasAngle = true
            case 0x0A: hasNewline = true
            case 0x26: hasAmpersand = true
            default: break
            }
        }
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
        // Pass 1: ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> ' \1 ' (with the 13a padding).
        a.reserve(3 * count + 6)
        var o = 0
        let out1 = a.base
        if padded { out1[0] = 0x20; out1[1] = 0x20; out1[2] = 0x20; o = 3 }
        for i in 0..<count {
            let c = p[i]
            if isSeparatedPunctuation(c) {
                out1[o] = 0x20; out1[o + 1] = c; out1[o + 2] = 0x20
                o += 3
            } else {
                out1[o] = c
                o += 1
            }
        }
        if padded { out1[o] = 0x20; out1[o + 1] = 0x20; out1[o + 2] = 0x20; o += 3 }
        a.count = o
        // Pass 2: ([^0-9])([\.,]) -> '\1 \2 '.
        pairPass(a, b) { c, d in !isDigit(c) && (d == 0x2E || d == 0x2C) ? 0 : -1 }
        // Pass 3: ([\.,])([^0-9]) -> ' \1 \2'.
        pairPass(b, a) { c, d in (c == 0x2E || c == 0x2C) && !isDigit(d) ? 1 : -1 }
        // Pass 4: ([0-9])(-) -> '\1 \2 '.
        pairPass(a, b) { c, d in isDigit(c) && d == 0x2D ? 0 : -1 }
        return b.bytes
    }

    /// One `re.sub` of a two-character pattern over bytes: at each position, `shape(c, d)` says
    /// whether `c d` matches and how it is rewritten: 0 is `'\1 \2 '`, 1 is `' \1 \2'`, -1 no
    /// match (copy `c`, move one byte). After a match the scan resumes after `d`.
    @inline(__always)
    static func pairPass(_ source: ByteBuffer, _ target: ByteBuffer, _ shape: (UInt8, UInt8) -> Int) {
        let n = source.count
        target.reserve(2 * n + 2)
        let p = source.base, out = target.base
        var i = 0, o = 0
        while i + 1 < n {
            let c = p[i], d = p[i + 1]
            switch shape(c, d) {
            case 0:
                out[o] = c; out[o + 1] = 0x20; out[o + 2] = d; out[o + 3] = 0x20
                o += 4; i += 2
            case 1:
                out[o] = 0x20; out[o + 1] = c; out[o + 2] = 0x20; out[o + 3] = d
                o += 4; i += 2
            default:
                out[o] = c
                o += 1; i += 1
            }
        }
        if i < n { out[o] = p[i]; o += 1 }
        target.count = o
    }

    /// `TokenizerChar.__call__`: `" ".join(line)`, every code point separated by one space.
    static func joinCharacters(_ p: UnsafePointer<UInt8>, _ count: Int, into out: ByteBuffer) -> UnsafeBufferPointer<UInt8> {
        out.reserve(2 * count)
        let o = out.base
        var i = 0, w = 0
        while i < count {
            let length = PythonText.sequenceLength(p[i])
            if w > 0 { o[w] = 0x20; w += 1 }
            for k in 0..<length { o[w + k] = p[i + k] }
            w += length
            i += length
        }
        out.count = w
        return out.bytes
    }
}
