import JSONCore

/// sacreBLEU's `zh` tokeniser (`tokenizer_zh.py`, after Shujian Huang's script): strip the line,
/// surround every "Chinese character" with spaces, then apply the 13a post-tokeniser without
/// 13a's padding and entity handling.
enum ChineseTokenization {
    /// The code points `TokenizerZh._is_chinese_char` accepts, merged and sorted.
    ///
    /// These are sacreBLEU's `_UCODE_RANGES` *as Python evaluates them*, including their defects
    /// (sacreBLEU issue #298): the two supplementary-plane entries are written `u'\u20000'` and
    /// `u'\u2f800'`, which Python reads as two-character strings ("\u2000" + "0"), and the test
    /// `start <= ch <= end` on a one-character `ch` then accepts U+2001–U+2A6D and
    /// U+2F81–U+2FA1 instead of the Extension B and Compatibility Supplement planes. So General
    /// Punctuation, arrows, maths operators and more count as Chinese here, and no character
    /// beyond U+FFFF does. The other entries: 2E80–2EFF, 2F00–2FDF, 2FF0–2FFF, 3000–303F,
    /// 3100–312F, 31A0–31BF, 31C0–31EF, 3200–32FF, 3300–33FF, 3400–4DB5, 4E00–9FA5, 9FA6–9FBB,
    /// 2600–26FF, 2700–27BF, F900–FA2D, FA30–FA6A, FA70–FAD9, FE10–FE1F, FE30–FE4F, FF00–FFEF.
    static let ranges: [ClosedRange<UInt32>] = [
        0x2001...0x2A6D, // the "\u20000".."\u2a6d6" entry; also covers 2600–26FF and 2700–27BF
        0x2E80...0x2EFF,
        0x2F00...0x2FDF, // covers the "\u2f800".."\u2fa1d" entry (2F81–2FA1)
        0x2FF0...0x2FFF,
        0x3000...0x303F,
        0x3100...0x312F,
        0x31A0...0x31BF,
        0x31C0...0x31EF,
        0x3200...0x33FF,
        0x3400...0x4DB5,
        0x4E00...0x9FBB,
        0xF900...0xFA2D,
        0xFA30...0xFA6A,
        0xFA70...0xFAD9,
        0xFE10...0xFE1F,
        0xFE30...0xFE4F,
        0xFF00...0xFFEF,
    ]

    /// `TokenizerZh._is_chinese_char`.
    @inline(__always)
    static func isChineseCharacter(_ scalar: UInt32) -> Bool {
        if scalar < 0x2001 || scalar > 0xFFEF { return false }
        for range in ranges {
            if scalar < range.lowerBound { return false }
            if scalar <= range.upperBound { return true }
        }
        return false
    }

    /// `TokenizerZh.__call__` before the final whitespace normalisation. O(count).
    static func tokenize(_ p: UnsafePointer<UInt8>, _ count: Int,
                         _ a: ByteBuffer, _ b: ByteBuffer) -> UnsafeBufferPointer<UInt8> {
        let start = PythonText.lstripStart(p, 0, count)
        let end = PythonText.rstripEnd(p, start, count)
        // Spacing out Chinese characters writes into `b`; the post-tokeniser's first pass reads
        // all of it while writing `a`, before its second pass overwrites `b`.
        b.reserve(3 * (end - start) + 1)
        let out = b.base
        var i = start, o = 0
        while i < end {
            let (scalar, length) = ValidUTF8.decode(p, i)
            if length > 1 && isChineseCharacter(scalar) {
                out[o] = 0x20
                for k in 0..<length { out[o + 1 + k] = p[i + k] }
                out[o + 1 + length] = 0x20
                o += length + 2
            } else {
                for k in 0..<length { out[o + k] = p[i + k] }
                o += length
            }
            i += length
        }
        b.count = o
        return RegexpPasses.postTokenize(b.base, o, padded: false, a, b)
    }
}
