import JSONCore

/// ICU 72's word-break rules (UAX #29 as tailored by ICU's `word.txt`) for text whose code points
/// all have a word-break class the Swift rules cover: everything but ZWJ, Regional_Indicator,
/// Katakana and the dictionary scripts (Thai, Lao, Khmer, Burmese, Han, Hiragana, Hangul
/// syllables). `UTF8Scanner` decides which lines qualify; the rest go to ICU. The rules, in ICU's
/// form (× = no break, ÷ = break; AHLetter = ALetter or Hebrew_Letter; ExFm = Extend or Format):
///
/// - WB3   CR × LF; WB3a/b ÷ after and before CR, LF, Newline
/// - WB3d  WSegSpace × WSegSpace (directly adjacent only, as ICU writes the rule)
/// - WB4   X ExFm* → X: marks and format characters join the character before them, except after
///         CR, LF and Newline; ExFm at the start of the text (or after a newline) is a segment
/// - WB5, 8, 9, 10, 13a, 13b   X × Y for X, Y in {AHLetter, Numeric, ExtendNumLet}
/// - WB6/7   AHLetter × (MidLetter | MidNumLet | Single_Quote) AHLetter, and the mid × the letter
/// - WB7a    Hebrew_Letter × Single_Quote
/// - WB7b/c  Hebrew_Letter × Double_Quote Hebrew_Letter
/// - WB11/12 Numeric × (MidNum | MidNumLet | Single_Quote) Numeric, and the mid × the digit
/// - WB999 ÷ everywhere else
///
/// with ICU's tailoring: `@` is an ALetter and `:` is not a MidLetter (so `a@b.c` is one word and
/// `a:b` three). ICU's rule chaining (`!!chain`) gives the same boundaries as these pairwise rules
/// with one character of look-ahead past ExFm. Segment rule statuses follow ICU's tags
/// (`ruleStatus`). The differential tests check boundaries and statuses against ICU on a corpus,
/// on every covered character in context, and on random text.
enum SimpleWordBreaker {
    static let aLetter = WordBreakClass.aLetter.rawValue
    static let numeric = WordBreakClass.numeric.rawValue
    static let extendNumLet = WordBreakClass.extendNumLet.rawValue
    static let hebrewLetter = WordBreakClass.hebrewLetter.rawValue
    static let midLetter = WordBreakClass.midLetter.rawValue
    static let midNum = WordBreakClass.midNum.rawValue
    static let midNumLet = WordBreakClass.midNumLet.rawValue
    static let singleQuote = WordBreakClass.singleQuote.rawValue
    static let doubleQuote = WordBreakClass.doubleQuote.rawValue
    static let extendFormat = WordBreakClass.extendFormat.rawValue
    static let wSegSpace = WordBreakClass.wSegSpace.rawValue
    static let cr = WordBreakClass.cr.rawValue
    static let lf = WordBreakClass.lf.rawValue
    static let newline = WordBreakClass.newline.rawValue

    /// Whether a mid character of class `mid` between two word characters of classes `before` and
    /// `after` joins them: WB6/7 between AHLetters, WB7b/c between Hebrew letters, WB11/12 between
    /// digits.
    @inline(__always)
    static func midJoins(_ mid: UInt16, _ before: UInt16, _ after: UInt16) -> Bool {
        if before == numeric {
            return after == numeric && (mid == midNum || mid == midNumLet || mid == singleQuote)
        }
        guard (before == aLetter || before == hebrewLetter) && (after == aLetter || after == hebrewLetter) else {
            return false
        }
        if mid == doubleQuote { return before == hebrewLetter && after == hebrewLetter }
        return mid == midLetter || mid == midNumLet || mid == singleQuote
    }

    /// Calls `body(start, end, isWhiteSpace)` for every segment of a simple line, through the byte
    /// loop when the line is ASCII.
    @inline(__always)
    static func forEachSegment(_ text: UnsafeBufferPointer<UInt8>, isASCII: Bool, properties: UnsafePointer<UInt16>,
                               _ body: (Int, Int, Bool) -> Void) {
        if isASCII {
            forEachASCIISegment(text, classes: CharacterProperties.shared.asciiClasses, body)
        } else {
            forEachSegment(text, properties: properties, body)
        }
    }

    /// The position after the Extend and Format characters that start at byte `i` (WB4).
    @inline(__always)
    static func skipExtendFormat(_ base: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ properties: UnsafePointer<UInt16>) -> Int {
        var i = i
        while i < n && base[i] >= 0x80 {
            let (c, length) = ValidUTF8.decode(base, i)
            guard properties[Int(c)] & CharacterProperties.classMask == extendFormat else { break }
            i += length
        }
        return i
    }

