import JSONCore

/// Writing records: `beginRecord`, fields, `endRecord`. Keys are written as given (callers pass
/// plain names); values are escaped exactly as Python's `json.dumps(ensure_ascii=False)` does.
/// Fields copied from the input keep their bytes exactly.
extension OutputWriter {
    /// Starts a record: `{`.
    @inlinable @inline(__always)
    public func beginRecord() {
        byte(UInt8(ascii: "{"))
    }

    /// Ends a record and its line: `}\n`.
    @inlinable
    public func endRecord() throws {
        byte(UInt8(ascii: "}"))
        try endLine()
    }

    /// Writes a comma unless the previous byte opened an object or array.
    @inlinable @inline(__always)
    public func separator() {
        if count > 0 {
            let last = base[count - 1]
            if last == UInt8(ascii: "{") || last == UInt8(ascii: "[") { return }
        }
        byte(UInt8(ascii: ","))
    }

    /// Writes `"key":` (with a comma before it when it is not the first field).
    public func key(_ name: String) {
        separator()
        stringValue(name)
        byte(UInt8(ascii: ":"))
    }

    /// Copies the fields of the parsed record except those whose indices are in `excluding`,
    /// byte for byte.
    public func passThrough(_ record: RecordParser, excluding: [Int] = []) {
        for i in record.fields.indices where !excluding.contains(i) {
            separator()
            let f = record.fields[i]
            // The key with its quotes, then ':' and the raw value.
            write(UnsafeBufferPointer(rebasing: record.line[f.keyStart - 1...f.keyEnd]))
            byte(UInt8(ascii: ":"))
            write(UnsafeBufferPointer(rebasing: record.line[f.valueStart..<f.valueEnd]))
        }
    }

    /// A string value from UTF-8 bytes (valid UTF-8 is assumed): copied in one block when
    /// nothing in it needs escaping, which is nearly all text, and through
    /// `JSONString.writeEscaped` otherwise.
    @inlinable
    public func stringValue(_ utf8: UnsafeBufferPointer<UInt8>) {
        let n = utf8.count
        guard let source = utf8.baseAddress, !JSONString.needsEscaping(UnsafeRawBufferPointer(utf8)) else {
            reserve(JSONString.maximumEscapedCount(n))
            count = count + JSONString.writeEscaped(UnsafeRawBufferPointer(utf8), to: UnsafeMutableRawPointer(base + count))
            return
        }
        reserve(n + 2)
        let out = base + count
        out[0] = UInt8(ascii: "\"")
        (out + 1).update(from: source, count: n)
        out[n + 1] = UInt8(ascii: "\"")
        count = count + n + 2
    }

    /// A string value.
    public func stringValue(_ text: String) {
        var text = text
        text.withUTF8 { stringValue($0) }
    }

    /// Starts an array value: `[`.
    @inlinable @inline(__always)
    public func beginArray() { byte(UInt8(ascii: "[")) }

    /// Ends an array value: `]`.
    @inlinable @inline(__always)
    public func endArray() { byte(UInt8(ascii: "]")) }

    /// An array of strings.
    public func stringArray(_ items: [String]) {
        beginArray()
        for item in items {
            separator()
            stringValue(item)
        }
        endArray()
    }

    /// An array of strings given as byte ranges of one buffer (a tokenizer's output), written
    /// with one capacity check for the whole array; each string is copied as it is unless it
    /// holds a byte that needs escaping, and only that string goes through `writeEscaped`.
    @inlinable
    public func stringArray(bytes: UnsafeBufferPointer<UInt8>, ranges: UnsafeBufferPointer<Range<Int>>) {
        guard let source = bytes.baseAddress else { beginArray(); endArray(); return }
        let readable = source + bytes.count
        // Eight bytes of slack: `copyUnescaped` may write a whole word past a string's end.
        reserve(bytes.count + 3 * ranges.count + 2 + 8)
        var p = base + count
        p.pointee = UInt8(ascii: "["); p += 1
        var first = true
        for range in ranges {
            if !first { p.pointee = UInt8(ascii: ","); p += 1 }
            first = false
            let from = source + range.lowerBound
            let n = range.count
            p.pointee = UInt8(ascii: "\""); p += 1
            if !JSONString.copyUnescaped(from, n, readable: readable, to: p) {
                // Escaping can grow the output up to six times: finish this string the slow way.
                count = base.distance(to: p) - 1
                stringValue(UnsafeBufferPointer(start: from, count: n))
                reserve(bytes.count - range.upperBound + 3 * ranges.count + 2 + 8)
                p = base + count
                continue
            }
            p += n
            p.pointee = UInt8(ascii: "\""); p += 1
        }
        p.pointee = UInt8(ascii: "]"); p += 1
        count = base.distance(to: p)
    }

    /// An array of integers.
    @inlinable
    public func integerArray(_ items: [Int]) {
        beginArray()
        for item in items {
            separator()
            integerValue(item)
        }
        endArray()
    }

    /// An integer, in decimal.
    @inlinable
    public func integerValue(_ value: Int) {
        reserve(20)
        var v = value
        if v == 0 { base[count] = UInt8(ascii: "0"); count = count + 1; return }
        if v < 0 { base[count] = UInt8(ascii: "-"); count = count + 1 }
        var digits = 0
        var probe = v
        while probe != 0 { probe /= 10; digits += 1 }
        var position = count + digits - 1
        while v != 0 {
            let r = v % 10
            base[position] = UInt8(0x30 + (r < 0 ? -r : r))
            v /= 10
            position -= 1
        }
        count = count + digits
    }

    /// A number: the shortest text that reads back as the same Double, spelt as Python's `repr`
    /// (and so `json.dumps`) spells it (`JSONNumber`). NaN and infinities, which JSON cannot
    /// hold, are written as `null`.
    public func doubleValue(_ value: Double) {
        guard let number = JSONNumber(value) else { write("null"); return }
        write(number.text)
    }

    /// A boolean.
    public func boolValue(_ value: Bool) {
        write(value ? "true" : "false")
    }
}
