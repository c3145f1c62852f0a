internal import CICU

/// Steps 4–5 of `Tokenizer.tokenize`: merging link spans, splitting digits, dropping punctuation,
/// folding case and mapping offsets, while writing the tokens into a `TokenizedLine`.
extension Tokenizer {
    func emit(text: UnsafeBufferPointer<UInt8>, isASCII: Bool, spans: UnsafeBufferPointer<cicu_norm_span>?,
              hasMarker: Bool, into result: inout TokenizedLine) throws(TextError) {
        guard let base = text.baseAddress, !segments.isEmpty else { return }
        var found = links
        links = []
        found.removeAll(keepingCapacity: true)
        defer { links = found }
        let segmentList = segments
        if options.level == .word && options.keepURLs {
            segmentList.withUnsafeBufferPointer {
                LinkDetector.findLinks(in: text, segments: $0, hasMarker: hasMarker, into: &found)
            }
        }
        result.bytes.reserveCapacity(2 * text.count + 16)
        var writer = TokenWriter(base: base, properties: properties, options: options,
                                 mapper: OffsetMapper(text: text, isASCII: isASCII, spans: spans), folder: folder)
        var k = 0, l = 0
        let n = segmentList.count
        while k < n {
            let segment = segmentList[k]
            while l < found.count && found[l].upperBound <= segment.lowerBound { l += 1 }
            if l < found.count && found[l].lowerBound < segment.upperBound {
                // A link: this segment and every following one that starts inside a link it touches.
                var end = segment.upperBound, limit = found[l].upperBound
                k += 1
                while k < n && segmentList[k].lowerBound < limit {
                    end = segmentList[k].upperBound
                    k += 1
                    while l + 1 < found.count && found[l + 1].lowerBound < end {
                        l += 1
                        limit = max(limit, found[l].upperBound)
                    }
                }
                l += 1
                try writer.write(segment.lowerBound..<end, into: &result)
            } else {
                try writer.writeSplitting(segment, into: &result)
                k += 1
            }
        }
    }
}

/// Writes the tokens of one line into a `TokenizedLine`.
struct TokenWriter {
    let base: UnsafePointer<UInt8>
    let properties: [UInt16]
    let splitDigits: Bool
    let dropPunctuation: Bool
    let lower: Bool
    let offsets: Bool
    var mapper: OffsetMapper
    let folder: ICUTransformer

    init(base: UnsafePointer<UInt8>, properties: [UInt16], options: TokenizerOptions, mapper: OffsetMapper,
         folder: ICUTransformer) {
        self.base = base
        self.properties = properties
        splitDigits = options.splitDigits
        dropPunctuation = options.punct == .drop
        lower = options.lower
        offsets = options.offsets
        self.mapper = mapper
        self.folder = folder
    }

    @inline(__always)
    private func flags(_ scalar: UInt32) -> UInt16 {
        scalar < 0x10000 ? properties[Int(scalar)] : CharacterProperties.supplementary(scalar)
    }

    /// Writes a segment, cut at each decimal digit when digits are split.
    mutating func writeSplitting(_ segment: Range<Int>, into result: inout TokenizedLine) throws(TextError) {
        guard splitDigits else { return try writeUnlessPunctuation(segment, into: &result) }
        var pieceStart = segment.lowerBound, i = segment.lowerBound
        while i < segment.upperBound {
            let (c, length) = ValidUTF8.decode(base, i)
            if flags(c) & CharacterProperties.digit != 0 {
                if pieceStart < i { try writeUnlessPunctuation(pieceStart..<i, into: &result) }
                try writeUnlessPunctuation(i..<(i + length), into: &result)
                pieceStart = i + length
            }
            i += length
        }
        if pieceStart < segment.upperBound { try writeUnlessPunctuation(pieceStart..<segment.upperBound, into: &result) }
    }

    /// Writes a token unless punctuation is dropped and the token is only punctuation.
    @inline(__always)
    mutating func writeUnlessPunctuation(_ token: Range<Int>, into result: inout TokenizedLine) throws(TextError) {
        if dropPunctuation && isPunctuation(token) { return }
        try write(token, into: &result)
    }

    /// Whether every code point of the token has General_Category P*.
    func isPunctuation(_ token: Range<Int>) -> Bool {
        var i = token.lowerBound
        while i < token.upperBound {
            let (c, length) = ValidUTF8.decode(base, i)
            if flags(c) & CharacterProperties.punctuation == 0 { return false }
            i += length
        }
        return true
    }

    /// Appends one token: its bytes (folded when asked), its range and its offsets.
    mutating func write(_ token: Range<Int>, into result: inout TokenizedLine) throws(TextError) {
        if !result.ranges.isEmpty { result.bytes.append(0x20) }
        let start = result.bytes.count
        let source = UnsafeBufferPointer(start: base + token.lowerBound, count: token.count)
        if lower {
            var ascii = true
            for b in source where b >= 0x80 { ascii = false; break }
            if ascii {
                for b in source { result.bytes.append(b &+ (b &- 0x41 < 26 ? 0x20 : 0)) }
            } else {
                result.bytes.append(contentsOf: try folder.fold(source))
            }
        } else {
            result.bytes.append(contentsOf: source)
        }
        result.ranges.append(start..<result.bytes.count)
        if offsets {
            let from = mapper.start(token.lowerBound)
            result.offsets.append(from..<mapper.end(token.upperBound))
        }
    }
}
