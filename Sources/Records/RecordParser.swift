#if canImport(Glibc)
import Glibc
#endif

/// Where one top-level field of a record sits in its line: byte ranges of the key (between its
/// quotes) and of the raw value text.
public struct FieldSpan: Sendable, Equatable {
    public var keyStart: Int
    public var keyEnd: Int
    /// The key contains a backslash escape, so comparing raw bytes is not enough.
    public var keyHasEscape: Bool
    public var valueStart: Int
    public var valueEnd: Int
}

/// A strict, allocation-free scanner for one line of JSON Lines.
///
/// `parse(_:)` validates the whole line as RFC 8259 JSON (an object at the top, well-formed UTF-8,
/// valid escapes, no control characters in strings, nesting at most `maxDepth`) and records the
/// span of every top-level field, so that a filter reads the few fields it needs and copies every
/// other field to its output byte for byte. One pass over the bytes; the field array is reused.
/// The parsed spans refer to the buffer given to `parse` and are valid as long as it is.
public final class RecordParser {
    /// The deepest nesting accepted (objects and arrays), against stack exhaustion.
    public static let maxDepth = 512

    /// The fields of the last parsed line, in order of appearance.
    public private(set) var fields: [FieldSpan] = []
    /// The last parsed line.
    public private(set) var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    var scratch: [UInt8] = []

    public init() { fields.reserveCapacity(16) }

    /// Validates `line` and indexes its top-level fields; throws `RecordsError.invalidLine`.
    public func parse(_ line: UnsafeBufferPointer<UInt8>) throws {
        self.line = line
        fields.removeAll(keepingCapacity: true)
        guard let base = line.baseAddress, line.count > 0 else { throw RecordsError.invalidLine("empty line where a JSON object was expected") }
        var scanner = JSONScanner(base: base, count: line.count)
        try scanner.topLevelObject(into: &fields)
    }

    /// The index of the first field named `key`, or nil.
    public func index(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { k in
            for (i, f) in fields.enumerated() {
                if f.keyHasEscape {
                    if (try? decodedKey(f)) == Array(k) { return i }
                } else if f.keyEnd - f.keyStart == k.count,
                          k.count == 0 || memcmp(line.baseAddress! + f.keyStart, k.baseAddress!, k.count) == 0 {
                    return i
                }
            }
            return nil
        }
    }

    /// The raw bytes of the key of field `i` (escapes undecoded) and of its value.
    public func rawKey(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[fields[i].keyStart..<fields[i].keyEnd])
    }

    public func rawValue(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: line[fields[i].valueStart..<fields[i].valueEnd])
    }

    /// The key of field `i` as a String.
    public func key(_ i: Int) -> String {
        let f = fields[i]
        if f.keyHasEscape, let bytes = try? decodedKey(f) { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: rawKey(i), as: UTF8.self)
    }

    private func decodedKey(_ f: FieldSpan) throws -> [UInt8] {
        var out: [UInt8] = []
        try JSONStringCodec.unescape(UnsafeBufferPointer(rebasing: line[f.keyStart..<f.keyEnd]), into: &out)
        return out
    }
}

/// The recursive-descent validator behind `RecordParser`.
struct JSONScanner {
    let p: UnsafePointer<UInt8>
    let n: Int
    var i = 0

    init(base: UnsafePointer<UInt8>, count: Int) { p = base; n = count }

    func fail(_ what: String) -> RecordsError {
        if i >= n { return .invalidLine("malformed JSON: \(what) at end of line") }
        return .invalidLine("malformed JSON: \(what) at byte \(i + 1)")
    }

