import JSONCore

internal import CICU

/// Turns a line's segments, as a segmentation loop finds them, into tokens written straight into a
/// `TokenizedLine`'s storage through raw pointers: step 4–5 of `Tokenizer.tokenize`.
///
/// For each segment that is not entirely White_Space (`accept`), in order:
/// - links: a segment that overlaps a link found beforehand (`links`, from `LinkDetector`, sorted)
///   or that starts a `www.` URL opens a link token; the following segments that start inside the
///   link extend it, so the token is the union of the segments the link touches, kept whole;
/// - otherwise the segment is cut at each decimal digit (`splitDigits`), a piece made only of
///   punctuation is dropped (`punct: .drop`), and each piece is written: a space, its bytes (case
///   folded when asked: ASCII inline, the rest through ICU), its range, its code-point offsets.
///
/// Storage is sized by the caller; when a line needs more (more tokens than `ranges` holds, or
/// folding grew the text beyond `bytes`), `overflowed` is set, the rest of the line is ignored, and
/// the caller writes the line again into larger storage. An ICU failure while folding likewise
/// stops the line and is kept in `failure` for the caller to throw (so the segmentation loops that
/// call `accept` need not throw).
struct TokenWriter {
    /// The options that shape tokens, fixed per tokenizer.
    struct Settings {
        let splitDigits: Bool
        let dropPunctuation: Bool
        let lower: Bool
        let findsWWW: Bool
        let offsets: Bool
        /// No option cuts or drops tokens: a token is its segment, copied or case-folded.
        var whole: Bool { !splitDigits && !dropPunctuation }

        init(_ options: TokenizerOptions) {
            splitDigits = options.splitDigits
            dropPunctuation = options.punct == .drop
            lower = options.lower
            findsWWW = options.keepURLs && options.level == .word
            offsets = options.offsets
        }
    }

    let text: UnsafePointer<UInt8>
    let textCount: Int
    let properties: UnsafePointer<UInt16>
    let splitDigits: Bool
    let dropPunctuation: Bool
    let lower: Bool
    let findsWWW: Bool
    /// No option cuts or drops tokens: a token is its segment, copied or case-folded.
    let whole: Bool
    var mapper: OffsetMapper
    /// The tokenizer's folder, unretained: the tokenizer outlives every writer it makes.
    let folder: Unmanaged<ICUTransformer>
    let links: UnsafeBufferPointer<Range<Int>>
    let bytes: UnsafeMutablePointer<UInt8>
    let byteCapacity: Int
    let ranges: UnsafeMutablePointer<Range<Int>>
    let rangeCapacity: Int
    let offsets: UnsafeMutablePointer<Range<Int>>?
    private(set) var byteCount = 0
    private(set) var tokenCount = 0
    private(set) var overflowed = false
    /// An ICU failure that stopped the line.
    private(set) var failure: TextError?
    /// The next link that may still overlap a segment.
    private var nextLink = 0
    /// While a link token is open: where its link ends (segments starting before it join it).
    private var linkEnd = -1

    init(text: UnsafeBufferPointer<UInt8>, properties: UnsafePointer<UInt16>, settings: Settings,
         mapper: OffsetMapper, folder: Unmanaged<ICUTransformer>, links: UnsafeBufferPointer<Range<Int>>,
         bytes: UnsafeMutableBufferPointer<UInt8>, ranges: UnsafeMutableBufferPointer<Range<Int>>,
         offsets: UnsafeMutableBufferPointer<Range<Int>>) {
        self.text = text.baseAddress ?? UnsafePointer(bitPattern: 1)!
        textCount = text.count
        self.properties = properties
        splitDigits = settings.splitDigits
        dropPunctuation = settings.dropPunctuation
        lower = settings.lower
        findsWWW = settings.findsWWW
        whole = settings.whole
        self.mapper = mapper
        self.folder = folder
        self.links = links
        self.bytes = bytes.baseAddress!
        byteCapacity = bytes.count
        self.ranges = ranges.baseAddress!
        rangeCapacity = ranges.count
        self.offsets = settings.offsets ? offsets.baseAddress : nil
    }

