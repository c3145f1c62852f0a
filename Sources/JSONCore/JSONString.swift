/// Building blocks for JSON strings (RFC 8259 §7) that streaming readers and writers can call in
/// their hot loops: finding the end of a string, decoding the bytes between the quotes, and
/// appending a quoted, escaped string to an output buffer. None of them allocates per character.
public enum JSONString {
    /// The index of the closing quote of a string whose body starts at `start` (the byte after the
    /// opening quote), or nil when the buffer ends first. A backslash skips the byte after it, so
    /// `\"` does not end the string. Escapes and UTF-8 are not validated here; `decode` does that.
    ///
    /// Complexity: O(length of the string); runs without quotes or backslashes are skipped eight
    /// bytes at a time.
    public static func endOfString(in buffer: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        let count = buffer.count
        var i = start
        while i < count {
            while i + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if SWAR.hasByte(word, 0x22) || SWAR.hasByte(word, 0x5C) { break }
                i += 8
            }
            if i >= count { return nil }
            let byte = base.load(fromByteOffset: i, as: UInt8.self)
            if byte == 0x22 { return i }
            i += byte == 0x5C ? 2 : 1
        }
        return nil
    }

    /// Decodes the body of a JSON string (the bytes between the quotes) into a `String`.
    ///
    /// Throws `JSONError` (offset relative to `body`) for an unescaped quote or control character
    /// (below U+0020), an unknown escape, a malformed `\uXXXX`, an unpaired surrogate, or ill-formed
    /// UTF-8. Complexity: O(n) with one allocation (the resulting string); a body without escapes
    /// is checked eight bytes at a time and copied once.
    public static func decode(_ body: UnsafeRawBufferPointer) throws -> String {
        guard let base = body.baseAddress, body.count > 0 else { return "" }
        let count = body.count
        let (stop, nonASCII) = try scanUnescaped(base, count, from: 0)
        if stop < count { return try decodeEscaped(body, firstEscape: stop) }
        let units = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count)
        if !nonASCII {
            return String(decoding: units, as: UTF8.self)
        }
        if let string = String(validating: units, as: UTF8.self) {
            return string
        }
        throw JSONError(offset: UTF8Validation.firstInvalidOffset(in: body) ?? 0, reason: "invalid UTF-8 in a string")
    }

    /// Checks a string body exactly as `decode` does, without building the string.
    ///
    /// Complexity: O(n), no allocation.
    public static func validate(_ body: UnsafeRawBufferPointer) throws {
        guard let base = body.baseAddress else { return }
        let count = body.count
        var i = 0
        var nonASCII = false
        while true {
            let (stop, sawNonASCII) = try scanUnescaped(base, count, from: i)
            nonASCII = nonASCII || sawNonASCII
            if stop == count { break }
            i = stop + (try unescape(base, count, at: stop)).length
        }
        if nonASCII, let bad = UTF8Validation.firstInvalidOffset(in: body) {
            throw JSONError(offset: bad, reason: "invalid UTF-8 in a string")
        }
    }

    /// The scan `decode` and `validate` share: from `start` to the first backslash (or the end),
    /// rejecting unescaped quotes and control characters. Returns where it stopped and whether it
    /// passed a non-ASCII byte. Runs without special bytes are skipped eight bytes at a time.
    @inline(__always)
    private static func scanUnescaped(_ base: UnsafeRawPointer, _ count: Int,
                                      from start: Int) throws -> (stop: Int, nonASCII: Bool) {
        var i = start
        var nonASCII = false
        while i < count {
            while i + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if SWAR.hasEscapedByte(word) { break }
                if word & SWAR.highs != 0 { nonASCII = true }
                i += 8
            }
            if i >= count { break }
            let byte = base.load(fromByteOffset: i, as: UInt8.self)
            if byte == 0x5C {
                return (i, nonASCII)
            } else if byte < 0x20 {
                throw JSONError(offset: i, reason: "unescaped control character \(describeByte(byte)) in a string")
            } else if byte == 0x22 {
                throw JSONError(offset: i, reason: "unescaped quote in a string")
            } else if byte >= 0x80 {
                nonASCII = true
            }
            i += 1
        }
        return (count, nonASCII)
    }

    /// The scalar the escape starting at backslash `i` stands for, and the escape's length in
    /// bytes: 2 for `\n` and its kind, 6 for `\uXXXX`, 12 for a surrogate pair, which RFC 8259 §7
    /// writes as an escaped high surrogate followed by an escaped low one.
    private static func unescape(_ base: UnsafeRawPointer, _ count: Int, at i: Int) throws -> (scalar: UInt32, length: Int) {
        guard i + 1 < count else { throw JSONError(offset: i, reason: "unfinished escape in a string") }
        let escaped = base.load(fromByteOffset: i + 1, as: UInt8.self)
        switch escaped {
        case 0x22: return (0x22, 2)         // \"
        case 0x5C: return (0x5C, 2)         // \\
        case 0x2F: return (0x2F, 2)         // \/
        case 0x62: return (0x08, 2)         // \b
        case 0x66: return (0x0C, 2)         // \f
        case 0x6E: return (0x0A, 2)         // \n
        case 0x72: return (0x0D, 2)         // \r
        case 0x74: return (0x09, 2)         // \t
        case 0x75:
            let scalar = try hex4(base, count, at: i)
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                guard i + 7 < count, base.load(fromByteOffset: i + 6, as: UInt8.self) == 0x5C,
                      base.load(fromByteOffset: i + 7, as: UInt8.self) == 0x75 else {
                    throw JSONError(offset: i, reason: "unpaired surrogate in a string")
                }
                let low = try hex4(base, count, at: i + 6)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw JSONError(offset: i, reason: "unpaired surrogate in a string")
                }
                return (0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00), 12)
            }
            if scalar >= 0xDC00 && scalar <= 0xDFFF {
                throw JSONError(offset: i, reason: "unpaired surrogate in a string")
            }
            return (scalar, 6)
        default:
            throw JSONError(offset: i, reason: "invalid escape: a backslash followed by \(describeByte(escaped))")
        }
    }

    /// The slow path of `decode` for bodies with at least one backslash (the first at
    /// `firstEscape`): runs between escapes are copied whole, escapes become their UTF-8.
    private static func decodeEscaped(_ body: UnsafeRawBufferPointer, firstEscape: Int) throws -> String {
        let base = body.baseAddress!
        let count = body.count
        // Every escape is at least as long as the UTF-8 it stands for, so `count` bytes suffice.
        // Errors come in `validate`'s order: the escapes and raw bytes first, then the UTF-8.
        return try String(unsafeUninitializedCapacity: count) { out in
            let target = out.baseAddress!
            var i = 0, o = 0, stop = firstEscape
            while true {
                (target + o).initialize(from: (base + i).assumingMemoryBound(to: UInt8.self), count: stop - i)
                o += stop - i
                if stop == count {
                    if let bad = UTF8Validation.firstInvalidOffset(in: body) {
                        throw JSONError(offset: bad, reason: "invalid UTF-8 in a string")
                    }
                    return o
                }
                let (scalar, length) = try unescape(base, count, at: stop)
                o += ValidUTF8.encode(scalar, target, o)
                i = stop + length
                stop = try scanUnescaped(base, count, from: i).stop
            }
        }
    }

    /// The value of the four hex digits of the `\u` escape starting at `escapeStart`.
    private static func hex4(_ base: UnsafeRawPointer, _ count: Int, at escapeStart: Int) throws -> UInt32 {
        guard escapeStart + 6 <= count else {
            throw JSONError(offset: escapeStart, reason: "unfinished \\u escape in a string")
        }
        var value: UInt32 = 0
        for k in 2..<6 {
            let c = base.load(fromByteOffset: escapeStart + k, as: UInt8.self)
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c &- 0x30
            case 0x41...0x46: digit = c &- 0x41 &+ 10
            case 0x61...0x66: digit = c &- 0x61 &+ 10
            default: throw JSONError(offset: escapeStart, reason: "invalid \\u escape in a string")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
