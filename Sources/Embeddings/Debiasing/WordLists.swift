import JSONCore

/// Two words of a definitional or equalisation pair, in the order the list gives them.
public struct WordPair: Sendable, Hashable {
    public let first: String
    public let second: String

    public init(_ first: String, _ second: String) {
        self.first = first
        self.second = second
    }

    public var json: JSONValue { [.string(first), .string(second)] }
}

/// One WEAT test: target sets X and Y, attribute sets A and B (Caliskan et al. 2017).
public struct WEATTest: Sendable, Equatable {
    public let name: String?
    public let x: [String], y: [String], a: [String], b: [String]

    public init(name: String? = nil, x: [String], y: [String], a: [String], b: [String]) {
        self.name = name
        self.x = x
        self.y = y
        self.a = a
        self.b = b
    }
}

/// The JSON word lists `debias` reads, in the shapes of the debiaswe data files: a list of
/// words, a list of `[word, word]` pairs, and WEAT tests. Every failure is `.badData` (65)
/// naming the file, except a missing file (`.noInput`, 66).
public enum WordLists {
    /// A JSON list of words. An element may also be a list whose first element is the word (the
    /// shape of debiaswe's `professions.json`: `["accountant", 0.0, 0.4]`); the rest is ignored.
    public static func words(contentsOf path: String) throws -> [String] {
        try words(parsing: try document(path), name: path)
    }

    /// A JSON list of `[word, word]` pairs.
    public static func pairs(contentsOf path: String) throws -> [WordPair] {
        try pairs(parsing: try document(path), name: path)
    }

    /// WEAT tests: one JSON object `{"name": …, "X": […], "Y": […], "A": […], "B": […]}` (name
    /// optional) or a list of such objects.
    public static func weatTests(contentsOf path: String) throws -> [WEATTest] {
        try weatTests(parsing: try document(path), name: path)
    }

    static func document(_ path: String) throws -> JSONValue {
        let (bytes, count) = try FileContents.readWhole(path)
        do {
            return try JSONValue(parsing: bytes[0..<count])
        } catch let error as JSONError {
            throw EmbeddingsError.badData(path, error.description)
        }
    }

    static func words(parsing value: JSONValue, name: String) throws -> [String] {
        guard let elements = value.arrayValue else {
            throw EmbeddingsError.badData(name, "expected a JSON list of words")
        }
        return try elements.enumerated().map { i, element in
            if let word = element.stringValue { return word }
            if let word = element.arrayValue?.first?.stringValue { return word }
            throw EmbeddingsError.badData(name, "element \(i + 1) of the list is not a word (a string, or a list starting with one)")
        }
    }

    static func pairs(parsing value: JSONValue, name: String) throws -> [WordPair] {
        guard let elements = value.arrayValue else {
            throw EmbeddingsError.badData(name, "expected a JSON list of [word, word] pairs")
        }
        return try elements.enumerated().map { i, element in
            guard let two = element.arrayValue, two.count == 2, let first = two[0].stringValue,
                  let second = two[1].stringValue else {
                throw EmbeddingsError.badData(name, "element \(i + 1) of the list is not a pair of two words")
            }
            return WordPair(first, second)
        }
    }

    static func weatTests(parsing value: JSONValue, name: String) throws -> [WEATTest] {
        let objects = value.arrayValue ?? [value]
        guard !objects.isEmpty else { throw EmbeddingsError.badData(name, "no WEAT test in the list") }
        return try objects.enumerated().map { i, object in
            let which = objects.count > 1 ? "test \(i + 1): " : ""
            guard object.objectValue != nil else {
                throw EmbeddingsError.badData(name, "\(which)expected a JSON object with the word lists X, Y, A and B")
            }
            func list(_ key: String) throws -> [String] {
                guard let member = object[key] else {
                    throw EmbeddingsError.badData(name, "\(which)missing the word list \"\(key)\"")
                }
                guard let words = member.arrayValue?.compactMap(\.stringValue), words.count == member.arrayValue?.count else {
                    throw EmbeddingsError.badData(name, "\(which)\"\(key)\" is not a list of words")
                }
                return words
            }
            var testName: String? = nil
            if let member = object["name"] {
                guard let text = member.stringValue else { throw EmbeddingsError.badData(name, "\(which)\"name\" is not a string") }
                testName = text
            }
            return WEATTest(name: testName, x: try list("X"), y: try list("Y"), a: try list("A"), b: try list("B"))
        }
    }
}
