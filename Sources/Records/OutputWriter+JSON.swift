import JSONCore

/// Writing records: `beginRecord`, fields, `endRecord`. Keys are written as given (callers pass
/// plain names); values are escaped. Fields copied from the input keep their bytes exactly.
extension OutputWriter {
    /// Starts a record: `{`.
    @inline(__always)
    public func beginRecord() {
        buffer.append(UInt8(ascii: "{"))
    }

    /// Ends a record and its line: `}\n`.
    @inline(__always)
    public func endRecord() throws {
        if buffer.last == UInt8(ascii: ",") { buffer.removeLast() }
        buffer.append(UInt8(ascii: "}"))
        try endLine()
    }

    /// Writes `"key":` (with a comma before it when it is not the first field).
    @inline(__always)
    public func key(_ name: String) {
        if buffer.last != UInt8(ascii: "{") { buffer.append(UInt8(ascii: ",")) }
        var name = name
        name.withUTF8 { JSONString.appendEscaped(UnsafeRawBufferPointer($0), to: &buffer) }
        buffer.append(UInt8(ascii: ":"))
    }

    /// Copies the fields of the parsed record except those named in `excluding`, byte for byte.
    public func passThrough(_ record: RecordParser, excluding: [Int] = []) {
        for i in record.fields.indices where !excluding.contains(i) {
            if buffer.last != UInt8(ascii: "{") { buffer.append(UInt8(ascii: ",")) }
            let f = record.fields[i]
            // Key with its quotes, then ':' and the raw value.
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: record.line[f.keyStart - 1...f.keyEnd]))
            buffer.append(UInt8(ascii: ":"))
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: record.line[f.valueStart..<f.valueEnd]))
        }
    }

    /// A string value from UTF-8 bytes.
    @inline(__always)
    public func stringValue(_ utf8: UnsafeBufferPointer<UInt8>) {
        JSONString.appendEscaped(UnsafeRawBufferPointer(utf8), to: &buffer)
    }

    /// A string value.
    public func stringValue(_ text: String) {
        var text = text
        text.withUTF8 { JSONString.appendEscaped(UnsafeRawBufferPointer($0), to: &buffer) }
    }

    /// An array of strings.
    public func stringArray<S: Sequence>(_ items: S) where S.Element == String {
        buffer.append(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            stringValue(item)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    /// An array of integers.
    public func integerArray<S: Sequence>(_ items: S) where S.Element: BinaryInteger {
        buffer.append(UInt8(ascii: "["))
        var first = true
        for item in items {
            if !first { buffer.append(UInt8(ascii: ",")) }
            first = false
            integerValue(item)
        }
        buffer.append(UInt8(ascii: "]"))
    }

    /// An integer, in decimal.
    @inline(__always)
    public func integerValue<I: BinaryInteger>(_ value: I) {
        if value == 0 { buffer.append(UInt8(ascii: "0")); return }
        var v = Int64(value)
        if v < 0 { buffer.append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            while v != 0 {
                let r = v % 10
                d[count] = UInt8(0x30 + (r < 0 ? -r : r))
                v /= 10
                count += 1
            }
            while count > 0 { count -= 1; buffer.append(d[count]) }
        }
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