    /// Calls `body(start, end, isWhiteSpace)` for every segment of a simple line in order; the
    /// segments tile the text and `isWhiteSpace` says the segment is entirely White_Space.
    /// `properties` is the BMP table of `CharacterProperties`. O(n), no allocation.
    @inline(__always)
    static func forEachSegment(_ text: UnsafeBufferPointer<UInt8>, properties: UnsafePointer<UInt16>,
                               _ body: (Int, Int, Bool) -> Void) {
        guard let base = text.baseAddress else { return }
        let n = text.count
        let white = CharacterProperties.whiteSpace, mask = CharacterProperties.classMask
        var i = 0
        while i < n {
            let start = i
            let (c, length) = ValidUTF8.decode(base, i)
            let p = properties[Int(c)]
            let k = p & mask
            i += length
            if k >= aLetter && k <= hebrewLetter {
                var last = k
                var allWhite = p & white != 0
                var end = skipExtendFormat(base, n, i, properties)
                if end > i { allWhite = false }
                i = end
                while i < n {
                    let (c1, l1) = ValidUTF8.decode(base, i)
                    let p1 = properties[Int(c1)]
                    let k1 = p1 & mask
                    if k1 >= aLetter && k1 <= hebrewLetter {
                        last = k1
                        allWhite = allWhite && p1 & white != 0
                        end = skipExtendFormat(base, n, i + l1, properties)
                        if end > i + l1 { allWhite = false }
                        i = end
                        continue
                    }
                    if (k1 >= midLetter && k1 <= midNumLet) || k1 == singleQuote || k1 == doubleQuote {
                        let j = skipExtendFormat(base, n, i + l1, properties)
                        if j < n {
                            let (c2, l2) = ValidUTF8.decode(base, j)
                            let k2 = properties[Int(c2)] & mask
                            if midJoins(k1, last, k2) {
                                i = skipExtendFormat(base, n, j + l2, properties)
                                last = k2
                                allWhite = false
                                continue
                            }
                        }
                        if k1 == singleQuote && last == hebrewLetter {  // WB7a ends the word
                            i = j
                            allWhite = false
                        }
                    }
                    break
                }
                body(start, i, allWhite)
            } else if k == wSegSpace {
                while i < n {
                    let (c1, l1) = ValidUTF8.decode(base, i)
                    guard properties[Int(c1)] & mask == wSegSpace else { break }
                    i += l1
                }
                let end = skipExtendFormat(base, n, i, properties)
                body(start, end, end == i)
                i = end
            } else if k == cr {
                if i < n && base[i] == 0x0A { i += 1 }
                body(start, i, true)
            } else if k == lf || k == newline {
                body(start, i, true)
            } else {
                // Any other character, or ExFm starting the text or following a newline.
                let end = skipExtendFormat(base, n, i, properties)
                body(start, end, end == i && p & white != 0)
                i = end
            }
        }
    }

    /// The rule status ICU reports for a segment produced by `forEachSegment`: a segment whose
    /// last base character (before trailing ExFm) is an AHLetter has 200 (letter), a digit 100
    /// (number). Otherwise trailing ExFm make it 0 (ICU's untagged WB4 rule ends the match); a final
    /// ExtendNumLet takes the status of the rule that joined it (WB13a/b: 100 after a digit, 200
    /// after a letter or another ExtendNumLet, 0 alone); a final Single_Quote joined by WB7a has
    /// 200; everything else 0.
    static func ruleStatus(_ segment: UnsafeBufferPointer<UInt8>, properties: UnsafePointer<UInt16>) -> Int32 {
        guard let base = segment.baseAddress, segment.count > 0 else { return 0 }
        let mask = CharacterProperties.classMask
        /// The class and start of the last base character before `end`, skipping ExFm.
        func lastBase(before end: Int) -> (UInt16, Int, Bool)? {
            var position = end, skipped = false
            while position > 0 {
                let start = ValidUTF8.previousStart(base, before: position, from: 0)
                let k = properties[Int(ValidUTF8.decode(base, start).scalar)] & mask
                if k != extendFormat { return (k, start, skipped) }
                skipped = true
                position = start
            }
            return nil
        }
        guard let (last, lastStart, hasTrailingMarks) = lastBase(before: segment.count) else { return 0 }
        if last == aLetter || last == hebrewLetter { return 200 }
        if last == numeric { return 100 }
        if hasTrailingMarks { return 0 }
        guard last == extendNumLet || last == singleQuote, let (previous, _, _) = lastBase(before: lastStart) else { return 0 }
        if last == singleQuote { return previous == hebrewLetter ? 200 : 0 }
        switch previous {
        case numeric: return 100
        case aLetter, hebrewLetter, extendNumLet: return 200
        default: return 0
        }
    }
}
