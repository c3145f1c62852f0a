import JSONCore

internal import CICU

/// Where a line's segments come from (step 2 of `Tokenizer.tokenize`).
enum SegmentSource {
    /// The Swift implementation of ICU's word rules, for simple lines (`SimpleWordBreaker`).
    case swiftWordRules
    /// Every byte of an ASCII line is a grapheme cluster (CR LF is one, but White_Space anyway).
    case asciiCharacters
    /// ICU's break iterator, already run: `boundaries` boundaries are in `segmenter.boundaries`.
    case icu(boundaries: Int)
}

/// Steps 2–3 of `Tokenizer.tokenize`: feeding the segments that are not entirely White_Space
/// (trimmed of it at sentence level) to a `TokenWriter` over the result's storage.
extension Tokenizer {
    /// Writes the tokens of `text` into `result`'s storage; false when the storage overflowed.
    func write(_ source: SegmentSource, text: UnsafeBufferPointer<UInt8>, isASCII: Bool,
               spans: UnsafeBufferPointer<cicu_norm_span>?, links: [Range<Int>],
               into result: inout TokenizedLine) throws(TextError) -> Bool {
        let table = tables.bmp
        let written = try links.withUnsafeBufferPointer { links throws(TextError) in
                try result.byteStorage.withUnsafeMutableBufferPointer { bytes throws(TextError) in
                    try result.rangeStorage.withUnsafeMutableBufferPointer { ranges throws(TextError) in
                        try result.offsetStorage.withUnsafeMutableBufferPointer { offsets throws(TextError) in
                            var writer = TokenWriter(
                                text: text, properties: table, settings: writerSettings,
                                mapper: OffsetMapper(text: text, isASCII: isASCII, spans: spans),
                                folder: Unmanaged.passUnretained(folder),
                                links: links, bytes: bytes, ranges: ranges, offsets: offsets)
                            feed(source, text: text, isASCII: isASCII, table: table, into: &writer)
                            if let failure = writer.failure { throw failure }
                            return writer.overflowed ? nil : (writer.byteCount, writer.tokenCount)
                        }
                    }
                }
        }
        guard let (byteCount, tokenCount) = written else { return false }
        result.byteCount = byteCount
        result.tokenCount = tokenCount
        return true
    }

    private func feed(_ source: SegmentSource, text: UnsafeBufferPointer<UInt8>, isASCII: Bool,
                      table: UnsafePointer<UInt16>,
                      into writer: inout TokenWriter) {
        guard let base = text.baseAddress else { return }
        switch source {
        case .swiftWordRules where isASCII:
            SimpleWordBreaker.forEachASCIISegment(text, classes: tables.asciiClasses) { start, end, isWhite in
                if !isWhite { writer.accept(start, end) }
            }
        case .swiftWordRules:
            SimpleWordBreaker.forEachSegment(text, properties: table) { start, end, isWhite in
                if !isWhite { writer.accept(start, end) }
            }
        case .asciiCharacters:
            for i in 0..<text.count {
                let b = base[i]
                if b != 0x20 && (b < 0x09 || b > 0x0D) { writer.accept(i, i + 1) }
            }
        case .icu(let count):
            let trim = options.level == .sentence
            segmenter.boundaries.withUnsafeBufferPointer { boundaries in
                for i in 1..<count {
                    var start = Int(boundaries[i - 1]), end = Int(boundaries[i])
                    if trim {
                        while start < end {
                            let (c, length) = ValidUTF8.decode(base, start)
                            guard Self.isWhiteSpace(c, table) else { break }
                            start += length
                        }
                        while end > start {
                            let previous = ValidUTF8.previousStart(base, before: end, from: start)
                            guard Self.isWhiteSpace(ValidUTF8.decode(base, previous).scalar, table) else { break }
                            end = previous
                        }
                        if start < end { writer.accept(start, end) }
                    } else if !Self.isAllWhiteSpace(base, start, end, table) {
                        writer.accept(start, end)
                    }
                }
            }
        }
    }

    @inline(__always)
    static func isWhiteSpace(_ scalar: UInt32, _ table: UnsafePointer<UInt16>) -> Bool {
        scalar < 0x10000 && table[Int(scalar)] & CharacterProperties.whiteSpace != 0
    }

    static func isAllWhiteSpace(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                                _ table: UnsafePointer<UInt16>) -> Bool {
        var i = start
        while i < end {
            let (c, length) = ValidUTF8.decode(base, i)
            guard isWhiteSpace(c, table) else { return false }
            i += length
        }
        return true
    }
}
