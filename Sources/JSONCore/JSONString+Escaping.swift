extension JSONString {
    /// The most bytes `writeEscaped` can produce for `count` input bytes: every byte as `\u00XX`,
    /// plus the quotes.
    @inlinable
    public static func maximumEscapedCount(_ count: Int) -> Int { 6 * count + 2 }

    /// Writes `utf8` as a quoted JSON string to `destination`, which must have room for
    /// `maximumEscapedCount(utf8.count)` bytes, and returns the number of bytes written. Escaping as
    /// `appendEscaped(_:to:)`; for writers that manage their own output buffer.
    public static func writeEscaped(_ utf8: UnsafeRawBufferPointer, to destination: UnsafeMutableRawPointer) -> Int {
        var o = 0
        destination.storeBytes(of: 0x22, as: UInt8.self)
        o = 1
        guard let base = utf8.baseAddress else {
            destination.storeBytes(of: 0x22, toByteOffset: o, as: UInt8.self)
            return 2
        }
        let count = utf8.count
        var runStart = 0
        var i = 0
        while i < count {
            while i + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if SWAR.hasEscapedByte(word) { break }
                i += 8
            }
            if i >= count { break }
            let byte = base.load(fromByteOffset: i, as: UInt8.self)
            if byte >= 0x20 && byte != 0x22 && byte != 0x5C {
                i += 1
                continue
            }
            if i > runStart {
                (destination + o).copyMemory(from: base + runStart, byteCount: i - runStart)
                o += i - runStart
            }
            o += writeEscape(of: byte, to: destination + o)
            i += 1
            runStart = i
        }
        if count > runStart {
            (destination + o).copyMemory(from: base + runStart, byteCount: count - runStart)
            o += count - runStart
        }
        destination.storeBytes(of: 0x22, toByteOffset: o, as: UInt8.self)
        return o + 1
    }

    /// Appends `utf8` as a quoted JSON string: `"` and `\` are escaped, `\b \f \n \r \t` use their
    /// short forms, other control characters below U+0020 become `\u00XX`, and everything else —
    /// `/`, DEL and all non-ASCII UTF-8 — is copied unchanged. This is the output of Python's
    /// `json.dumps(s, ensure_ascii=False)`.
    ///
    /// The bytes must be well-formed UTF-8 (they are not checked, so that a writer can pass through
    /// input it has already validated). Complexity: O(n); a string without anything to escape is
    /// appended with one copy.
    public static func appendEscaped(_ utf8: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        let plain = utf8.withMemoryRebound(to: UInt8.self) { bytes -> Bool in
            guard let base = bytes.baseAddress else { return true }
            let count = bytes.count
            var i = 0
            while i + 8 <= count {
                if SWAR.hasEscapedByte(UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
                    return false
                }
                i += 8
            }
            while i < count {
                let byte = base[i]
                if byte < 0x20 || byte == 0x22 || byte == 0x5C { return false }
                i += 1
            }
            return true
        }
        if plain {
            output.append(0x22)
            output.append(contentsOf: utf8.assumingMemoryBound(to: UInt8.self))
            output.append(0x22)
            return
        }
        let start = output.count
        let room = maximumEscapedCount(utf8.count)
        output.append(contentsOf: repeatElement(0, count: room))
        let written = output.withUnsafeMutableBytes { writeEscaped(utf8, to: $0.baseAddress! + start) }
        output.removeLast(room - written)
    }

    /// Appends `string` quoted and escaped, as `appendEscaped(_:to:)` on its UTF-8 bytes.
    public static func appendEscaped(_ string: String, to output: inout [UInt8]) {
        var string = string
        string.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0), to: &output) }
    }

    /// Appends a sequence of UTF-8 bytes quoted and escaped, as `appendEscaped(_:to:)`.
    public static func appendEscaped<Bytes: Sequence<UInt8>>(_ utf8: Bytes, to output: inout [UInt8]) {
        let done: Void? = utf8.withContiguousStorageIfAvailable {
            appendEscaped(UnsafeRawBufferPointer($0), to: &output)
        }
        if done != nil { return }
        Array(utf8).withUnsafeBytes { appendEscaped($0, to: &output) }
    }

    /// Writes the escape sequence for a byte that may not appear raw in a JSON string and returns
    /// its length (2 or 6).
    @inline(__always)
    private static func writeEscape(of byte: UInt8, to destination: UnsafeMutableRawPointer) -> Int {
        destination.storeBytes(of: 0x5C, as: UInt8.self)
        let short: UInt8
        switch byte {
        case 0x22: short = 0x22
        case 0x5C: short = 0x5C
        case 0x08: short = 0x62
        case 0x0C: short = 0x66
        case 0x0A: short = 0x6E
        case 0x0D: short = 0x72
        case 0x09: short = 0x74
        default:
            let low = byte & 0xF
            destination.storeBytes(of: 0x75, toByteOffset: 1, as: UInt8.self)
            destination.storeBytes(of: 0x30, toByteOffset: 2, as: UInt8.self)
            destination.storeBytes(of: 0x30, toByteOffset: 3, as: UInt8.self)
            destination.storeBytes(of: 0x30 + (byte >> 4), toByteOffset: 4, as: UInt8.self)  // high nibble is 0 or 1
            destination.storeBytes(of: low < 10 ? 0x30 + low : 0x61 + low - 10, toByteOffset: 5, as: UInt8.self)
            return 6
        }
        destination.storeBytes(of: short, toByteOffset: 1, as: UInt8.self)
        return 2
    }
}

