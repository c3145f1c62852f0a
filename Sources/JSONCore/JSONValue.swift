/// A JSON value (RFC 8259) that keeps what matters for a faithful round trip: numbers as their
/// exact text, object members in the order they were written.
///
/// Build values with literals (`let config: JSONValue = ["dim": 100, "lr": 0.025, "tags": ["a"]]`
/// keeps the keys in that order), parse them with `JSONValue(parsing:)`, and write them with
/// `serialized()`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    /// Members in their written order. Parsed objects never hold a key twice.
    case object([(key: String, value: JSONValue)])

    /// An integer number.
    public init<Integer: BinaryInteger>(_ value: Integer) {
        self = .number(JSONNumber(value))
    }

    /// A double, written shortest-round-trip (see `JSONNumber.init(_: Double)`); NaN and the
    /// infinities, which JSON cannot hold, become `null` (as JavaScript's `JSON.stringify` does).
    public init(_ value: Double) {
        self = JSONNumber(value).map(JSONValue.number) ?? .null
    }

    /// A float, written shortest-round-trip for `Float`; NaN and the infinities become `null`.
    public init(_ value: Float) {
        self = JSONNumber(value).map(JSONValue.number) ?? .null
    }

    /// A string.
    public init(_ value: String) {
        self = .string(value)
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }
}

// MARK: - Reading values

extension JSONValue {
    /// The member named `key` of an object (the first one, should a built value hold it twice);
    /// nil for a missing key or a value that is not an object. O(number of members).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The element at `index` of an array; nil when out of range or not an array.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var numberValue: JSONNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The number as an `Int`, when it is a number with an integer value that fits
    /// (see `JSONNumber.intValue`).
    public var intValue: Int? { numberValue?.intValue }

    /// The number as the nearest `Double`, when it is a number.
    public var doubleValue: Double? { numberValue?.doubleValue }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members of an object, in order.
    public var objectValue: [(key: String, value: JSONValue)]? {
        if case .object(let value) = self { return value }
        return nil
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral {
    public init(nilLiteral: ()) { self = .null }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(floatLiteral value: Double) { self.init(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Keys keep the order of the literal.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { (key: $0.0, value: $0.1) })
    }
}
