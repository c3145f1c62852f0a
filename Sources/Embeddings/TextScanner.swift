#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cursor over the bytes of a text vector file: fields separated by spaces or tabs, lines
/// ended by `\n` (a `\r` before it is ignored). Used for format detection and headers; the
/// vector readers parse numbers in place with `strtof`.
struct TextScanner {
    let buffer: UnsafeBufferPointer<UInt8>
    let end: Int
    var position = 0
    /// Whether the last `fields(limit:)` stopped at a line end (rather than the end of the bytes).
    var sawLineEnd = false

    init(_ buffer: UnsafeBufferPointer<UInt8>, end: Int) {
        self.buffer = buffer
        self.end = end
    }

    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }

    /// The fields of the line at `position` (at most `limit` bytes scanned), advancing past its
    /// line end; nil at the end of the bytes or when the line is longer than `limit`.
    mutating func fields(limit: Int) -> [Range<Int>]? {
        guard position < end else { return nil }
        var result: [Range<Int>] = []
        var i = position
        let stop = min(end, position &+ limit)
        sawLineEnd = false
        while i < stop {
            let byte = buffer[i]
            if byte == 0x0A { sawLineEnd = true; break }
            if Self.isBlank(byte) { i += 1; continue }
            let start = i
            while i < stop, !Self.isBlank(buffer[i]), buffer[i] != 0x0A { i += 1 }
            result.append(start..<i)
        }
        if !sawLineEnd && i < end { return nil }
        position = sawLineEnd ? i + 1 : i
        return result
    }

    /// A non-negative decimal integer field (at most 18 digits), or nil.
    static func integer(_ field: Range<Int>, _ buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !field.isEmpty, field.count <= 18 else { return nil }
        var value = 0
        for i in field {
            let digit = Int(buffer[i]) - 0x30
            guard digit >= 0 && digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// Whether a field is a number as `strtof` reads it, entirely.
    static func isNumber(_ field: Range<Int>, _ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !field.isEmpty, field.count < 64 else { return false }
        var text = [CChar](repeating: 0, count: field.count + 1)
        for (k, i) in field.enumerated() { text[k] = CChar(bitPattern: buffer[i]) }
        return text.withUnsafeBufferPointer { p -> Bool in
            var endPointer: UnsafeMutablePointer<CChar>? = nil
            _ = strtof(p.baseAddress!, &endPointer)
            return endPointer.map { $0 - UnsafeMutablePointer(mutating: p.baseAddress!) } == field.count
        }
    }
}