extension JSONString {
    /// Whether any byte of `utf8` must be escaped in a JSON string (a quote, a backslash or a
    /// control character below U+0020). Eight bytes at a time; lets a writer copy plain text,
    /// which is nearly all text, in one block.
    @inlinable
    public static func needsEscaping(_ utf8: UnsafeRawBufferPointer) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let count = utf8.count
        var i = 0
        while i + 8 <= count {
            if SWAR.hasEscapedByte(base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
            i += 8
        }
        while i < count {
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            if b < 0x20 || b == 0x22 || b == 0x5C { return true }
            i += 1
        }
        return false
    }

    /// Copies `count` bytes from `source` to `destination` when none of them needs escaping in a
    /// JSON string, eight at a time, and returns true; returns false, having written an
    /// unspecified prefix, when one does. The last word may be read up to `readable` (exclusive)
    /// and written up to 7 bytes past `count`, so the caller reserves that much slack.
    /// For the short strings of token arrays, where a byte loop costs more than the tokenising.
    @inlinable @inline(__always)
    public static func copyUnescaped(_ source: UnsafePointer<UInt8>, _ count: Int, readable: UnsafePointer<UInt8>,
                                     to destination: UnsafeMutablePointer<UInt8>) -> Bool {
        let input = UnsafeRawPointer(source), output = UnsafeMutableRawPointer(destination)
        var k = 0
        while k + 8 <= count {
            let word = input.loadUnaligned(fromByteOffset: k, as: UInt64.self)
            if SWAR.hasEscapedByte(word) { return false }
            output.storeBytes(of: word, toByteOffset: k, as: UInt64.self)
            k += 8
        }
        let rest = count - k
        if rest == 0 { return true }
        #if _endian(little)
        if source + k + 8 <= readable {
            // The bytes past the string are replaced by a letter before the test.
            let keep: UInt64 = (1 << UInt64(8 * rest)) &- 1
            let word = input.loadUnaligned(fromByteOffset: k, as: UInt64.self) & keep | (0x6161_6161_6161_6161 & ~keep)
            if SWAR.hasEscapedByte(word) { return false }
            output.storeBytes(of: word, toByteOffset: k, as: UInt64.self)
            return true
        }
        #endif
        while k < count {
            let b = source[k]
            if b < 0x20 || b == 0x22 || b == 0x5C { return false }
            destination[k] = b
            k += 1
        }
        return true
    }
}
