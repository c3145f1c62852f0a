extension JSONValue {
    /// Appends the compact JSON text of this value to `output`: no whitespace, object members in
    /// their stored order, strings escaped as `JSONString.appendEscaped` does (`/` and non-ASCII
    /// written as is), numbers as their exact text. For values built from literals and strings this
    /// is byte for byte Python's `json.dumps(v, ensure_ascii=False, separators=(",", ":"))`.
    ///
    /// Complexity: O(size of the output).
    public func serialize(into output: inout [UInt8]) {
        switch self {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let value):
            output.append(contentsOf: value ? "true".utf8 : "false".utf8)
        case .number(let number):
            output.append(contentsOf: number.text.utf8)
        case .string(let string):
            JSONString.appendEscaped(string, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.serialize(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONString.appendEscaped(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.serialize(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// The compact JSON text of this value as UTF-8 bytes (see `serialize(into:)`).
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        serialize(into: &output)
        return output
    }

    /// The compact JSON text of this value (see `serialize(into:)`).
    public var jsonText: String {
        String(decoding: serialized(), as: UTF8.self)
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text.
    public var description: String { jsonText }
}
