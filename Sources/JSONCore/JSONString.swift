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
        var i = 0
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
                return try decodeEscaped(body)
            } else if byte < 0x20 {
                throw JSONError(offset: i, reason: "unescaped control character \(describeByte(byte)) in a string")
            } else if byte == 0x22 {
                throw JSONError(offset: i, reason: "unescaped quote in a string")
            } else if byte >= 0x80 {
                nonASCII = true
            }
            i += 1
        }
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
                guard i + 1 < count else { throw JSONError(offset: i, reason: "unfinished escape in a string") }
                switch base.load(fromByteOffset: i + 1, as: UInt8.self) {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                    i += 2
                case 0x75:
                    let scalar = try hex4(base, count, at: i)
                    if scalar >= 0xD800 && scalar <= 0xDBFF {
                        guard i + 7 < count, base.load(fromByteOffset: i + 6, as: UInt8.self) == 0x5C,
                              base.load(fromByteOffset: i + 7, as: UInt8.self) == 0x75,
                              case let low = try hex4(base, count, at: i + 6), low >= 0xDC00 && low <= 0xDFFF else {
                            throw JSONError(offset: i, reason: "unpaired surrogate in a string")
                        }
                        i += 12
                    } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                        throw JSONError(offset: i, reason: "unpaired surrogate in a string")
                    } else {
                        i += 6
                    }
                case let escaped:
                    throw JSONError(offset: i, reason: "invalid escape: a backslash followed by \(describeByte(escaped))")
                }
                continue
            } else if byte < 0x20 {
                throw JSONError(offset: i, reason: "unescaped control character \(describeByte(byte)) in a string")
            } else if byte == 0x22 {
                throw JSONError(offset: i, reason: "unescaped quote in a string")
            } else if byte >= 0x80 {
                nonASCII = true
            }
            i += 1
        }
        if nonASCII, let bad = UTF8Validation.firstInvalidOffset(in: body) {
            throw JSONError(offset: bad, reason: "invalid UTF-8 in a string")
        }
    }

    /// The slow path of `decode` for bodies with at least one backslash.
    private static func decodeEscaped(_ body: UnsafeRawBufferPointer) throws -> String {
        if let bad = UTF8Validation.firstInvalidOffset(in: body) {
            throw JSONError(offset: bad, reason: "invalid UTF-8 in a string")
        }
        let base = body.baseAddress!
        let count = body.count
        // Every escape is at least as long as the UTF-8 it stands for, so `count` bytes suffice.
        return try String(unsafeUninitializedCapacity: count) { out in
            var i = 0, o = 0
            while i < count {
                let byte = base.load(fromByteOffset: i, as: UInt8.self)
                if byte == 0x22 { throw JSONError(offset: i, reason: "unescaped quote in a string") }
                if byte < 0x20 {
                    throw JSONError(offset: i, reason: "unescaped control character \(describeByte(byte)) in a string")
                }
                if byte != 0x5C {
                    out[o] = byte
                    o += 1
                    i += 1
                    continue
                }
                guard i + 1 < count else { throw JSONError(offset: i, reason: "unfinished escape in a string") }
                let escaped = base.load(fromByteOffset: i + 1, as: UInt8.self)
                var simple: UInt8 = 0
                switch escaped {
                case 0x22: simple = 0x22            // \"
                case 0x5C: simple = 0x5C            // \\
                case 0x2F: simple = 0x2F            // \/
                case 0x62: simple = 0x08            // \b
                case 0x66: simple = 0x0C            // \f
                case 0x6E: simple = 0x0A            // \n
                case 0x72: simple = 0x0D            // \r
                case 0x74: simple = 0x09            // \t
                case 0x75: break                    // \uXXXX below
                default:
                    throw JSONError(offset: i, reason: "invalid escape: a backslash followed by \(describeByte(escaped))")
                }
                if escaped != 0x75 {
                    out[o] = simple
                    o += 1
                    i += 2
                    continue
                }
                var scalar = try hex4(base, count, at: i)
                i += 6
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    // A high surrogate must be followed by an escaped low surrogate (RFC 8259 §7).
                    guard i + 1 < count, base.load(fromByteOffset: i, as: UInt8.self) == 0x5C,
                          base.load(fromByteOffset: i + 1, as: UInt8.self) == 0x75 else {
                        throw JSONError(offset: i - 6, reason: "unpaired surrogate in a string")
                    }
                    let low = try hex4(base, count, at: i)
                    guard low >= 0xDC00 && low <= 0xDFFF else {
                        throw JSONError(offset: i - 6, reason: "unpaired surrogate in a string")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    throw JSONError(offset: i - 6, reason: "unpaired surrogate in a string")
                }
                o = writeUTF8(scalar, to: out, at: o)
            }
            return o
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

    /// Writes the UTF-8 encoding of a Unicode scalar value and returns the next output index.
    private static func writeUTF8(_ v: UInt32, to out: UnsafeMutableBufferPointer<UInt8>, at o: Int) -> Int {
        switch v {
        case 0..<0x80:
            out[o] = UInt8(v)
            return o + 1
        case 0x80..<0x800:
            out[o] = UInt8(0xC0 | v >> 6)
            out[o + 1] = UInt8(0x80 | v & 0x3F)
            return o + 2
        case 0x800..<0x10000:
            out[o] = UInt8(0xE0 | v >> 12)
            out[o + 1] = UInt8(0x80 | v >> 6 & 0x3F)
            out[o + 2] = UInt8(0x80 | v & 0x3F)
            return o + 3
        default:
            out[o] = UInt8(0xF0 | v >> 18)
            out[o + 1] = UInt8(0x80 | v >> 12 & 0x3F)
            out[o + 2] = UInt8(0x80 | v >> 6 & 0x3F)
            out[o + 3] = UInt8(0x80 | v & 0x3F)
            return o + 4
        }
    }
}