    @inline(__always)
    private func flags(_ scalar: UInt32) -> UInt16 {
        scalar < 0x10000 ? properties[Int(scalar)] : CharacterProperties.supplementary(scalar)
    }

    /// Takes the next segment that is not entirely White_Space. The common case (no link near, no
    /// option that cuts tokens, ASCII when folding) is a copy inlined into the segmentation loop;
    /// the rest is out of line.
    @inline(__always)
    mutating func accept(_ start: Int, _ end: Int) {
        if whole && linkEnd < 0 && nextLink == links.count && !overflowed && tokenCount < rangeCapacity
            && !(findsWWW && text[start] | 0x20 == 0x77) {
            let separator = tokenCount > 0 ? 1 : 0
            bytes[byteCount] = 0x20
            let tokenStart = byteCount + separator
            if lower {
                guard copyLowercasingASCII(start, end, to: tokenStart) else { return acceptInGeneral(start, end) }
            } else {
                byteCount = tokenStart
                copy(start, end)
            }
            ranges[tokenCount] = tokenStart..<byteCount
            if offsets != nil { writeOffsets(start, end) }
            tokenCount += 1
            return
        }
        acceptInGeneral(start, end)
    }

    /// Copies an ASCII token to `target`, upper-case letters made lower case (ASCII's full case
    /// folding), eight bytes at a time; false, with nothing committed, if the token is not ASCII.
    @inline(__always)
    private mutating func copyLowercasingASCII(_ start: Int, _ end: Int, to target: Int) -> Bool {
        let length = end - start
        let source = text + start, output = bytes + target
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        var j = 0
        let readable = textCount - start
        while j < length && j + 8 <= readable {
            var x = UnsafeRawPointer(source + j).loadUnaligned(as: UInt64.self)
            if length - j < 8 { x &= ~0 >> (64 - 8 * UInt64(length - j)) }  // only the token's bytes
            if x & high != 0 { return false }
            // High bit set where 'A' <= byte <= 'Z'; shifted right by 2 it is the 0x20 to add.
            let upper = (x &+ ones &* 0x3F) & ~(x &+ ones &* 0x25) & high
            UnsafeMutableRawPointer(output + j).storeBytes(of: x | upper >> 2, as: UInt64.self)
            j += 8
        }
        while j < length {
            let b = source[j]
            if b >= 0x80 { return false }
            output[j] = b | (b &- 0x41 < 26 ? 0x20 : 0)
            j += 1
        }
        byteCount = target + length
        return true
    }

    @inline(never)
    private mutating func writeOffsets(_ start: Int, _ end: Int) {
        let from = mapper.start(start)
        offsets![tokenCount] = from..<mapper.end(end)
    }

    /// `accept` for every case: links, digit splitting, punctuation, folding, full storage.
    @inline(never)
    private mutating func acceptInGeneral(_ start: Int, _ end: Int) {
        if overflowed { return }
        if linkEnd >= 0 {
            if start < linkEnd { return extendLink(start, end) }
            linkEnd = -1
        }
        if nextLink < links.count {
            while nextLink < links.count && links[nextLink].upperBound <= start { nextLink += 1 }
            if nextLink < links.count && links[nextLink].lowerBound < end {
                linkEnd = links[nextLink].upperBound
                nextLink += 1
                write(start, end)
                absorbOverlappingLinks(end)
                return
            }
        }
        if findsWWW && text[start] | 0x20 == 0x77, let urlEnd = LinkDetector.wwwURLEnd(text, textCount, at: start) {
            linkEnd = urlEnd
            write(start, end)
            absorbOverlappingLinks(end)
            return
        }
        writeSplitting(start, end)
    }

    /// Extends the open link token over the segment `start ..< end`.
    private mutating func extendLink(_ start: Int, _ end: Int) {
        let last = tokenCount - 1
        let tokenStart = ranges[last].lowerBound
        // The link's segments are adjacent (a link holds no White_Space), so the output continues
        // the token: copy (or fold) the segment after it and widen its range and offsets.
        guard append(start, end) else { return }
        ranges[last] = tokenStart..<byteCount
        if let offsets { offsets[last] = offsets[last].lowerBound..<mapper.end(end) }
        absorbOverlappingLinks(end)
    }

