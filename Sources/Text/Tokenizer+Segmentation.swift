/// Step 2–3 of `Tokenizer.tokenize`: cutting the line into segments and keeping those that are
/// not entirely White_Space (trimmed of it at sentence level) in `segments`.
extension Tokenizer {
    /// Word level over a simple line, with the Swift word rules.
    func collectSimpleWords(_ text: UnsafeBufferPointer<UInt8>) {
        var found = segments
        segments = []
        found.removeAll(keepingCapacity: true)
        properties.withUnsafeBufferPointer { table in
            SimpleWordBreaker.forEachSegment(text, properties: table.baseAddress!) { start, end, isWhite in
                if !isWhite { found.append(start..<end) }
            }
        }
        segments = found
    }

    /// Character level over an ASCII line: every byte is a grapheme cluster (CR LF is one, but
    /// White_Space either way), and the clusters that are not White_Space are tokens.
    func collectASCIICharacters(_ text: UnsafeBufferPointer<UInt8>) {
        var found = segments
        segments = []
        found.removeAll(keepingCapacity: true)
        for (i, b) in text.enumerated() where b != 0x20 && (b < 0x09 || b > 0x0D) {
            found.append(i..<(i + 1))
        }
        segments = found
    }

    /// Any level, with ICU's break iterator.
    func collectICUSegments(_ text: UnsafeBufferPointer<UInt8>) throws(TextError) {
        let count = try segmenter.run(text)
        var found = segments
        segments = []
        found.removeAll(keepingCapacity: true)
        let trim = options.level == .sentence
        if let base = text.baseAddress {
            properties.withUnsafeBufferPointer { table in
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
                            if start < end { found.append(start..<end) }
                        } else if !Self.isAllWhiteSpace(base, start, end, table) {
                            found.append(start..<end)
                        }
                    }
                }
            }
        }
        segments = found
    }

    @inline(__always)
    static func isWhiteSpace(_ scalar: UInt32, _ table: UnsafeBufferPointer<UInt16>) -> Bool {
        scalar < 0x10000 && table[Int(scalar)] & CharacterProperties.whiteSpace != 0
    }

    static func isAllWhiteSpace(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
                                _ table: UnsafeBufferPointer<UInt16>) -> Bool {
        var i = start
        while i < end {
            let (c, length) = ValidUTF8.decode(base, i)
            guard isWhiteSpace(c, table) else { return false }
            i += length
        }
        return true
    }
}
