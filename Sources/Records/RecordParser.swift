#if canImport(Glibc)
import Glibc
#endif
import JSONCore

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
/// `parse(_:)` validates the whole line as RFC 8259 JSON with `JSONCore.JSONParser` (an object at
/// the top, well-formed UTF-8, valid escapes, no control characters in strings, bounded nesting)
/// without building values, and records the span of every top-level field, so that a filter reads the few fields it needs and copies every
/// other field to its output byte for byte. One pass over the bytes; the field array is reused.
/// The parsed spans refer to the buffer given to `parse` and are valid as long as it is.
public final class RecordParser {
    /// The fields of the last parsed line, in order of appearance.
    public private(set) var fields: [FieldSpan] = []
    /// The last parsed line.
    public private(set) var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    public init() { fields.reserveCapacity(16) }

    /// Validates `line` and indexes its top-level fields; throws `RecordsError.invalidLine`.
    public func parse(_ line: UnsafeBufferPointer<UInt8>) throws {
        self.line = line
        fields.removeAll(keepingCapacity: true)
        guard line.count > 0 else { throw RecordsError.invalidLine("empty line where a JSON object was expected") }
        var parser = JSONParser(UnsafeRawBufferPointer(line))
        do {
            try indexObject(&parser)
        } catch let error as JSONError {
            throw RecordsError.invalidLine("malformed JSON at byte \(error.offset + 1): \(error.reason)")
        }
    }

    /// Walks the top-level object, recording each field's key and value spans.
    private func indexObject(_ parser: inout JSONParser) throws {
        let bytes = parser.buffer
        func peek() -> UInt8 { parser.position < bytes.count ? bytes[parser.position] : 0 }
        func expected(_ what: String) -> JSONError {
            JSONError(offset: parser.position, reason: parser.isAtEnd ? "unexpected end of line, expected \(what)" : "expected \(what)")
        }
        parser.skipWhitespace()
        guard peek() == UInt8(ascii: "{") else {
            if parser.isAtEnd { throw expected("'{'") }
            throw RecordsError.invalidLine("each line must be a JSON object")
        }
        parser.position += 1
        parser.skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            parser.position += 1
        } else {
            while true {
                parser.skipWhitespace()
                guard peek() == UInt8(ascii: "\"") else { throw expected("a field name in quotes") }
                let keyStart = parser.position + 1
                try parser.skipString()
                let keyEnd = parser.position - 1
                parser.skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { throw expected("':' after a field name") }
                parser.position += 1
                parser.skipWhitespace()
                let valueStart = parser.position
                try parser.skipValue()
                let escaped = UnsafeRawBufferPointer(rebasing: bytes[keyStart..<keyEnd]).contains(UInt8(ascii: "\\"))
                fields.append(FieldSpan(keyStart: keyStart, keyEnd: keyEnd, keyHasEscape: escaped,
                                        valueStart: valueStart, valueEnd: parser.position))
                parser.skipWhitespace()
                if peek() == UInt8(ascii: ",") { parser.position += 1; continue }
                if peek() == UInt8(ascii: "}") { parser.position += 1; break }
                throw expected("',' or '}'")
            }
        }
        parser.skipWhitespace()
        if !parser.isAtEnd { throw JSONError(offset: parser.position, reason: "unexpected text after the object") }
    }

    /// The index of the first field named `key`, or nil.
    public func index(of key: String) -> Int? {
        var key = key
        return key.withUTF8 { k in
            for (i, f) in fields.enumerated() {
                if f.keyHasEscape {
                    if let decoded = try? decodedKey(f), Array(decoded.utf8) == Array(k) { return i }
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
        if f.keyHasEscape, let decoded = try? decodedKey(f) { return decoded }
        return String(decoding: rawKey(i), as: UTF8.self)
    }

    private func decodedKey(_ f: FieldSpan) throws -> String {
        try JSONString.decode(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: line[f.keyStart..<f.keyEnd])))
    }
}
