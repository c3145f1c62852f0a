/// A strict RFC 8259 parser over UTF-8 bytes.
///
/// Strict means: only `true false null`, numbers of the §6 grammar, strings with the §7 escapes
/// (surrogates paired) and well-formed UTF-8, whitespace of space/tab/LF/CR, no byte order mark,
/// no trailing commas, no comments, no duplicate keys in an object, nesting at most
/// `maximumDepth` arrays/objects deep. Errors are `JSONError` with the byte offset.
///
/// Use `JSONValue(parsing:)` for a whole document. A streaming reader can instead keep a parser on
/// its buffer and call `parseValue()`/`skipValue()` at a position.
public struct JSONParser {
    /// The default nesting limit: deep enough for any real record, shallow enough that the
    /// recursive descent stays far from the stack limit of a secondary thread.
    public static let defaultMaximumDepth = 512

    public let buffer: UnsafeRawBufferPointer
    public let maximumDepth: Int
    /// The offset of the next byte to read.
    public var position: Int

    /// A parser reading `buffer` from `position`. The buffer must outlive the parser.
    public init(_ buffer: UnsafeRawBufferPointer, position: Int = 0, maximumDepth: Int = JSONParser.defaultMaximumDepth) {
        self.buffer = buffer
        self.position = position
        self.maximumDepth = maximumDepth
    }

    /// Parses `buffer` as one complete JSON text: a value with optional surrounding whitespace and
    /// nothing else.
    public static func parseDocument(_ buffer: UnsafeRawBufferPointer,
                                     maximumDepth: Int = JSONParser.defaultMaximumDepth) throws -> JSONValue {
        var parser = JSONParser(buffer, maximumDepth: maximumDepth)
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if !parser.isAtEnd {
            throw JSONError(offset: parser.position, reason: "unexpected \(describeByte(parser.peek)) after the JSON value")
        }
        return value
    }

    /// Whether only the end of the buffer is left.
    public var isAtEnd: Bool { position >= buffer.count }

    /// The byte at `position` (0 at the end).
    @inline(__always)
    var peek: UInt8 { position < buffer.count ? buffer[position] : 0 }

    /// Moves past JSON whitespace (space, tab, line feed, carriage return).
    @inline(__always)
    public mutating func skipWhitespace() {
        while position < buffer.count {
            let b = buffer[position]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            position += 1
        }
    }

    /// Skips leading whitespace, parses one value and leaves `position` just after it.
    public mutating func parseValue() throws -> JSONValue {
        try parseValue(depth: 0)
    }

    /// Checks one value as `parseValue` would, without building it, and moves past it.
    public mutating func skipValue() throws {
        try skipValue(depth: 0)
    }

    private mutating func parseValue(depth: Int) throws -> JSONValue {
        skipWhitespace()
        guard position < buffer.count else { throw endError("a value") }
        switch buffer[position] {
        case 0x7B: return try parseObject(depth: depth + 1)
        case 0x5B: return try parseArray(depth: depth + 1)
        case 0x22: return .string(try parseString())
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        default: return .number(try parseNumber())
        }
    }

    private mutating func skipValue(depth: Int) throws {
        skipWhitespace()
        guard position < buffer.count else { throw endError("a value") }
        switch buffer[position] {
        case 0x7B:
            // Duplicate keys are checked only when building; skipping checks syntax and strings.
            try enter(depth + 1)
            position += 1
            skipWhitespace()
            if peek == 0x7D { position += 1; return }
            while true {
                skipWhitespace()
                guard peek == 0x22 else { throw expected("a string key") }
                try skipString()
                skipWhitespace()
                guard peek == 0x3A else { throw expected("':' after an object key") }
                position += 1
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if peek == 0x2C { position += 1; continue }
                if peek == 0x7D { position += 1; return }
                throw expected("',' or '}' in an object")
            }
        case 0x5B:
            try enter(depth + 1)
            position += 1
            skipWhitespace()
            if peek == 0x5D { position += 1; return }
            while true {
                try skipValue(depth: depth + 1)
                skipWhitespace()
                if peek == 0x2C { position += 1; continue }
                if peek == 0x5D { position += 1; return }
                throw expected("',' or ']' in an array")
            }
        case 0x22: try skipString()
        case 0x74: try literal("true")
        case 0x66: try literal("false")
        case 0x6E: try literal("null")
        default: _ = try numberLength()
        }
    }

    private func enter(_ depth: Int) throws {
        if depth > maximumDepth {
            throw JSONError(offset: position, reason: "nesting deeper than \(maximumDepth) levels")
        }
    }

