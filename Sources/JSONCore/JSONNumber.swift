/// A JSON number kept exactly as written, so that reading and writing a record never changes its
/// numbers (`1.0` stays `1.0`, `1e400` stays `1e400`, a 20-digit id keeps all its digits).
///
/// The text always follows the number grammar of RFC 8259 §6:
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`. Two numbers are equal when their texts
/// are equal.
public struct JSONNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number as written in JSON.
    public let text: String

    /// A number from its JSON text, or nil when `text` is not a JSON number.
    public init?(text: String) {
        var text = text
        let valid = text.withUTF8 { JSONNumber.grammarLength(UnsafeRawBufferPointer($0), from: 0) == $0.count }
        guard valid, !text.isEmpty else { return nil }
        self.text = text
    }

    /// A number whose text the caller has already checked against the grammar.
    init(validatedText: String) {
        self.text = validatedText
    }

    /// An integer, written in decimal.
    public init<Integer: BinaryInteger>(_ value: Integer) {
        self.text = String(value)
    }

    /// A finite double written with the fewest digits that read back to the same value, in the
    /// layout of Python's `repr(float)` (`0.1`, `100.0`, `1e-05`, `1.5e+300`); nil for NaN and
    /// infinities, which JSON cannot represent.
    public init?(_ value: Double) {
        guard value.isFinite else { return nil }
        self.text = ShortestDecimal.pythonRepr(value)
    }

    /// A finite float, written with the fewest digits that read back to the same `Float`
    /// (so `Float(0.1)` gives `0.1`, not `0.10000000149011612`); nil for NaN and infinities.
    public init?(_ value: Float) {
        guard value.isFinite else { return nil }
        self.text = ShortestDecimal.pythonRepr(value)
    }

    public var description: String { text }

    /// Whether the text has no fraction and no exponent.
    public var isIntegerLiteral: Bool {
        !text.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value as an `Int` when it is an integer that fits: `42`, `-7`, and also `1e3` or `2.0`
    /// (whose values are integers below 2^53 in magnitude); nil for `1.5` or an out-of-range value.
    public var intValue: Int? {
        if isIntegerLiteral { return Int(text) }
        let value = doubleValue
        guard value.rounded() == value, abs(value) <= 9_007_199_254_740_992 else { return nil }
        return Int(value)
    }

    /// The value rounded to the nearest `Double` (correctly rounded, as `strtod`); a magnitude too
    /// large for a double gives ±infinity and one too small gives ±0.
    public var doubleValue: Double {
        // The grammar guarantees a well-formed literal; the standard library parser rounds
        // correctly and saturates to infinity on overflow.
        Double(text) ?? (text.hasPrefix("-") ? -.infinity : .infinity)
    }

    /// The length of the longest prefix of `buffer[start...]` that is a JSON number, or 0 when
    /// there is none; when the prefix is followed by a digit, `.`, `e` or `E` that the grammar
    /// cannot take (as in `01` or `1.`), the number is malformed and -1 is returned.
    ///
    /// Complexity: O(length of the number).
    public static func grammarLength(_ buffer: UnsafeRawBufferPointer, from start: Int) -> Int {
        let count = buffer.count
        var i = start
        @inline(__always) func byte(_ k: Int) -> UInt8 { k < count ? buffer[k] : 0 }
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        if byte(i) == 0x2D { i += 1 }                         // -
        if byte(i) == 0x30 {                                   // 0
            i += 1
            if isDigit(byte(i)) { return -1 }
        } else if isDigit(byte(i)) {
            while isDigit(byte(i)) { i += 1 }
        } else {
            return i == start ? 0 : -1
        }
        if byte(i) == 0x2E {                                   // .
            i += 1
            guard isDigit(byte(i)) else { return -1 }
            while isDigit(byte(i)) { i += 1 }
        }
        if byte(i) == 0x65 || byte(i) == 0x45 {                // e E
            i += 1
            if byte(i) == 0x2B || byte(i) == 0x2D { i += 1 }   // + -
            guard isDigit(byte(i)) else { return -1 }
            while isDigit(byte(i)) { i += 1 }
        }
        let next = byte(i)
        if next == 0x2E || next == 0x65 || next == 0x45 { return -1 }
        return i - start
    }
}