    @inline(__always) mutating func skipSpace() {
        while i < n {
            let b = p[i]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1 } else { return }
        }
    }

    mutating func topLevelObject(into fields: inout [FieldSpan]) throws {
        skipSpace()
        guard i < n, p[i] == UInt8(ascii: "{") else {
            if i < n, p[i] == UInt8(ascii: "[") || p[i] == UInt8(ascii: "\"") || (p[i] >= 0x30 && p[i] <= 0x39) {
                throw RecordsError.invalidLine("a JSON value that is not an object: each line must be a JSON object")
            }
            throw fail("expected '{'")
        }
        i += 1
        skipSpace()
        if i < n, p[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                guard i < n, p[i] == UInt8(ascii: "\"") else { throw fail("expected a field name in quotes") }
                let keyStart = i + 1
                let escaped = try string()
                let keyEnd = i - 1
                skipSpace()
                guard i < n, p[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                i += 1
                skipSpace()
                let valueStart = i
                try value(depth: 1)
                fields.append(FieldSpan(keyStart: keyStart, keyEnd: keyEnd, keyHasEscape: escaped,
                                        valueStart: valueStart, valueEnd: i))
                skipSpace()
                guard i < n else { throw fail("expected ',' or '}'") }
                if p[i] == UInt8(ascii: ",") { i += 1; continue }
                if p[i] == UInt8(ascii: "}") { i += 1; break }
                throw fail("expected ',' or '}'")
            }
        }
        skipSpace()
        if i < n { throw fail("unexpected text after the object") }
    }

    mutating func value(depth: Int) throws {
        guard i < n else { throw fail("expected a value") }
        switch p[i] {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"): try object(depth: depth + 1)
        case UInt8(ascii: "["): try array(depth: depth + 1)
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw fail("expected a value")
        }
    }

    mutating func literal(_ word: StaticString) throws {
        let w = word.utf8Start, k = word.utf8CodeUnitCount
        guard i + k <= n, memcmp(p + i, w, k) == 0 else { throw fail("expected a value") }
        i += k
    }

    mutating func number() throws {
        if p[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n, isDigit(p[i]) else { throw fail("malformed number") }
        if p[i] == UInt8(ascii: "0") { i += 1 } else { while i < n, isDigit(p[i]) { i += 1 } }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            guard i < n, isDigit(p[i]) else { throw fail("malformed number") }
            while i < n, isDigit(p[i]) { i += 1 }
        }
        if i < n, p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
            guard i < n, isDigit(p[i]) else { throw fail("malformed number") }
            while i < n, isDigit(p[i]) { i += 1 }
        }
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    mutating func object(depth: Int) throws {
        guard depth <= RecordParser.maxDepth else { throw fail("nesting deeper than \(RecordParser.maxDepth)") }
        i += 1
        skipSpace()
        if i < n, p[i] == UInt8(ascii: "}") { i += 1; return }
        while true {
            skipSpace()
            guard i < n, p[i] == UInt8(ascii: "\"") else { throw fail("expected a field name in quotes") }
            _ = try string()
            skipSpace()
            guard i < n, p[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            i += 1
            skipSpace()
            try value(depth: depth)
            skipSpace()
            guard i < n else { throw fail("expected ',' or '}'") }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == UInt8(ascii: "}") { i += 1; return }
            throw fail("expected ',' or '}'")
        }
    }

    mutating func array(depth: Int) throws {
        guard depth <= RecordParser.maxDepth else { throw fail("nesting deeper than \(RecordParser.maxDepth)") }
        i += 1
        skipSpace()
        if i < n, p[i] == UInt8(ascii: "]") { i += 1; return }
        while true {
            skipSpace()
            try value(depth: depth)
            skipSpace()
            guard i < n else { throw fail("expected ',' or ']'") }
            if p[i] == UInt8(ascii: ",") { i += 1; continue }
            if p[i] == UInt8(ascii: "]") { i += 1; return }
            throw fail("expected ',' or ']'")
        }
    }

    /// Scans a string starting at its opening quote; leaves `i` after the closing quote.
    /// Returns whether it contained a backslash escape.
    mutating func string() throws -> Bool {
        i += 1
        var escaped = false
        while i < n {
            let b = p[i]
            if b == UInt8(ascii: "\"") { i += 1; return escaped }
            if b == UInt8(ascii: "\\") {
                escaped = true
                guard i + 1 < n else { throw fail("unterminated string") }
                switch p[i + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    i += 2
                case UInt8(ascii: "u"):
                    let unit = try hex4(at: i + 2)
                    i += 6
                    if unit >= 0xD800 && unit < 0xDC00 {
                        guard i + 1 < n, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u"),
                              let low = try? hex4(at: i + 2), low >= 0xDC00 && low < 0xE000 else {
                            throw fail("a \\u escape with an unpaired surrogate")
                        }
                        i += 6
                    } else if unit >= 0xDC00 && unit < 0xE000 {
                        throw fail("a \\u escape with an unpaired surrogate")
                    }
                default:
                    throw fail("invalid escape")
                }
            } else if b < 0x20 {
                throw fail("a control character inside a string")
            } else if b < 0x80 {
                i += 1
            } else {
                let k = UTF8Validation.sequenceLength(p, i, n)
                if k == 0 { throw RecordsError.invalidLine("invalid UTF-8 at byte \(i + 1)") }
                i += k
            }
        }
        throw fail("unterminated string")
    }

    func hex4(at j: Int) throws -> UInt32 {
        guard j + 4 <= n else { throw fail("a short \\u escape") }
        var v: UInt32 = 0
        for k in 0..<4 {
            let b = p[j + k]
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x41...0x46: d = b - 0x41 + 10
            case 0x61...0x66: d = b - 0x61 + 10
            default: throw fail("a malformed \\u escape")
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }
}