    private mutating func parseObject(depth: Int) throws -> JSONValue {
        try enter(depth)
        position += 1
        var members: [(key: String, value: JSONValue)] = []
        var seen: Set<String>? = nil     // built once an object grows past a linear scan's worth
        skipWhitespace()
        if peek == 0x7D { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard peek == 0x22 else { throw expected("a string key") }
            let keyOffset = position
            let key = try parseString()
            let duplicate: Bool
            if seen != nil {
                duplicate = !seen!.insert(key).inserted
            } else {
                duplicate = members.contains { $0.key == key }
                if members.count >= 16 {
                    seen = Set(members.map(\.key))
                    seen!.insert(key)
                }
            }
            if duplicate {
                throw JSONError(offset: keyOffset, reason: "duplicate key \(quoted(key)) in an object")
            }
            skipWhitespace()
            guard peek == 0x3A else { throw expected("':' after an object key") }
            position += 1
            let value = try parseValue(depth: depth)
            members.append((key: key, value: value))
            skipWhitespace()
            if peek == 0x2C { position += 1; continue }
            if peek == 0x7D { position += 1; return .object(members) }
            throw expected("',' or '}' in an object")
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONValue {
        try enter(depth)
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek == 0x5D { position += 1; return .array(elements) }
        while true {
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            if peek == 0x2C { position += 1; continue }
            if peek == 0x5D { position += 1; return .array(elements) }
            throw expected("',' or ']' in an array")
        }
    }

    /// Parses the string whose opening quote is at `position` (an error if there is none).
    public mutating func parseString() throws -> String {
        guard peek == 0x22 else { throw expected("a string") }
        let start = position + 1
        guard let end = JSONString.endOfString(in: buffer, from: start) else {
            throw JSONError(offset: position, reason: "unterminated string")
        }
        let body = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
        do {
            let value = try JSONString.decode(body)
            position = end + 1
            return value
        } catch let error as JSONError {
            throw error.shifted(by: start)
        }
    }

    /// Checks the string whose opening quote is at `position` (an error if there is none) and
    /// moves past it.
    public mutating func skipString() throws {
        guard peek == 0x22 else { throw expected("a string") }
        let start = position + 1
        guard let end = JSONString.endOfString(in: buffer, from: start) else {
            throw JSONError(offset: position, reason: "unterminated string")
        }
        let body = UnsafeRawBufferPointer(rebasing: buffer[start..<end])
        do {
            try JSONString.validate(body)
        } catch let error as JSONError {
            throw error.shifted(by: start)
        }
        position = end + 1
    }

    private mutating func parseNumber() throws -> JSONNumber {
        let start = position
        let length = try numberLength()
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[start..<start + length]), as: UTF8.self)
        return JSONNumber(validatedText: text)
    }

    /// Moves past the number at `position` and returns its length.
    private mutating func numberLength() throws -> Int {
        let length = JSONNumber.grammarLength(buffer, from: position)
        if length == 0 { throw JSONError(offset: position, reason: "expected a value but found \(describeByte(peek))") }
        if length < 0 { throw JSONError(offset: position, reason: "malformed number") }
        position += length
        return length
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        let expected = UnsafeRawBufferPointer(start: word.utf8Start, count: n)
        guard position + n <= buffer.count,
              UnsafeRawBufferPointer(rebasing: buffer[position..<position + n]).elementsEqual(expected) else {
            throw JSONError(offset: position, reason: "expected a value but found \(describeByte(peek))")
        }
        position += n
    }

    private func expected(_ what: String) -> JSONError {
        if isAtEnd { return endError(what) }
        return JSONError(offset: position, reason: "expected \(what) but found \(describeByte(peek))")
    }

    private func endError(_ what: String) -> JSONError {
        JSONError(offset: position, reason: "unexpected end of input, expected \(what)")
    }

    private func quoted(_ key: String) -> String {
        var out: [UInt8] = []
        JSONString.appendEscaped(key, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

extension JSONValue {
    /// Parses a complete JSON text from UTF-8 bytes (see `JSONParser` for the rules).
    public init(parsing bytes: UnsafeRawBufferPointer, maximumDepth: Int = JSONParser.defaultMaximumDepth) throws {
        self = try JSONParser.parseDocument(bytes, maximumDepth: maximumDepth)
    }

    /// Parses a complete JSON text from UTF-8 bytes (see `JSONParser` for the rules).
    public init<Bytes: Collection<UInt8>>(parsing bytes: Bytes,
                                         maximumDepth: Int = JSONParser.defaultMaximumDepth) throws {
        if let value = try bytes.withContiguousStorageIfAvailable({
            try JSONParser.parseDocument(UnsafeRawBufferPointer($0), maximumDepth: maximumDepth)
        }) {
            self = value
        } else {
            let copy = Array(bytes)
            self = try copy.withUnsafeBytes { try JSONParser.parseDocument($0, maximumDepth: maximumDepth) }
        }
    }

    /// Parses a complete JSON text.
    public init(parsing text: String, maximumDepth: Int = JSONParser.defaultMaximumDepth) throws {
        var text = text
        self = try text.withUTF8 { try JSONParser.parseDocument(UnsafeRawBufferPointer($0), maximumDepth: maximumDepth) }
    }
}
