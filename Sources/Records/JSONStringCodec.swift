/// JSON string escaping and unescaping on UTF-8 bytes (RFC 8259 section 7), for the hot path of
/// every filter: no String is created unless the caller asks for one.
public enum JSONStringCodec {
    /// Appends the decoded bytes of a JSON string body (the text between the quotes, already
    /// validated by `RecordParser`) to `out`. `\uXXXX` escapes, surrogate pairs included, become UTF-8.
    public static func unescape(_ body: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) throws {
        var i = 0
        let n = body.count
        while i < n {
            let b = body[i]
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            guard i + 1 < n else { throw RecordsError.invalidLine("malformed JSON: unterminated escape") }
            let e = body[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex(body, i)
                i += 4
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    guard i + 6 <= n, body[i] == UInt8(ascii: "\\"), body[i + 1] == UInt8(ascii: "u") else {
                        throw RecordsError.invalidLine("malformed JSON: a \\u escape with an unpaired surrogate")
                    }
                    let low = try hex(body, i + 2)
                    guard low >= 0xDC00 && low < 0xE000 else {
                        throw RecordsError.invalidLine("malformed JSON: a \\u escape with an unpaired surrogate")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw RecordsError.invalidLine("malformed JSON: a \\u escape with an unpaired surrogate")
                }
                appendUTF8(scalar, to: &out)
            default: out.append(e) // \" \\ \/
            }
        }
    }

    /// Decodes a JSON string body to a String; a body without escapes is decoded directly.
    public static func string(_ body: UnsafeBufferPointer<UInt8>) throws -> String {
        if memchrBackslash(body) == nil { return String(decoding: body, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        try unescape(body, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `"…"` with the JSON escapes a writer needs: `"`, `\`, and control characters;
    /// `/` and non-ASCII text are written as they are (valid UTF-8 is assumed).
    @inline(__always)
    public static func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        let n = utf8.count
        var i = 0
        while i < n {
            let b = utf8[i]
            if b >= 0x20 && b != UInt8(ascii: "\"") && b != UInt8(ascii: "\\") { i += 1; continue }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<i])) }
            out.append(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                let digits: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, digits[Int(b >> 4)], digits[Int(b & 15)]])
            }
            i += 1
            runStart = i
        }
        if runStart < n { out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<n])) }
        out.append(UInt8(ascii: "\""))
    }

    static func memchrBackslash(_ body: UnsafeBufferPointer<UInt8>) -> Int? {
        body.firstIndex(of: UInt8(ascii: "\\"))
    }

    static func hex(_ body: UnsafeBufferPointer<UInt8>, _ j: Int) throws -> UInt32 {
        guard j + 4 <= body.count else { throw RecordsError.invalidLine("malformed JSON: a short \\u escape") }
        var v: UInt32 = 0
        for k in 0..<4 {
            let b = body[j + k]
            switch b {
            case 0x30...0x39: v = v << 4 | UInt32(b - 0x30)
            case 0x41...0x46: v = v << 4 | UInt32(b - 0x37)
            case 0x61...0x66: v = v << 4 | UInt32(b - 0x57)
            default: throw RecordsError.invalidLine("malformed JSON: a malformed \\u escape")
            }
        }
        return v
    }

    static func appendUTF8(_ s: UInt32, to out: inout [UInt8]) {
        switch s {
        case 0..<0x80: out.append(UInt8(s))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | s >> 6)); out.append(UInt8(0x80 | s & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | s >> 12)); out.append(UInt8(0x80 | s >> 6 & 0x3F)); out.append(UInt8(0x80 | s & 0x3F))
        default:
            out.append(UInt8(0xF0 | s >> 18)); out.append(UInt8(0x80 | s >> 12 & 0x3F))
            out.append(UInt8(0x80 | s >> 6 & 0x3F)); out.append(UInt8(0x80 | s & 0x3F))
        }
    }
}
