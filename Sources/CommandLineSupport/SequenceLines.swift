import Records

/// What one line or record of a sequence model's input is made of.
public enum SequenceUnit: Sendable {
    /// Words: a record's array of strings (or a string split on white space), a plain line split on white space.
    case words
    /// Characters (Unicode scalars): a record's string, or a plain line as it is (its newline not included).
    case characters
}

/// Reads the sequences of a language model's input, one per line or record, for `lm-train` and
/// `sample --score`.
public enum SequenceLines {
    /// The field read when none is given: `tokens` for words, `text` for characters.
    public static func defaultField(_ unit: SequenceUnit) -> String {
        unit == .words ? "tokens" : "text"
    }

    /// Calls `body` with the tokens of every line (plain text) or record (JSON Lines, field
    /// `field`), and the parsed record (nil for plain text) so a filter can pass its other fields
    /// through. Plain-text word lines with no token are skipped (they hold no sentence); a
    /// character line that is empty is an empty sequence. A record without the field, or with a
    /// field of the wrong type, is a bad-data error located at its line.
    public static func forEach(_ io: FilterIO, unit: SequenceUnit, field: String,
                               _ body: ([String], RecordParser?) throws -> Void) throws {
        let parser = RecordParser()
        let jsonLines = io.format == .jsonLines
        try io.forEachLine { line, _ in
            if jsonLines {
                try parser.parse(line)
                try body(try tokens(of: parser, unit: unit, field: field), parser)
            } else {
                let text = String(decoding: line, as: UTF8.self)
                switch unit {
                case .words:
                    let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\u{0B}" || $0 == "\u{0C}" }).map(String.init)
                    if !tokens.isEmpty { try body(tokens, nil) }
                case .characters:
                    try body(text.unicodeScalars.map { String($0) }, nil)
                }
            }
        }
    }

    /// The tokens of the parsed record's `field`: an array of strings or a string split on white
    /// space (words), or a string's Unicode scalars (characters). A missing or mistyped field is
    /// `RecordsError.invalidLine`.
    public static func tokens(of parser: RecordParser, unit: SequenceUnit, field: String) throws -> [String] {
        guard let i = parser.index(of: field) else { throw RecordsError.invalidLine("missing field '\(field)'") }
        var tokens: [String] = []
        switch (unit, parser.valueType(i)) {
        case (.words, .array):
            try parser.forEachStringBytes(i, field: field) { tokens.append(String(decoding: $0, as: UTF8.self)) }
        case (.words, .string):
            tokens = try parser.string(i, field: field).split(whereSeparator: { $0.isWhitespace }).map(String.init)
        case (.characters, .string):
            tokens = try parser.string(i, field: field).unicodeScalars.map { String($0) }
        default:
            throw RecordsError.invalidLine("field '\(field)' must be \(unit == .words ? "an array of strings or a string" : "a string")")
        }
        return tokens
    }
}