    /// Makes the open link token also cover the following links that the token's end reaches.
    @inline(__always)
    private mutating func absorbOverlappingLinks(_ end: Int) {
        while nextLink < links.count && links[nextLink].lowerBound < end {
            linkEnd = max(linkEnd, links[nextLink].upperBound)
            nextLink += 1
        }
    }

    /// Writes a segment, cut at each decimal digit when digits are split.
    @inline(__always)
    private mutating func writeSplitting(_ start: Int, _ end: Int) {
        guard splitDigits else { return writeUnlessPunctuation(start, end) }
        var pieceStart = start, i = start
        while i < end {
            let (c, length) = ValidUTF8.decode(text, i)
            if flags(c) & CharacterProperties.digit != 0 {
                if pieceStart < i { writeUnlessPunctuation(pieceStart, i) }
                writeUnlessPunctuation(i, i + length)
                pieceStart = i + length
            }
            i += length
        }
        if pieceStart < end { writeUnlessPunctuation(pieceStart, end) }
    }

    @inline(__always)
    private mutating func writeUnlessPunctuation(_ start: Int, _ end: Int) {
        if dropPunctuation && isPunctuation(start, end) { return }
        write(start, end)
    }

    /// Whether every code point of `text[start ..< end]` has General_Category P*.
    private func isPunctuation(_ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let (c, length) = ValidUTF8.decode(text, i)
            if flags(c) & CharacterProperties.punctuation == 0 { return false }
            i += length
        }
        return true
    }

    /// Writes a new token: a separating space, its bytes, its range and its offsets.
    @inline(__always)
    private mutating func write(_ start: Int, _ end: Int) {
        guard tokenCount < rangeCapacity else { overflowed = true; return }
        if tokenCount > 0 {
            bytes[byteCount] = 0x20
            byteCount += 1
        }
        let tokenStart = byteCount
        guard append(start, end) else { return }
        ranges[tokenCount] = tokenStart..<byteCount
        if let offsets {
            let from = mapper.start(start)
            offsets[tokenCount] = from..<mapper.end(end)
        }
        tokenCount += 1
    }

    /// Appends `text[start ..< end]` to the output: eight bytes at a time while the source has
    /// eight readable bytes (the output has eight bytes of slack), then byte by byte.
    @inline(__always)
    private mutating func copy(_ start: Int, _ end: Int) {
        let length = end - start
        let source = text + start, target = bytes + byteCount
        var j = 0
        let readable = textCount - start
        while j < length && j + 8 <= readable {
            UnsafeMutableRawPointer(target + j).storeBytes(
                of: UnsafeRawPointer(source + j).loadUnaligned(as: UInt64.self), as: UInt64.self)
            j += 8
        }
        while j < length {
            target[j] = source[j]
            j += 1
        }
        byteCount += length
    }

    /// Appends `text[start ..< end]` to the output, case-folded when asked; false if the line
    /// stopped. The caller leaves the room the storage was sized for; only folding non-ASCII text
    /// can overflow it.
    @inline(__always)
    private mutating func append(_ start: Int, _ end: Int) -> Bool {
        if !lower {
            copy(start, end)
            return true
        }
        let length = end - start
        let source = text + start, target = bytes + byteCount
        // ASCII folds to lower case; other code points only if Changes_When_Casefolded says so.
        var folds = false, i = 0
        while i < length {
            let b = source[i]
            if b < 0x80 {
                target[i] = b | (b &- 0x41 < 26 ? 0x20 : 0)
                i += 1
            } else {
                let (c, l) = ValidUTF8.decode(source, i)
                if flags(c) & CharacterProperties.folds != 0 { folds = true; break }
                for k in 0..<l { target[i + k] = source[i + k] }
                i += l
            }
        }
        if !folds {
            byteCount += length
            return true
        }
        let folded: UnsafeBufferPointer<UInt8>
        do {
            folded = try folder.takeUnretainedValue().fold(UnsafeBufferPointer(start: source, count: length))
        } catch {
            failure = error
            overflowed = true
            return false
        }
        guard byteCount + folded.count + 8 <= byteCapacity else { overflowed = true; return false }
        target.update(from: folded.baseAddress!, count: folded.count)
        byteCount += folded.count
        return true
    }
}
