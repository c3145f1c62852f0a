import JSONCore

/// sacreBLEU's `intl` tokeniser (`tokenizer_intl.py`, after mteval-v14.pl
/// `--international-tokenization`): three `regex.sub` passes on Unicode general categories,
///
///     (\P{N})(\p{P}) -> '\1 \2 '     punctuation after a non-number
///     (\p{P})(\P{N}) -> ' \1 \2'     punctuation before a non-number
///     (\p{S})        -> ' \1 '       every symbol
///
/// then whitespace normalisation (left to the token splitter). `\p{P}`, `\p{S}` and `\p{N}` are
/// the general categories P*, S* and N*, taken from the Swift standard library's Unicode tables
/// (Unicode 16 in Swift 6.3), which agree with the `regex` module sacreBLEU 2.6.0 was measured
/// with on every code point (a test checks all of them against the installed `regex`).
enum InternationalTokenization {
    /// The category class of a code point: 0 other, 1 punctuation, 2 symbol, 3 number.
    static let other: UInt8 = 0, punctuation: UInt8 = 1, symbol: UInt8 = 2, number: UInt8 = 3

    private static let asciiClasses: [UInt8] = (0..<128).map { classify(UInt32($0)) }

    /// The class from the general category.
    static func classify(_ scalar: UInt32) -> UInt8 {
        guard let unicodeScalar = Unicode.Scalar(scalar) else { return other }
        switch unicodeScalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return punctuation
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return symbol
        case .decimalNumber, .letterNumber, .otherNumber:
            return number
        default:
            return other
        }
    }

    @inline(__always)
    static func classOf(_ scalar: UInt32) -> UInt8 {
        scalar < 0x80 ? asciiClasses.withUnsafeBufferPointer { $0[Int(scalar)] } : classify(scalar)
    }

    /// The three passes over `p[0..<count]`; returns a view of `a` or `b`. O(count).
    static func tokenize(_ p: UnsafePointer<UInt8>, _ count: Int,
                         _ a: ByteBuffer, _ b: ByteBuffer) -> UnsafeBufferPointer<UInt8> {
        // Pass 1 reads the input directly.
        pairPass(p, count, into: a) { c, d in c != number && d == punctuation ? 0 : -1 }
        pairPass(a.base, a.count, into: b) { c, d in c == punctuation && d != number ? 1 : -1 }
        // Pass 3: every symbol gets a space on each side.
        let n = b.count, source = b.base
        a.reserve(n + 2 * n + 2)
        let out = a.base
        var i = 0, o = 0
        while i < n {
            let (scalar, length) = ValidUTF8.decode(source, i)
            if classOf(scalar) == symbol {
                out[o] = 0x20
                for k in 0..<length { out[o + 1 + k] = source[i + k] }
                out[o + 1 + length] = 0x20
                o += length + 2
            } else {
                for k in 0..<length { out[o + k] = source[i + k] }
                o += length
            }
            i += length
        }
        a.count = o
        return a.bytes
    }

    /// One `regex.sub` of a two-character class pattern over code points: `shape(class(c),
    /// class(d))` is 0 for `'\1 \2 '`, 1 for `' \1 \2'`, -1 for no match. After a match the
    /// scan resumes after `d`.
    @inline(__always)
    private static func pairPass(_ p: UnsafePointer<UInt8>, _ n: Int, into target: ByteBuffer,
                                 _ shape: (UInt8, UInt8) -> Int) {
        target.reserve(2 * n + 2)
        let out = target.base
        var i = 0, o = 0
        guard n > 0 else { target.count = 0; return }
        var (current, currentLength) = ValidUTF8.decode(p, 0)
        var currentClass = classOf(current)
        while i < n {
            let nextStart = i + currentLength
            if nextStart >= n {
                for k in 0..<currentLength { out[o + k] = p[i + k] }
                o += currentLength
                break
            }
            let (next, nextLength) = ValidUTF8.decode(p, nextStart)
            let nextClass = classOf(next)
            let form = shape(currentClass, nextClass)
            if form < 0 {
                for k in 0..<currentLength { out[o + k] = p[i + k] }
                o += currentLength
                i = nextStart
                (current, currentLength, currentClass) = (next, nextLength, nextClass)
                continue
            }
            if form == 1 { out[o] = 0x20; o += 1 }
            for k in 0..<currentLength { out[o + k] = p[i + k] }
            o += currentLength
            out[o] = 0x20; o += 1
            for k in 0..<nextLength { out[o + k] = p[nextStart + k] }
            o += nextLength
            if form == 0 { out[o] = 0x20; o += 1 }
            i = nextStart + nextLength
            if i < n {
                (current, currentLength) = ValidUTF8.decode(p, i)
                currentClass = classOf(current)
            }
        }
        target.count = o
    }
}
