/// An analogy test set in word2vec's `questions-words.txt` layout: sections introduced by
/// `: name` lines, then lines `A B C D` meaning A : B :: C : D.
///
/// Parsed as gensim 4.4's `evaluate_word_analogies` reads it with `case_insensitive=True`: the
/// file is split at `\n`; a line starting `: ` opens a section named by the rest with leading
/// `:`/space characters and surrounding whitespace removed; any other line must split on
/// whitespace into exactly four words or it is skipped as invalid; a question before the first
/// section header is an error. Words are kept as written; the evaluation upper-cases them the
/// way the counting it follows does.
public struct AnalogyQuestions: Sendable {
    public struct Question: Sendable, Equatable {
        public let a: String, b: String, c: String, expected: String
    }

    public struct Section: Sendable {
        public let name: String
        public var questions: [Question]
    }

    public private(set) var sections: [Section] = []
    /// Lines that are neither headers nor four-word questions (blank lines included).
    public private(set) var invalidLines = 0
    /// All questions, as gensim's `quadruplets_no` counts them.
    public var questionCount: Int { sections.reduce(0) { $0 + $1.questions.count } }

    /// Parses the UTF-8 text of a question file; `name` appears in error messages.
    public init(text bytes: [UInt8], name: String) throws {
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            let slice = bytes[start..<end]
            start = end + 1
            guard let line = String(validating: slice, as: UTF8.self) else {
                throw EmbeddingsError.badData(name, "line \(lineNumber): not valid UTF-8")
            }
            if line.hasPrefix(": ") {
                let trimmed = line.drop(while: { $0 == ":" || $0 == " " })
                sections.append(Section(name: String(trimmed).trimmingPythonWhitespace(), questions: []))
                continue
            }
            guard !sections.isEmpty else {
                throw EmbeddingsError.badData(name, "line \(lineNumber): a question before any ': section' header")
            }
            let words = line.split(whereSeparator: { $0.isPythonWhitespace })
            guard words.count == 4 else {
                invalidLines += 1
                continue
            }
            let w = words.map(String.init)
            sections[sections.count - 1].questions.append(Question(a: w[0], b: w[1], c: w[2], expected: w[3]))
        }
        if bytes.isEmpty || sections.isEmpty {
            throw EmbeddingsError.badData(name, "no analogy sections (expected ': name' header lines and 'A B C D' questions)")
        }
    }

    /// Reads and parses a question file.
    public init(contentsOf path: String) throws {
        let (bytes, count) = try FileContents.readWhole(path)
        try self.init(text: Array(bytes[0..<count]), name: path)
    }
}

extension Character {
    /// Python's `str.split()` separators: Unicode White_Space plus the information separators
    /// U+001C–U+001F.
    var isPythonWhitespace: Bool {
        if isWhitespace { return true }
        guard let scalar = unicodeScalars.first, unicodeScalars.count == 1 else { return false }
        return (0x1C...0x1F).contains(scalar.value)
    }
}

extension String {
    /// Python's `str.strip()`.
    func trimmingPythonWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isPythonWhitespace }),
              let last = lastIndex(where: { !$0.isPythonWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
