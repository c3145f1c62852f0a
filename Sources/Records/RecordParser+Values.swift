import JSONCore

/// Typed access to the values of the last parsed record. A value of the wrong type is an
/// `invalidLine` error naming the field, so a filter reports it with the line number.
extension RecordParser {
    /// The JSON type of field `i`'s value, from its first byte.
    public func valueType(_ i: Int) -> JSONValueType {
        switch line[fields[i].valueStart] {
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: return .number
        }
    }

    /// The string value of field `i`.
    public func string(_ i: Int, field name: String) throws -> String {
        guard valueType(i) == .string else { throw wrongType(name, "a string") }
        let f = fields[i]
        return try JSONString.decode(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: line[f.valueStart + 1..<f.valueEnd - 1])))
    }

    /// The decoded UTF-8 bytes of the string value of field `i`, passed to `body` without creating
    /// a String: straight from the line when the string has no escapes, from a scratch buffer otherwise.
    public func withStringBytes<R>(_ i: Int, field name: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        guard valueType(i) == .string else { throw wrongType(name, "a string") }
        let f = fields[i]
        let raw = UnsafeBufferPointer(rebasing: line[f.valueStart + 1..<f.valueEnd - 1])
        if !raw.contains(UInt8(ascii: "\\")) { return try body(raw) }
        var decoded = try JSONString.decode(UnsafeRawBufferPointer(raw))
        return try decoded.withUTF8 { try body($0) }
    }

    /// Calls `body` with the decoded UTF-8 bytes of each string in the array value of field `i`
    /// (an array of strings), without allocating per element when there are no escapes.
    public func forEachStringBytes(_ i: Int, field name: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard valueType(i) == .array else { throw wrongType(name, "an array of strings") }
        let f = fields[i]
        var j = f.valueStart + 1
        let end = f.valueEnd - 1
        while j < end {
            let b = line[j]
            if b == UInt8(ascii: "\"") {
                var k = j + 1
                var escaped = false
                while line[k] != UInt8(ascii: "\"") {
                    if line[k] == UInt8(ascii: "\\") { escaped = true; k += 2 } else { k += 1 }
                }
                let raw = UnsafeBufferPointer(rebasing: line[j + 1..<k])
                if escaped {
                    var decoded = try JSONString.decode(UnsafeRawBufferPointer(raw))
                    try decoded.withUTF8 { try body($0) }
                } else {
                    try body(raw)
                }
                j = k + 1
            } else if b == UInt8(ascii: ",") || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D {
                j += 1
            } else {
                throw wrongType(name, "an array of strings")
            }
        }
    }

    /// The array of strings in field `i`.
    public func strings(_ i: Int, field name: String) throws -> [String] {
        var result: [String] = []
        try forEachStringBytes(i, field: name) { result.append(String(decoding: $0, as: UTF8.self)) }
        return result
    }

    /// The array of integers in field `i` (JSON numbers without fraction or exponent).
    public func integers(_ i: Int, field name: String) throws -> [Int] {
        guard valueType(i) == .array else { throw wrongType(name, "an array of integers") }
        let f = fields[i]
        var result: [Int] = []
        var j = f.valueStart + 1
        let end = f.valueEnd - 1
        while j < end {
            let b = line[j]
            if b == UInt8(ascii: ",") || b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { j += 1; continue }
            var negative = false
            if b == UInt8(ascii: "-") { negative = true; j += 1 }
            var value = 0
            var digits = 0
            while j < end, line[j] &- 0x30 < 10 {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int(line[j] - 0x30))
                if o1 || o2 { throw RecordsError.invalidLine("field '\(name)' holds an integer out of range") }
                value = s
                j += 1
                digits += 1
            }
            guard digits > 0, j == end || line[j] == UInt8(ascii: ",") || line[j] == 0x20 || line[j] == 0x09 || line[j] == 0x0A || line[j] == 0x0D else {
                throw wrongType(name, "an array of integers")
            }
            result.append(negative ? -value : value)
        }
        return result
    }

    /// The number in field `i` as a Double.
    public func double(_ i: Int, field name: String) throws -> Double {
        guard valueType(i) == .number, let v = Double(String(decoding: rawValue(i), as: UTF8.self)) else {
            throw wrongType(name, "a number")
        }
        return v
    }

    func wrongType(_ name: String, _ expected: String) -> RecordsError {
        .invalidLine("field '\(name)' is not \(expected)")
    }
}

/// The type of a JSON value, as seen from its first byte.
public enum JSONValueType: Sendable, Equatable {
    case string, number, bool, null, array, object
}
